// The deal room's risk flags, each with "Snooze" (until a day, with a reason) or, once snoozed, "Wake now" (SPEC §10).
import { useMutation } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { addDays, isoDay } from '../../../../shared/dates';
import { LIMITS } from '../../../../shared/schemas/limits';
import { SNOOZE_DEFAULT_DAYS, SNOOZE_MAX_DAYS, snoozeWindow, type RiskFlag } from '../../../../shared/scoring';
import { FlagChip } from '../../components/health/HealthSummary';
import { errorFields, useErrorText } from '../../lib/fieldErrors';
import { useFormat } from '../../lib/format';
import { useTRPC } from '../../lib/trpc';
import { useInvalidateDeal } from '../info-points/useDealMutation';
import './risk-flags.css';

export function RiskFlagList({ dealId, flags }: { dealId: number; flags: RiskFlag[] }) {
  const { t } = useTranslation();
  const [snoozing, setSnoozing] = useState<RiskFlag['code'] | null>(null);
  if (flags.length === 0) return null;
  return (
    <ul className="risk-flags actionable" aria-label={t('health.flags')} data-testid="risk-flags">
      {flags.map((flag) => (
        <FlagChip key={flag.code} flag={flag}>
          <FlagActions dealId={dealId} flag={flag} open={snoozing === flag.code} onOpen={(open) => setSnoozing(open ? flag.code : null)} />
        </FlagChip>
      ))}
    </ul>
  );
}

function FlagActions({ dealId, flag, open, onOpen }: { dealId: number; flag: RiskFlag; open: boolean; onOpen: (open: boolean) => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const errorText = useErrorText();
  const invalidate = useInvalidateDeal(dealId);
  const wake = useMutation(trpc.flag.unsnooze.mutationOptions({ onSuccess: invalidate }));
  const title = t(`scoring:flagTitle.${flag.code}`);
  if (flag.snoozed) {
    return (
      <span className="flag-actions">
        <button type="button" className="btn btn-small" aria-label={t('flagSnooze.wakeLabel', { flag: title })} disabled={wake.isPending} onClick={() => wake.mutate({ dealId, code: flag.code })}>
          {t('flagSnooze.wake')}
        </button>
        {wake.error && <span className="form-error">{errorText(wake.error)}</span>}
      </span>
    );
  }
  return (
    <>
      {!open && (
        <span className="flag-actions">
          <button type="button" className="btn btn-small btn-ghost" aria-label={t('flagSnooze.openLabel', { flag: title })} onClick={() => onOpen(true)}>
            {t('flagSnooze.open')}
          </button>
        </span>
      )}
      {open && <SnoozeForm dealId={dealId} flag={flag} title={title} onDone={() => onOpen(false)} />}
    </>
  );
}

/** Until a day (after today, at most SNOOZE_MAX_DAYS ahead; two weeks offered) and why the flag can wait. */
function SnoozeForm({ dealId, flag, title, onDone }: { dealId: number; flag: RiskFlag; title: string; onDone: () => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const format = useFormat();
  const errorText = useErrorText();
  const invalidate = useInvalidateDeal(dealId);
  const id = useId();
  // Days count in UTC, as the server counts them (shared/dates).
  const bounds = snoozeWindow(new Date());
  const [until, setUntil] = useState(isoDay(addDays(new Date(), SNOOZE_DEFAULT_DAYS)));
  const [reason, setReason] = useState('');
  const snooze = useMutation(trpc.flag.snooze.mutationOptions({ onSuccess: async () => { await invalidate(); onDone(); } }));
  const fields = errorFields(snooze.error);
  const untilValid = until >= bounds.min && until <= bounds.max;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!untilValid || !reason.trim()) return;
    snooze.mutate({ dealId, code: flag.code, until, reason });
  };
  const error = fields.includes('until')
    ? t('flagSnooze.untilInvalid', { days: SNOOZE_MAX_DAYS })
    : fields.includes('reason')
      ? t('flagSnooze.reasonInvalid', { max: LIMITS.snoozeReason })
      : errorText(snooze.error);

  return (
    <form className="snooze-form" onSubmit={submit} aria-label={t('flagSnooze.formLabel', { flag: title })} data-testid="snooze-form">
      <label className="field snooze-until" htmlFor={`${id}-until`}>
        <span>{t('flagSnooze.until')}</span>
        <input id={`${id}-until`} type="date" required min={bounds.min} max={bounds.max} value={until} aria-invalid={!untilValid || fields.includes('until')} aria-describedby={`${id}-hint`} onChange={(e) => setUntil(e.target.value)} />
        <small id={`${id}-hint`} className="muted">
          {t('flagSnooze.untilHint', { days: SNOOZE_MAX_DAYS, date: format.date(bounds.max) })}
        </small>
      </label>
      <label className="field snooze-reason" htmlFor={`${id}-reason`}>
        <span>{t('flagSnooze.reason')}</span>
        <textarea id={`${id}-reason`} rows={2} required maxLength={LIMITS.snoozeReason} placeholder={t('flagSnooze.reasonPlaceholder')} value={reason} aria-invalid={fields.includes('reason')} onChange={(e) => setReason(e.target.value)} />
      </label>
      <div className="snooze-buttons">
        <button type="submit" className="btn btn-small btn-primary" disabled={!untilValid || !reason.trim() || snooze.isPending}>
          {t('flagSnooze.save')}
        </button>
        <button type="button" className="btn btn-small" onClick={onDone}>
          {t('action.cancel')}
        </button>
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
