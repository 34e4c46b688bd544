import { useMutation } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { INFO_POINT_STATUSES, type InfoPointStatus } from '../../../../shared/domain';
import { confirmationAgeDays, isStaleConfirmation } from '../../../../shared/scoring';
import { LIMITS } from '../../../../shared/schemas/limits';
import { useErrorText } from '../../lib/fieldErrors';
import { todayIso, useFormat } from '../../lib/format';
import { conflictCurrent, useTRPC } from '../../lib/trpc';
import { useNow } from '../../lib/useNow';
import type { DealRoomData } from '../deal-room/useDealRoom';
import { useInvalidateDeal } from './useDealMutation';

type InfoPoint = DealRoomData['infoPoints'][number];
type Stakeholder = DealRoomData['stakeholders'][number];

interface Draft {
  status: InfoPointStatus;
  summary: string;
  sourceStakeholderId: string;
  /** Saving what we just checked with the customer dates the point today. */
  verifiedToday: boolean;
}
const toDraft = (p: InfoPoint): Draft => ({
  status: p.status,
  summary: p.summary,
  sourceStakeholderId: p.sourceStakeholderId ? String(p.sourceStakeholderId) : '',
  verifiedToday: true,
});

interface InfoPointCardProps {
  point: InfoPoint;
  dealId: number;
  stakeholders: Stakeholder[];
  /** The team's settings deal.get scored the deal with: the card turns stale exactly when the threshold stops counting the point. */
  settings: DealRoomData['settings'];
  children?: ReactNode;
}

export function InfoPointCard({ point, dealId, stakeholders, settings, children }: InfoPointCardProps) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const format = useFormat();
  const errorText = useErrorText();
  const invalidate = useInvalidateDeal(dealId);
  const now = useNow();
  const [draft, setDraft] = useState<Draft>(() => toDraft(point));
  const [version, setVersion] = useState(point.version);
  const [conflict, setConflict] = useState<InfoPoint | null>(null);
  const [editing, setEditing] = useState(false);
  // When the server copy moves on (our save or someone else's), follow it unless the user is mid-edit.
  const [seen, setSeen] = useState(point.version);
  if (point.version !== seen) {
    setSeen(point.version);
    if (!editing) {
      setDraft(toDraft(point));
      setVersion(point.version);
    }
  }
  const update = useMutation(
    trpc.infoPoint.update.mutationOptions({
      onSuccess: async (saved) => {
        setVersion(saved.version);
        setConflict(null);
        // Closed once the room has the saved point: closing first showed the old text until the refetch landed.
        await invalidate();
        setEditing(false);
      },
      onError: (error) => {
        const current = conflictCurrent<InfoPoint>(error);
        if (current) {
          setConflict(current);
          setVersion(current.version);
          void invalidate();
        }
      },
    }),
  );
  const dirty = draft.status !== point.status || draft.summary !== point.summary || draft.sourceStakeholderId !== (point.sourceStakeholderId ? String(point.sourceStakeholderId) : '');
  const save = () =>
    update.mutate({
      dealId,
      point: point.point,
      version,
      status: draft.status,
      summary: draft.summary,
      sourceStakeholderId: draft.sourceStakeholderId ? Number(draft.sourceStakeholderId) : null,
      ...(draft.verifiedToday && draft.status !== 'unknown' ? { verifiedAt: todayIso() } : {}),
    });
  const verifyNow = () => update.mutate({ dealId, point: point.point, version, verifiedAt: todayIso() });
  const source = stakeholders.find((s) => s.id === point.sourceStakeholderId);
  // The shared rule with the team's staleDays, in calendar days: the card and the information threshold never disagree.
  const stale = isStaleConfirmation(point, settings, new Date(now));
  const ageDays = confirmationAgeDays(point, new Date(now));
  const label = t(`infoPoint.${point.point}.label`);

  return (
    <article className={`card point-card status-${point.status}${stale ? ' stale' : ''}`} data-testid={`info-point-${point.point}`} aria-labelledby={`point-${point.point}-title`}>
      <header className="point-head">
        <span className="point-number" aria-hidden="true">
          {point.point}
        </span>
        <h3 id={`point-${point.point}-title`}>{label}</h3>
        <span className={`pill pill-${point.status}`} data-testid="point-status">
          {t(`infoStatus.${point.status}`)}
        </span>
      </header>
      <p className="point-hint">{t(`infoPoint.${point.point}.hint`)}</p>

      {editing ? (
        <div className="point-edit">
          <fieldset className="segmented" aria-label={t('infoPoints.status')}>
            {INFO_POINT_STATUSES.map((status) => (
              <label key={status} className={draft.status === status ? 'on' : undefined}>
                <input type="radio" name={`status-${point.point}`} value={status} checked={draft.status === status} onChange={() => setDraft({ ...draft, status })} />
                {t(`infoStatus.${status}`)}
              </label>
            ))}
          </fieldset>
          <label className="field">
            <span>{t('infoPoints.summary')}</span>
            <textarea rows={4} maxLength={LIMITS.note} value={draft.summary} onChange={(e) => setDraft({ ...draft, summary: e.target.value })} placeholder={t('infoPoints.summaryPlaceholder')} />
          </label>
          <label className="field">
            <span>{t('infoPoints.source')}</span>
            <select value={draft.sourceStakeholderId} onChange={(e) => setDraft({ ...draft, sourceStakeholderId: e.target.value })}>
              <option value="">{t('infoPoints.noSource')}</option>
              {stakeholders.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                  {s.isCoach ? ` · ${t('stakeholder.coach')}` : ''}
                </option>
              ))}
            </select>
          </label>
          {draft.status !== 'unknown' && (
            <label className="check small">
              <input type="checkbox" checked={draft.verifiedToday} onChange={(e) => setDraft({ ...draft, verifiedToday: e.target.checked })} />
              {t('infoPoints.verifiedToday')}
            </label>
          )}
          {conflict && (
            <div className="conflict" role="alert">
              <strong>{t('conflict.pointTitle')}</strong>
              <p>
                {t('conflict.theirStatus', { status: t(`infoStatus.${conflict.status}`) })}
                {conflict.summary ? ` — “${conflict.summary}”` : ''}
              </p>
              <p>{t('conflict.keepTyping')}</p>
            </div>
          )}
          {update.error && !conflict && <p className="form-error">{errorText(update.error)}</p>}
          <div className="form-actions">
            <button type="button" className="btn btn-small" onClick={() => { setEditing(false); setDraft(toDraft(point)); setConflict(null); update.reset(); }}>
              {t('action.cancel')}
            </button>
            <button type="button" className="btn btn-primary btn-small" onClick={save} disabled={(!dirty && !conflict) || update.isPending}>
              {conflict ? t('conflict.saveMine') : t('action.save')}
            </button>
          </div>
        </div>
      ) : (
        <div className="point-body">
          {point.summary ? <p className="point-summary">{point.summary}</p> : <p className="point-summary empty">{t('infoPoints.noSummary')}</p>}
          <dl className="point-meta">
            <div>
              <dt>{t('infoPoints.source')}</dt>
              <dd>{source ? <>{source.name}{source.isCoach && <span className="badge coach">{t('stakeholder.coach')}</span>}</> : '—'}</dd>
            </div>
            <div>
              <dt>{t('infoPoints.verified')}</dt>
              <dd className={stale ? 'stale-text' : undefined}>
                {point.verifiedAt ? format.date(point.verifiedAt) : t('infoPoints.never')}
                {stale && ` · ${t('infoPoints.stale', { days: ageDays })}`}
              </dd>
            </div>
          </dl>
          <div className="point-actions">
            <button type="button" className="btn btn-small" onClick={() => setEditing(true)}>
              {t('action.edit')}
            </button>
            <button type="button" className="btn btn-small btn-ghost" onClick={verifyNow} disabled={update.isPending || point.status === 'unknown'} title={t('infoPoints.verifyHint')}>
              {t('infoPoints.verifyNow')}
            </button>
          </div>
          {update.error && <p className="form-error">{errorText(update.error)}</p>}
        </div>
      )}
      {children}
    </article>
  );
}
