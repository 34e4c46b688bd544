import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'wouter';
import type { Locale } from '../../../shared/domain';
import { setLocale, useLocale } from '../i18n';
import { useTRPC } from '../lib/trpc';

const LABELS: Record<Locale, string> = { en: 'English', 'zh-CN': '简体中文' };

export function LanguageSwitcher({ signedIn }: { signedIn: boolean }) {
  const { t } = useTranslation();
  const current = useLocale();
  const trpc = useTRPC();
  const [params, setParams] = useSearchParams();
  const saveLocale = useMutation(trpc.auth.setLocale.mutationOptions());
  const change = (locale: Locale) => {
    void setLocale(locale);
    if (params.has('lang')) {
      params.set('lang', locale);
      setParams(params, { replace: true });
    }
    if (signedIn) saveLocale.mutate({ locale });
  };
  return (
    <label className="lang-switch">
      <span className="visually-hidden">{t('header.language')}</span>
      <select value={current} onChange={(event) => change(event.target.value as Locale)} aria-label={t('header.language')}>
        {(Object.keys(LABELS) as Locale[]).map((locale) => (
          <option key={locale} value={locale}>
            {LABELS[locale]}
          </option>
        ))}
      </select>
    </label>
  );
}
