import { describe, expect, it } from 'vitest';
import { renderMessage } from '../../shared/i18n/translator';
import { resources } from '../../shared/i18n/resources';

function keysOf(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keysOf(v, prefix ? `${prefix}.${k}` : k));
}

describe('translations', () => {
  it('renders a message in both languages', () => {
    expect(renderMessage({ key: 'common:appName', params: {} }, 'en')).toBe('Deal Room');
    expect(renderMessage({ key: 'common:appName', params: {} }, 'zh-CN')).toContain('赢单');
  });

  it('has every English key in Simplified Chinese and no extra ones', () => {
    for (const ns of Object.keys(resources.en) as (keyof typeof resources.en)[]) {
      const en = keysOf(resources.en[ns]).sort();
      const zh = keysOf(resources['zh-CN'][ns]).sort();
      expect(zh, `namespace ${ns}`).toEqual(en);
    }
  });
});
