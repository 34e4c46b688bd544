import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../../../shared/schemas/limits';
import { useErrorText } from '../../lib/fieldErrors';
import { useTRPC } from '../../lib/trpc';

/** A manager's coaching note on one deal: opens on demand, and says who will read it. */
export function NoteComposer({ dealId, dealName, ownerName }: { dealId: number; dealName: string; ownerName: string }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [body, setBody] = useState('');
  const [saved, setSaved] = useState(false);
  const add = useMutation(
    trpc.coachingNote.add.mutationOptions({
      onSuccess: async () => {
        setBody('');
        setOpen(false);
        setSaved(true);
        await Promise.all([queryClient.invalidateQueries(trpc.review.pipeline.pathFilter()), queryClient.invalidateQueries(trpc.coachingNote.list.queryFilter({ dealId }))]);
      },
    }),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate({ dealId, body });
  };
  if (!open) {
    return (
      <div className="note-composer-closed">
        {saved && (
          <p className="note-saved small" role="status">
            {t('review.noteSaved', { owner: ownerName })}
          </p>
        )}
        <button type="button" className="btn btn-small btn-primary" onClick={() => { setOpen(true); setSaved(false); }}>
          {t('review.coach')}
        </button>
      </div>
    );
  }
  return (
    <form className="note-composer" onSubmit={submit} noValidate>
      <label htmlFor={id} className="visually-hidden">
        {t('review.noteLabel', { deal: dealName })}
      </label>
      <textarea id={id} rows={3} maxLength={LIMITS.note} value={body} autoFocus placeholder={t('review.notePlaceholder', { owner: ownerName })} onChange={(e) => setBody(e.target.value)} />
      {add.error && (
        <p className="form-error" role="alert">
          {errorText(add.error)}
        </p>
      )}
      <div className="form-actions">
        <button type="button" className="btn btn-small" onClick={() => { setOpen(false); add.reset(); }}>
          {t('action.cancel')}
        </button>
        <button type="submit" className="btn btn-small btn-primary" disabled={add.isPending || body.trim() === ''}>
          {t('review.saveNote')}
        </button>
      </div>
    </form>
  );
}
