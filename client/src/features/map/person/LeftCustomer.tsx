import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useConfirm } from '../../../components/ConfirmDialog';
import { useErrorText } from '../../../lib/fieldErrors';
import { todayIso, useFormat } from '../../../lib/format';
import { conflictCurrent, useTRPC } from '../../../lib/trpc';
import { useDealRoomData } from '../../deal-room/useDealRoom';
import { useInvalidateDeal } from '../../info-points/useDealMutation';
import type { StakeholderRow } from '../types';

/**
 * A person who left the customer (SPEC §10): the panel says since when, with an Undo;
 * for anyone still there it offers to mark them as left, on a day (today unless told),
 * after the app's usual confirmation. It is the contact that leaves, so every map of the
 * account shows it.
 */
export function LeftCustomer({ person }: { person: StakeholderRow }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const format = useFormat();
  const errorText = useErrorText();
  const room = useDealRoomData();
  const invalidate = useInvalidateDeal(room.deal.id);
  const queryClient = useQueryClient();
  const [ask, confirmDialog] = useConfirm();
  const [open, setOpen] = useState(false);
  const [day, setDay] = useState(todayIso);
  const [conflicted, setConflicted] = useState(false);
  const update = useMutation(
    trpc.contact.update.mutationOptions({
      onSuccess: async () => {
        setOpen(false);
        setConflicted(false);
        await Promise.all([invalidate(), queryClient.invalidateQueries(trpc.contact.list.queryFilter({ accountId: room.deal.accountId }))]);
      },
      onError: (error) => {
        // Someone else changed the contact meanwhile: show theirs; the next click uses its version.
        if (conflictCurrent(error)) {
          setConflicted(true);
          void invalidate();
        }
      },
    }),
  );
  const write = (leftAt: string | null) => update.mutate({ id: person.contactId, version: person.contactVersion, leftAt });
  const mark = async (event: FormEvent) => {
    event.preventDefault();
    const confirmed = await ask({ title: t('leftCustomer.confirmTitle'), message: t('leftCustomer.confirm', { name: person.name, date: format.date(day) }), confirmLabel: t('leftCustomer.mark') });
    if (confirmed) write(day);
  };
  const error = conflicted ? <p className="conflict">{t('leftCustomer.conflict')}</p> : update.error ? <p className="form-error">{errorText(update.error)}</p> : null;

  if (person.leftAt) {
    return (
      <div className="left-status" data-testid="left-status">
        <p>
          <strong>{t('leftCustomer.onDate', { date: format.date(person.leftAt) })}</strong>
          <span className="muted small">{t('leftCustomer.notCounted')}</span>
        </p>
        <button type="button" className="btn btn-small" onClick={() => write(null)} disabled={update.isPending}>
          {t('leftCustomer.undo')}
        </button>
        {error}
      </div>
    );
  }
  return (
    <div className="left-mark">
      {open ? (
        <form className="left-form" onSubmit={(event) => void mark(event)}>
          <label className="field">
            <span>{t('leftCustomer.day')}</span>
            <input type="date" required value={day} max={todayIso()} onChange={(e) => setDay(e.target.value)} />
          </label>
          <div className="form-actions">
            <button type="button" className="btn btn-ghost" onClick={() => setOpen(false)}>
              {t('action.cancel')}
            </button>
            <button type="submit" className="btn btn-primary btn-danger" disabled={update.isPending || !day}>
              {t('leftCustomer.mark')}
            </button>
          </div>
        </form>
      ) : (
        <button type="button" className="btn btn-ghost btn-small" onClick={() => setOpen(true)}>
          {t('leftCustomer.markOpen')}
        </button>
      )}
      {error}
      {confirmDialog}
    </div>
  );
}
