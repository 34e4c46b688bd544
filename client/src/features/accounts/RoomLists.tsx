import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ACTIVITY_KINDS, CURRENCIES, type ActivityKind, type Currency } from '../../../../shared/domain';
import { COMPLAINT_SEVERITIES, type ComplaintSeverity } from '../../../../shared/accounts';
import { TierBadge } from '../../components/Badges';
import { EnumSelect } from '../../components/EnumSelect';
import { errorFields, useErrorText } from '../../lib/fieldErrors';
import { todayIso, useFormat } from '../../lib/format';
import { conflictCurrent, useTRPC } from '../../lib/trpc';
import type { RoomComplaint, RoomData } from './roomTypes';

function useInvalidateAccount(id: number) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => Promise.all([queryClient.invalidateQueries(trpc.account.get.queryFilter({ id })), queryClient.invalidateQueries(trpc.account.list.pathFilter()), queryClient.invalidateQueries(trpc.account.portfolio.pathFilter()), queryClient.invalidateQueries(trpc.account.history.pathFilter())]);
}

/** A date from a date input as the moment the server takes (noon UTC, so no time zone moves it a day). */
const dayToMoment = (day: string) => `${day}T12:00:00.000Z`;

/** The checklist of the current phase: the key-account manager ticks what is in place. */
export function PracticesCard({ room }: { room: RoomData }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const format = useFormat();
  const errorText = useErrorText();
  const invalidate = useInvalidateAccount(room.account.id);
  const practice = useMutation(trpc.account.practice.mutationOptions({ onSuccess: invalidate }));
  const phase = room.account.phase;
  const items = room.phase.practices.filter((item) => item.phase === phase);
  const done = items.filter((item) => item.done).length;
  return (
    <section className="card room-card" aria-labelledby="practices-title" data-testid="practices">
      <div className="room-card-head">
        <h2 className="card-title" id="practices-title">
          {t('accountRoom.practices')}
        </h2>
        <span className="muted small">
          {done} / {items.length}
        </span>
      </div>
      <p className="muted small">{t(`accountPhaseHint.${phase}`)}</p>
      {items.length === 0 ? (
        <p className="muted small">{t('accountRoom.noPractices')}</p>
      ) : (
        <ul className="practice-list">
          {items.map((item) => (
            <li key={item.practice} className={item.done ? 'done' : undefined}>
              <label className="check">
                <input
                  type="checkbox"
                  // Ticked at once; the server's answer then confirms it (or the error below says why not).
                  checked={practice.isPending && practice.variables.practice === item.practice ? practice.variables.done : item.done}
                  disabled={!room.canEdit || practice.isPending}
                  onChange={(e) => practice.mutate({ accountId: room.account.id, practice: item.practice, done: e.target.checked })}
                  data-practice={item.practice}
                />
                <span>
                  {t(`accountPractice.${item.practice}`)}
                  {item.done && item.doneAt && (
                    <span className="muted small practice-by">
                      {' '}
                      · {item.doneByName ?? ''} {format.date(item.doneAt)}
                    </span>
                  )}
                </span>
              </label>
            </li>
          ))}
        </ul>
      )}
      {practice.error && (
        <p className="form-error" role="alert">
          {errorText(practice.error)}
        </p>
      )}
    </section>
  );
}

export function ComplaintsCard({ room }: { room: RoomData }) {
  const { t } = useTranslation();
  const [adding, setAdding] = useState(false);
  const open = room.complaints.filter((complaint) => complaint.resolvedAt === null);
  const closed = room.complaints.filter((complaint) => complaint.resolvedAt !== null);
  return (
    <section className="card room-card" aria-labelledby="complaints-title" data-testid="complaints">
      <div className="room-card-head">
        <h2 className="card-title" id="complaints-title">
          {t('accountRoom.complaints')}
        </h2>
        <div className="room-card-actions">
          {!adding && (
            <button type="button" className="btn btn-small" onClick={() => setAdding(true)} data-testid="add-complaint">
              {t('accountRoom.addComplaint')}
            </button>
          )}
        </div>
      </div>
      {adding && <ComplaintForm accountId={room.account.id} onDone={() => setAdding(false)} />}
      {room.complaints.length === 0 && !adding && <p className="muted small">{t('accountRoom.noComplaints')}</p>}
      <ul className="complaint-list">
        {[...open, ...closed].map((complaint) => (
          <ComplaintItem key={complaint.id} accountId={room.account.id} complaint={complaint} />
        ))}
      </ul>
    </section>
  );
}

function ComplaintForm({ accountId, onDone }: { accountId: number; onDone: () => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const errorText = useErrorText();
  const invalidate = useInvalidateAccount(accountId);
  const [summary, setSummary] = useState('');
  const [severity, setSeverity] = useState<ComplaintSeverity>('medium');
  const [openedAt, setOpenedAt] = useState(todayIso());
  const add = useMutation(
    trpc.complaint.add.mutationOptions({
      onSuccess: async () => {
        await invalidate();
        onDone();
      },
    }),
  );
  const bad = new Set(errorFields(add.error));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    // Today means now: the server refuses a moment in the future, and noon UTC may still be ahead.
    add.mutate({ accountId, summary: summary.trim(), severity, openedAt: openedAt === todayIso() ? new Date().toISOString() : dayToMoment(openedAt) });
  };
  return (
    <form className="room-form" onSubmit={submit} noValidate data-testid="complaint-form">
      <label className={`field ${bad.has('summary') ? 'invalid' : ''}`}>
        <span>{t('accountRoom.complaintSummary')}</span>
        <textarea rows={2} value={summary} onChange={(e) => setSummary(e.target.value)} required />
      </label>
      <div className="form-grid">
        <label className={`field ${bad.has('severity') ? 'invalid' : ''}`}>
          <span>{t('accountRoom.severity')}</span>
          <EnumSelect values={COMPLAINT_SEVERITIES} value={severity} onChange={setSeverity} label={(value) => t(`complaintSeverity.${value}`)} />
        </label>
        <label className={`field ${bad.has('openedAt') ? 'invalid' : ''}`}>
          <span>{t('accountRoom.openedAt')}</span>
          <input type="date" value={openedAt} max={todayIso()} onChange={(e) => setOpenedAt(e.target.value)} />
        </label>
      </div>
      {add.error && (
        <p className="form-error" role="alert">
          {errorText(add.error)}
        </p>
      )}
      <div className="form-actions">
        <button type="button" className="btn" onClick={onDone}>
          {t('accountRoom.cancel')}
        </button>
        <button type="submit" className="btn btn-primary" disabled={add.isPending || summary.trim() === ''}>
          {t('accountRoom.complaintSave')}
        </button>
      </div>
    </form>
  );
}

function ComplaintItem({ accountId, complaint }: { accountId: number; complaint: RoomComplaint }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const format = useFormat();
  const errorText = useErrorText();
  const invalidate = useInvalidateAccount(accountId);
  const [resolving, setResolving] = useState(false);
  const [resolution, setResolution] = useState('');
  const [version, setVersion] = useState(complaint.version);
  const resolve = useMutation(
    trpc.complaint.resolve.mutationOptions({
      onSuccess: async () => {
        await invalidate();
        setResolving(false);
      },
      onError: (error) => {
        // Someone else changed it meanwhile: take their version and let the user send theirs again.
        const current = conflictCurrent<RoomComplaint>(error);
        if (current) {
          setVersion(current.version);
          void invalidate();
        }
      },
    }),
  );
  const isOpen = complaint.resolvedAt === null;
  return (
    <li className={`complaint ${isOpen ? 'open' : 'resolved'} severity-${complaint.severity}`} data-complaint-id={complaint.id}>
      <div className="complaint-head">
        <span className={`badge severity severity-${complaint.severity}`}>{t(`complaintSeverity.${complaint.severity}`)}</span>
        <span className="muted small">{t('accountRoom.openedOn', { date: format.date(complaint.openedAt) })}</span>
        {isOpen ? <span className="badge warn">{t('accountRoom.open')}</span> : <span className="badge status-won">{t('accountRoom.resolvedOn', { date: format.date(complaint.resolvedAt) })}</span>}
      </div>
      <p className="complaint-summary">{complaint.summary}</p>
      {complaint.resolution && <p className="complaint-resolution small">{complaint.resolution}</p>}
      {isOpen && !resolving && (
        <button type="button" className="btn btn-small" onClick={() => setResolving(true)} data-testid="resolve-complaint">
          {t('accountRoom.resolve')}
        </button>
      )}
      {isOpen && resolving && (
        <form
          className="room-form"
          onSubmit={(event) => {
            event.preventDefault();
            resolve.mutate({ id: complaint.id, version, resolution: resolution.trim() });
          }}
        >
          <label className="field">
            <span>{t('accountRoom.resolution')}</span>
            <textarea rows={2} value={resolution} onChange={(e) => setResolution(e.target.value)} data-testid="resolution" />
          </label>
          {resolve.error && (
            <p className="form-error" role="alert">
              {errorText(resolve.error)}
            </p>
          )}
          <div className="form-actions">
            <button type="button" className="btn" onClick={() => setResolving(false)}>
              {t('accountRoom.cancel')}
            </button>
            <button type="submit" className="btn btn-primary" disabled={resolve.isPending || resolution.trim() === ''}>
              {t('accountRoom.resolveSave')}
            </button>
          </div>
        </form>
      )}
    </li>
  );
}

/** The relationship's own contact log: who at the account we met, beyond any one deal. */
export function ActivitiesCard({ room }: { room: RoomData }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [logging, setLogging] = useState(false);
  const names = useMemo(() => new Map(room.contacts.map((contact) => [contact.id, contact.name])), [room.contacts]);
  return (
    <section className="card room-card" aria-labelledby="activities-title" data-testid="account-activities">
      <div className="room-card-head">
        <h2 className="card-title" id="activities-title">
          {t('accountRoom.activities')}
        </h2>
        <div className="room-card-actions">
          {!logging && (
            <button type="button" className="btn btn-small" onClick={() => setLogging(true)} data-testid="log-account-activity">
              {t('accountRoom.logActivity')}
            </button>
          )}
        </div>
      </div>
      {logging && <ActivityForm room={room} onDone={() => setLogging(false)} />}
      {room.activities.length === 0 && !logging ? (
        <p className="muted small">{t('accountRoom.noActivities')}</p>
      ) : (
        <ul className="account-activity-list">
          {room.activities.map((activity) => (
            <li key={activity.id} className={`kind-${activity.kind}`}>
              <div className="complaint-head">
                <strong>{t(`activityKind.${activity.kind}`)}</strong>
                <span className="muted small">{format.date(activity.occurredAt)}</span>
                <span className="muted small">{activity.createdByName}</span>
              </div>
              <p className="complaint-summary">{activity.summary}</p>
              {activity.contactIds.length > 0 && <p className="muted small">{activity.contactIds.map((id) => names.get(id) ?? `#${id}`).join(', ')}</p>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function ActivityForm({ room, onDone }: { room: RoomData; onDone: () => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const errorText = useErrorText();
  const invalidate = useInvalidateAccount(room.account.id);
  const [kind, setKind] = useState<ActivityKind>('executive_meeting');
  const [day, setDay] = useState(todayIso());
  const [summary, setSummary] = useState('');
  const [who, setWho] = useState<number[]>([]);
  const log = useMutation(
    trpc.activity.log.mutationOptions({
      onSuccess: async () => {
        await invalidate();
        onDone();
      },
    }),
  );
  const bad = new Set(errorFields(log.error));
  const present = room.contacts.filter((contact) => contact.leftAt === null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    log.mutate({ accountId: room.account.id, contactIds: who, kind, occurredAt: day === todayIso() ? new Date().toISOString() : dayToMoment(day), summary: summary.trim() });
  };
  return (
    <form className="room-form" onSubmit={submit} noValidate data-testid="account-activity-form">
      <div className="form-grid">
        <label className={`field ${bad.has('kind') ? 'invalid' : ''}`}>
          <span>{t('accountRoom.activityKind')}</span>
          <EnumSelect values={ACTIVITY_KINDS} value={kind} onChange={setKind} label={(value) => t(`activityKind.${value}`)} />
        </label>
        <label className={`field ${bad.has('occurredAt') ? 'invalid' : ''}`}>
          <span>{t('accountRoom.activityWhen')}</span>
          <input type="date" value={day} max={todayIso()} onChange={(e) => setDay(e.target.value)} />
        </label>
      </div>
      {present.length > 0 && (
        <fieldset className={`field ${bad.has('contactIds') ? 'invalid' : ''}`}>
          <legend>{t('accountRoom.activityWho')}</legend>
          <div className="chip-row">
            {present.map((contact) => (
              <label key={contact.id} className={who.includes(contact.id) ? 'chip on' : 'chip'}>
                <input type="checkbox" checked={who.includes(contact.id)} onChange={(e) => setWho(e.target.checked ? [...who, contact.id] : who.filter((id) => id !== contact.id))} />
                {contact.name}
              </label>
            ))}
          </div>
        </fieldset>
      )}
      <label className={`field ${bad.has('summary') ? 'invalid' : ''}`}>
        <span>{t('accountRoom.activitySummary')}</span>
        <textarea rows={2} value={summary} onChange={(e) => setSummary(e.target.value)} />
      </label>
      {log.error && (
        <p className="form-error" role="alert">
          {errorText(log.error)}
        </p>
      )}
      <div className="form-actions">
        <button type="button" className="btn" onClick={onDone}>
          {t('accountRoom.cancel')}
        </button>
        <button type="submit" className="btn btn-primary" disabled={log.isPending || summary.trim() === ''}>
          {t('accountRoom.activitySave')}
        </button>
      </div>
    </form>
  );
}

/** Each tier change with who made it, when and why: the tier is a human decision, so it is kept. */
export function TierHistoryCard({ room }: { room: RoomData }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <section className="card room-card" aria-labelledby="tiers-title" data-testid="tier-history">
      <h2 className="card-title" id="tiers-title">
        {t('accountRoom.tierHistory')}
      </h2>
      {room.tierHistory.length === 0 ? (
        <p className="muted small">{t('accountRoom.noTierChanges')}</p>
      ) : (
        <ul className="tier-history">
          {room.tierHistory.map((change) => (
            <li key={`${change.at}-${change.to}`}>
              <div className="complaint-head">
                {change.from && <TierBadge tier={change.from} />} → <TierBadge tier={change.to} />
                <span className="muted small">{t('accountRoom.tierChangeBy', { who: change.byName ?? '—', date: format.date(change.at) })}</span>
              </div>
              {change.reason && <p className="complaint-summary">“{change.reason}”</p>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** A past order: a deal created directly as won, with its close date in the past (SPEC §11). */
export function RecordOrderForm({ room, onDone }: { room: RoomData; onDone: () => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const invalidate = useInvalidateAccount(room.account.id);
  const [name, setName] = useState('');
  const [amount, setAmount] = useState('');
  const [currency, setCurrency] = useState<Currency>(room.purchase.currency);
  const [closeDate, setCloseDate] = useState(todayIso());
  const create = useMutation(
    trpc.deal.create.mutationOptions({
      onSuccess: async () => {
        await Promise.all([invalidate(), queryClient.invalidateQueries(trpc.deal.list.pathFilter())]);
        onDone();
      },
    }),
  );
  const bad = new Set(errorFields(create.error));
  const future = closeDate > todayIso();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (future) return;
    create.mutate({ accountId: room.account.id, name: name.trim(), amount: Number(amount), currency, closeDate, stage: 'won' });
  };
  return (
    <form className="room-form" onSubmit={submit} noValidate data-testid="record-order-form">
      <div className="form-grid cols-4">
        <label className={`field span-2 ${bad.has('name') ? 'invalid' : ''}`}>
          <span>{t('accountRoom.orderName')}</span>
          <input value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label className={`field ${bad.has('amount') ? 'invalid' : ''}`}>
          <span>{t('accountRoom.orderAmount')}</span>
          <input type="number" min={0} step="any" value={amount} onChange={(e) => setAmount(e.target.value)} />
        </label>
        <label className={`field ${bad.has('currency') ? 'invalid' : ''}`}>
          <span>{t('accountRoom.orderCurrency')}</span>
          <EnumSelect values={CURRENCIES} value={currency} onChange={setCurrency} label={(value) => value} />
        </label>
        <label className={`field ${bad.has('closeDate') || future ? 'invalid' : ''}`}>
          <span>{t('accountRoom.orderDate')}</span>
          <input type="date" value={closeDate} max={todayIso()} onChange={(e) => setCloseDate(e.target.value)} />
          {future && <small className="field-error">{t('accountRoom.orderDateFuture')}</small>}
        </label>
      </div>
      {create.error && (
        <p className="form-error" role="alert">
          {errorText(create.error)}
        </p>
      )}
      <div className="form-actions">
        <button type="button" className="btn" onClick={onDone}>
          {t('accountRoom.cancel')}
        </button>
        <button type="submit" className="btn btn-primary" disabled={create.isPending || name.trim() === '' || amount === '' || future}>
          {t('accountRoom.orderSave')}
        </button>
      </div>
    </form>
  );
}
