import i18next, { type TFunction } from 'i18next';
import type { Locale } from '../domain';
import { NAMESPACES, SERVER_NAMESPACES, resources } from './resources';

/** Message parameters travel with their key so every reader renders them in their own language. */
export type MessageParams = Record<string, string | number>;
export interface Message {
  key: string;
  params: MessageParams;
}

const instance = i18next.createInstance();
void instance.init({
  resources,
  lng: 'en',
  fallbackLng: 'en',
  ns: [...NAMESPACES, ...SERVER_NAMESPACES],
  defaultNS: 'common',
  initAsync: false,
  showSupportNotice: false,
  interpolation: { escapeValue: false },
});

const fixed = new Map<Locale, TFunction>();

/** A synchronous translator for server-side and pure code (scoring reasons, flag messages). */
export function translator(locale: Locale = 'en'): TFunction {
  let t = fixed.get(locale);
  if (!t) {
    t = instance.getFixedT(locale);
    fixed.set(locale, t);
  }
  return t;
}

/** Render a message (key like `scoring:reasons.minConfirmed`) in the given language. */
export function renderMessage(message: Message, locale: Locale = 'en'): string {
  return translator(locale)(message.key, message.params);
}
