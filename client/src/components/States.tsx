import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { errorCode } from '../lib/trpc';

export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <div className="state state-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label ?? t('state.loading')}
    </div>
  );
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const code = errorCode(error);
  const message = code === 'NOT_FOUND' ? t('state.notFoundBody') : code === 'FORBIDDEN' ? t('state.forbidden') : t('state.errorBody');
  return (
    <div className="state state-error" role="alert">
      <strong>{code === 'NOT_FOUND' ? t('state.notFoundTitle') : t('state.errorTitle')}</strong>
      <p>{message}</p>
      {onRetry && code !== 'NOT_FOUND' && (
        <button type="button" className="btn" onClick={onRetry}>
          {t('action.retry')}
        </button>
      )}
    </div>
  );
}

export function Empty({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="state state-empty">
      <strong>{title}</strong>
      {children}
    </div>
  );
}

export function NotFound() {
  const { t } = useTranslation();
  return (
    <div className="page">
      <Empty title={t('state.notFoundTitle')}>
        <p>{t('state.pageNotFound')}</p>
        <Link className="btn" to="/">
          {t('nav.pipeline')}
        </Link>
      </Empty>
    </div>
  );
}
