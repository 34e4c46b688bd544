import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../lib/trpc';
import { useCurrentUser } from '../features/auth/useCurrentUser';

interface Props {
  label: string;
  /** The "everyone" option, in the page's own words. */
  allLabel: string;
  value: number | undefined;
  onChange: (ownerId: number | undefined) => void;
}

/**
 * Filter by deal owner, for managers and admins. A rep sees only their own deals
 * (and those they were added to), so for them there is nothing to choose.
 */
export function OwnerFilter({ label, allLabel, value, onChange }: Props) {
  const trpc = useTRPC();
  const user = useCurrentUser();
  const users = useQuery({ ...trpc.user.list.queryOptions(), enabled: user.role !== 'rep' });
  if (user.role === 'rep') return null;
  return (
    <label className="inline-field">
      <span>{label}</span>
      <select value={value ?? ''} onChange={(event) => onChange(event.target.value ? Number(event.target.value) : undefined)}>
        <option value="">{allLabel}</option>
        {users.data?.map((u) => (
          <option key={u.id} value={u.id}>
            {u.name}
          </option>
        ))}
      </select>
    </label>
  );
}
