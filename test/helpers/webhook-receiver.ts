/**
 * A real HTTP receiver for webhook tests (node:http on a free port): it checks each
 * delivery's signature with the shared secret, records what came, and answers as the
 * test tells it to — a status, a delay — one behaviour per request, then the default.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  body: string;
  json: { id: string; event: string; at: string; data: Record<string, unknown> };
  headers: IncomingHttpHeaders;
  signatureValid: boolean;
}

export interface Behaviour {
  status: number;
  /** Milliseconds before answering. */
  delayMs?: number;
}

export interface Receiver {
  url: string;
  received: Received[];
  /** Answers for the next requests, in order; after them, `fallback`. */
  script: Behaviour[];
  fallback: Behaviour;
  close(): Promise<void>;
}

/** As a receiver would verify it: HMAC-SHA256 of the raw body, compared in constant time. */
export function verify(secret: string, body: string, header: string | undefined): boolean {
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(body).digest('hex')}`);
  const given = Buffer.from(header ?? '');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export async function startReceiver(secret: string): Promise<Receiver> {
  const received: Received[] = [];
  const receiver: Omit<Receiver, 'url' | 'close'> = { received, script: [], fallback: { status: 200 } };
  const timers = new Set<NodeJS.Timeout>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const signatureHeader = req.headers['x-dealroom-signature'];
      received.push({ body, json: JSON.parse(body) as Received['json'], headers: req.headers, signatureValid: verify(secret, body, typeof signatureHeader === 'string' ? signatureHeader : undefined) });
      const behaviour = receiver.script.shift() ?? receiver.fallback;
      const answer = () => {
        if (!res.destroyed) res.writeHead(behaviour.status, { 'Content-Type': 'text/plain' }).end('ok');
      };
      if (behaviour.delayMs) {
        const timer = setTimeout(() => {
          timers.delete(timer);
          answer();
        }, behaviour.delayMs);
        timers.add(timer);
      } else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(receiver, {
    url: `http://127.0.0.1:${port}/hooks/deal-room`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}
