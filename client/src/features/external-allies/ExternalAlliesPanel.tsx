import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../../../shared/schemas/limits';
import { useConfirm } from '../../components/ConfirmDialog';
import { errorFields, useErrorText } from '../../lib/fieldErrors';
import { conflictCurrent, useTRPC, type RouterOutputs } from '../../lib/trpc';

type ExternalAlly = RouterOutputs['externalAlly']['list'][number];

interface Draft {
  name: string;
  offering: string;
  contribution: string;
  contactName: string;
  contactInfo: string;
}
const empty: Draft = { name: '', offering: '', contribution: '', contactName: '', contactInfo: '' };
const draftOf = (ally: ExternalAlly): Draft => ({
  name: ally.name,
  offering: ally.offering,
  contribution: ally.contribution,
  contactName: ally.contactName ?? '',
  contactInfo: ally.contactInfo ?? '',
});

/**
 * Point 7, resources each side can bring: the non-competing suppliers who sell
 * to the same account (外部联盟). They belong to the account, so every deal with
 * it shows the same list.
 */
export function ExternalAlliesPanel({ accountId, accountName }: { accountId: number; accountName: string }) {
  const { t } = useTranslation();
  const [confirm, confirmDialog] = useConfirm();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const allies = useQuery(trpc.externalAlly.list.queryOptions({ accountId }));
  const invalidate = () => queryClient.invalidateQueries(trpc.externalAlly.list.queryFilter({ accountId }));
  const [editingId, setEditingId] = useState<number | 'new' | null>(null);
  const [draft, setDraft] = useState<Draft>(empty);
  const [conflicted, setConflicted] = useState(false);

  const close = () => {
    setEditingId(null);
    setDraft(empty);
    setConflicted(false);
  };
  const onError = (error: unknown) => {
    // Someone else saved first: keep what was typed, refresh theirs, and let "save" replace it knowingly.
    if (conflictCurrent(error)) {
      setConflicted(true);
      void invalidate();
    }
  };
  const add = useMutation(trpc.externalAlly.add.mutationOptions({ onSuccess: async () => { await invalidate(); close(); } }));
  const update = useMutation(trpc.externalAlly.update.mutationOptions({ onSuccess: async () => { await invalidate(); close(); }, onError }));
  const remove = useMutation(trpc.externalAlly.remove.mutationOptions({ onSettled: invalidate }));
  const mutationError = add.error ?? update.error;
  const bad = new Set(errorFields(mutationError));

  const startEdit = (ally: ExternalAlly) => {
    add.reset();
    update.reset();
    setConflicted(false);
    setDraft(draftOf(ally));
    setEditingId(ally.id);
  };
  const startAdd = () => {
    add.reset();
    update.reset();
    setConflicted(false);
    setDraft(empty);
    setEditingId('new');
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (editingId === 'new') add.mutate({ accountId, ...draft });
    else if (editingId !== null) {
      const current = allies.data?.find((ally) => ally.id === editingId);
      if (current) update.mutate({ id: current.id, version: current.version, ...draft });
    }
  };
  const set = (key: keyof Draft) => (event: { target: { value: string } }) => setDraft((d) => ({ ...d, [key]: event.target.value }));
  const cls = (field: keyof Draft) => `field${bad.has(field) ? ' invalid' : ''}`;

  const form = (
    <form className="ally-form form-grid" onSubmit={submit} aria-label={editingId === 'new' ? t('externalAllies.add') : t('externalAllies.edit')}>
      <label className={`${cls('name')} span-2`}>
        <span>{t('externalAllies.name')}</span>
        <input required maxLength={LIMITS.name} value={draft.name} onChange={set('name')} autoFocus placeholder={t('externalAllies.namePlaceholder')} />
      </label>
      <label className={`${cls('offering')} span-2`}>
        <span>{t('externalAllies.offering')}</span>
        <textarea rows={2} maxLength={LIMITS.description} value={draft.offering} onChange={set('offering')} placeholder={t('externalAllies.offeringPlaceholder')} />
      </label>
      <label className={`${cls('contribution')} span-2`}>
        <span>{t('externalAllies.contribution')}</span>
        <textarea rows={2} maxLength={LIMITS.description} value={draft.contribution} onChange={set('contribution')} placeholder={t('externalAllies.contributionPlaceholder')} />
      </label>
      <label className={cls('contactName')}>
        <span>{t('externalAllies.contactName')}</span>
        <input maxLength={LIMITS.name} value={draft.contactName} onChange={set('contactName')} />
      </label>
      <label className={cls('contactInfo')}>
        <span>{t('externalAllies.contactInfo')}</span>
        <input maxLength={LIMITS.contactInfo} value={draft.contactInfo} onChange={set('contactInfo')} placeholder={t('externalAllies.contactInfoPlaceholder')} />
      </label>
      {conflicted && <p className="conflict span-2">{t('externalAllies.conflict')}</p>}
      {mutationError && !conflicted && <p className="form-error span-2">{errorText(mutationError)}</p>}
      <div className="form-actions span-2">
        <button type="button" className="btn btn-small" onClick={close}>
          {t('action.cancel')}
        </button>
        <button type="submit" className="btn btn-primary btn-small" disabled={!draft.name.trim() || add.isPending || update.isPending}>
          {conflicted ? t('conflict.saveMine') : t('action.save')}
        </button>
      </div>
    </form>
  );

  return (
    <section className="card external-allies" aria-labelledby="external-allies-title" data-testid="external-allies">
      <div className="section-head">
        <div>
          <h3 id="external-allies-title" className="card-title">
            {t('externalAllies.title')}
          </h3>
          <p className="muted small">{t('externalAllies.hint', { account: accountName })}</p>
        </div>
        {editingId === null && allies.isSuccess && (
          <button type="button" className="btn btn-small" onClick={startAdd}>
            {t('externalAllies.add')}
          </button>
        )}
      </div>
      {allies.isPending && (
        <p className="muted small" role="status">
          {t('state.loading')}
        </p>
      )}
      {allies.isError && (
        <div className="form-error" role="alert">
          {errorText(allies.error)}{' '}
          <button type="button" className="btn btn-ghost btn-small" onClick={() => void allies.refetch()}>
            {t('action.retry')}
          </button>
        </div>
      )}
      {allies.isSuccess && allies.data.length === 0 && editingId !== 'new' && <p className="muted small">{t('externalAllies.empty')}</p>}
      {allies.isSuccess && (
        <ul className="list allies">
          {allies.data.map((ally) =>
            editingId === ally.id ? (
              <li key={ally.id}>{form}</li>
            ) : (
              <li key={ally.id} className="ally">
                <div className="ally-head">
                  <strong>{ally.name}</strong>
                  <span className="row-actions">
                    <button type="button" className="btn btn-ghost btn-small" onClick={() => startEdit(ally)}>
                      {t('action.edit')}
                    </button>
                    <button
                      type="button"
                      className="btn btn-ghost btn-icon"
                      aria-label={t('action.removeItem', { item: ally.name })}
                      onClick={() => void confirm({ title: t('action.removeItem', { item: ally.name }), message: t('confirm.remove', { item: ally.name }), confirmLabel: t('action.remove') }).then((yes) => yes && remove.mutate({ id: ally.id }))}
                    >
                      ×
                    </button>
                  </span>
                </div>
                {ally.offering && (
                  <p className="small">
                    <span className="muted">{t('externalAllies.sells')}</span> {ally.offering}
                  </p>
                )}
                {ally.contribution && (
                  <p className="small">
                    <span className="muted">{t('externalAllies.brings')}</span> {ally.contribution}
                  </p>
                )}
                {(ally.contactName || ally.contactInfo) && (
                  <p className="small muted">{[ally.contactName, ally.contactInfo].filter(Boolean).join(' · ')}</p>
                )}
              </li>
            ),
          )}
          {editingId === 'new' && <li>{form}</li>}
        </ul>
      )}
      {editingId === null && remove.error && <p className="form-error">{errorText(remove.error)}</p>}
      {confirmDialog}
    </section>
  );
}
