import { useEffect } from 'react';
import { useSearchParams } from 'react-router';
import { isLocale, setLocale, currentLocale } from '../i18n';

/** `?lang=zh-CN` or `?lang=en` on any URL switches the language (SPEC §5). */
export function useLangParam(): void {
  const [params] = useSearchParams();
  const lang = params.get('lang');
  useEffect(() => {
    if (isLocale(lang) && lang !== currentLocale()) void setLocale(lang);
  }, [lang]);
}
