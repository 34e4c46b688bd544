/**
 * The real server in its own process (node --import tsx server/index.ts, or the built
 * bundle), so a test can kill it with SIGKILL the way a crash would.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface ChildServer {
  url: string;
  process: ChildProcess;
  /** What the server wrote to stderr so far (an uncaught error; its log goes to stdout, ignored). */
  stderr(): string;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/** Node's arguments in package.json's `start` script (`node …`): the built server as production runs it. */
export function npmStartArgs(): string[] {
  const { scripts } = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };
  const [command, ...args] = (scripts.start ?? '').split(/\s+/);
  if (command !== 'node') throw new Error(`npm start is not a plain node command: ${scripts.start}`);
  return args;
}

/** Node's arguments for the server from its TypeScript sources, as in development. */
export const SOURCE_ARGS = ['--import', 'tsx', 'server/index.ts'] as const;

/**
 * `database` is a SQLite file path, or a postgres:// URL (passed as DATABASE_URL). Only
 * that one reaches the child: a DATABASE_URL in the test runner's own environment does not.
 * `args` are Node's (after the node binary itself).
 */
export async function startChildServer(
  database: string,
  port: number,
  env: Record<string, string> = {},
  args: readonly string[] = SOURCE_ARGS,
  /** How long it may take to answer /healthz: a start that stores 50,000 deals' health takes a while. */
  readyWithinMs = 30_000,
): Promise<ChildServer> {
  const { DATABASE_URL: _ignored, ...inherited } = process.env;
  const location = /^postgres(ql)?:\/\//.test(database) ? { DATABASE_URL: database } : { DATABASE_PATH: database };
  const child = spawn(process.execPath, args, {
    env: { ...inherited, ...location, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', LOGIN_RATE_LIMIT: '10000', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + readyWithinMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}: ${stderr}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server did not become ready: ${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    url,
    process: child,
    stderr: () => stderr,
    kill(signal = 'SIGKILL') {
      return new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill(signal);
      });
    },
  };
}

/** A free-ish port for a child server: the OS picks one for a moment, then releases it. */
export async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
