import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState, Loading } from '../../components/States';
import { useErrorText } from '../../lib/fieldErrors';
import { conflictCurrent, useTRPC, type RouterOutputs } from '../../lib/trpc';
import './sign-in.css';

type SignIn = RouterOutputs['signIn']['settings'];

/**
 * Settings › sign-in (SPEC §15), for admins: which single sign-on provider the server uses,
 * and whether people other than admins may still sign in with a password.
 */
export function SignInPanel() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const settings = useQuery(trpc.signIn.settings.queryOptions());
  return (
    <section id="settings-sign-in" className="card settings-sign-in" aria-labelledby="sign-in-title">
      <h2 className="card-title" id="sign-in-title">
        {t('signIn.title')}
      </h2>
      <p className="muted small">{t('signIn.hint')}</p>
      {settings.isPending ? <Loading /> : settings.isError ? <ErrorState error={settings.error} /> : <SignInForm current={settings.data} />}
    </section>
  );
}

function SignInForm({ current }: { current: SignIn }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const [passwordForEveryone, setPasswordForEveryone] = useState(current.passwordForEveryone);
  const [message, setMessage] = useState<string | null>(null);
  const update = useMutation(
    trpc.signIn.update.mutationOptions({
      onSuccess: async () => {
        setMessage(t('signIn.saved'));
        await queryClient.invalidateQueries(trpc.signIn.settings.queryFilter());
      },
      onError: async (error) => {
        const now = conflictCurrent<{ passwordForEveryone: boolean }>(error);
        if (now) {
          setPasswordForEveryone(now.passwordForEveryone);
          setMessage(t('signIn.conflict'));
          await queryClient.invalidateQueries(trpc.signIn.settings.queryFilter());
        }
      },
    }),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    update.mutate({ passwordForEveryone, version: current.version });
  };
  if (!current.sso) return <p className="small">{t('signIn.ssoOff')}</p>;
  return (
    <form onSubmit={submit} className="sign-in-form">
      <p className="small">
        <strong>{t('signIn.ssoOn', { name: current.sso.name })}</strong>
        <br />
        <span className="muted">{t('signIn.issuer', { issuer: current.sso.issuer })}</span>
      </p>
      <label className="sign-in-check">
        <input type="checkbox" checked={passwordForEveryone} onChange={(e) => setPasswordForEveryone(e.target.checked)} />
        <span>{t('signIn.passwordForEveryone')}</span>
      </label>
      <p className="muted small">{t('signIn.passwordHint', { name: current.sso.name })}</p>
      {update.isError && !conflictCurrent(update.error) && (
        <p className="form-error" role="alert">
          {errorText(update.error)}
        </p>
      )}
      {message && (
        <p className="small" role="status">
          {message}
        </p>
      )}
      <div>
        <button type="submit" className="btn btn-primary" disabled={update.isPending || passwordForEveryone === current.passwordForEveryone}>
          {t('signIn.save')}
        </button>
      </div>
    </form>
  );
}
