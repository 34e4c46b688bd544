import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ACCOUNT_TIERS, type AccountTier } from '../../../../shared/domain';
import { TierBadge } from '../../components/Badges';
import { EnumSelect } from '../../components/EnumSelect';
import { OwnerSelect } from '../../components/OwnerSelect';
import { errorFields, useErrorText } from '../../lib/fieldErrors';
import { conflictCurrent, useTRPC } from '../../lib/trpc';
import { useCurrentUser } from '../auth/useCurrentUser';
import { PhaseBadge } from './AccountBits';
import { ACCOUNT_PHASES, type AccountPhase } from './model';
import type { RoomAccount, RoomData } from './roomTypes';

const RATINGS = ['strategicValue', 'creditStanding', 'productFit'] as const;
type Rating = (typeof RATINGS)[number];

interface FactsForm {
  name: string;
  industry: string;
  tier: AccountTier;
  reason: string;
  phase: AccountPhase;
  ownerId: string;
  strategicValue: string;
  creditStanding: string;
  productFit: string;
  centralPurchasing: '' | 'yes' | 'no';
}

const toForm = (account: RoomAccount): FactsForm => ({
  name: account.name,
  industry: account.industry ?? '',
  tier: account.tier,
  reason: '',
  phase: account.phase,
  ownerId: account.ownerId === null ? '' : String(account.ownerId),
  strategicValue: account.strategicValue === null ? '' : String(account.strategicValue),
  creditStanding: account.creditStanding === null ? '' : String(account.creditStanding),
  productFit: account.productFit === null ? '' : String(account.productFit),
  centralPurchasing: account.centralPurchasing === null ? '' : account.centralPurchasing ? 'yes' : 'no',
});

const rating = (value: string) => (value === '' ? null : Number(value));
const yesNo = (value: FactsForm['centralPurchasing']) => (value === '' ? null : value === 'yes');

/** The account's facts, read, with the suggestions beside the human choices (tier, phase). */
export function AccountFactsView({ room }: { room: RoomData }) {
  const { t } = useTranslation();
  const { account } = room;
  const ratingText = (value: number | null) => (value === null ? <span className="muted">{t('accountRoom.unknown')}</span> : <Stars value={value} label={t('accountRoom.rating', { value })} />);
  return (
    <dl className="facts account-facts" data-testid="account-facts">
      <div>
        <dt>{t('accountRoom.tier')}</dt>
        <dd>
          <TierBadge tier={account.tier} />
          <span className={room.scorecard.suggestedTier === account.tier ? 'suggested muted small' : 'suggested differs small'} data-testid="suggested-tier">
            {t('accountRoom.suggestedTier', { tier: `${room.scorecard.suggestedTier} · ${t(`tier.${room.scorecard.suggestedTier}.name`)}` })}
          </span>
        </dd>
      </div>
      <div>
        <dt>{t('accountRoom.phase')}</dt>
        <dd>
          <PhaseBadge phase={account.phase} />
          {room.phase.suggested !== account.phase && <span className="suggested differs small">{t('accountRoom.suggestedPhase', { phase: t(`accountPhase.${room.phase.suggested}`) })}</span>}
        </dd>
      </div>
      <div>
        <dt>{t('accountRoom.owner')}</dt>
        <dd>{account.ownerName ?? (account.ownerId === null ? <span className="muted">{t('accountRoom.noOwner')}</span> : `#${account.ownerId}`)}</dd>
      </div>
      <div>
        <dt>{t('accountRoom.industry')}</dt>
        <dd>{account.industry ?? <span className="muted">—</span>}</dd>
      </div>
      {RATINGS.map((key) => (
        <div key={key}>
          <dt>{t(`accountRoom.${key}`)}</dt>
          <dd>{ratingText(account[key])}</dd>
        </div>
      ))}
      <div>
        <dt>{t('accountRoom.centralPurchasing')}</dt>
        <dd>{account.centralPurchasing === null ? <span className="muted">{t('accountRoom.unknown')}</span> : account.centralPurchasing ? t('accountRoom.yes') : t('accountRoom.no')}</dd>
      </div>
    </dl>
  );
}

function Stars({ value, label }: { value: number; label: string }) {
  return (
    <span className="stars" role="img" aria-label={label} title={label}>
      {[1, 2, 3, 4, 5].map((n) => (
        <span key={n} className={n <= value ? 'star on' : 'star'} aria-hidden="true">
          ●
        </span>
      ))}
    </span>
  );
}

/**
 * Edits the facts against the version read. A changed tier asks why (kept in the tier history).
 * On CONFLICT the server sends its record: their values show beside the form, what the user
 * typed stays, and saving again goes over theirs knowingly (as the deal room does).
 */
export function AccountFactsForm({ room, onDone }: { room: RoomData; onDone: () => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const [form, setForm] = useState<FactsForm>(() => toForm(room.account));
  const [base, setBase] = useState<RoomAccount>(room.account);
  const [theirs, setTheirs] = useState<RoomAccount | null>(null);
  const [reasonMissing, setReasonMissing] = useState(false);
  const update = useMutation(
    trpc.account.update.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries(trpc.account.pathFilter());
        onDone();
      },
      onError: (error) => {
        const current = conflictCurrent<RoomAccount>(error);
        if (current) {
          setTheirs(current);
          setBase(current);
          void queryClient.invalidateQueries(trpc.account.get.queryFilter({ id: room.account.id }));
        }
      },
    }),
  );
  const bad = new Set(errorFields(update.error));
  const tierChanges = form.tier !== base.tier;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (tierChanges && form.reason.trim() === '') {
      setReasonMissing(true);
      return;
    }
    setReasonMissing(false);
    const next = {
      name: form.name.trim(),
      industry: form.industry.trim(),
      phase: form.phase,
      strategicValue: rating(form.strategicValue),
      creditStanding: rating(form.creditStanding),
      productFit: rating(form.productFit),
      centralPurchasing: yesNo(form.centralPurchasing),
      ...(user.role !== 'rep' ? { ownerId: form.ownerId === '' ? null : Number(form.ownerId) } : {}),
    };
    update.mutate({ id: base.id, version: base.version, ...next, ...(tierChanges ? { tier: form.tier, reason: form.reason.trim() } : {}) });
  };
  const field = (key: string) => `field ${bad.has(key) ? 'invalid' : ''}`;
  const theirForm = theirs && toForm(theirs);
  const diffKeys = theirForm ? (['name', 'industry', 'tier', 'phase', 'ownerId', 'strategicValue', 'creditStanding', 'productFit', 'centralPurchasing'] as const).filter((key) => theirForm[key] !== form[key]) : [];
  const label = (key: (typeof diffKeys)[number]) => t(`accountRoom.${key === 'ownerId' ? 'owner' : key}`);
  const shown = (key: (typeof diffKeys)[number], value: string) =>
    value === '' ? t('accountRoom.unknown') : key === 'tier' ? `${value} · ${t(`tier.${value}.name`)}` : key === 'phase' ? t(`accountPhase.${value}`) : key === 'centralPurchasing' ? t(`accountRoom.${value}`) : key === 'ownerId' ? (theirs?.ownerName ?? value) : value;

  return (
    <form className="facts-form account-facts-form" onSubmit={submit} noValidate data-testid="account-facts-form">
      {theirs && theirForm && (
        <div className="conflict" role="alert" data-testid="account-conflict">
          <strong>{t('accountRoom.conflictTitle')}</strong>
          <p>{t('accountRoom.conflictBody')}</p>
          <ul>
            {diffKeys.map((key) => (
              <li key={key}>
                {label(key)}: <strong>{shown(key, theirForm[key])}</strong>
              </li>
            ))}
          </ul>
          <button
            type="button"
            className="btn btn-small"
            onClick={() => {
              setForm(theirForm);
              setTheirs(null);
              update.reset();
            }}
          >
            {t('accountRoom.useTheirs')}
          </button>
        </div>
      )}
      <div className="form-grid cols-4">
        <label className={field('name')}>
          <span>{t('accountRoom.name')}</span>
          <input value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} required />
        </label>
        <label className={field('industry')}>
          <span>{t('accountRoom.industry')}</span>
          <input value={form.industry} onChange={(e) => setForm({ ...form, industry: e.target.value })} />
        </label>
        <label className={field('tier')}>
          <span>
            {t('accountRoom.tier')} <span className="muted">({t('accountRoom.suggestedTier', { tier: room.scorecard.suggestedTier })})</span>
          </span>
          <EnumSelect values={ACCOUNT_TIERS} value={form.tier} onChange={(tier) => setForm({ ...form, tier })} label={(tier) => `${tier} · ${t(`tier.${tier}.name`)}`} data-testid="tier-select" />
        </label>
        <label className={field('phase')}>
          <span>
            {t('accountRoom.phase')} <span className="muted">({t('accountRoom.suggestedPhase', { phase: t(`accountPhase.${room.phase.suggested}`) })})</span>
          </span>
          <EnumSelect values={ACCOUNT_PHASES} value={form.phase} onChange={(phase) => setForm({ ...form, phase })} label={(phase) => t(`accountPhase.${phase}`)} data-testid="phase-select" />
        </label>
        {tierChanges && (
          <label className={`${field('reason')} span-all ${reasonMissing ? 'invalid' : ''}`}>
            <span>{t('accountRoom.tierReason')}</span>
            <input value={form.reason} onChange={(e) => setForm({ ...form, reason: e.target.value })} aria-describedby="tier-reason-hint" data-testid="tier-reason" />
            <small id="tier-reason-hint" className={reasonMissing ? 'field-error' : 'muted'}>
              {reasonMissing ? t('accountRoom.tierReasonMissing') : t('accountRoom.tierReasonHint')}
            </small>
          </label>
        )}
        <label className={field('ownerId')}>
          <span>{t('accountRoom.owner')}</span>
          {user.role === 'rep' ? (
            <input value={room.account.ownerName ?? ''} disabled />
          ) : (
            <OwnerSelect value={form.ownerId} onChange={(ownerId) => setForm({ ...form, ownerId })} allLabel={t('accountRoom.noOwner')} />
          )}
        </label>
        {RATINGS.map((key: Rating) => (
          <label key={key} className={field(key)}>
            <span>{t(`accountRoom.${key}`)}</span>
            <select value={form[key]} onChange={(e) => setForm({ ...form, [key]: e.target.value })} data-testid={`rating-${key}`}>
              <option value="">{t('accountRoom.unknown')}</option>
              {[1, 2, 3, 4, 5].map((n) => (
                <option key={n} value={n}>
                  {t('accountRoom.rating', { value: n })}
                </option>
              ))}
            </select>
          </label>
        ))}
        <label className={field('centralPurchasing')}>
          <span>{t('accountRoom.centralPurchasing')}</span>
          <select value={form.centralPurchasing} onChange={(e) => setForm({ ...form, centralPurchasing: e.target.value as FactsForm['centralPurchasing'] })}>
            <option value="">{t('accountRoom.unknown')}</option>
            <option value="yes">{t('accountRoom.yes')}</option>
            <option value="no">{t('accountRoom.no')}</option>
          </select>
        </label>
      </div>
      {update.error && !theirs && (
        <p className="form-error" role="alert">
          {errorText(update.error)}
        </p>
      )}
      <div className="form-actions">
        <button type="button" className="btn" onClick={onDone}>
          {t('accountRoom.cancel')}
        </button>
        <button type="submit" className="btn btn-primary" disabled={update.isPending} data-testid="save-account">
          {theirs ? t('accountRoom.saveMine') : t('accountRoom.save')}
        </button>
      </div>
    </form>
  );
}
