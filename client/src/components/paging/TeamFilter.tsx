import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../../lib/trpc';

interface Props {
  value: number | undefined;
  onChange: (teamId: number | undefined) => void;
  allLabel: string;
}

/** Filter by team (SPEC §13), shown only to someone who sees more than one team: a manager of several, or an admin. */
export function TeamFilter({ value, onChange, allLabel }: Props) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const teams = useQuery(trpc.team.list.queryOptions());
  if (!teams.data || teams.data.length < 2) return null;
  return (
    <label className="inline-field">
      <span>{t('paging.team')}</span>
      <select value={value ?? ''} onChange={(e) => onChange(e.target.value ? Number(e.target.value) : undefined)} data-testid="filter-team">
        <option value="">{allLabel}</option>
        {teams.data.map((team) => (
          <option key={team.id} value={team.id}>
            {team.name}
          </option>
        ))}
      </select>
    </label>
  );
}
