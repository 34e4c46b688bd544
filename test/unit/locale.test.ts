import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isValidLanguageTag, matchLocale, normaliseLocale, pickLocale, primaryLanguage } from '../../client/src/i18n/locale';
import { LOCALES } from '../../shared/domain';

describe('matchLocale: what a browser, ?lang= or storage says, as a locale the app has', () => {
  it.each([
    ['en', 'en'],
    ['en-US', 'en'],
    ['en-US@posix', 'en'],
    ['en_GB.UTF-8', 'en'],
    ['EN-us', 'en'],
    ['zh-CN', 'zh-CN'],
    ['zh', 'zh-CN'],
    ['zh-Hans-CN', 'zh-CN'],
    ['zh-TW', 'zh-CN'],
    ['zh-Hant-HK', 'zh-CN'],
    ['zh_CN.UTF-8', 'zh-CN'],
    [' zh-cn ', 'zh-CN'],
  ])('%j → %s', (tag, locale) => {
    expect(matchLocale(tag)).toBe(locale);
  });

  it.each([['fr-FR'], ['de'], [''], ['C'], ['POSIX'], ['*'], ['x-garbage'], ['@@@'], ['zh-'], ['en--US'], [null], [undefined], [42], [{}]])('%j → none', (tag) => {
    expect(matchLocale(tag)).toBeNull();
  });

  it('never throws, and answers a supported locale or nothing, for any string at all', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (tag) => {
        const locale = matchLocale(tag);
        expect(locale === null || LOCALES.includes(locale)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('gives a tag every Intl formatter accepts', () => {
    for (const tag of ['en-US@posix', 'zh-TW', 'zh_CN.UTF-8']) {
      const locale = matchLocale(tag)!;
      expect(() => new Intl.DateTimeFormat(locale).format(new Date(0))).not.toThrow();
      expect(() => new Intl.ListFormat(locale).format(['a', 'b'])).not.toThrow();
    }
  });
});

describe('pickLocale: the first candidate the app has, most wanted first', () => {
  it('takes ?lang= over storage over the browser', () => {
    expect(pickLocale(['zh-CN', 'en', 'en-US'])).toBe('zh-CN');
    expect(pickLocale([null, 'zh-CN', 'en-US'])).toBe('zh-CN');
    expect(pickLocale([null, null, 'zh-Hans-CN'])).toBe('zh-CN');
  });

  it('skips what it cannot use and walks the browser list in order', () => {
    expect(pickLocale(['klingon', null, 'fr-FR', 'zh-TW', 'en'])).toBe('zh-CN');
    expect(pickLocale(['', 'C', 'en-US@posix'])).toBe('en');
  });

  it('falls back to English when nothing matches', () => {
    expect(pickLocale([])).toBe('en');
    expect(pickLocale(['fr-FR', 'de', '', 'C', 'garbage!'])).toBe('en');
  });
});

describe('primaryLanguage and isValidLanguageTag', () => {
  it('reads the language subtag of POSIX and BCP 47 tags', () => {
    expect(primaryLanguage('en-US@posix')).toBe('en');
    expect(primaryLanguage('pt_BR.UTF-8')).toBe('pt');
    expect(primaryLanguage('yue-Hant-HK')).toBe('yue');
    expect(primaryLanguage('C')).toBeNull();
  });

  it('tells which tags Intl rejects, the ones third-party code must not see', () => {
    expect(['en-US@posix', '', 'C', 'en_US', 'x', 42].map(isValidLanguageTag)).toEqual([false, false, false, false, false, false]);
    expect(['en', 'en-US', 'zh-Hans-CN', 'zh-TW', 'en-US-posix'].map(isValidLanguageTag)).toEqual([true, true, true, true, true]);
  });
});

describe('normaliseLocale: always a locale, English when nothing else fits', () => {
  it.each([['en-US@posix', 'en'], ['', 'en'], ['C', 'en'], ['zh', 'zh-CN'], ['zh-Hans-CN', 'zh-CN'], ['zh-TW', 'zh-CN'], ['fr-FR', 'en'], ['%%garbage%%', 'en']])('%j → %s', (tag, locale) => {
    expect(normaliseLocale(tag)).toBe(locale);
  });
});
