import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ACTIVITY_KINDS, type ActivityKind } from '../../../../shared/domain';
import { LIMITS } from '../../../../shared/schemas/limits';
import { EnumSelect } from '../../components/EnumSelect';
import { Empty, ErrorState, Loading } from '../../components/States';
import { useConfirm } from '../../components/ConfirmDialog';
import { errorFields, useErrorText } from '../../lib/fieldErrors';
import { useFormat } from '../../lib/format';
import { useTRPC } from '../../lib/trpc';
import { useCurrentUser } from '../auth/useCurrentUser';
import { useDealRoomData } from '../deal-room/useDealRoom';

// Plain text glyphs (present in every system font), so the timeline renders the same everywhere.
const ICON: Record<ActivityKind, string> = {
  meeting: '◎',
  call: '☎',
  email: '✉',
  visit: '⌂',
  demo: '▶',
  executive_meeting: '★',
  note: '✎',
};

/** Local date-time for <input type="datetime-local">, now by default. */
function localNow(): string {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

export default function ActivityTab() {
  const { t } = useTranslation();
  const [confirm, confirmDialog] = useConfirm();
  const trpc = useTRPC();
  const room = useDealRoomData();
  const dealId = room.deal.id;
  const list = useQuery(trpc.activity.list.queryOptions({ dealId }));
  const format = useFormat();
  const me = useCurrentUser();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const nameOf = new Map(room.stakeholders.map((s) => [s.id, s.name]));
  const invalidate = async () => {
    await Promise.all([
      queryClient.invalidateQueries(trpc.activity.list.queryFilter({ dealId })),
      queryClient.invalidateQueries(trpc.deal.get.queryFilter({ id: dealId })),
      queryClient.invalidateQueries(trpc.deal.list.pathFilter()),
    ]);
  };
  const remove = useMutation(trpc.activity.remove.mutationOptions({ onSuccess: invalidate }));

  return (
    <div className="activity-layout">
      <QuickLog dealId={dealId} stakeholders={room.stakeholders} onLogged={invalidate} />
      <section className="card timeline-card" aria-label={t('activity.timeline')}>
        <h2 className="card-title">{t('activity.timeline')}</h2>
        {list.isPending ? (
          <Loading />
        ) : list.isError ? (
          <ErrorState error={list.error} onRetry={() => void list.refetch()} />
        ) : list.data.length === 0 ? (
          <Empty title={t('activity.emptyTitle')}>
            <p>{t('activity.emptyBody')}</p>
          </Empty>
        ) : (
          <ol className="timeline" data-testid="activity-timeline">
            {list.data.map((activity) => (
              <li key={activity.id} className={`kind-${activity.kind}`}>
                <span className="timeline-icon" aria-hidden="true">
                  {ICON[activity.kind]}
                </span>
                <div className="timeline-body">
                  <div className="timeline-head">
                    <strong>{t(`activityKind.${activity.kind}`)}</strong>
                    <span className="muted small">
                      {format.date(activity.occurredAt)} · {activity.createdByName}
                    </span>
                    {activity.createdBy === me.id && (
                      <button type="button" className="btn btn-ghost btn-icon" aria-label={t('action.removeItem', { item: t(`activityKind.${activity.kind}`) })} onClick={() => void confirm({ title: t('action.removeItem', { item: t(`activityKind.${activity.kind}`) }), message: t('activity.confirmRemove'), confirmLabel: t('action.remove') }).then((yes) => yes && remove.mutate({ id: activity.id }))}>
                        ×
                      </button>
                    )}
                  </div>
                  <p>{activity.summary}</p>
                  {activity.stakeholderIds.length > 0 && (
                    <div className="chips">
                      {activity.stakeholderIds.map((id) => (
                        <span key={id} className="chip static">
                          {nameOf.get(id) ?? t('activity.removedPerson')}
                        </span>
                      ))}
                    </div>
                  )}
                </div>
              </li>
            ))}
          </ol>
        )}
        {remove.error && <p className="form-error">{errorText(remove.error)}</p>}
      </section>
      {confirmDialog}
    </div>
  );
}

function QuickLog({ dealId, stakeholders, onLogged }: { dealId: number; stakeholders: { id: number; name: string; title: string | null }[]; onLogged: () => Promise<void> }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const errorText = useErrorText();
  const [kind, setKind] = useState<ActivityKind>('meeting');
  const [occurredAt, setOccurredAt] = useState(localNow);
  const [summary, setSummary] = useState('');
  const [people, setPeople] = useState<number[]>([]);
  const log = useMutation(
    trpc.activity.log.mutationOptions({
      onSuccess: async () => {
        setSummary('');
        setPeople([]);
        setOccurredAt(localNow());
        await onLogged();
      },
    }),
  );
  const bad = new Set(errorFields(log.error));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    log.mutate({ dealId, kind, occurredAt: new Date(occurredAt).toISOString(), stakeholderIds: people, summary });
  };
  return (
    <form className="card quick-log" onSubmit={submit} aria-label={t('activity.logTitle')}>
      <h2 className="card-title">{t('activity.logTitle')}</h2>
      <label className="field">
        <span>{t('activity.kind')}</span>
        <EnumSelect values={ACTIVITY_KINDS} value={kind} onChange={setKind} label={(k) => t(`activityKind.${k}`)} />
      </label>
      <label className={`field ${bad.has('occurredAt') ? 'invalid' : ''}`}>
        <span>{t('activity.when')}</span>
        <input type="datetime-local" value={occurredAt} max={localNow()} onChange={(e) => setOccurredAt(e.target.value)} required />
      </label>
      <fieldset className={`field ${bad.has('stakeholderIds') ? 'invalid' : ''}`}>
        <legend>{t('activity.who')}</legend>
        <div className="chips" role="group">
          {stakeholders.map((s) => {
            const on = people.includes(s.id);
            return (
              <label key={s.id} className={on ? 'chip on' : 'chip'} title={s.title ?? undefined}>
                <input type="checkbox" checked={on} onChange={() => setPeople(on ? people.filter((id) => id !== s.id) : [...people, s.id])} />
                {s.name}
              </label>
            );
          })}
          {stakeholders.length === 0 && <span className="muted small">{t('competitors.noStakeholders')}</span>}
        </div>
      </fieldset>
      <label className={`field ${bad.has('summary') ? 'invalid' : ''}`}>
        <span>{t('activity.summary')}</span>
        <textarea rows={4} maxLength={LIMITS.note} value={summary} onChange={(e) => setSummary(e.target.value)} placeholder={t('activity.summaryPlaceholder')} required />
      </label>
      {log.error && <p className="form-error">{errorText(log.error)}</p>}
      <button type="submit" className="btn btn-primary" disabled={!summary.trim() || log.isPending}>
        {t('activity.log')}
      </button>
    </form>
  );
}
