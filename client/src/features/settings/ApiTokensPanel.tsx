import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { API_TOKEN_MAX_DAYS } from '../../../../shared/apiTokens';
import { addDays } from '../../../../shared/dates';
import { LIMITS } from '../../../../shared/schemas/limits';
import { useConfirm } from '../../components/ConfirmDialog';
import { ErrorState, Loading } from '../../components/States';
import { errorFields, useErrorText } from '../../lib/fieldErrors';
import { todayIso, useFormat } from '../../lib/format';
import { useTRPC, type RouterOutputs } from '../../lib/trpc';
import './apiTokens.css';

type Token = RouterOutputs['apiToken']['list'][number];

/**
 * Settings › API tokens (SPEC §15): the user's own tokens for scripts and tools. A new
 * token is shown once, to copy; the list shows only its first characters.
 */
export function ApiTokensPanel() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const tokens = useQuery(trpc.apiToken.list.queryOptions());
  const [fresh, setFresh] = useState<{ name: string; token: string } | null>(null);
  return (
    <section id="settings-tokens" className="card settings-tokens" aria-labelledby="api-tokens-title">
      <div className="users-head">
        <h2 className="card-title" id="api-tokens-title">
          {t('apiTokens.title')}
        </h2>
        <a className="btn btn-small" href="/api/docs" target="_blank" rel="noopener">
          {t('apiTokens.reference')}
        </a>
      </div>
      <p className="muted small">{t('apiTokens.hint')}</p>
      {fresh ? <NewToken name={fresh.name} token={fresh.token} onDone={() => setFresh(null)} /> : <CreateTokenForm onCreated={setFresh} />}
      {tokens.isPending ? (
        <Loading />
      ) : tokens.isError ? (
        <ErrorState error={tokens.error} />
      ) : tokens.data.length === 0 ? (
        <p className="muted small">{t('apiTokens.none')}</p>
      ) : (
        <TokenTable tokens={tokens.data} />
      )}
    </section>
  );
}

function CreateTokenForm({ onCreated }: { onCreated: (created: { name: string; token: string }) => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const [name, setName] = useState('');
  const [expiresAt, setExpiresAt] = useState('');
  const create = useMutation(
    trpc.apiToken.create.mutationOptions({
      onSuccess: async (created) => {
        setName('');
        setExpiresAt('');
        onCreated({ name: created.name, token: created.token });
        await queryClient.invalidateQueries(trpc.apiToken.list.queryFilter());
      },
    }),
  );
  const bad = new Set(errorFields(create.error));
  const today = todayIso();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ name, ...(expiresAt ? { expiresAt } : {}) });
  };
  return (
    <form className="tokens-create" onSubmit={submit} noValidate>
      <label className={`field ${bad.has('name') ? 'invalid' : ''}`}>
        <span>{t('apiTokens.name')}</span>
        <input value={name} maxLength={LIMITS.tokenName} autoComplete="off" placeholder={t('apiTokens.namePlaceholder')} onChange={(e) => setName(e.target.value)} />
      </label>
      <label className={`field ${bad.has('expiresAt') ? 'invalid' : ''}`}>
        <span>{t('apiTokens.expiresAt')}</span>
        <input type="date" value={expiresAt} min={today} max={addDays(new Date(`${today}T00:00:00Z`), API_TOKEN_MAX_DAYS).toISOString().slice(0, 10)} aria-describedby="token-expiry-hint" onChange={(e) => setExpiresAt(e.target.value)} />
        <small id="token-expiry-hint" className="muted">
          {t('apiTokens.expiresHint')}
        </small>
      </label>
      <button type="submit" className="btn btn-primary" disabled={create.isPending || name.trim() === ''}>
        + {t('apiTokens.create')}
      </button>
      {create.error && (
        <p className="form-error" role="alert">
          {errorText(create.error)}
        </p>
      )}
    </form>
  );
}

/** The one time the token is visible: copy it, then it is gone. */
function NewToken({ name, token, onDone }: { name: string; token: string; onDone: () => void }) {
  const { t } = useTranslation();
  const field = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(token);
      setCopied('yes');
    } catch {
      // No clipboard (an insecure origin, a denied permission): select it for Ctrl+C instead.
      field.current?.select();
      setCopied('failed');
    }
  };
  return (
    <div className="token-new" role="region" aria-labelledby="token-new-title">
      <h3 id="token-new-title">{t('apiTokens.createdTitle', { name })}</h3>
      <p className="token-warning">{t('apiTokens.createdWarning')}</p>
      <div className="token-copy">
        <input ref={field} readOnly value={token} aria-label={t('apiTokens.tokenOf', { name })} onFocus={(e) => e.target.select()} spellCheck={false} />
        <button type="button" className="btn btn-primary" onClick={() => void copy()}>
          {t('apiTokens.copy')}
        </button>
      </div>
      <p className="small" role="status">
        {copied === 'yes' ? t('apiTokens.copied') : copied === 'failed' ? t('apiTokens.copyFailed') : ''}
      </p>
      <button type="button" className="btn" onClick={onDone}>
        {t('apiTokens.done')}
      </button>
    </div>
  );
}

function TokenTable({ tokens }: { tokens: Token[] }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const format = useFormat();
  const errorText = useErrorText();
  const [confirm, confirmDialog] = useConfirm();
  const revoke = useMutation(
    trpc.apiToken.revoke.mutationOptions({
      onSettled: () => queryClient.invalidateQueries(trpc.apiToken.list.queryFilter()),
    }),
  );
  const now = new Date().toISOString();
  const ask = (token: Token) =>
    void confirm({ title: t('apiTokens.revokeOf', { name: token.name }), message: t('apiTokens.confirmRevoke', { name: token.name }), confirmLabel: t('apiTokens.revoke') }).then(
      (yes) => yes && revoke.mutate({ id: token.id }),
    );
  return (
    <>
      {revoke.error && (
        <p className="form-error" role="alert">
          {errorText(revoke.error)}
        </p>
      )}
      <table className="table tokens-table">
        <thead>
          <tr>
            <th>{t('apiTokens.name')}</th>
            <th>{t('apiTokens.prefix')}</th>
            <th>{t('apiTokens.created')}</th>
            <th>{t('apiTokens.lastUsed')}</th>
            <th>{t('apiTokens.expires')}</th>
            <th className="users-actions-head">{t('users.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((token) => {
            const expired = token.expiresAt !== null && token.expiresAt <= now;
            return (
              <tr key={token.id}>
                <td className="user-name">{token.name}</td>
                <td>
                  <code className="token-prefix">{token.prefix}…</code>
                </td>
                <td data-label={t('apiTokens.created')}>{format.date(token.createdAt)}</td>
                <td data-label={t('apiTokens.lastUsed')}>{token.lastUsedAt ? format.date(token.lastUsedAt) : t('apiTokens.never')}</td>
                <td data-label={t('apiTokens.expires')}>
                  {token.expiresAt === null ? t('apiTokens.noExpiry') : expired ? <span className="token-expired">{t('apiTokens.expired')}</span> : format.date(new Date(new Date(token.expiresAt).getTime() - 1).toISOString())}
                </td>
                <td className="users-actions">
                  <button type="button" className="btn btn-small" aria-label={t('apiTokens.revokeOf', { name: token.name })} disabled={revoke.isPending} onClick={() => ask(token)}>
                    {t('apiTokens.revoke')}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {confirmDialog}
    </>
  );
}
