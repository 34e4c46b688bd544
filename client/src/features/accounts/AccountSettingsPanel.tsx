import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ACCOUNT_SETTING_BOUNDS, SCORECARD_INDICATORS, type AccountSettings } from '../../../../shared/accounts';
import { CURRENCIES, type Currency } from '../../../../shared/domain';
import { EnumSelect } from '../../components/EnumSelect';
import { FormFooter } from '../../components/FormFooter';
import { ErrorState, Loading } from '../../components/States';
import { errorFields } from '../../lib/fieldErrors';
import { conflictCurrent, useTRPC, type RouterOutputs } from '../../lib/trpc';
import './accounts.css';

type TeamSettings = RouterOutputs['settings']['accountSettings'];
const WINDOWS = ['repeatWindowMonths', 'silentDays', 'complaintDays', 'execMeetingDays'] as const;

/**
 * The key-account settings of a team (SPEC §11): how the scorecard weighs its indicators, where
 * its tiers start, the defection watch's windows, and the money — a base currency and the rate
 * of each other currency into it (a currency with no rate is left out of sums, and screens say so).
 */
export function AccountSettingsPanel({ editable }: { editable: boolean }) {
  const trpc = useTRPC();
  const teams = useQuery(trpc.team.list.queryOptions());
  const [teamId, setTeamId] = useState<number | undefined>(undefined);
  const settings = useQuery(trpc.settings.accountSettings.queryOptions(teamId === undefined ? undefined : { teamId }));
  if (settings.isPending) return <Loading />;
  if (settings.isError) return <ErrorState error={settings.error} />;
  return <AccountSettingsForm key={`${settings.data.teamId}-${settings.data.version}`} current={settings.data} editable={editable} teams={teams.data ?? []} onTeam={setTeamId} />;
}

function AccountSettingsForm({ current, editable, teams, onTeam }: { current: TeamSettings; editable: boolean; teams: { id: number; name: string }[]; onTeam: (teamId: number) => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { teamId: _team, version: _version, ...initial } = current;
  const [form, setForm] = useState<AccountSettings>(initial);
  const [saved, setSaved] = useState(false);
  const update = useMutation(
    trpc.settings.updateAccountSettings.mutationOptions({
      onSuccess: async () => {
        setSaved(true);
        // Every account's scorecard, tier suggestion, health and sums depend on these.
        await queryClient.invalidateQueries();
      },
      onError: (error) => {
        if (conflictCurrent(error)) void queryClient.invalidateQueries(trpc.settings.accountSettings.pathFilter());
      },
    }),
  );
  const bad = new Set(errorFields(update.error).map((field) => field.split('.')[0]));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    update.mutate({ ...form, teamId: current.teamId, version: current.version });
  };
  const setRate = (currency: Currency, value: string) => {
    const rates = { ...form.exchangeRates };
    if (value === '') delete rates[currency];
    else rates[currency] = Number(value);
    setForm({ ...form, exchangeRates: rates });
  };
  return (
    <form id="settings-accounts" className="card account-settings" onSubmit={submit} aria-labelledby="account-settings-title" data-testid="account-settings">
      <h2 className="card-title" id="account-settings-title">
        {t('accountSettings.title')}
      </h2>
      <p className="muted small">{t('accountSettings.intro')}</p>
      {teams.length > 1 && (
        <label className="inline-field account-settings-team">
          <span>{t('portfolio.team')}</span>
          <select value={current.teamId} onChange={(e) => onTeam(Number(e.target.value))}>
            {teams.map((team) => (
              <option key={team.id} value={team.id}>
                {team.name}
              </option>
            ))}
          </select>
        </label>
      )}
      {!editable && <p className="muted small">{t('settings.readOnly')}</p>}
      <fieldset disabled={!editable} className="plain">
        <h3 className="subhead">{t('accountSettings.weights')}</h3>
        <div className={`form-grid cols-4 ${bad.has('weights') ? 'invalid' : ''}`}>
          {SCORECARD_INDICATORS.map((key) => (
            <label key={key} className={`field ${bad.has('weights') ? 'invalid' : ''}`}>
              <span>{t(`scorecardIndicator.${key}`)}</span>
              <input type="number" min={ACCOUNT_SETTING_BOUNDS.weight.min} max={ACCOUNT_SETTING_BOUNDS.weight.max} step={1} value={form.weights[key]} onChange={(e) => setForm({ ...form, weights: { ...form.weights, [key]: Number(e.target.value) } })} />
            </label>
          ))}
        </div>
        <h3 className="subhead">{t('accountSettings.cutoffs')}</h3>
        <div className="form-grid">
          {(['A', 'B'] as const).map((tier) => (
            <label key={tier} className={`field ${bad.has('tierCutoffs') ? 'invalid' : ''}`}>
              <span>{t('accountSettings.cutoff', { tier: `${tier} · ${t(`tier.${tier}.name`)}` })}</span>
              <input type="number" min={0} max={100} step={5} value={Math.round(form.tierCutoffs[tier] * 100)} onChange={(e) => setForm({ ...form, tierCutoffs: { ...form.tierCutoffs, [tier]: Number(e.target.value) / 100 } })} />
            </label>
          ))}
        </div>
        <h3 className="subhead">{t('accountSettings.windows')}</h3>
        <div className="form-grid">
          {WINDOWS.map((key) => (
            <label key={key} className={`field ${bad.has(key) ? 'invalid' : ''}`}>
              <span>{t(`field.${key}`)}</span>
              <input type="number" min={ACCOUNT_SETTING_BOUNDS[key].min} max={ACCOUNT_SETTING_BOUNDS[key].max} step={1} value={form[key]} onChange={(e) => setForm({ ...form, [key]: Number(e.target.value) })} />
              <small className="muted">{t(`accountSettings.hint.${key}`)}</small>
            </label>
          ))}
        </div>
        <h3 className="subhead">{t('accountSettings.money')}</h3>
        <div className="form-grid cols-4">
          <label className={`field ${bad.has('baseCurrency') ? 'invalid' : ''}`}>
            <span>{t('field.baseCurrency')}</span>
            <EnumSelect values={CURRENCIES} value={form.baseCurrency} onChange={(baseCurrency) => setForm({ ...form, baseCurrency })} label={(value) => value} data-testid="base-currency" />
          </label>
          {CURRENCIES.filter((currency) => currency !== form.baseCurrency).map((currency) => (
            <label key={currency} className={`field ${bad.has('exchangeRates') ? 'invalid' : ''}`}>
              <span>{t('accountSettings.rate', { currency, base: form.baseCurrency })}</span>
              <input type="number" min={0} step="any" placeholder={t('accountSettings.noRate')} value={form.exchangeRates[currency] ?? ''} onChange={(e) => setRate(currency, e.target.value)} data-testid={`rate-${currency}`} />
            </label>
          ))}
        </div>
        <small className="muted">{t('accountSettings.rateHint', { base: form.baseCurrency })}</small>
      </fieldset>
      <FormFooter error={update.error} savedText={saved ? t('accountSettings.saved') : null} editable={editable} pending={update.isPending} onReset={() => setForm(initial)} />
    </form>
  );
}
