import enCommon from '../i18n/en/common.json';
import enScoring from '../i18n/en/scoring.json';
import type { ScoringMessage } from './types';

type Catalog = Record<string, unknown>;
const catalogs: Record<string, Catalog> = { common: enCommon, scoring: enScoring };

function lookup(ns: string, path: string): string | undefined {
  let node: unknown = catalogs[ns];
  for (const part of path.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Catalog)[part];
  }
  return typeof node === 'string' ? node : undefined;
}

function resolve(key: string, params: ScoringMessage['params']): string | undefined {
  const [ns, path] = key.includes(':') ? (key.split(':', 2) as [string, string]) : ['scoring', key];
  if (typeof params.count === 'number') {
    const plural = lookup(ns, `${path}_${params.count === 1 ? 'one' : 'other'}`);
    if (plural) return plural;
  }
  return lookup(ns, path);
}

/**
 * English rendering of a scoring message, the same way i18next renders it in the
 * browser (interpolate `{{param}}`, then nest `$t(ns:key)`), without shipping a
 * second i18next instance: the API's `reasons` and `message` fields are English.
 */
export function renderEnglish(message: ScoringMessage): string {
  const template = resolve(message.key, message.params) ?? message.key;
  const interpolated = template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => String(message.params[name] ?? ''));
  return interpolated.replace(/\$t\(([^)]+)\)/g, (_, key: string) => resolve(key, {}) ?? key);
}

export function message(key: string, params: ScoringMessage['params'] = {}): ScoringMessage {
  return { key, params };
}
