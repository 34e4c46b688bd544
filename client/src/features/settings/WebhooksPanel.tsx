import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../../../shared/schemas/limits';
import { WEBHOOK_EVENTS, WEBHOOK_LIMITS, type WebhookEvent } from '../../../../shared/webhooks';
import { useConfirm } from '../../components/ConfirmDialog';
import { Dialog } from '../../components/Dialog';
import { ErrorState, Loading } from '../../components/States';
import { useErrorText } from '../../lib/fieldErrors';
import { useTRPC, type RouterOutputs } from '../../lib/trpc';
import { useLocale } from '../../i18n';
import './webhooks.css';

type Webhook = RouterOutputs['webhook']['list'][number];

/** A date and time in the locale on screen. */
function useDateTime() {
  const locale = useLocale();
  return (value: string | null | undefined) => (value ? new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(value)) : '—');
}

/** 32 random bytes as hex: a secret nobody has to think up. */
function generateSecret(): string {
  return [...crypto.getRandomValues(new Uint8Array(32))].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** What the server would refuse, said in the admin's language before sending. */
function urlProblem(url: string): 'urlInvalid' | 'urlScheme' | null {
  if (url.trim() === '') return null;
  if (!URL.canParse(url.trim())) return 'urlInvalid';
  return ['http:', 'https:'].includes(new URL(url.trim()).protocol) ? null : 'urlScheme';
}

/**
 * Settings › webhooks (SPEC §15), for admins: the URLs that are told of stage, health,
 * threshold, stance and account-flag changes; their deliveries, and a way to send one again.
 */
export function WebhooksPanel() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const dateTime = useDateTime();
  const hooks = useQuery(trpc.webhook.list.queryOptions());
  const [viewing, setViewing] = useState<Webhook | null>(null);
  const [confirm, confirmDialog] = useConfirm();
  const remove = useMutation(trpc.webhook.remove.mutationOptions({ onSettled: () => queryClient.invalidateQueries(trpc.webhook.list.queryFilter()) }));
  return (
    <section id="settings-webhooks" className="card settings-webhooks" aria-labelledby="webhooks-title">
      <h2 className="card-title" id="webhooks-title">
        {t('webhooks.title')}
      </h2>
      <p className="muted small">{t('webhooks.hint')}</p>
      <CreateWebhookForm />
      {remove.error && (
        <p className="form-error" role="alert">
          {errorText(remove.error)}
        </p>
      )}
      {hooks.isPending ? (
        <Loading />
      ) : hooks.isError ? (
        <ErrorState error={hooks.error} />
      ) : hooks.data.length === 0 ? (
        <p className="muted">{t('webhooks.none')}</p>
      ) : (
        <table className="table webhooks-table">
          <thead>
            <tr>
              <th>{t('webhooks.url')}</th>
              <th>{t('webhooks.events')}</th>
              <th>{t('webhooks.secret')}</th>
              <th>{t('webhooks.created')}</th>
              <th className="users-actions-head">{t('users.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {hooks.data.map((hook) => (
              <tr key={hook.id}>
                <td className="webhook-url">{hook.url}</td>
                <td>
                  <ul className="webhook-events">
                    {hook.events.map((event) => (
                      <li key={event}>{t(`webhooks.event.${event}`)}</li>
                    ))}
                  </ul>
                </td>
                <td>
                  <code>{hook.secretHint}</code>
                </td>
                <td className="small">
                  {dateTime(hook.createdAt)}
                  <br />
                  <span className="muted">{hook.createdBy.name}</span>
                </td>
                <td className="users-actions">
                  <button type="button" className="btn btn-small" onClick={() => setViewing(hook)}>
                    {t('webhooks.deliveries')}
                  </button>
                  <button
                    type="button"
                    className="btn btn-small"
                    onClick={() =>
                      void confirm({ title: t('webhooks.removeTitle'), message: t('webhooks.removeConfirm', { url: hook.url }), confirmLabel: t('action.remove') }).then((yes) => yes && remove.mutate({ id: hook.id }))
                    }
                  >
                    {t('action.remove')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Dialog wide title={viewing ? t('webhooks.deliveriesOf', { url: viewing.url }) : ''} open={viewing !== null} onClose={() => setViewing(null)}>
        {viewing && <DeliveryLog webhook={viewing} />}
      </Dialog>
      {confirmDialog}
    </section>
  );
}

function CreateWebhookForm() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<WebhookEvent[]>(['deal.stage_changed']);
  const [secret, setSecret] = useState('');
  const [created, setCreated] = useState<string | null>(null);
  const [tried, setTried] = useState(false);
  const create = useMutation(
    trpc.webhook.create.mutationOptions({
      onSuccess: async (hook) => {
        setCreated(hook.url);
        setUrl('');
        setSecret('');
        setTried(false);
        await queryClient.invalidateQueries(trpc.webhook.list.queryFilter());
      },
    }),
  );
  const problem = urlProblem(url);
  const secretShort = secret.length > 0 && secret.length < WEBHOOK_LIMITS.secretMin;
  const toggle = (event: WebhookEvent) => setEvents((list) => (list.includes(event) ? list.filter((e) => e !== event) : WEBHOOK_EVENTS.filter((e) => e === event || list.includes(e))));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    setCreated(null);
    if (problem || url.trim() === '' || events.length === 0 || secret.length < WEBHOOK_LIMITS.secretMin) return;
    create.mutate({ url: url.trim(), events, secret });
  };
  return (
    <form className="webhooks-create" onSubmit={submit} noValidate>
      <label className={`field ${tried && (problem || url.trim() === '') ? 'invalid' : ''}`}>
        <span>{t('webhooks.url')}</span>
        <input
          type="url"
          inputMode="url"
          value={url}
          maxLength={LIMITS.webhookUrl}
          placeholder="https://example.com/hooks/deal-room"
          autoComplete="off"
          aria-invalid={tried && problem !== null}
          aria-describedby="webhook-url-error"
          onChange={(e) => setUrl(e.target.value)}
        />
        <small id="webhook-url-error" className="field-error">
          {problem && (tried || url.includes(':')) ? t(`webhooks.${problem}`) : tried && url.trim() === '' ? t('webhooks.urlRequired') : ''}
        </small>
      </label>
      <fieldset className="webhook-event-choices">
        <legend>{t('webhooks.events')}</legend>
        {WEBHOOK_EVENTS.map((event) => (
          <label key={event}>
            <input type="checkbox" checked={events.includes(event)} onChange={() => toggle(event)} />
            <span>{t(`webhooks.event.${event}`)}</span>
            <code className="muted small">{event}</code>
          </label>
        ))}
        {tried && events.length === 0 && <small className="field-error">{t('webhooks.eventsRequired')}</small>}
      </fieldset>
      <div className={`field ${tried && (secretShort || secret === '') ? 'invalid' : ''}`}>
        <label htmlFor="webhook-secret" className="webhook-secret-label">
          {t('webhooks.secret')}
        </label>
        <div className="webhook-secret-row">
          <input id="webhook-secret" value={secret} maxLength={LIMITS.webhookSecret} autoComplete="off" spellCheck={false} aria-describedby="webhook-secret-hint" onChange={(e) => setSecret(e.target.value.trim())} />
          <button type="button" className="btn" onClick={() => setSecret(generateSecret())}>
            {t('webhooks.generate')}
          </button>
        </div>
        <small id="webhook-secret-hint" className={tried && (secretShort || secret === '') ? 'field-error' : 'muted'}>
          {t('webhooks.secretHint', { min: WEBHOOK_LIMITS.secretMin })}
        </small>
      </div>
      <div className="webhooks-create-actions">
        <button type="submit" className="btn btn-primary" disabled={create.isPending}>
          + {t('webhooks.add')}
        </button>
      </div>
      {create.error && (
        <p className="form-error" role="alert">
          {errorText(create.error)}
        </p>
      )}
      {created && !create.error && (
        <p className="users-ok" role="status">
          {t('webhooks.added', { url: created })}
        </p>
      )}
    </form>
  );
}

function DeliveryLog({ webhook }: { webhook: Webhook }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const dateTime = useDateTime();
  const deliveries = useQuery({ ...trpc.webhook.deliveries.queryOptions({ id: webhook.id }), refetchInterval: 5_000 });
  const resend = useMutation(trpc.webhook.redeliver.mutationOptions({ onSettled: () => queryClient.invalidateQueries(trpc.webhook.deliveries.queryFilter({ id: webhook.id })) }));
  if (deliveries.isPending) return <Loading />;
  if (deliveries.isError) return <ErrorState error={deliveries.error} />;
  return (
    <div className="webhook-deliveries">
      <p className="muted small">{t('webhooks.deliveriesHint')}</p>
      {resend.error && (
        <p className="form-error" role="alert">
          {errorText(resend.error)}
        </p>
      )}
      {deliveries.data.length === 0 ? (
        <p className="muted">{t('webhooks.noDeliveries')}</p>
      ) : (
        <table className="table deliveries-table">
          <thead>
            <tr>
              <th>{t('webhooks.time')}</th>
              <th>{t('webhooks.eventName')}</th>
              <th>{t('webhooks.status')}</th>
              <th>{t('webhooks.response')}</th>
              <th>{t('webhooks.attempts')}</th>
              <th>{t('webhooks.nextAttempt')}</th>
              <th className="users-actions-head">{t('users.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {deliveries.data.map((delivery) => (
              <tr key={delivery.id}>
                <td className="small" data-label={t('webhooks.time')}>
                  {dateTime(delivery.createdAt)}
                </td>
                <td data-label={t('webhooks.eventName')}>{t(`webhooks.event.${delivery.event}`)}</td>
                <td data-label={t('webhooks.status')}>
                  <span className={`badge delivery-${delivery.status}`}>{t(`webhooks.statusName.${delivery.status}`)}</span>
                </td>
                <td data-label={t('webhooks.response')}>
                  {delivery.responseStatus ?? '—'}
                  {delivery.error && <div className="delivery-error small">{delivery.error}</div>}
                </td>
                <td data-label={t('webhooks.attempts')}>{delivery.attempts}</td>
                <td className="small" data-label={t('webhooks.nextAttempt')}>
                  {delivery.status === 'pending' ? dateTime(delivery.nextAttemptAt) : delivery.status === 'delivered' ? dateTime(delivery.deliveredAt) : '—'}
                </td>
                <td className="users-actions">
                  <button type="button" className="btn btn-small" disabled={resend.isPending} aria-label={t('webhooks.resendOf', { time: dateTime(delivery.createdAt) })} onClick={() => resend.mutate({ deliveryId: delivery.id })}>
                    {t('webhooks.resend')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
