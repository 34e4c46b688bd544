import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useConfirm } from '../../components/ConfirmDialog';
import { TOP_SUCCESS_FACTORS } from '../../../../shared/domain';
import { LIMITS } from '../../../../shared/schemas/limits';
import { useErrorText } from '../../lib/fieldErrors';
import { useTRPC } from '../../lib/trpc';
import type { DealRoomData } from '../deal-room/useDealRoom';
import { useInvalidateDeal } from './useDealMutation';

type Factor = DealRoomData['successFactors'][number];

export function SuccessFactorsList({ dealId, factors }: { dealId: number; factors: Factor[] }) {
  const { t } = useTranslation();
  const [confirm, confirmDialog] = useConfirm();
  const trpc = useTRPC();
  const errorText = useErrorText();
  const invalidate = useInvalidateDeal(dealId);
  const add = useMutation(trpc.successFactor.add.mutationOptions({ onSuccess: invalidate }));
  const update = useMutation(trpc.successFactor.update.mutationOptions({ onSettled: invalidate }));
  const remove = useMutation(trpc.successFactor.remove.mutationOptions({ onSuccess: invalidate }));
  const reorder = useMutation(trpc.successFactor.reorder.mutationOptions({ onSettled: invalidate }));
  const [title, setTitle] = useState('');
  const [editing, setEditing] = useState<{ id: number; title: string } | null>(null);

  const move = (index: number, delta: -1 | 1) => {
    const ids = factors.map((f) => f.id);
    const target = index + delta;
    if (target < 0 || target >= ids.length) return;
    [ids[index], ids[target]] = [ids[target]!, ids[index]!];
    reorder.mutate({ dealId, orderedIds: ids });
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (title.trim()) add.mutate({ dealId, title }, { onSuccess: () => setTitle('') });
  };
  const saveTitle = (factor: Factor) => {
    if (editing && editing.title.trim() && editing.title !== factor.title) {
      update.mutate({ id: factor.id, version: factor.version, title: editing.title }, { onSuccess: () => setEditing(null) });
    } else setEditing(null);
  };
  const error = add.error ?? update.error ?? remove.error ?? reorder.error;

  return (
    <section className="point-list" aria-label={t('successFactors.title')}>
      <h4>{t('successFactors.title')}</h4>
      {factors.length === 0 ? (
        <p className="muted small">{t('successFactors.empty')}</p>
      ) : (
        <ol className="list ranked" data-testid="success-factors">
          {factors.map((factor, index) => (
            <li key={factor.id} className={index < TOP_SUCCESS_FACTORS ? 'top' : undefined}>
              <span className="rank" aria-label={t('successFactors.rank', { rank: index + 1 })}>
                {index + 1}
              </span>
              {editing?.id === factor.id ? (
                <input
                  className="grow"
                  aria-label={t('successFactors.title')}
                  maxLength={LIMITS.itemTitle}
                  value={editing.title}
                  autoFocus
                  onChange={(e) => setEditing({ id: factor.id, title: e.target.value })}
                  onBlur={() => saveTitle(factor)}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter') saveTitle(factor);
                    if (e.key === 'Escape') setEditing(null);
                  }}
                />
              ) : (
                <button type="button" className="list-title link-like grow" onClick={() => setEditing({ id: factor.id, title: factor.title })} title={t('action.edit')}>
                  {factor.title}
                </button>
              )}
              {index < TOP_SUCCESS_FACTORS && <span className="badge top3">{t('successFactors.top')}</span>}
              <span className="row-actions">
                <button type="button" className="btn btn-ghost btn-icon" disabled={index === 0 || reorder.isPending} onClick={() => move(index, -1)} aria-label={t('successFactors.moveUp', { item: factor.title })}>
                  ↑
                </button>
                <button type="button" className="btn btn-ghost btn-icon" disabled={index === factors.length - 1 || reorder.isPending} onClick={() => move(index, 1)} aria-label={t('successFactors.moveDown', { item: factor.title })}>
                  ↓
                </button>
                <button type="button" className="btn btn-ghost btn-icon" aria-label={t('action.removeItem', { item: factor.title })} onClick={() => void confirm({ title: t('action.removeItem', { item: factor.title }), message: t('confirm.remove', { item: factor.title }), confirmLabel: t('action.remove') }).then((yes) => yes && remove.mutate({ id: factor.id }))}>
                  ×
                </button>
              </span>
            </li>
          ))}
        </ol>
      )}
      <form className="add-row" onSubmit={submit}>
        <input aria-label={t('successFactors.new')} placeholder={t('successFactors.new')} maxLength={LIMITS.itemTitle} value={title} onChange={(e) => setTitle(e.target.value)} />
        <button type="submit" className="btn btn-small" disabled={!title.trim() || add.isPending}>
          {t('action.add')}
        </button>
      </form>
      {error && <p className="form-error">{errorText(error)}</p>}
      {confirmDialog}
    </section>
  );
}
