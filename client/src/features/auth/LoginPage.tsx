import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useSearchParams } from 'wouter';
import { LanguageSwitcher } from '../../components/LanguageSwitcher';
import { useLangParam } from '../../components/useLangParam';
import { setLocale } from '../../i18n';
import { isSsoError } from '../../../../shared/signIn';
import { errorCode, useTRPC } from '../../lib/trpc';

/** Only same-app paths are followed after login, never another site. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function LoginPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  const [params] = useSearchParams();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  useLangParam();
  // What this server offers: single sign-on (with the provider's name) and whether a password works for everyone.
  const methods = useQuery(trpc.auth.methods.queryOptions()).data;
  const sso = methods?.sso ?? null;
  const ssoError = params.get('sso_error');
  const login = useMutation(
    trpc.auth.login.mutationOptions({
      onSuccess: (data) => {
        queryClient.setQueryData(trpc.auth.me.queryKey(), data);
        if (!params.get('lang')) void setLocale(data.user.locale);
        navigate(safeNext(params.get('next')), { replace: true });
      },
    }),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    login.mutate({ email: email.trim(), password });
  };
  const code = errorCode(login.error);
  const ssoName = sso?.name ?? 'SSO';
  const errorText = !login.error
    ? isSsoError(ssoError)
      ? t(`login.ssoError.${ssoError}`, { name: ssoName })
      : null
    : code === 'TOO_MANY_REQUESTS'
      ? t('login.tooMany')
      : code === 'UNAUTHORIZED' || code === 'BAD_REQUEST'
        ? t('login.wrong')
        : code === 'FORBIDDEN'
          ? t('login.passwordOff', { name: ssoName })
          : t('state.errorBody');

  return (
    <div className="login-page">
      <div className="login-lang">
        <LanguageSwitcher signedIn={false} />
      </div>
      <form className="login-card" onSubmit={submit} noValidate>
        <div className="login-brand">
          <img src="/favicon.svg" alt="" width={44} height={44} />
          <div>
            <h1>{t('appName')}</h1>
            <p>{t('login.tagline')}</p>
          </div>
        </div>
        {sso && (
          <>
            {/* A plain link, not a fetch: the browser itself goes to the provider and comes back with a session cookie. */}
            <a className="btn btn-sso btn-block" href={`/auth/oidc/start?returnTo=${encodeURIComponent(safeNext(params.get('next')))}`}>
              {t('login.sso', { name: sso.name })}
            </a>
            <p className="login-or">{methods?.passwordForEveryone ? t('login.or') : t('login.adminsOnlyHint')}</p>
          </>
        )}
        <label className="field">
          <span>{t('login.email')}</span>
          <input type="email" name="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} autoFocus={!sso} />
        </label>
        <label className="field">
          <span>{t('login.password')}</span>
          <input type="password" name="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        {errorText && (
          <p className="form-error" role="alert">
            {errorText}
          </p>
        )}
        <button type="submit" className="btn btn-primary btn-block" disabled={login.isPending || !email || !password}>
          {login.isPending ? t('login.signingIn') : t('login.submit')}
        </button>
        <p className="login-hint">{t('login.demoHint')}</p>
      </form>
    </div>
  );
}
