/**
 * Headless Chromium for end-to-end tests, screenshots and benchmarks, without
 * any browser download: CHROMIUM_PATH, else Debian's /usr/bin/chromium, else the
 * binary that ships inside the @sparticuz/chromium npm package. `E2E_CHROMIUM=bundled`
 * skips the first two, so CI proves the suite passes on a machine with no system browser
 * (that binary reports its language as `en-US@posix`, which `Intl` rejects).
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

const BASE_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--font-render-hinting=none',
];

async function resolveChromium(): Promise<{ executablePath: string; args: string[] }> {
  const bundledOnly = process.env.E2E_CHROMIUM === 'bundled';
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter((p): p is string => !!p);
  const found = bundledOnly ? undefined : candidates.find((path) => existsSync(path));
  if (found) return { executablePath: found, args: BASE_ARGS };
  const sparticuz = (await import('@sparticuz/chromium')).default;
  // Not the package's own flags: they are for AWS Lambda, and `--single-process` takes the whole
  // browser down when a test closes a second page; `--disable-web-security` would hide what the app's
  // headers do. With the same flags as Debian's binary both browsers behave alike.
  return { executablePath: await sparticuz.executablePath(), args: BASE_ARGS };
}

export async function launchBrowser(): Promise<Browser> {
  const { executablePath, args } = await resolveChromium();
  return chromium.launch({
    executablePath,
    args: [...new Set(args)],
    headless: true,
  });
}
