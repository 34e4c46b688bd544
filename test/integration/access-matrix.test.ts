/**
 * SPEC §9: every procedure is covered by an access test for each role. The
 * procedures come from the router itself, so one added without a line in
 * ACCESS below fails this suite until someone decides who may call it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { restRoutes } from '../../server/http/rest';
import { appRouter } from '../../server/trpc/router';
import { ApiSession, expectOk, loginAs, type ApiInput, type RawResponse, type RouterOutputs } from '../helpers/api';
import { DEMO_PASSWORD, startTestServer, type TestServer } from '../helpers/server';
import { addOtherTeam, dbFingerprint, type OtherTeam } from '../helpers/world';

const ACTORS = ['anonymous', 'rep', 'otherRep', 'manager', 'otherTeamManager', 'admin'] as const;
type Actor = (typeof ACTORS)[number];

/** `ok`, an exact tRPC code, or `hidden`: NOT_FOUND or FORBIDDEN (SPEC §6: either may hide a record). */
type Outcome = 'ok' | 'hidden' | 'UNAUTHORIZED' | 'FORBIDDEN' | 'NOT_FOUND';
type Expectation = Record<Actor, Outcome>;

// The access rules of SPEC §7, named once.
/** Anyone, logged in or not. */
const PUBLIC: Expectation = { anonymous: 'ok', rep: 'ok', otherRep: 'ok', manager: 'ok', otherTeamManager: 'ok', admin: 'ok' };
/** Anyone logged in; what they get back is scoped to what they may see. */
const SIGNED_IN: Expectation = { ...PUBLIC, anonymous: 'UNAUTHORIZED' };
/** One deal (rep1's): its owner, the team's manager and admins. */
const DEAL: Expectation = { anonymous: 'UNAUTHORIZED', rep: 'ok', otherRep: 'hidden', manager: 'ok', otherTeamManager: 'hidden', admin: 'ok' };
/**
 * Account-level records (accounts, contacts, external allies, complaints) are shared by whoever sees the account
 * (docs/decisions/0029): its key-account manager and the reps with a deal there (rep1 here), the team's manager and
 * admins. A colleague with no deal there (rep2) is told it does not exist.
 */
const ACCOUNT: Expectation = { anonymous: 'UNAUTHORIZED', rep: 'ok', otherRep: 'NOT_FOUND', manager: 'ok', otherTeamManager: 'hidden', admin: 'ok' };
/**
 * An account's facts and checklist (SPEC §11, ADR 0024): its key-account manager (rep1 here), the team's manager and
 * admins. rep2 does not see the account at all; a colleague who sees it yet may not edit it (FORBIDDEN) is covered in accounts.test.ts.
 */
const ACCOUNT_EDIT: Expectation = ACCOUNT;
/** A deal may be opened on any account of one's team, seen yet or not (0029): the names come from `account.options`. */
const TEAM_ACCOUNT: Expectation = { ...ACCOUNT, otherRep: 'ok' };
/** A manager's write on one deal: the team's manager and admins. */
const DEAL_MANAGER: Expectation = { anonymous: 'UNAUTHORIZED', rep: 'FORBIDDEN', otherRep: 'FORBIDDEN', manager: 'ok', otherTeamManager: 'hidden', admin: 'ok' };
/** A manager's write on their own team. */
const TEAM_MANAGER: Expectation = { ...DEAL_MANAGER, otherTeamManager: 'ok' };
/** Settings: admins only. */
const ADMIN: Expectation = { anonymous: 'UNAUTHORIZED', rep: 'FORBIDDEN', otherRep: 'FORBIDDEN', manager: 'FORBIDDEN', otherTeamManager: 'FORBIDDEN', admin: 'ok' };
/** A user's own API token (SPEC §15): nobody else may revoke it, nor learn that it exists. */
const OWNER: Expectation = { anonymous: 'UNAUTHORIZED', rep: 'ok', otherRep: 'NOT_FOUND', manager: 'NOT_FOUND', otherTeamManager: 'NOT_FOUND', admin: 'NOT_FOUND' };
/** An activity can be taken back only by whoever logged it (rep1 here); the event log keeps it anyway. */
const AUTHOR: Expectation = { ...DEAL, manager: 'FORBIDDEN', admin: 'FORBIDDEN' };

/** The procedures that add a record under a deal (or, for allies, an account). */
type AddPath = 'nextStep.add' | 'competitor.add' | 'successFactor.add' | 'activity.log' | 'externalAlly.add';

/** Builds records owned by rep1 on rep1's team, fresh for every call so removals and versions never collide. */
interface Fixtures {
  team: { accountId: number; harborId: number };
  other: OtherTeam;
  /** rep1's session, for fixtures that need a typed call of their own. */
  owner: ApiSession;
  deal(): Promise<RouterOutputs['deal']['create']>;
  stakeholder(dealId?: number): Promise<RouterOutputs['stakeholder']['add']>;
  /** Add a record to a fresh deal (or rep1's account) and return its `{id, version}`. */
  add<P extends AddPath>(path: P, input: Omit<Exclude<ApiInput<P>, void>, 'dealId' | 'accountId'>): Promise<{ id: number; version: number }>;
  unique(prefix: string): string;
  /** A fresh rep on rep1's team, made by the admin (users are the admin's to create). */
  user(): Promise<RouterOutputs['user']['create']>;
  /** A webhook made by the admin, subscribed to stage changes (webhooks are the admin's). */
  webhook(): Promise<RouterOutputs['webhook']['create']>;
  /** A delivery of a stage change on rep1's fresh deal, to a fresh webhook. */
  delivery(): Promise<RouterOutputs['webhook']['deliveries'][number]>;
}

interface Rule {
  expect: Expectation;
  input?: (fx: Fixtures) => unknown;
  /** Calls that end or replace the caller's session run on a fresh login of the same actor. */
  freshSession?: boolean;
}

const deal = async (fx: Fixtures) => (await fx.deal()).id;
const versioned = ({ id, version }: { id: number; version: number }) => ({ id, version });

// One line per procedure. A new procedure needs a line here before the suite passes.
const ACCESS: Record<string, Rule> = {
  'auth.login': { expect: PUBLIC, freshSession: true, input: () => ({ email: 'rep2@demo.test', password: DEMO_PASSWORD }) },
  'auth.logout': { expect: PUBLIC, freshSession: true },
  'auth.me': { expect: PUBLIC },
  'auth.methods': { expect: PUBLIC },
  // Setting it to what it already is: the rule is checked, nothing changes (no version moves between actors).
  'signIn.settings': { expect: ADMIN },
  'signIn.update': { expect: ADMIN, input: () => ({ passwordForEveryone: true, version: 1 }) },
  'auth.setLocale': { expect: SIGNED_IN, input: () => ({ locale: 'en' }) },
  'user.list': { expect: SIGNED_IN },
  'user.create': { expect: ADMIN, input: (fx) => ({ email: `${fx.unique('user').replace(' ', '')}@demo.test`, name: 'Grace Lin', role: 'rep', password: 'temporary-pass-2031' }) },
  'user.update': { expect: ADMIN, input: async (fx) => ({ ...versioned(await fx.user()), role: 'manager' }) },
  'user.resetPassword': { expect: ADMIN, input: async (fx) => ({ id: (await fx.user()).id, password: 'temporary-pass-2032' }) },
  'account.list': { expect: SIGNED_IN },
  'account.options': { expect: SIGNED_IN, input: () => ({ q: 'account', limit: 20 }) },
  'account.create': { expect: SIGNED_IN, input: (fx) => ({ name: fx.unique('Account') }) },
  'account.get': { expect: ACCOUNT, input: (fx) => ({ id: fx.team.accountId }) },
  'account.portfolio': { expect: SIGNED_IN },
  'account.history': { expect: ACCOUNT, input: (fx) => ({ id: fx.team.accountId }) },
  'account.update': { expect: ACCOUNT_EDIT, input: async (fx) => ({ ...versioned(await ownAccount(fx)), industry: 'Energy' }) },
  'account.practice': { expect: ACCOUNT_EDIT, input: async (fx) => ({ accountId: (await ownAccount(fx)).id, practice: 'test_fit', done: true }) },
  'complaint.add': { expect: ACCOUNT, input: (fx) => ({ accountId: fx.team.accountId, summary: 'Invoice sent twice', severity: 'low' }) },
  'complaint.resolve': { expect: ACCOUNT, input: async (fx) => ({ ...versioned(await fx.owner.trpc.complaint.add.mutate({ accountId: fx.team.accountId, summary: 'Late delivery', severity: 'medium' })), resolution: 'Shipped by air' }) },
  'deal.list': { expect: SIGNED_IN },
  'deal.get': { expect: DEAL, input: async (fx) => ({ id: await deal(fx) }) },
  'deal.health': { expect: DEAL, input: async (fx) => ({ id: await deal(fx) }) },
  'deal.allyPath': { expect: DEAL, input: async (fx) => ({ id: await deal(fx) }) },
  // On a fresh account rep1 manages, so rep2's deal does not make rep1's fixture account visible to rep2 for the lines after.
  'deal.create': { expect: TEAM_ACCOUNT, input: async (fx) => ({ accountId: (await ownAccount(fx)).id, name: fx.unique('Deal'), amount: 1, closeDate: '2031-01-01' }) },
  'deal.update': { expect: DEAL, input: async (fx) => ({ ...versioned(await fx.deal()), amount: 7 }) },
  'deal.members': { expect: DEAL, input: async (fx) => ({ dealId: await deal(fx) }) },
  'deal.addMember': { expect: DEAL, input: async (fx) => ({ dealId: await deal(fx), userId: (await fx.user()).id }) },
  'deal.removeMember': { expect: DEAL, input: memberRemovalInput },
  'infoPoint.update': { expect: DEAL, input: async (fx) => ({ dealId: await deal(fx), point: 4, version: 1, summary: 'Decided by the board' }) },
  'nextStep.add': { expect: DEAL, input: async (fx) => ({ dealId: await deal(fx), title: 'Call the CIO' }) },
  'nextStep.update': { expect: DEAL, input: async (fx) => ({ ...(await fx.add('nextStep.add', { title: 'Step' })), done: true }) },
  'nextStep.remove': { expect: DEAL, input: async (fx) => ({ id: (await fx.add('nextStep.add', { title: 'Step' })).id }) },
  'competitor.add': { expect: DEAL, input: async (fx) => ({ dealId: await deal(fx), name: 'Titan Systems' }) },
  'competitor.update': { expect: DEAL, input: async (fx) => ({ ...(await fx.add('competitor.add', { name: 'Titan' })), strengths: 'Incumbent' }) },
  'competitor.remove': { expect: DEAL, input: async (fx) => ({ id: (await fx.add('competitor.add', { name: 'Titan' })).id }) },
  'successFactor.add': { expect: DEAL, input: async (fx) => ({ dealId: await deal(fx), title: 'No downtime' }) },
  'successFactor.update': { expect: DEAL, input: async (fx) => ({ ...(await fx.add('successFactor.add', { title: 'Cost' })), title: 'Total cost' }) },
  'successFactor.remove': { expect: DEAL, input: async (fx) => ({ id: (await fx.add('successFactor.add', { title: 'Cost' })).id }) },
  'successFactor.reorder': { expect: DEAL, input: reorderInput },
  'activity.log': { expect: DEAL, input: async (fx) => ({ dealId: await deal(fx), kind: 'call', occurredAt: '2024-01-02T03:04:05Z', stakeholderIds: [], summary: 'Intro call' }) },
  'activity.list': { expect: DEAL, input: async (fx) => ({ dealId: await deal(fx) }) },
  'activity.remove': { expect: AUTHOR, input: async (fx) => ({ id: (await fx.add('activity.log', { kind: 'note', occurredAt: '2024-01-02T03:04:05Z', stakeholderIds: [], summary: 'Note' })).id }) },
  'stakeholder.add': { expect: DEAL, input: async (fx) => ({ dealId: await deal(fx), name: 'Wu Lei', level: 'staff', decisionRole: 'user', influence: 2, stance: 'unknown' }) },
  'stakeholder.update': { expect: DEAL, input: async (fx) => ({ id: (await fx.stakeholder()).id, version: 1, stance: 'supporter' }) },
  'stakeholder.remove': { expect: DEAL, input: async (fx) => ({ id: (await fx.stakeholder()).id }) },
  'relationship.add': { expect: DEAL, input: relationshipInput },
  'relationship.remove': { expect: DEAL, input: async (fx) => ({ id: (await fx.owner.trpc.relationship.add.mutate(await relationshipInput(fx))).id }) },
  'contact.list': { expect: ACCOUNT, input: (fx) => ({ accountId: fx.team.accountId }) },
  'contact.update': { expect: ACCOUNT, input: contactUpdateInput },
  'externalAlly.list': { expect: ACCOUNT, input: (fx) => ({ accountId: fx.team.accountId }) },
  'externalAlly.add': { expect: ACCOUNT, input: (fx) => ({ accountId: fx.team.accountId, name: fx.unique('Ally') }) },
  'externalAlly.update': { expect: ACCOUNT, input: async (fx) => ({ ...(await fx.add('externalAlly.add', { name: fx.unique('Ally') })), offering: 'Storage' }) },
  'externalAlly.remove': { expect: ACCOUNT, input: async (fx) => ({ id: (await fx.add('externalAlly.add', { name: fx.unique('Ally') })).id }) },
  'flag.snooze': { expect: DEAL, input: async (fx) => ({ dealId: await deal(fx), code: 'NO_COACH', until: twoWeeksAhead(), reason: 'Coach lunch booked' }) },
  'flag.unsnooze': { expect: DEAL, input: snoozedFlagInput },
  'history.get': { expect: DEAL, input: async (fx) => ({ dealId: await deal(fx) }) },
  'review.pipeline': { expect: SIGNED_IN },
  'review.summary': { expect: SIGNED_IN },
  'team.list': { expect: SIGNED_IN },
  'team.create': { expect: ADMIN, input: (fx) => ({ name: fx.unique('Team') }) },
  // rep1's own team under its own name: a write that changes nothing, so later lines still find it as it was.
  'team.update': { expect: ADMIN, input: async (fx) => ({ ...versioned((await fx.owner.trpc.team.list.query())[0]!), name: (await fx.owner.trpc.team.list.query())[0]!.name }) },
  'review.losses': { expect: SIGNED_IN, input: () => ({ since: '2024-01-01' }) },
  'review.accounts': { expect: SIGNED_IN },
  'standup.accountChanges': { expect: SIGNED_IN, input: () => ({ since: '2024-01-01T00:00:00Z' }) },
  'coachingNote.add': { expect: DEAL_MANAGER, input: async (fx) => ({ dealId: await deal(fx), body: 'Meet the CEO before the tender' }) },
  'coachingNote.list': { expect: DEAL, input: async (fx) => ({ dealId: await deal(fx) }) },
  'standup.changes': { expect: SIGNED_IN, input: () => ({ since: '2024-01-01T00:00:00Z' }) },
  'standup.last': { expect: SIGNED_IN },
  'standup.record': { expect: TEAM_MANAGER },
  'settings.thresholds': { expect: SIGNED_IN },
  // SPEC §12: managers and admins import into a team they manage; a dry run, so the line writes nothing (test/integration/import.test.ts covers writes).
  'import.run': { expect: TEAM_MANAGER, input: () => ({ source: 'salesforce', files: { accounts: 'Id,Name\n001X,Matrix Account\n' }, dryRun: true }) },
  'apiToken.list': { expect: SIGNED_IN },
  'apiToken.create': { expect: SIGNED_IN, input: (fx) => ({ name: fx.unique('Token') }) },
  'apiToken.revoke': { expect: OWNER, input: async (fx) => ({ id: (await fx.owner.trpc.apiToken.create.mutate({ name: fx.unique('Token') })).id }) },
  'settings.updateThresholds': { expect: ADMIN, input: async (fx) => ({ version: (await fx.owner.trpc.settings.thresholds.query()).version, minAllies: 2 }) },
  'settings.accountSettings': { expect: SIGNED_IN },
  'settings.updateAccountSettings': { expect: ADMIN, input: async (fx) => ({ version: (await fx.owner.trpc.settings.accountSettings.query()).version, silentDays: 60 }) },
  'webhook.list': { expect: ADMIN },
  'webhook.create': { expect: ADMIN, input: () => ({ url: 'https://hooks.example.com/deal-room', events: ['deal.stage_changed'], secret: 'a-shared-secret-0123456789' }) },
  'webhook.remove': { expect: ADMIN, input: async (fx) => ({ id: (await fx.webhook()).id }) },
  'webhook.deliveries': { expect: ADMIN, input: async (fx) => ({ id: (await fx.webhook()).id }) },
  'webhook.redeliver': { expect: ADMIN, input: async (fx) => ({ deliveryId: (await fx.delivery()).id }) },
};

/** A fresh account rep1 opened, so rep1 is its key-account manager. */
const ownAccount = (fx: Fixtures) => fx.owner.trpc.account.create.mutate({ name: fx.unique('Own account') });

/** A day two weeks after the server's (real) today: a snooze it accepts. */
const twoWeeksAhead = () => new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);

async function snoozedFlagInput(fx: Fixtures) {
  const { id: dealId } = await fx.deal();
  await fx.owner.trpc.flag.snooze.mutate({ dealId, code: 'NO_COACH', until: twoWeeksAhead(), reason: 'Coach lunch booked' });
  return { dealId, code: 'NO_COACH' };
}

async function reorderInput(fx: Fixtures) {
  const { id: dealId } = await fx.deal();
  const first = await fx.owner.trpc.successFactor.add.mutate({ dealId, title: 'A' });
  const second = await fx.owner.trpc.successFactor.add.mutate({ dealId, title: 'B' });
  return { dealId, orderedIds: [second.id, first.id] };
}

async function memberRemovalInput(fx: Fixtures) {
  const [dealId, member] = await Promise.all([deal(fx), fx.user()]);
  await fx.owner.trpc.deal.addMember.mutate({ dealId, userId: member.id });
  return { dealId, userId: member.id };
}

async function relationshipInput(fx: Fixtures) {
  const { id: dealId } = await fx.deal();
  const from = await fx.stakeholder(dealId);
  const to = await fx.stakeholder(dealId);
  return { dealId, fromStakeholderId: from.id, toStakeholderId: to.id, kind: 'influences' as const };
}

async function contactUpdateInput(fx: Fixtures) {
  const { contactId } = await fx.stakeholder();
  const contact = (await fx.owner.trpc.contact.list.query({ accountId: fx.team.accountId })).find((c) => c.id === contactId)!;
  return { id: contact.id, version: contact.version, title: 'Head of Payments' };
}

function outcomeOf(res: RawResponse): string {
  return res.ok ? 'ok' : (res.error?.code ?? `HTTP ${res.status}`);
}

/** The data of a successful raw response (`{result: {data}}`), for the fixtures' generic `add`. */
function idAndVersion(res: RawResponse, what: string): { id: number; version: number } {
  const body = res.body as { result?: { data?: { id?: unknown; version?: unknown } } };
  const { id, version } = body.result?.data ?? {};
  if (!res.ok || typeof id !== 'number') throw new Error(`fixture ${what} failed: ${res.status} ${res.error?.message}`);
  return { id, version: typeof version === 'number' ? version : 0 };
}

const procedures = appRouter._def.procedures as unknown as Record<string, { _def: { type: 'query' | 'mutation' | 'subscription' } }>;

describe('access matrix', () => {
  let server: TestServer;
  let clients: Record<Actor, ApiSession>;
  let fx: Fixtures;
  const emails: Record<Exclude<Actor, 'anonymous'>, string> = {
    rep: 'rep1@demo.test',
    otherRep: 'rep2@demo.test',
    manager: 'manager@demo.test',
    otherTeamManager: '',
    admin: 'admin@demo.test',
  };

  beforeAll(async () => {
    server = await startTestServer();
    const other = await addOtherTeam(server);
    emails.otherTeamManager = other.managerEmail;
    const [rep, otherRep, manager, otherTeamManager, admin] = await Promise.all(
      [emails.rep, emails.otherRep, emails.manager, emails.otherTeamManager, emails.admin].map((email) => loginAs(server, email)),
    );
    clients = { anonymous: new ApiSession(server.url), rep: rep!, otherRep: otherRep!, manager: manager!, otherTeamManager: otherTeamManager!, admin: admin! };
    const owner = clients.rep;
    const harbor = (await owner.trpc.deal.list.query()).items.find((d) => d.name === 'Core banking mainframe refresh')!;
    // rep1's own account, where only rep1 has deals (whatever the demo seed holds): rep2 does not see it (0029).
    const matrixAccount = await owner.trpc.account.create.mutate({ name: 'Access matrix account' });
    let counter = 0;
    fx = {
      team: { accountId: matrixAccount.id, harborId: harbor.id },
      other,
      owner,
      unique: (prefix) => `${prefix} ${++counter}`,
      deal: () => owner.trpc.deal.create.mutate({ accountId: matrixAccount.id, name: fx.unique('Deal'), amount: 1000, closeDate: '2031-01-01' }),
      async stakeholder(dealId) {
        const id = dealId ?? (await fx.deal()).id;
        return owner.trpc.stakeholder.add.mutate({ dealId: id, name: fx.unique('Person'), level: 'management', decisionRole: 'influencer', influence: 3, stance: 'neutral' });
      },
      // Generic over five procedures, so it goes through the raw client; each caller's input is still typed by P.
      async add(path, input) {
        const scope = path.startsWith('externalAlly.') ? { accountId: matrixAccount.id } : { dealId: (await fx.deal()).id };
        return idAndVersion(await owner.raw.mutate(path, { ...scope, ...input }), path);
      },
      user: () => clients.admin.trpc.user.create.mutate({ email: `${fx.unique('member').replace(' ', '')}@demo.test`, name: 'Grace Lin', role: 'rep', password: 'temporary-pass-2031' }),
      webhook: () => clients.admin.trpc.webhook.create.mutate({ url: `https://hooks.example.com/${fx.unique('hook').replace(' ', '-')}`, events: ['deal.stage_changed'], secret: 'a-shared-secret-0123456789' }),
      async delivery() {
        const hook = await fx.webhook();
        const created = await fx.deal();
        await owner.trpc.deal.update.mutate({ id: created.id, version: created.version, stage: 'discover' });
        return (await clients.admin.trpc.webhook.deliveries.query({ id: hook.id }))[0]!;
      },
    };
  });
  afterAll(() => server.stop());

  it('every procedure of the router has an access rule, and every rule names a procedure', () => {
    const routed = Object.keys(procedures).sort();
    expect(routed.filter((path) => !(path in ACCESS)), 'procedures without an access rule in ACCESS').toEqual([]);
    expect(Object.keys(ACCESS).filter((path) => !(path in procedures)), 'rules for procedures that no longer exist').toEqual([]);
  });

  for (const path of Object.keys(procedures).filter((p) => p in ACCESS)) {
    const rule = ACCESS[path]!;
    describe(path, () => {
      for (const actor of ACTORS) {
        const expected = rule.expect[actor];
        it(`${actor}: ${expected === 'hidden' ? 'NOT_FOUND or FORBIDDEN' : expected}`, async () => {
          const input = rule.input ? await rule.input(fx) : undefined;
          let client = clients[actor];
          if (rule.freshSession) client = actor === 'anonymous' ? new ApiSession(server.url) : await loginAs(server, emails[actor]);
          const isQuery = procedures[path]!._def.type === 'query';
          const before = await dbFingerprint(server);
          // The path comes from the router at run time and the input from the rule: the raw client is the honest type here.
          const res = isQuery ? await client.raw.query(path, input) : await client.raw.mutate(path, input);

          expect(res.status, `${path} as ${actor}: ${res.error?.message}`).toBeLessThan(500);
          const outcome = outcomeOf(res);
          if (expected === 'hidden') expect(['NOT_FOUND', 'FORBIDDEN'], `${path} as ${actor}: ${res.error?.message}`).toContain(outcome);
          else expect(outcome, `${path} as ${actor}: ${res.error?.message}`).toBe(expected);
          // A refused write leaves every table exactly as it was, and a query never writes.
          if (isQuery || expected !== 'ok') expect(await dbFingerprint(server)).toEqual(before);
        });
      }
    });
  }

  /**
   * REST (SPEC §15): every route is one of the procedures above, called with an API token
   * instead of a cookie; the same rule and the same input must give the same outcome.
   */
  describe('REST routes with a Bearer token', () => {
    const tokens: Partial<Record<Actor, string>> = {};
    const outcomeOfStatus = (status: number): string =>
      status < 300 ? 'ok' : ({ 401: 'UNAUTHORIZED', 403: 'FORBIDDEN', 404: 'NOT_FOUND' } as Record<number, string>)[status] ?? `HTTP ${status}`;

    beforeAll(async () => {
      for (const actor of ACTORS) {
        if (actor === 'anonymous') continue;
        const token = (await clients[actor].trpc.apiToken.create.mutate({ name: 'Access matrix' })).token;
        // A first use marks the token used; the frozen test clock keeps later calls from writing it again.
        await fetch(`${server.url}/api/v1/accounts`, { headers: { authorization: `Bearer ${token}` } });
        tokens[actor] = token;
      }
    });

    it('every REST route is a procedure with an access rule', () => {
      expect(restRoutes().filter((route) => !(route.procedure in ACCESS))).toEqual([]);
      expect(restRoutes().length).toBeGreaterThan(0);
    });

    for (const route of restRoutes().filter((r) => r.procedure in ACCESS)) {
      const rule = ACCESS[route.procedure]!;
      describe(`${route.method} ${route.path}`, () => {
        for (const actor of ACTORS) {
          const expected = rule.expect[actor];
          it(`${actor}: ${expected === 'hidden' ? 'NOT_FOUND or FORBIDDEN' : expected}`, async () => {
            const input = { ...((rule.input ? await rule.input(fx) : {}) as Record<string, unknown>) };
            const path = route.path.replace(/\{(\w+)\}/g, (_m, name: string) => {
              const value = String(input[name]);
              delete input[name];
              return value;
            });
            const hasBody = route.method !== 'GET' && route.method !== 'DELETE';
            const query = hasBody || Object.keys(input).length === 0 ? '' : `?${new URLSearchParams(input as Record<string, string>)}`;
            const token = tokens[actor];
            const before = await dbFingerprint(server);
            const res = await fetch(`${server.url}/api/v1${path}${query}`, {
              method: route.method,
              headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(hasBody ? { 'content-type': 'application/json' } : {}) },
              body: hasBody ? JSON.stringify(input) : undefined,
            });
            const body = (await res.json()) as { message?: string };
            expect(res.status, `${route.path} as ${actor}: ${body.message}`).toBeLessThan(500);
            const outcome = outcomeOfStatus(res.status);
            if (expected === 'hidden') expect(['NOT_FOUND', 'FORBIDDEN'], `${route.path} as ${actor}: ${body.message}`).toContain(outcome);
            else expect(outcome, `${route.path} as ${actor}: ${body.message}`).toBe(expected);
            if (route.method === 'GET' || expected !== 'ok') expect(await dbFingerprint(server)).toEqual(before);
          });
        }
      });
    }
  });

  describe('what each actor sees in lists', () => {
    const dealNames = async (actor: Actor) => (await clients[actor].trpc.deal.list.query()).items.map((d) => d.name);

    it('the other team’s manager sees none of this team’s deals, and this team none of theirs', async () => {
      expect(await dealNames('otherTeamManager')).toEqual([`Key Accounts — West deal`]);
      expect(await dealNames('manager')).not.toContain('Key Accounts — West deal');
      const accounts = (await clients.otherTeamManager.trpc.account.list.query()).map((a) => a.name);
      expect(accounts).not.toContain('Harbor Bank');
      const users = (await clients.otherTeamManager.trpc.user.list.query()).map((u) => u.email);
      expect(users).not.toContain('rep1@demo.test');
    });

    it('a rep sees the accounts they manage or have a deal at, not the team’s others; the new-deal picker names every account of the team (0029)', async () => {
      const names = async (actor: Actor) => (await clients[actor].trpc.account.list.query()).map((a) => a.name);
      const options = async (actor: Actor) => (await clients[actor].trpc.account.options.query({ q: 'Access matrix' })).map((a) => a.name);
      expect(await names('rep')).toContain('Access matrix account');
      expect(await names('otherRep')).not.toContain('Access matrix account');
      expect(await names('manager')).toContain('Access matrix account');
      expect(await options('otherRep')).toEqual(['Access matrix account']);
      expect(await options('otherTeamManager')).toEqual([]);
      expect(await options('admin')).toEqual(['Access matrix account']);
    });

    it('an admin sees every team’s deals', async () => {
      const names = await dealNames('admin');
      expect(names).toContain('Key Accounts — West deal');
      expect(names).toContain('Core banking mainframe refresh');
      expectOk(await clients.admin.query('deal.get', { id: fx.other.dealId }));
    });

    it('the review and the stand-up only show deals the reader may see', async () => {
      // The review lists exactly the open deals rep2 may see (their own), whatever other tests created.
      const review = (await clients.otherRep.trpc.review.pipeline.query()).items;
      const visible = (await clients.otherRep.trpc.deal.list.query({ status: 'open' })).items;
      expect(visible.length).toBeGreaterThan(0);
      expect(review.map((row) => row.id).sort()).toEqual(visible.map((row) => row.id).sort());
      expect(review.map((row) => row.ownerName)).toEqual(review.map(() => 'Sam Patel'));
      // A change on each team's deal, so the stand-up has something of both teams to show or hide.
      const west = (await clients.otherTeamManager.trpc.deal.get.query({ id: fx.other.dealId })).deal;
      await clients.otherTeamManager.trpc.deal.update.mutate({ id: west.id, version: west.version, amount: west.amount + 1 });
      const harbor = (await clients.rep.trpc.deal.get.query({ id: fx.team.harborId })).deal;
      await clients.rep.trpc.deal.update.mutate({ id: harbor.id, version: harbor.version, amount: harbor.amount + 1 });
      const standup = await clients.otherTeamManager.trpc.standup.changes.query({ since: '2000-01-01T00:00:00Z' });
      expect(standup.map((row) => row.dealName)).toEqual(['Key Accounts — West deal']);
    });

    it('a manager cannot read another team’s settings; an admin can', async () => {
      expect((await clients.manager.query('settings.thresholds', { teamId: fx.other.teamId })).error?.code).toBe('NOT_FOUND');
      expect((await clients.admin.trpc.settings.thresholds.query({ teamId: fx.other.teamId })).teamId).toBe(fx.other.teamId);
    });
  });
});
