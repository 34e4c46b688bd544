/**
 * The integration tests run the real server in their own process, so a server-side
 * failure the HTTP answer hides (a rejected promise nobody awaited, an exception thrown
 * in a callback, a `console.error`) would otherwise pass unnoticed. Each one fails the
 * test during which it happened, or the file if it came after the last test.
 */
import { format } from 'node:util';
import { afterAll, afterEach } from 'vitest';

const problems: string[] = [];

const consoleError = console.error.bind(console);
console.error = (...args: unknown[]) => {
  problems.push(`console.error: ${format(...args)}`);
  consoleError(...args);
};

const describeError = (error: unknown) => (error instanceof Error ? (error.stack ?? error.message) : format(error));
process.on('unhandledRejection', (reason) => problems.push(`unhandled rejection: ${describeError(reason)}`));
process.on('uncaughtException', (error) => problems.push(`uncaught exception: ${describeError(error)}`));

function failOnProblems(when: string) {
  if (problems.length === 0) return;
  const found = problems.splice(0);
  throw new Error(`server-side error ${when}:\n${found.join('\n')}`);
}

afterEach(() => failOnProblems('during this test'));
afterAll(() => failOnProblems('after the last test of this file'));
