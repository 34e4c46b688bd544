import { describe, expect, it } from 'vitest';
import { csvCell, guardFormula } from '../../server/http/exportRows';

describe('export cells (ADR 0019)', () => {
  it.each(['=1+1', '+86 138 0000 0000', '-2', '@SUM(A1)', '\tcmd', '\rcmd'])('guards %j against formula injection with one leading apostrophe', (text) => {
    expect(guardFormula(text)).toBe(`'${text}`);
  });

  it.each(['Harbor Bank', '0755 8888 0001', '华港银行', "'already quoted", ' =spaced', ''])('leaves %j as it is', (text) => {
    expect(guardFormula(text)).toBe(text);
  });

  it('writes numbers and days plain (a negative number is a number, not a formula) and guards only text', () => {
    expect(csvCell({ number: -12.5 })).toBe('-12.5');
    expect(csvCell({ day: '2031-03-04' })).toBe('2031-03-04');
    expect(csvCell({ text: '-12.5' })).toBe("'-12.5");
  });
});
