import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useLayoutEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DECISION_ROLES, LEVELS, STANCES, type DecisionRole, type Level, type Stance } from '../../../../shared/domain';
import { LIMITS } from '../../../../shared/schemas/limits';
import { EnumSelect } from '../../components/EnumSelect';
import { errorFields, useErrorText } from '../../lib/fieldErrors';
import { conflictCurrent, useTRPC } from '../../lib/trpc';
import { useDealRoomData } from '../deal-room/useDealRoom';
import { useInvalidateDeal } from '../info-points/useDealMutation';
import { CoachIntel } from './person/CoachIntel';
import { LeftCustomer } from './person/LeftCustomer';
import type { StakeholderRow } from './types';
import { usePatchStakeholders } from './useStakeholderCache';

interface PersonForm {
  contactId: string; // '' = a new person
  name: string;
  title: string;
  department: string;
  level: Level;
  reportsToContactId: string;
  decisionRole: DecisionRole;
  influence: number;
  stance: Stance;
  isCoach: boolean;
  explicitNeeds: string;
  implicitNeeds: string;
  notes: string;
}

const blank: PersonForm = {
  contactId: '',
  name: '',
  title: '',
  department: '',
  level: 'management',
  reportsToContactId: '',
  decisionRole: 'influencer',
  influence: 3,
  stance: 'unknown',
  isCoach: false,
  explicitNeeds: '',
  implicitNeeds: '',
  notes: '',
};

const fromPerson = (p: StakeholderRow): PersonForm => ({
  contactId: String(p.contactId),
  name: p.name,
  title: p.title ?? '',
  department: p.department ?? '',
  level: p.level,
  reportsToContactId: p.reportsToContactId ? String(p.reportsToContactId) : '',
  decisionRole: p.decisionRole,
  influence: p.influence,
  stance: p.stance,
  isCoach: p.isCoach,
  explicitNeeds: p.explicitNeeds ?? '',
  implicitNeeds: p.implicitNeeds ?? '',
  notes: p.notes ?? '',
});

/** The account's contacts as options, "name — title", so two people of the same name can be told apart. */
function ContactOptions({ contacts }: { contacts: readonly { id: number; name: string; title: string | null }[] | undefined }) {
  return contacts?.map((c) => (
    <option key={c.id} value={c.id}>
      {c.name}
      {c.title ? ` — ${c.title}` : ''}
    </option>
  ));
}

type Props =
  | { mode: 'add'; onClose: () => void; onSaved: (id: number) => void; /** Where the new card goes, when the map is arranged by hand. */ newPosition?: () => { x: number; y: number } | undefined }
  | {
      mode: 'edit';
      person: StakeholderRow;
      onClose: () => void;
      onSaved: (id: number) => void;
      /** Asks, removes and closes the panel: the map owns it, as it does for the Delete key. */
      onRemove: () => void;
      /** Changes when the card was opened with Enter: focus moves to the first field as the panel renders. */
      focusKey?: number | undefined;
    };

/** Add a person to the buying group, or edit the selected one: every stakeholder field, validated by the server. */
export function StakeholderPanel(props: Props) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const room = useDealRoomData();
  const invalidate = useInvalidateDeal(room.deal.id);
  const patch = usePatchStakeholders(room.deal.id);
  const errorText = useErrorText();
  const contacts = useQuery(trpc.contact.list.queryOptions({ accountId: room.deal.accountId }));
  const queryClient = useQueryClient();
  // A new person or an edited contact changes the account's org chart: the who / reports-to pickers must see it.
  const refreshContacts = () => queryClient.invalidateQueries(trpc.contact.list.queryFilter({ accountId: room.deal.accountId }));
  const [form, setForm] = useState<PersonForm>(() => (props.mode === 'edit' ? fromPerson(props.person) : blank));
  const [version, setVersion] = useState(props.mode === 'edit' ? props.person.version : 0);
  const [conflicted, setConflicted] = useState(false);
  const onError = (error: unknown) => {
    const current = conflictCurrent<StakeholderRow>(error);
    if (current) {
      setConflicted(true);
      setVersion(current.version);
      void invalidate();
    }
  };
  const add = useMutation(trpc.stakeholder.add.mutationOptions({ onSuccess: async (saved) => { await Promise.all([invalidate(), refreshContacts()]); props.onSaved(saved.id); }, onError }));
  const update = useMutation(
    trpc.stakeholder.update.mutationOptions({
      onSuccess: async (saved) => {
        setVersion(saved.version);
        setConflicted(false);
        // The card and the coverage figures change now; the refetch brings the health that depends on it.
        patch([saved]);
        await Promise.all([invalidate(), refreshContacts()]);
      },
      onError,
    }),
  );
  const error = add.error ?? update.error;
  const bad = new Set(errorFields(error));
  const inDeal = new Set(room.stakeholders.map((s) => s.contactId));
  const existing = props.mode === 'add' && form.contactId !== '';
  const set = <K extends keyof PersonForm>(key: K, value: PersonForm[K]) => setForm((f) => ({ ...f, [key]: value }));
  // In the same commit as the panel, never a frame later: a late focus would land after the user
  // (or a test) had already moved on, and take the next key press away from the map.
  const formRef = useRef<HTMLFormElement>(null);
  const focusKey = props.mode === 'edit' ? props.focusKey : undefined;
  useLayoutEffect(() => {
    if (focusKey !== undefined) formRef.current?.querySelector<HTMLElement>('select, input')?.focus();
  }, [focusKey]);

  const part = {
    decisionRole: form.decisionRole,
    influence: form.influence,
    stance: form.stance,
    isCoach: form.isCoach,
    explicitNeeds: form.explicitNeeds,
    implicitNeeds: form.implicitNeeds,
    notes: form.notes,
  };
  const contactFields = {
    name: form.name,
    title: form.title,
    department: form.department,
    level: form.level,
    reportsToContactId: form.reportsToContactId ? Number(form.reportsToContactId) : null,
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (props.mode === 'edit') update.mutate({ id: props.person.id, version, ...part, ...contactFields });
    else {
      const position = props.newPosition?.();
      const placed = position ? { positionX: position.x, positionY: position.y } : {};
      if (existing) add.mutate({ dealId: room.deal.id, contactId: Number(form.contactId), ...part, ...placed });
      else add.mutate({ dealId: room.deal.id, ...contactFields, reportsToContactId: contactFields.reportsToContactId ?? undefined, ...part, ...placed });
    }
  };
  const cls = (field: string) => `field ${bad.has(field) ? 'invalid' : ''}`;
  /** The server's BAD_REQUEST names the fields; each one says so right under itself. */
  const fieldError = (field: string) =>
    bad.has(field) ? (
      <small className="field-error" role="alert">
        {t('map.fieldInvalid')}
      </small>
    ) : null;

  return (
    <section className="card person-panel" aria-label={props.mode === 'add' ? t('map.addPerson') : t('map.editPerson')} data-testid="person-panel">
      <header className="panel-head">
        <h2 className="card-title">{props.mode === 'add' ? t('map.addPerson') : form.name}</h2>
        <button type="button" className="btn btn-ghost btn-icon" onClick={props.onClose} aria-label={t('action.close')}>
          ×
        </button>
      </header>
      {props.mode === 'edit' && <LeftCustomer person={props.person} />}
      {props.mode === 'edit' && props.person.isCoach && <CoachIntel person={props.person} />}
      <form className="person-form" onSubmit={submit} ref={formRef}>
        {props.mode === 'add' && (
          <label className="field">
            <span>{t('map.who')}</span>
            <select value={form.contactId} onChange={(e) => set('contactId', e.target.value)}>
              <option value="">{t('map.newContact')}</option>
              <ContactOptions contacts={contacts.data?.filter((c) => !inDeal.has(c.id))} />
            </select>
          </label>
        )}
        {!existing && (
          <div className="form-grid">
            <label className={`${cls('name')} span-2`}>
              <span>{t('person.name')}</span>
              <input required maxLength={LIMITS.name} value={form.name} onChange={(e) => set('name', e.target.value)} autoFocus={props.mode === 'add'} />
              {fieldError('name')}
            </label>
            <label className={cls('title')}>
              <span>{t('person.title')}</span>
              <input maxLength={LIMITS.jobTitle} value={form.title} onChange={(e) => set('title', e.target.value)} />
              {fieldError('title')}
            </label>
            <label className={cls('department')}>
              <span>{t('person.department')}</span>
              <input maxLength={LIMITS.department} value={form.department} onChange={(e) => set('department', e.target.value)} />
              {fieldError('department')}
            </label>
            <label className={cls('level')}>
              <span>{t('person.level')}</span>
              <EnumSelect values={LEVELS} value={form.level} onChange={(level) => set('level', level)} label={(level) => t(`level.${level}`)} />
              {fieldError('level')}
            </label>
            <label className={cls('reportsToContactId')}>
              <span>{t('person.reportsTo')}</span>
              <select value={form.reportsToContactId} onChange={(e) => set('reportsToContactId', e.target.value)}>
                <option value="">{t('person.nobody')}</option>
                <ContactOptions contacts={contacts.data?.filter((c) => String(c.id) !== form.contactId)} />
              </select>
              {fieldError('reportsToContactId')}
            </label>
          </div>
        )}
        <div className="form-grid">
          <label className={cls('decisionRole')}>
            <span>{t('person.decisionRole')}</span>
            <EnumSelect values={DECISION_ROLES} value={form.decisionRole} onChange={(role) => set('decisionRole', role)} label={(role) => t(`decisionRole.${role}`)} />
            {fieldError('decisionRole')}
          </label>
          <label className={cls('stance')}>
            <span>{t('person.stance')}</span>
            <EnumSelect values={STANCES} value={form.stance} onChange={(stance) => set('stance', stance)} label={(stance) => t(`stance.${stance}`)} data-testid="stance-select" />
            {fieldError('stance')}
          </label>
          <fieldset className={`${cls('influence')} span-2`}>
            <legend>{t('person.influence')}</legend>
            <div className="segmented">
              {[1, 2, 3, 4, 5].map((value) => (
                <label key={value} className={form.influence === value ? 'on' : undefined}>
                  <input type="radio" name="influence" value={value} checked={form.influence === value} onChange={() => set('influence', value)} />
                  {value}
                </label>
              ))}
            </div>
            {fieldError('influence')}
          </fieldset>
          <label className="check span-2">
            <input type="checkbox" checked={form.isCoach} onChange={(e) => set('isCoach', e.target.checked)} />
            <span>
              {t('person.isCoach')} <span className="muted small">{t('person.isCoachHint')}</span>
            </span>
          </label>
          <label className={`${cls('explicitNeeds')} span-2`}>
            <span>{t('person.explicitNeeds')}</span>
            <textarea rows={2} maxLength={LIMITS.note} value={form.explicitNeeds} onChange={(e) => set('explicitNeeds', e.target.value)} />
            {fieldError('explicitNeeds')}
          </label>
          <label className={`${cls('implicitNeeds')} span-2`}>
            <span>{t('person.implicitNeeds')}</span>
            <textarea rows={2} maxLength={LIMITS.note} value={form.implicitNeeds} onChange={(e) => set('implicitNeeds', e.target.value)} />
            {fieldError('implicitNeeds')}
          </label>
          <label className={`${cls('notes')} span-2`}>
            <span>{t('person.notes')}</span>
            <textarea rows={2} maxLength={LIMITS.note} value={form.notes} onChange={(e) => set('notes', e.target.value)} />
            {fieldError('notes')}
          </label>
        </div>
        {conflicted && <p className="conflict">{t('map.conflict')}</p>}
        {error && !conflicted && <p className="form-error">{errorText(error)}</p>}
        <div className="form-actions">
          {props.mode === 'edit' && (
            <button type="button" className="btn btn-ghost danger" onClick={props.onRemove}>
              {t('map.removePerson')}
            </button>
          )}
          <button type="submit" className="btn btn-primary" disabled={add.isPending || update.isPending || (!existing && !form.name.trim())}>
            {props.mode === 'add' ? t('map.addToMap') : conflicted ? t('conflict.saveMine') : t('action.save')}
          </button>
        </div>
      </form>
    </section>
  );
}
