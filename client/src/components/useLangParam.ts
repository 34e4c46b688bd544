import { useEffect } from 'react';
import { useSearchParams } from 'wouter';
import { currentLocale, matchLocale, setLocale } from '../i18n';

/** `?lang=zh-CN` or `?lang=en` on any URL switches the language (SPEC §5); `?lang=zh` or `?lang=en-GB` too. */
export function useLangParam(): void {
  const [params] = useSearchParams();
  const lang = matchLocale(params.get('lang'));
  useEffect(() => {
    if (lang && lang !== currentLocale()) void setLocale(lang);
  }, [lang]);
}
