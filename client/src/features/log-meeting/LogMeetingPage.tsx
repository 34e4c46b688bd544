import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'wouter';
import { ACTIVITY_KINDS, type ActivityKind } from '../../../../shared/domain';
import { LIMITS } from '../../../../shared/schemas/limits';
import { Loading } from '../../components/States';
import { useCurrentUser } from '../auth/useCurrentUser';
import { DealPicker } from './DealPicker';
import { markRecent, type CachedDeal } from './offlineCache';
import { discardEntry, enqueue, outboxSnapshot } from './outbox';
import { PeoplePicker, type Met } from './PeoplePicker';
import { useFlushOutbox } from './useOutbox';
import { useLogDeals, useLogPeople } from './useLogData';
import './log-meeting.css';

/** Local date-time for <input type="datetime-local">. */
function localNow(): string {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

/** A v4 UUID; `crypto.randomUUID` exists only on https and localhost, `getRandomValues` everywhere. */
function newClientId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

type Outcome = 'logged' | 'queued' | 'conflict' | 'refused';

/**
 * "Log a meeting" (issue #20): right after a visit, on a phone, one screen — the deal, who
 * was in the room, kind, when, a line of what happened, and how anyone's stance changed.
 * Every entry goes through the device's queue with its own clientId: sent at once when
 * there is a signal, kept and sent later (exactly once) when there is none.
 */
export default function LogMeetingPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const flush = useFlushOutbox(user.id);
  const preselected = Number(useParams().id) || null;
  const [search, setSearch] = useState('');
  const { deals, total, loading } = useLogDeals(preselected, search);
  const [dealId, setDealId] = useState<number | null>(preselected);
  const { people, deal: opened, loading: peopleLoading } = useLogPeople(dealId);
  // The list follows the search; the chosen deal stays chosen even once it has scrolled out of it.
  const deal = deals.find((d) => d.id === dealId) ?? opened;
  const [met, setMet] = useState<Met[]>([]);
  const [kind, setKind] = useState<ActivityKind>('meeting');
  const [occurredAt, setOccurredAt] = useState(localNow);
  const [summary, setSummary] = useState('');
  const [invalid, setInvalid] = useState<Set<string>>(new Set());
  const [outcome, setOutcome] = useState<{ kind: Outcome; dealId: number } | null>(null);
  const [saving, setSaving] = useState(false);

  const pickDeal = (picked: CachedDeal | undefined) => {
    setDealId(picked?.id ?? null);
    setMet([]);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const when = new Date(occurredAt);
    const bad = new Set<string>();
    if (!deal) bad.add('deal');
    if (summary.trim() === '') bad.add('summary');
    if (Number.isNaN(when.getTime()) || when.getTime() > Date.now() + 60_000) bad.add('occurredAt');
    setInvalid(bad);
    if (!deal || bad.size > 0) return;
    setSaving(true);
    setOutcome(null);
    const clientId = newClientId();
    await enqueue({
      clientId,
      userId: user.id,
      dealId: deal.id,
      dealName: deal.name,
      activity: { kind, occurredAt: when.toISOString(), stakeholderIds: met.map((m) => m.person.id), summary: summary.trim() },
      people: met.map((m) => ({ id: m.person.id, name: m.person.name })),
      stances: met
        .filter((m) => m.stance !== m.person.stance)
        .map((m) => ({ stakeholderId: m.person.id, name: m.person.name, from: m.person.stance, to: m.stance, version: m.person.version, state: 'pending' as const })),
    });
    markRecent(deal.id);
    if (navigator.onLine) await flush();
    const left = outboxSnapshot().find((item) => item.clientId === clientId);
    // The server refused what the rep just typed (e.g. a person removed from the map meanwhile): the form keeps it to fix.
    if (left?.failure && !left.logged) await discardEntry(clientId);
    const result: Outcome = !left ? 'logged' : left.failure && !left.logged ? 'refused' : left.stances.some((s) => s.state === 'conflict') ? 'conflict' : 'queued';
    setOutcome({ kind: result, dealId: deal.id });
    setSaving(false);
    if (result === 'refused') return;
    setMet([]);
    setSummary('');
    setOccurredAt(localNow());
  };

  return (
    <div className="page log-meeting">
      <h1 className="page-title">{t('logMeeting.title')}</h1>
      <form className="lm-form" onSubmit={(e) => void submit(e)} noValidate aria-label={t('logMeeting.title')}>
        {loading && !deal ? <Loading /> : <DealPicker deals={deals} total={total} query={search} onQuery={setSearch} selected={deal} onSelect={pickDeal} invalid={invalid.has('deal')} />}
        {deal && (peopleLoading ? <Loading /> : <PeoplePicker people={people ?? []} met={met} onChange={setMet} />)}
        <fieldset className="lm-section">
          <legend className="lm-label">{t('logMeeting.kind')}</legend>
          <div className="lm-kinds">
            {ACTIVITY_KINDS.map((k) => (
              <label key={k} className={kind === k ? 'lm-kind on' : 'lm-kind'}>
                <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} />
                {t(`activityKind.${k}`)}
              </label>
            ))}
          </div>
        </fieldset>
        <label className={invalid.has('occurredAt') ? 'lm-section lm-field invalid' : 'lm-section lm-field'}>
          <span className="lm-label">{t('logMeeting.when')}</span>
          <input type="datetime-local" value={occurredAt} max={localNow()} onChange={(e) => setOccurredAt(e.target.value)} required />
          {invalid.has('occurredAt') && <span className="field-error">{t('logMeeting.whenInvalid')}</span>}
        </label>
        <label className={invalid.has('summary') ? 'lm-section lm-field invalid' : 'lm-section lm-field'}>
          <span className="lm-label">{t('logMeeting.summary')}</span>
          <textarea rows={3} value={summary} maxLength={LIMITS.note} onChange={(e) => setSummary(e.target.value)} placeholder={t('logMeeting.summaryPlaceholder')} required />
          {invalid.has('summary') && <span className="field-error">{t('logMeeting.summaryRequired')}</span>}
        </label>
        {invalid.has('deal') && <p className="field-error">{t('logMeeting.dealRequired')}</p>}
        {outcome && (
          <p className={`lm-outcome ${outcome.kind}`} role="status" data-testid="lm-outcome">
            {t(`logMeeting.outcome_${outcome.kind}`)}{' '}
            {outcome.kind !== 'refused' && <Link to={`/deals/${outcome.dealId}/activity`}>{t('logMeeting.openDeal')}</Link>}
          </p>
        )}
        <div className="lm-submit">
          <button type="submit" className="btn btn-primary lm-touch" disabled={saving}>
            {t('logMeeting.submit')}
          </button>
        </div>
      </form>
    </div>
  );
}
