import { useCurrentUser } from '../features/auth/useCurrentUser';
import { OwnerSelect } from './OwnerSelect';

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
  const user = useCurrentUser();
  if (user.role === 'rep') return null;
  return (
    <label className="inline-field">
      <span>{label}</span>
      <OwnerSelect value={value === undefined ? '' : String(value)} allLabel={allLabel} onChange={(userId) => onChange(userId ? Number(userId) : undefined)} />
    </label>
  );
}
