import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { INFO_POINTS, OPEN_STAGES, THRESHOLD_KEYS, type Role } from '../../../../shared/domain';
import { THRESHOLD_BOUNDS } from '../../../../shared/schemas/limits';
import type { ThresholdSettings } from '../../../../shared/settings';
import { EnumSelect } from '../../components/EnumSelect';
import { FormFooter } from '../../components/FormFooter';
import { ErrorState, Loading } from '../../components/States';
import { errorFields } from '../../lib/fieldErrors';
import { conflictCurrent, useTRPC, type RouterOutputs } from '../../lib/trpc';
import { useCurrentUser } from '../auth/useCurrentUser';
import { SignInPanel } from './SignInPanel';
import { ApiTokensPanel } from './ApiTokensPanel';
import { AccountSettingsPanel } from '../accounts/AccountSettingsPanel';
import { TeamsPanel } from './TeamsPanel';
import { UsersPanel } from './UsersPanel';
import { WebhooksPanel } from './WebhooksPanel';
import { SettingsNav, type SettingsSection } from './SettingsNav';

type Thresholds = RouterOutputs['settings']['thresholds'];
const NUMBER_FIELDS = [
  { key: 'minConfirmed', ...THRESHOLD_BOUNDS.minConfirmed, step: 1 },
  { key: 'staleDays', ...THRESHOLD_BOUNDS.staleDays, step: 1 },
  { key: 'keyInfluence', ...THRESHOLD_BOUNDS.keyInfluence, step: 1 },
  { key: 'minCoaches', ...THRESHOLD_BOUNDS.minCoaches, step: 1 },
  { key: 'minAllies', ...THRESHOLD_BOUNDS.minAllies, step: 1 },
  { key: 'minCoverage', ...THRESHOLD_BOUNDS.minCoverage, step: 0.05 },
  { key: 'contactDays', ...THRESHOLD_BOUNDS.contactDays, step: 1 },
  { key: 'coachSilentDays', ...THRESHOLD_BOUNDS.coachSilentDays, step: 1 },
] as const;

export default function SettingsPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const user = useCurrentUser();
  const settings = useQuery(trpc.settings.thresholds.queryOptions());
  const sections = settingsSections(user.role);
  return (
    <div className="page">
      <div className="page-head">
        <div>
          <h1 className="page-title">{t('settings.title')}</h1>
          <p className="page-sub">{t('settings.subtitle')}</p>
        </div>
      </div>
      <div className="settings-body">
        <SettingsNav sections={sections} />
        <div className="settings-layout">
          {settings.isPending ? <Loading /> : settings.isError ? <ErrorState error={settings.error} /> : <ThresholdForm key={settings.data.version} current={settings.data} editable={user.role === 'admin'} />}
          <AccountSettingsPanel editable={user.role === 'admin'} />
          <UsersPanel />
          {user.role === 'admin' && <TeamsPanel />}
          {user.role !== 'rep' && (
            <section id="settings-import" className="card settings-import" aria-labelledby="settings-import-title">
              <h2 className="card-title" id="settings-import-title">
                {t('import.cardTitle')}
              </h2>
              <p className="muted small">{t('import.cardHint')}</p>
              <Link className="btn" to="/settings/import" data-testid="settings-import-link">
                {t('import.link')}
              </Link>
            </section>
          )}
          {user.role === 'admin' && <SignInPanel />}
          <ApiTokensPanel />
          {user.role === 'admin' && <WebhooksPanel />}
        </div>
      </div>
    </div>
  );
}

/** The cards this role sees, in page order, for the page's table of contents. */
function settingsSections(role: Role): SettingsSection[] {
  const all: (SettingsSection & { roles?: Role[] })[] = [
    { id: 'settings-thresholds', group: 'method', label: 'thresholds' },
    { id: 'settings-accounts', group: 'method', label: 'accounts' },
    { id: 'settings-users', group: 'people', label: 'users' },
    { id: 'settings-teams', group: 'people', label: 'teams', roles: ['admin'] },
    { id: 'settings-import', group: 'integrations', label: 'import', roles: ['admin', 'manager'] },
    { id: 'settings-sign-in', group: 'integrations', label: 'signIn', roles: ['admin'] },
    { id: 'settings-tokens', group: 'integrations', label: 'apiTokens' },
    { id: 'settings-webhooks', group: 'integrations', label: 'webhooks', roles: ['admin'] },
  ];
  return all.filter((section) => !section.roles || section.roles.includes(role)).map(({ id, group, label }) => ({ id, group, label }));
}

function ThresholdForm({ current, editable }: { current: Thresholds; editable: boolean }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [form, setForm] = useState<ThresholdSettings>(current);
  const [saved, setSaved] = useState(false);
  const update = useMutation(
    trpc.settings.updateThresholds.mutationOptions({
      onSuccess: async () => {
        setSaved(true);
        // Health everywhere depends on these numbers.
        await queryClient.invalidateQueries();
      },
      onError: (error) => {
        if (conflictCurrent(error)) void queryClient.invalidateQueries(trpc.settings.thresholds.queryFilter());
      },
    }),
  );
  const bad = new Set(errorFields(update.error));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    update.mutate({ ...form, version: current.version });
  };
  const togglePoint = (point: number) =>
    setForm({ ...form, requiredPoints: form.requiredPoints.includes(point) ? form.requiredPoints.filter((p) => p !== point) : [...form.requiredPoints, point].sort((a, b) => a - b) });

  return (
    <form id="settings-thresholds" className="card threshold-form" onSubmit={submit}>
      <h2 className="card-title">{t('settings.thresholds')}</h2>
      {!editable && <p className="muted small">{t('settings.readOnly')}</p>}
      <fieldset disabled={!editable} className="plain">
        <div className="form-grid">
          {NUMBER_FIELDS.map((field) => (
            <label key={field.key} className={`field ${bad.has(field.key) ? 'invalid' : ''}`}>
              <span>{t(`settings.field.${field.key}`)}</span>
              <input type="number" min={field.min} max={field.max} step={field.step} value={form[field.key]} onChange={(e) => setForm({ ...form, [field.key]: Number(e.target.value) })} />
              <small className="muted">{t(`settings.hint.${field.key}`)}</small>
            </label>
          ))}
        </div>
        <fieldset className={`field ${bad.has('requiredPoints') ? 'invalid' : ''}`}>
          <legend>{t('settings.field.requiredPoints')}</legend>
          <div className="chips">
            {INFO_POINTS.map((point) => (
              <label key={point} className={form.requiredPoints.includes(point) ? 'chip on' : 'chip'} title={t(`infoPoint.${point}.label`)}>
                <input type="checkbox" checked={form.requiredPoints.includes(point)} onChange={() => togglePoint(point)} />
                {point}. {t(`infoPoint.${point}.label`)}
              </label>
            ))}
          </div>
        </fieldset>
        <h3 className="subhead">{t('settings.stageExpectations')}</h3>
        <div className="form-grid cols-3">
          {THRESHOLD_KEYS.map((key) => (
            <label key={key} className="field">
              <span>{t(`threshold.${key}`)}</span>
              <EnumSelect
                values={OPEN_STAGES}
                value={form.stageExpectations[key]}
                onChange={(stage) => setForm({ ...form, stageExpectations: { ...form.stageExpectations, [key]: stage } })}
                label={(stage) => t('settings.byStage', { stage: t(`stage.${stage}`) })}
              />
            </label>
          ))}
        </div>
      </fieldset>
      <FormFooter error={update.error} savedText={saved ? t('settings.saved') : null} editable={editable} pending={update.isPending} onReset={() => setForm(current)} />
    </form>
  );
}
