import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LOSS_CAUSES, type LossCause } from '../../../../shared/domain';
import { LIMITS } from '../../../../shared/schemas/limits';
import { Dialog } from '../../components/Dialog';
import { errorFields, useErrorText } from '../../lib/fieldErrors';
import { todayIso } from '../../lib/format';
import { useTRPC } from '../../lib/trpc';

/** What the dialog needs of a deal: the row of the board or the room's deal alike. */
export interface LosableDeal {
  id: number;
  version: number;
  name: string;
  status: 'open' | 'won' | 'lost';
  closeDate: string;
  lossReason?: string | null;
  lossCause?: LossCause | null;
  lostTo?: string | null;
}

/**
 * Closing a deal as lost, the one way the app does it (SPEC §10): why in words, the cause
 * from the method's list, the competitor when one won, and the day it closed. On a deal
 * already lost the same form corrects the analysis. The server decides what is complete;
 * its refusal shows here, on the fields it names.
 */
export default function LoseDealDialog({ deal, open, onClose }: { deal: LosableDeal; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const title = deal.status === 'lost' ? t('loseDeal.editTitle', { deal: deal.name }) : t('loseDeal.title', { deal: deal.name });
  return (
    <Dialog title={title} open={open} onClose={onClose}>
      <LoseDealForm deal={deal} onClose={onClose} />
    </Dialog>
  );
}

function LoseDealForm({ deal, onClose }: { deal: LosableDeal; onClose: () => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const wasLost = deal.status === 'lost';
  const [form, setForm] = useState<{ lossCause: LossCause | ''; lostTo: string; lossReason: string; closeDate: string }>({
    lossCause: (wasLost ? deal.lossCause : null) ?? '',
    lostTo: (wasLost ? deal.lostTo : null) ?? '',
    lossReason: (wasLost ? deal.lossReason : null) ?? '',
    // The day a deal closes is its close date; a correction keeps the day it closed.
    closeDate: wasLost ? deal.closeDate : todayIso(),
  });
  const lose = useMutation(
    trpc.deal.update.mutationOptions({
      onSuccess: onClose,
      onSettled: async () => {
        await Promise.all([
          queryClient.invalidateQueries(trpc.deal.get.queryFilter({ id: deal.id })),
          queryClient.invalidateQueries(trpc.deal.list.pathFilter()),
          queryClient.invalidateQueries(trpc.review.losses.queryFilter()),
        ]);
      },
    }),
  );
  const bad = new Set(errorFields(lose.error));
  const competitor = form.lossCause === 'competitor';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    lose.mutate({
      id: deal.id,
      version: deal.version,
      stage: 'lost',
      lossReason: form.lossReason,
      ...(form.lossCause ? { lossCause: form.lossCause } : {}),
      ...(competitor ? { lostTo: form.lostTo } : {}),
      closeDate: form.closeDate,
    });
  };
  const invalid = (field: string) => `field ${bad.has(field) ? 'invalid' : ''}`;

  return (
    <form className="form-grid lose-deal-form" onSubmit={submit} noValidate data-testid="lose-deal-form">
      <p className="muted small span-2">{t('loseDeal.intro')}</p>
      <label className={invalid('lossCause')}>
        <span>{t('deal.lossCause')}</span>
        <select value={form.lossCause} onChange={(e) => setForm({ ...form, lossCause: e.target.value as LossCause | '' })}>
          <option value="">{t('loseDeal.chooseCause')}</option>
          {LOSS_CAUSES.map((cause) => (
            <option key={cause} value={cause}>
              {t(`lossCause.${cause}`)}
            </option>
          ))}
        </select>
      </label>
      <label className={invalid('closeDate')}>
        <span>{t('loseDeal.closedOn')}</span>
        <input type="date" value={form.closeDate} onChange={(e) => setForm({ ...form, closeDate: e.target.value })} />
      </label>
      {competitor && (
        <label className={`${invalid('lostTo')} span-2`}>
          <span>{t('deal.lostTo')}</span>
          <input maxLength={LIMITS.name} placeholder={t('loseDeal.lostToPlaceholder')} value={form.lostTo} onChange={(e) => setForm({ ...form, lostTo: e.target.value })} />
        </label>
      )}
      <label className={`${invalid('lossReason')} span-2`}>
        <span>{t('deal.lossReason')}</span>
        <textarea rows={3} maxLength={LIMITS.lossReason} placeholder={t('loseDeal.reasonPlaceholder')} value={form.lossReason} onChange={(e) => setForm({ ...form, lossReason: e.target.value })} />
      </label>
      {lose.error && (
        <p className="form-error span-2" role="alert">
          {errorText(lose.error)}
        </p>
      )}
      <div className="form-actions span-2">
        <button type="button" className="btn" onClick={onClose}>
          {t('action.cancel')}
        </button>
        <button type="submit" className="btn btn-primary btn-danger" disabled={lose.isPending}>
          {wasLost ? t('loseDeal.saveAnalysis') : t('loseDeal.submit')}
        </button>
      </div>
    </form>
  );
}
