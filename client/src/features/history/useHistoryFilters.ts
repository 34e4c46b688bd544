import { useSearchParams } from 'wouter';
import { HISTORY_KIND_GROUP_NAMES, type HistoryKindGroup } from '../../../../shared/history';

export interface HistoryFilters {
  kind?: HistoryKindGroup;
  actorId?: number;
  stakeholderId?: number;
}

const positiveInt = (value: string | null) => {
  const n = Number(value);
  return value !== null && Number.isSafeInteger(n) && n > 0 ? n : undefined;
};

/** Filters live in the URL (?kind=&actor=&person=), so a filtered history is a link to share; junk in the URL is ignored. */
export function useHistoryFilters() {
  const [params, setParams] = useSearchParams();
  const kind = params.get('kind');
  const filters: HistoryFilters = {
    kind: HISTORY_KIND_GROUP_NAMES.find((group) => group === kind),
    actorId: positiveInt(params.get('actor')),
    stakeholderId: positiveInt(params.get('person')),
  };
  const set = (key: 'kind' | 'actor' | 'person', value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const clear = () => {
    const next = new URLSearchParams(params);
    for (const key of ['kind', 'actor', 'person']) next.delete(key);
    setParams(next, { replace: true });
  };
  const active = filters.kind !== undefined || filters.actorId !== undefined || filters.stakeholderId !== undefined;
  return { filters, set, clear, active };
}
