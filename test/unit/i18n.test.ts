import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderMessage } from '../../shared/i18n/translator';
import { AREAS, files, mergeCatalogs, resources } from '../../shared/i18n/resources';

function keysOf(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keysOf(v, prefix ? `${prefix}.${k}` : k));
}

type Locale = keyof typeof files;
const onDisk = (locale: Locale) => readdirSync(`shared/i18n/${locale}`, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.json')).sort();
const byFile = (locale: Locale): Record<string, unknown> => ({
  'common.json': files[locale].common,
  'scoring.json': files[locale].scoring,
  'import.json': files[locale].import,
  ...Object.fromEntries(AREAS.map((area) => [`areas/${area}.json`, files[locale].areas[area]])),
});

describe('translations', () => {
  it('renders a message in both languages', () => {
    expect(renderMessage({ key: 'common:appName', params: {} }, 'en')).toBe('Deal Room');
    expect(renderMessage({ key: 'common:appName', params: {} }, 'zh-CN')).toContain('赢单');
  });

  it('renders a string that lives in an area file, on the server too', () => {
    expect(renderMessage({ key: 'common:map.addPerson', params: {} }, 'en')).not.toBe('map.addPerson');
    expect(renderMessage({ key: 'common:map.addPerson', params: {} }, 'zh-CN')).not.toBe(renderMessage({ key: 'common:map.addPerson', params: {} }, 'en'));
  });

  it('has every English key in Simplified Chinese and no extra ones, file by file', () => {
    const zh = byFile('zh-CN');
    for (const [name, en] of Object.entries(byFile('en'))) expect(keysOf(zh[name]).sort(), name).toEqual(keysOf(en).sort());
    for (const ns of Object.keys(resources.en) as (keyof typeof resources.en)[]) {
      expect(keysOf(resources['zh-CN'][ns]).sort(), `namespace ${ns}`).toEqual(keysOf(resources.en[ns]).sort());
    }
  });

  it('loads every strings file on disk, in both languages', () => {
    for (const locale of ['en', 'zh-CN'] as const) expect(onDisk(locale), locale).toEqual(Object.keys(byFile(locale)).sort());
  });

  it('defines each key in one file only', () => {
    expect(() => mergeCatalogs({ stage: { lead: 'Lead' } }, { stage: { lead: 'Lead again' } })).toThrow(/stage\.lead is defined twice/);
    // resources merged every file at import without throwing; the counts add up too.
    for (const locale of ['en', 'zh-CN'] as const) {
      const parts = [files[locale].common, ...Object.values(files[locale].areas)];
      expect(keysOf(resources[locale].common).length).toBe(parts.reduce((sum, part) => sum + keysOf(part).length, 0));
    }
  });
});
