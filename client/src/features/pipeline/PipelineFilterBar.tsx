import { useTranslation } from 'react-i18next';
import { ACCOUNT_TIERS, DEAL_STATUSES, HEALTH_ATTENTION_ORDER, HEALTH_STATUSES, STAGES } from '../../../../shared/domain';
import { OwnerFilter } from '../../components/OwnerFilter';
import { SearchField } from '../../components/paging/SearchField';
import { TeamFilter } from '../../components/paging/TeamFilter';
import type { PipelineFilters, PipelineParam } from './usePipelineFilters';

/** Worst first: critical, at risk, not yet due, on track, then closed deals. */
const HEALTH_BY_ATTENTION = [...HEALTH_STATUSES].sort((a, b) => HEALTH_ATTENTION_ORDER[a] - HEALTH_ATTENTION_ORDER[b]);

/** The pipeline's search and filters; every one is a URL parameter the server filters by. */
export function PipelineFilterBar({ filters, set }: { filters: PipelineFilters; set: (key: PipelineParam, value: string | undefined) => void }) {
  const { t } = useTranslation();
  return (
    <div className="filters" role="group" aria-label={t('pipeline.filters')}>
      <SearchField label={t('pipeline.search')} value={filters.q} onChange={(q) => set('q', q)} />
      <label className="inline-field">
        <span>{t('pipeline.filterStatus')}</span>
        <select value={filters.status ?? ''} onChange={(e) => set('status', e.target.value || undefined)} data-testid="filter-status">
          <option value="">{t('pipeline.all')}</option>
          {DEAL_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`dealStatus.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="inline-field">
        <span>{t('pipeline.filterStage')}</span>
        <select value={filters.stage ?? ''} onChange={(e) => set('stage', e.target.value || undefined)} data-testid="filter-stage">
          <option value="">{t('pipeline.all')}</option>
          {STAGES.map((s) => (
            <option key={s} value={s}>
              {t(`stage.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <TeamFilter value={filters.teamId} allLabel={t('pipeline.all')} onChange={(teamId) => set('team', teamId?.toString())} />
      <OwnerFilter label={t('pipeline.filterOwner')} allLabel={t('pipeline.all')} value={filters.ownerId} onChange={(ownerId) => set('owner', ownerId?.toString())} />
      <label className="inline-field">
        <span>{t('pipeline.filterTier')}</span>
        <select value={filters.tier ?? ''} onChange={(e) => set('tier', e.target.value || undefined)} data-testid="filter-tier">
          <option value="">{t('pipeline.all')}</option>
          {ACCOUNT_TIERS.map((tier) => (
            <option key={tier} value={tier}>
              {tier} · {t(`tier.${tier}.name`)}
            </option>
          ))}
        </select>
      </label>
      <label className="inline-field">
        <span>{t('pipeline.filterHealth')}</span>
        <select value={filters.health ?? ''} onChange={(e) => set('health', e.target.value || undefined)} data-testid="filter-health">
          <option value="">{t('pipeline.all')}</option>
          {HEALTH_BY_ATTENTION.map((status) => (
            <option key={status} value={status}>
              {t(`scoring:status.${status}`)}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
