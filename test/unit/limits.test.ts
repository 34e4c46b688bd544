import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ZCompetitorAddSchema } from '../../shared/schemas/infoPoint';
import { LIMITS, THRESHOLD_BOUNDS } from '../../shared/schemas/limits';
import { ZThresholdSettingsSchema } from '../../shared/schemas/settings';

/**
 * The zod schemas and the client's inputs both read their text bounds from LIMITS, so they
 * cannot disagree. What could still drift is a new number typed into either side; these
 * checks refuse one.
 */
const root = join(import.meta.dirname, '../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)));
}

function linesMatching(files: string[], pattern: RegExp): string[] {
  return files.flatMap((file) =>
    readFileSync(join(root, file), 'utf8')
      .split('\n')
      .flatMap((line, index) => (pattern.test(line) ? [`${file}:${index + 1}: ${line.trim()}`] : [])),
  );
}

describe('text length limits have one home', () => {
  const clientFiles = sourceFiles('client/src');
  const schemaFiles = sourceFiles('shared/schemas');

  it('finds the files it checks', () => {
    expect(clientFiles.length).toBeGreaterThan(20);
    expect(schemaFiles).toContain('shared/schemas/deal.ts');
  });

  it('every client maxLength reads LIMITS (or the password policy it names)', () => {
    const inputs = linesMatching(clientFiles, /maxLength=/);
    expect(inputs.length).toBeGreaterThan(20);
    expect(inputs.filter((line) => !/maxLength=\{(LIMITS\.\w+|PASSWORD_MAX)\}/.test(line))).toEqual([]);
  });

  it('every text bound in the schemas reads LIMITS', () => {
    const bounded = linesMatching(schemaFiles, /\bz(Name|Text)\(|z\.(email|string)\(\)[^;]*\.max\(/);
    expect(bounded.length).toBeGreaterThan(20);
    expect(bounded.filter((line) => /\bz(Name|Text)\(\d|\.max\(\d/.test(line))).toEqual([]);
  });

  it('every limit bounds some schema field', () => {
    const schemaSource = schemaFiles.map((file) => readFileSync(join(root, file), 'utf8')).join('\n');
    const unused = Object.keys(LIMITS).filter((key) => !schemaSource.includes(`LIMITS.${key}`));
    expect(unused).toEqual([]);
  });

  it('a schema accepts exactly the limit and refuses one more character', () => {
    const competitor = (name: string) => ZCompetitorAddSchema.safeParse({ dealId: 1, name }).success;
    expect(competitor('x'.repeat(LIMITS.name))).toBe(true);
    expect(competitor('x'.repeat(LIMITS.name + 1))).toBe(false);
  });
});

describe('threshold bounds have one home', () => {
  const settings = ZThresholdSettingsSchema.partial();
  const keys = Object.keys(THRESHOLD_BOUNDS) as (keyof typeof THRESHOLD_BOUNDS)[];

  it('the settings schema accepts each bound and refuses just outside it', () => {
    expect(keys.length).toBe(8); // the seven of SPEC §4 and coachSilentDays (§10)
    for (const key of keys) {
      const { min, max } = THRESHOLD_BOUNDS[key];
      const step = key === 'minCoverage' ? 0.01 : 1;
      expect(settings.safeParse({ [key]: min }).success, `${key} = ${min}`).toBe(true);
      expect(settings.safeParse({ [key]: max }).success, `${key} = ${max}`).toBe(true);
      expect(settings.safeParse({ [key]: min - step }).success, `${key} = ${min - step}`).toBe(false);
      expect(settings.safeParse({ [key]: max + step }).success, `${key} = ${max + step}`).toBe(false);
    }
  });

  it('the Settings form takes its number inputs\' bounds from THRESHOLD_BOUNDS', () => {
    const form = readFileSync(join(root, 'client/src/features/settings/SettingsPage.tsx'), 'utf8');
    for (const key of keys) expect(form).toContain(`{ key: '${key}', ...THRESHOLD_BOUNDS.${key},`);
  });
});
