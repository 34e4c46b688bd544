import { useQuery } from '@tanstack/react-query';
import type { SelectHTMLAttributes } from 'react';
import { useTRPC } from '../lib/trpc';

type Props = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'onChange'> & {
  /** The chosen user's id as the select holds it; '' for the "everyone" option. */
  value: string;
  onChange: (userId: string) => void;
  /** An "everyone" option first, for filters; forms leave it out. */
  allLabel?: string;
};

/**
 * A select of the team's people, for a deal's owner. Render it for managers and admins
 * only: a rep owns their own deals, and the team list is not theirs to load.
 */
export function OwnerSelect({ value, onChange, allLabel, ...rest }: Props) {
  const trpc = useTRPC();
  const users = useQuery(trpc.user.list.queryOptions());
  return (
    <select {...rest} value={value} onChange={(event) => onChange(event.target.value)}>
      {allLabel !== undefined && <option value="">{allLabel}</option>}
      {users.data?.map((u) => (
        <option key={u.id} value={u.id}>
          {u.name}
        </option>
      ))}
    </select>
  );
}
