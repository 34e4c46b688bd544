/**
 * `npx tsx bench/profile-api.ts [get|batch|write]`: where the CPU goes while one API case of
 * bench/api.ts runs against the in-process server (the inspector's sampling profiler over
 * PROFILE_SECONDS, default 6). Prints self time by where the code lives (our server, tRPC,
 * drizzle, Node's fetch classes, the load generator…) and the inclusive time of the functions
 * that matter for the request's path. The diagnosis behind ADR 33 and ADR 35, not a figure to compare.
 */
import { Session } from 'node:inspector/promises';
import autocannon from 'autocannon';
import { loginAs } from '../test/helpers/api';
import { startTestServer } from '../test/helpers/server';

interface ProfileNode {
  id: number;
  children?: number[];
  callFrame: { functionName: string; url: string; lineNumber: number };
}

const which = process.argv[2] ?? 'get';
const seconds = Number(process.env.PROFILE_SECONDS ?? 6);
const server = await startTestServer();
const session = new Session();
session.connect();
try {
  const rep = await loginAs(server, 'rep1@demo.test');
  const rich = (await rep.trpc.deal.list.query({})).items.find((d) => d.name === 'Core banking mainframe refresh')!;
  const room = await rep.trpc.deal.get.query({ id: rich.id });
  const cookie = rep.cookie!;
  const single = `${server.url}/trpc/deal.get?input=${encodeURIComponent(JSON.stringify({ id: rich.id }))}`;
  const batched = `${server.url}/trpc/deal.get?batch=1&input=${encodeURIComponent(JSON.stringify({ 0: { id: rich.id } }))}`;
  let version = room.stakeholders[0]!.version;
  const write = async (until: number) => {
    let calls = 0;
    while (performance.now() < until) {
      const res = await fetch(`${server.url}/trpc/stakeholder.update`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json' },
        body: JSON.stringify({ id: room.stakeholders[0]!.id, version, positionX: Math.round(Math.random() * 1000) }),
      });
      version = ((await res.json()) as { result: { data: { version: number } } }).result.data.version;
      calls += 1;
    }
    return calls;
  };
  const run = async (secs: number) => {
    if (which === 'write') return write(performance.now() + secs * 1000);
    const result = await autocannon({ url: which === 'batch' ? batched : single, connections: 10, duration: secs, headers: { cookie } });
    if (result.non2xx > 0 || result.errors > 0) throw new Error(`${result.non2xx} non-2xx, ${result.errors} errors`);
    return result.requests.total;
  };
  await run(1);
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  const began = process.cpuUsage();
  const calls = await run(seconds);
  const cpu = process.cpuUsage(began);
  const { profile } = await session.post('Profiler.stop');
  const nodes = new Map<number, ProfileNode>(profile.nodes.map((node) => [node.id, node as ProfileNode]));
  const parent = new Map<number, number>();
  for (const node of nodes.values()) for (const child of node.children ?? []) parent.set(child, node.id);
  const place = (url: string, name: string) => {
    if (!url) return name === '(garbage collector)' ? 'GC' : name === '(idle)' || name === '(program)' ? name : '(native)';
    if (url.includes('autocannon') || url.includes('hdr-histogram')) return 'load generator';
    if (url.includes('/@trpc/')) return 'tRPC';
    if (url.includes('drizzle-orm')) return 'drizzle';
    if (url.includes('better-sqlite3')) return 'better-sqlite3';
    if (url.includes('/zod/')) return 'zod';
    if (url.includes('/express/') || url.includes('/router/') || url.includes('/helmet/')) return 'express + helmet';
    if (url.includes('node_modules/pino')) return 'pino';
    if (url.includes('node:internal/deps/undici') || url.includes('internal/webstreams') || url.includes('internal/abort') || url.includes('internal/event_target') || url.includes('internal/url'))
      return "Node's fetch classes (undici, web streams, AbortController, URL)";
    if (url.startsWith('node:')) return 'Node (http, net, streams…)';
    if (url.includes('/server/') || url.includes('/shared/')) return 'our server';
    return url.replace(/^.*node_modules\//, '').split('/')[0]!;
  };
  const self = new Map<string, number>();
  const functions = new Map<string, number>();
  // CALLERS=name: for samples in that function, the first frame of our own code above it.
  const callersOf = process.env.CALLERS;
  const callers = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const watched = /^(incomingMessageToRequest|writeResponse|writeResponseBody|resolveResponse|nodeHTTPRequestHandler|createContext|readSessionUser|getDeal|updateStakeholder|transaction|parseRequest|writeTrpcResponse|serveTrpc|getRequestInfo|computeHealth|JSON\.stringify|stringify|helmetMiddleware|requestLog)$/;
  let total = 0;
  profile.samples!.forEach((id, index) => {
    const delta = profile.timeDeltas![index] ?? 0;
    const node = nodes.get(id)!;
    const key = place(node.callFrame.url, node.callFrame.functionName);
    self.set(key, (self.get(key) ?? 0) + delta);
    const fn = `${node.callFrame.functionName || '(anonymous)'} ${node.callFrame.url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*?\/(server|shared)\//, '$1/')}:${node.callFrame.lineNumber + 1}`;
    functions.set(fn, (functions.get(fn) ?? 0) + delta);
    if (callersOf && node.callFrame.functionName === callersOf) {
      const chain: string[] = [];
      for (let at = parent.get(id); at !== undefined && chain.length < 4; at = parent.get(at)) {
        const frame = nodes.get(at)!.callFrame;
        chain.push(`${frame.functionName || '(anonymous)'} ${frame.url.replace(/^.*\/(server|shared|node_modules)\//, '')}:${frame.lineNumber + 1}`);
      }
      const caller = chain.join(' < ');
      callers.set(caller, (callers.get(caller) ?? 0) + delta);
    }
    if (key !== '(idle)') total += delta;
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const name = nodes.get(at)!.callFrame.functionName;
      if (watched.test(name) && !seen.has(name)) {
        seen.add(name);
        inclusive.set(name, (inclusive.get(name) ?? 0) + delta);
      }
    }
  });
  console.log(`\n${which}: ${calls} calls in ${seconds} s, process CPU ${((cpu.user + cpu.system) / 1000 / calls).toFixed(3)} ms per call (client and server)`);
  const rows = (map: Map<string, number>) =>
    [...map].filter(([key]) => key !== '(idle)').sort((a, b) => b[1] - a[1]).map(([key, us]) => ({ where: key, 'ms per call': (us / 1000 / calls).toFixed(3), '% of busy': ((100 * us) / total).toFixed(1) }));
  console.log('Self time:');
  console.table(rows(self).slice(0, 14));
  console.log('Self time by function:');
  console.table(rows(functions).slice(0, Number(process.env.TOP ?? 25)));
  if (callersOf) {
    console.log(`Callers of ${callersOf}:`);
    console.table(rows(callers));
  }
  console.log('Inclusive time of the request path:');
  console.table(rows(inclusive));
} finally {
  session.disconnect();
  await server.stop();
}
