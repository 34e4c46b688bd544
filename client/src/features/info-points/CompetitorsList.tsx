import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../../../shared/schemas/limits';
import { useConfirm } from '../../components/ConfirmDialog';
import { useErrorText } from '../../lib/fieldErrors';
import { useTRPC } from '../../lib/trpc';
import type { DealRoomData } from '../deal-room/useDealRoom';
import { useInvalidateDeal } from './useDealMutation';

type Competitor = DealRoomData['competitors'][number];
type Stakeholder = DealRoomData['stakeholders'][number];

interface Draft {
  name: string;
  strengths: string;
  weaknesses: string;
  favouredBy: number[];
}
const empty: Draft = { name: '', strengths: '', weaknesses: '', favouredBy: [] };

export function CompetitorsList({ dealId, competitors, stakeholders }: { dealId: number; competitors: Competitor[]; stakeholders: Stakeholder[] }) {
  const { t } = useTranslation();
  const [confirm, confirmDialog] = useConfirm();
  const trpc = useTRPC();
  const errorText = useErrorText();
  const invalidate = useInvalidateDeal(dealId);
  const add = useMutation(trpc.competitor.add.mutationOptions({ onSuccess: invalidate }));
  const update = useMutation(trpc.competitor.update.mutationOptions({ onSettled: invalidate }));
  const remove = useMutation(trpc.competitor.remove.mutationOptions({ onSuccess: invalidate }));
  const [editingId, setEditingId] = useState<number | 'new' | null>(null);
  const [draft, setDraft] = useState<Draft>(empty);
  const nameOf = (id: number) => stakeholders.find((s) => s.id === id)?.name ?? '?';

  const startEdit = (competitor: Competitor) => {
    setEditingId(competitor.id);
    setDraft({ name: competitor.name, strengths: competitor.strengths, weaknesses: competitor.weaknesses, favouredBy: competitor.favouredByStakeholderIds });
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const fields = { name: draft.name, strengths: draft.strengths, weaknesses: draft.weaknesses, favouredByStakeholderIds: draft.favouredBy };
    const done = { onSuccess: () => { setEditingId(null); setDraft(empty); } };
    if (editingId === 'new') add.mutate({ dealId, ...fields }, done);
    else if (editingId !== null) {
      const current = competitors.find((c) => c.id === editingId);
      if (current) update.mutate({ id: current.id, version: current.version, ...fields }, done);
    }
  };
  const error = add.error ?? update.error ?? remove.error;

  const form = (
    <form className="competitor-form" onSubmit={submit}>
      <label className="field">
        <span>{t('competitors.name')}</span>
        <input required maxLength={LIMITS.name} value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} autoFocus />
      </label>
      <label className="field">
        <span>{t('competitors.strengths')}</span>
        <textarea rows={2} maxLength={LIMITS.description} value={draft.strengths} onChange={(e) => setDraft({ ...draft, strengths: e.target.value })} />
      </label>
      <label className="field">
        <span>{t('competitors.weaknesses')}</span>
        <textarea rows={2} maxLength={LIMITS.description} value={draft.weaknesses} onChange={(e) => setDraft({ ...draft, weaknesses: e.target.value })} />
      </label>
      <fieldset className="field">
        <legend>{t('competitors.favouredBy')}</legend>
        <div className="chips">
          {stakeholders.map((s) => {
            const on = draft.favouredBy.includes(s.id);
            return (
              <label key={s.id} className={on ? 'chip on' : 'chip'}>
                <input type="checkbox" checked={on} onChange={() => setDraft({ ...draft, favouredBy: on ? draft.favouredBy.filter((id) => id !== s.id) : [...draft.favouredBy, s.id] })} />
                {s.name}
              </label>
            );
          })}
          {stakeholders.length === 0 && <span className="muted small">{t('competitors.noStakeholders')}</span>}
        </div>
      </fieldset>
      <div className="form-actions">
        <button type="button" className="btn btn-small" onClick={() => setEditingId(null)}>
          {t('action.cancel')}
        </button>
        <button type="submit" className="btn btn-primary btn-small" disabled={!draft.name.trim()}>
          {t('action.save')}
        </button>
      </div>
    </form>
  );

  return (
    <section className="point-list" aria-label={t('competitors.title')}>
      <h4>{t('competitors.title')}</h4>
      {competitors.length === 0 && editingId !== 'new' && <p className="muted small">{t('competitors.empty')}</p>}
      <ul className="list competitors">
        {competitors.map((c) =>
          editingId === c.id ? (
            <li key={c.id}>{form}</li>
          ) : (
            <li key={c.id} className="competitor">
              <div className="competitor-head">
                <strong>{c.name}</strong>
                <span className="row-actions">
                  <button type="button" className="btn btn-ghost btn-small" onClick={() => startEdit(c)}>
                    {t('action.edit')}
                  </button>
                  <button type="button" className="btn btn-ghost btn-icon" aria-label={t('action.removeItem', { item: c.name })} onClick={() => void confirm({ title: t('action.removeItem', { item: c.name }), message: t('confirm.remove', { item: c.name }), confirmLabel: t('action.remove') }).then((yes) => yes && remove.mutate({ id: c.id }))}>
                    ×
                  </button>
                </span>
              </div>
              {c.strengths && <p className="small"><span className="plus">＋</span> {c.strengths}</p>}
              {c.weaknesses && <p className="small"><span className="minus">－</span> {c.weaknesses}</p>}
              {c.favouredByStakeholderIds.length > 0 && (
                <p className="small muted">
                  {t('competitors.favouredByList', { names: c.favouredByStakeholderIds.map(nameOf).join(', ') })}
                </p>
              )}
            </li>
          ),
        )}
        {editingId === 'new' && <li>{form}</li>}
      </ul>
      {editingId === null && (
        <button type="button" className="btn btn-small" onClick={() => { setDraft(empty); setEditingId('new'); }}>
          {t('competitors.add')}
        </button>
      )}
      {error && <p className="form-error">{errorText(error)}</p>}
      {confirmDialog}
    </section>
  );
}
