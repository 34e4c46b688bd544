import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { ACCOUNT_TIERS, CURRENCIES, OPEN_STAGES, type AccountTier, type Currency, type OpenStage } from '../../../../shared/domain';
import { LIMITS } from '../../../../shared/schemas/limits';
import { Dialog } from '../../components/Dialog';
import { EnumSelect } from '../../components/EnumSelect';
import { OwnerSelect } from '../../components/OwnerSelect';
import { errorFields, useErrorText } from '../../lib/fieldErrors';
import { todayIso } from '../../lib/format';
import { useTRPC } from '../../lib/trpc';
import { useCurrentUser } from '../auth/useCurrentUser';

const NEW_ACCOUNT = 'new';

export default function CreateDealDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Dialog title={t('createDeal.title')} open={open} onClose={onClose}>
      <CreateDealForm onClose={onClose} />
    </Dialog>
  );
}

function CreateDealForm({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  const errorText = useErrorText();
  // Names only, of every account of the team — including ones this rep sees no deal of yet (docs/decisions/0029).
  const [find, setFind] = useState('');
  const accounts = useQuery({ ...trpc.account.options.queryOptions(find.trim() ? { q: find.trim() } : undefined), placeholderData: keepPreviousData });
  const [accountId, setAccountId] = useState<string>('');
  const [account, setAccount] = useState({ name: '', industry: '', tier: 'A' as AccountTier });
  const [deal, setDeal] = useState({ name: '', amount: '', currency: 'USD' as Currency, closeDate: todayIso(), stage: 'qualify' as OpenStage, ownerId: String(user.id) });

  const createAccount = useMutation(trpc.account.create.mutationOptions());
  const createDeal = useMutation(trpc.deal.create.mutationOptions());
  const error = createAccount.error ?? createDeal.error;
  const bad = new Set(errorFields(error));
  const pending = createAccount.isPending || createDeal.isPending;
  const listed = accountId === NEW_ACCOUNT || accounts.data?.some((a) => String(a.id) === accountId);
  const chosen = (listed && accountId) || (accounts.data?.[0] ? String(accounts.data[0].id) : NEW_ACCOUNT);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const targetAccountId =
        chosen === NEW_ACCOUNT
          ? (await createAccount.mutateAsync({ ...account, industry: account.industry || undefined })).id
          : Number(chosen);
      if (chosen === NEW_ACCOUNT) await queryClient.invalidateQueries(trpc.account.options.pathFilter());
      const created = await createDeal.mutateAsync({
        accountId: targetAccountId,
        name: deal.name,
        amount: Number(deal.amount),
        currency: deal.currency,
        closeDate: deal.closeDate,
        stage: deal.stage,
        ownerId: Number(deal.ownerId),
      });
      // The deal makes its account one this rep sees.
      await Promise.all([queryClient.invalidateQueries(trpc.deal.list.pathFilter()), queryClient.invalidateQueries(trpc.account.list.pathFilter())]);
      onClose();
      navigate(`/deals/${created.id}/info`);
    } catch {
      // Shown below from the mutation's error state.
    }
  };

  return (
    <form className="form-grid" onSubmit={(e) => void submit(e)} noValidate>
      <label className="field span-2">
        <span>{t('createDeal.findAccount')}</span>
        <input type="search" maxLength={LIMITS.name} value={find} onChange={(e) => setFind(e.target.value)} />
      </label>
      <label className="field span-2">
        <span>{t('createDeal.account')}</span>
        <select value={chosen} onChange={(e) => setAccountId(e.target.value)}>
          {accounts.data?.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
          <option value={NEW_ACCOUNT}>{t('createDeal.newAccount')}</option>
        </select>
      </label>
      {chosen === NEW_ACCOUNT && (
        <fieldset className="subform span-2">
          <legend>{t('createDeal.newAccountLegend')}</legend>
          <label className={`field span-2 ${bad.has('name') && createAccount.error ? 'invalid' : ''}`}>
            <span>{t('account.name')}</span>
            <input required maxLength={LIMITS.name} value={account.name} onChange={(e) => setAccount({ ...account, name: e.target.value })} />
          </label>
          <label className="field">
            <span>{t('account.industry')}</span>
            <input maxLength={LIMITS.industry} value={account.industry} onChange={(e) => setAccount({ ...account, industry: e.target.value })} />
          </label>
          <label className="field">
            <span>{t('account.tier')}</span>
            <EnumSelect values={ACCOUNT_TIERS} value={account.tier} onChange={(tier) => setAccount({ ...account, tier })} label={(tier) => `${tier} · ${t(`tier.${tier}.name`)}`} />
          </label>
        </fieldset>
      )}
      <label className={`field span-2 ${bad.has('name') && createDeal.error ? 'invalid' : ''}`}>
        <span>{t('deal.name')}</span>
        <input required maxLength={LIMITS.name} value={deal.name} onChange={(e) => setDeal({ ...deal, name: e.target.value })} />
      </label>
      <label className={`field ${bad.has('amount') ? 'invalid' : ''}`}>
        <span>{t('deal.amount')}</span>
        <input type="number" min={0} step="any" inputMode="decimal" required value={deal.amount} onChange={(e) => setDeal({ ...deal, amount: e.target.value })} />
      </label>
      <label className="field">
        <span>{t('deal.currency')}</span>
        <EnumSelect values={CURRENCIES} value={deal.currency} onChange={(currency) => setDeal({ ...deal, currency })} label={(c) => c} />
      </label>
      <label className={`field ${bad.has('closeDate') ? 'invalid' : ''}`}>
        <span>{t('deal.closeDate')}</span>
        <input type="date" required value={deal.closeDate} onChange={(e) => setDeal({ ...deal, closeDate: e.target.value })} />
      </label>
      <label className="field">
        <span>{t('deal.stage')}</span>
        <EnumSelect values={OPEN_STAGES} value={deal.stage} onChange={(stage) => setDeal({ ...deal, stage })} label={(s) => t(`stage.${s}`)} />
      </label>
      {user.role !== 'rep' && (
        <label className={`field span-2 ${bad.has('ownerId') ? 'invalid' : ''}`}>
          <span>{t('deal.owner')}</span>
          <OwnerSelect value={deal.ownerId} onChange={(ownerId) => setDeal({ ...deal, ownerId })} />
        </label>
      )}
      {error && (
        <p className="form-error span-2" role="alert">
          {errorText(error)}
        </p>
      )}
      <div className="form-actions span-2">
        <button type="button" className="btn" onClick={onClose}>
          {t('action.cancel')}
        </button>
        <button type="submit" className="btn btn-primary" disabled={pending || !deal.name.trim() || deal.amount === ''}>
          {t('createDeal.submit')}
        </button>
      </div>
    </form>
  );
}
