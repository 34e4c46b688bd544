import { useTranslation } from 'react-i18next';
import type { StakeholderRow } from './types';
import type { AllyPaths } from './useAllyPath';

interface AllyPathCardProps {
  stakeholders: readonly StakeholderRow[];
  result: AllyPaths | undefined;
  loading: boolean;
  failed: boolean;
  onClose: () => void;
}

/**
 * Beside the highlighted map, the chain in words: who introduces whom, up to each final
 * decision-maker — or, plainly, that there is no such chain yet, which is the next job.
 */
export function AllyPathCard({ stakeholders, result, loading, failed, onClose }: AllyPathCardProps) {
  const { t } = useTranslation();
  const byId = new Map(stakeholders.map((person) => [person.id, person]));
  const nameOf = (id: number) => byId.get(id)?.name ?? '—';
  const label = (id: number) => {
    const person = byId.get(id);
    return person?.title ? t('map.allyPath.person', { name: person.name, title: person.title }) : nameOf(id);
  };

  const lines: { key: string; text: string; missing: boolean }[] = [];
  for (const { toStakeholderId, steps } of result?.paths ?? []) {
    const text = steps.length === 1 ? t('map.allyPath.direct', { name: label(toStakeholderId) }) : t('map.allyPath.via', { chain: steps.map(label).join(' → ') });
    lines.push({ key: `path-${toStakeholderId}`, text, missing: false });
  }
  for (const id of result?.unreachable ?? []) lines.push({ key: `none-${id}`, text: t('map.allyPath.none', { name: nameOf(id) }), missing: true });

  return (
    <section className="card ally-path-card" aria-label={t('map.allyPath.button')} data-testid="ally-path">
      <div className="ally-path-head">
        <h2 className="card-title">{t('map.allyPath.button')}</h2>
        <button type="button" className="btn btn-ghost btn-icon" onClick={onClose} aria-label={t('action.close')}>
          ×
        </button>
      </div>
      <div role="status">
        {loading && <p className="muted">{t('map.allyPath.loading')}</p>}
        {failed && <p className="form-error">{t('map.allyPath.failed')}</p>}
        {result && lines.length === 0 && <p className="ally-path-line missing">{t('map.allyPath.noDecisionMaker')}</p>}
        {lines.length > 0 && (
          <ul className="ally-path-lines">
            {lines.map((line) => (
              <li key={line.key} className={`ally-path-line${line.missing ? ' missing' : ''}`} data-testid="ally-path-line">
                {line.text}
              </li>
            ))}
          </ul>
        )}
      </div>
      {result && <p className="ally-path-hint">{t('map.allyPath.hint')}</p>}
    </section>
  );
}
