import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../../../shared/schemas/limits';
import { useConfirm } from '../../components/ConfirmDialog';
import { useErrorText } from '../../lib/fieldErrors';
import { todayIso, useFormat } from '../../lib/format';
import { useTRPC } from '../../lib/trpc';
import type { DealRoomData } from '../deal-room/useDealRoom';
import { useInvalidateDeal } from './useDealMutation';

type Step = DealRoomData['nextSteps'][number];

export function NextStepsList({ dealId, steps }: { dealId: number; steps: Step[] }) {
  const { t } = useTranslation();
  const [confirm, confirmDialog] = useConfirm();
  const trpc = useTRPC();
  const format = useFormat();
  const errorText = useErrorText();
  const invalidate = useInvalidateDeal(dealId);
  const options = { onSuccess: invalidate };
  const add = useMutation(trpc.nextStep.add.mutationOptions(options));
  const update = useMutation(trpc.nextStep.update.mutationOptions({ onSettled: invalidate }));
  const remove = useMutation(trpc.nextStep.remove.mutationOptions(options));
  const [draft, setDraft] = useState({ title: '', owner: '', dueDate: '' });
  const today = todayIso();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!draft.title.trim()) return;
    add.mutate({ dealId, title: draft.title, owner: draft.owner, dueDate: draft.dueDate || null }, { onSuccess: () => setDraft({ title: '', owner: '', dueDate: '' }) });
  };
  const error = add.error ?? update.error ?? remove.error;

  return (
    <section className="point-list" aria-label={t('nextSteps.title')}>
      <h4>{t('nextSteps.title')}</h4>
      {steps.length === 0 ? (
        <p className="muted small">{t('nextSteps.empty')}</p>
      ) : (
        <ul className="list">
          {steps.map((step) => {
            const overdue = !step.done && step.dueDate !== null && step.dueDate < today;
            return (
              <li key={step.id} className={step.done ? 'done' : undefined}>
                <label className="check">
                  <input type="checkbox" checked={step.done} onChange={(e) => update.mutate({ id: step.id, version: step.version, done: e.target.checked })} />
                  <span className="grow">
                    <span className="list-title">{step.title}</span>
                    <span className="list-meta">
                      {step.owner && <span>{step.owner}</span>}
                      {step.dueDate && <span className={overdue ? 'overdue' : undefined}>{overdue ? t('nextSteps.overdue', { date: format.date(step.dueDate) }) : format.date(step.dueDate)}</span>}
                    </span>
                  </span>
                </label>
                <button type="button" className="btn btn-ghost btn-icon" aria-label={t('action.removeItem', { item: step.title })} onClick={() => void confirm({ title: t('action.removeItem', { item: step.title }), message: t('confirm.remove', { item: step.title }), confirmLabel: t('action.remove') }).then((yes) => yes && remove.mutate({ id: step.id }))}>
                  ×
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <form className="add-row" onSubmit={submit}>
        <input aria-label={t('nextSteps.newTitle')} placeholder={t('nextSteps.newTitle')} maxLength={LIMITS.itemTitle} value={draft.title} onChange={(e) => setDraft({ ...draft, title: e.target.value })} />
        <input aria-label={t('nextSteps.owner')} placeholder={t('nextSteps.owner')} maxLength={LIMITS.stepOwner} value={draft.owner} onChange={(e) => setDraft({ ...draft, owner: e.target.value })} className="w-owner" />
        <input aria-label={t('nextSteps.due')} type="date" value={draft.dueDate} onChange={(e) => setDraft({ ...draft, dueDate: e.target.value })} className="w-date" />
        <button type="submit" className="btn btn-small" disabled={!draft.title.trim() || add.isPending}>
          {t('action.add')}
        </button>
      </form>
      {error && <p className="form-error">{errorText(error)}</p>}
      {confirmDialog}
    </section>
  );
}
