import { useTranslation } from 'react-i18next';
import { ACCOUNT_TIERS, DEAL_STATUSES, HEALTH_ATTENTION_ORDER, HEALTH_STATUSES, STAGES } from '../../../../shared/domain';
import { OwnerFilter } from '../../components/OwnerFilter';
import { FilterSelect } from '../../components/paging/FilterSelect';
import { SearchField } from '../../components/paging/SearchField';
import { TeamFilter } from '../../components/paging/TeamFilter';
import { STATUS_ALL, type PipelineFilters, type PipelineParam } from './usePipelineFilters';

/** Worst first: critical, at risk, not yet due, on track, then closed deals. */
const HEALTH_BY_ATTENTION = [...HEALTH_STATUSES].sort((a, b) => HEALTH_ATTENTION_ORDER[a] - HEALTH_ATTENTION_ORDER[b]);

/** The pipeline's search and filters; every one is a URL parameter the server filters by. */
export function PipelineFilterBar({ filters, set }: { filters: PipelineFilters; set: (key: PipelineParam, value: string | undefined) => void }) {
  const { t } = useTranslation();
  const all = t('pipeline.all');
  return (
    <div className="filters" role="group" aria-label={t('pipeline.filters')}>
      <SearchField label={t('pipeline.search')} value={filters.q} onChange={(q) => set('q', q)} />
      <FilterSelect label={t('pipeline.filterStatus')} allLabel={all} value={filters.status} options={DEAL_STATUSES} optionLabel={(s) => t(`dealStatus.${s}`)} onChange={(v) => set('status', v ?? STATUS_ALL)} testId="filter-status" />
      <FilterSelect label={t('pipeline.filterStage')} allLabel={all} value={filters.stage} options={STAGES} optionLabel={(s) => t(`stage.${s}`)} onChange={(v) => set('stage', v)} testId="filter-stage" />
      <TeamFilter value={filters.teamId} allLabel={all} onChange={(teamId) => set('team', teamId?.toString())} />
      <OwnerFilter label={t('pipeline.filterOwner')} allLabel={all} value={filters.ownerId} onChange={(ownerId) => set('owner', ownerId?.toString())} />
      <FilterSelect label={t('pipeline.filterTier')} allLabel={all} value={filters.tier} options={ACCOUNT_TIERS} optionLabel={(tier) => `${tier} · ${t(`tier.${tier}.name`)}`} onChange={(v) => set('tier', v)} testId="filter-tier" />
      <FilterSelect label={t('pipeline.filterHealth')} allLabel={all} value={filters.health} options={HEALTH_BY_ATTENTION} optionLabel={(status) => t(`scoring:status.${status}`)} onChange={(v) => set('health', v)} testId="filter-health" />
    </div>
  );
}
