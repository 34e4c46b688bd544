/**
 * The tables the services query, bound to the engine this process runs on.
 *
 * The model is defined once per dialect (`schema.ts` for SQLite, `schema.pg.ts` for
 * PostgreSQL) and test/unit/schema-parity.test.ts proves the two identical, down to the
 * inferred row types. Services are written once, typed with the SQLite tables; when the
 * process opens PostgreSQL, `bindTables('postgres')` swaps every binding below for its
 * PostgreSQL twin before the first query (ESM exports are live bindings). A process runs
 * one engine: binding the other one later is refused. See docs/decisions/0016.
 */
import * as sqlite from './schema';
import * as postgres from './schema.pg';

export type Engine = 'sqlite' | 'postgres';

export let teams = sqlite.teams;
export let users = sqlite.users;
export let sessions = sqlite.sessions;
export let apiTokens = sqlite.apiTokens;
export let teamSettings = sqlite.teamSettings;
export let accounts = sqlite.accounts;
export let contacts = sqlite.contacts;
export let deals = sqlite.deals;
export let dealMembers = sqlite.dealMembers;
export let stakeholders = sqlite.stakeholders;
export let relationships = sqlite.relationships;
export let infoPoints = sqlite.infoPoints;
export let nextSteps = sqlite.nextSteps;
export let competitors = sqlite.competitors;
export let competitorFavouredBy = sqlite.competitorFavouredBy;
export let successFactors = sqlite.successFactors;
export let activities = sqlite.activities;
export let activityStakeholders = sqlite.activityStakeholders;
export let externalAllies = sqlite.externalAllies;
export let events = sqlite.events;
export let coverageSnapshots = sqlite.coverageSnapshots;
export let coachingNotes = sqlite.coachingNotes;
export let standups = sqlite.standups;
export let flagSnoozes = sqlite.flagSnoozes;
export let dealHealth = sqlite.dealHealth;
export let teamManagers = sqlite.teamManagers;
export let oidcLogins = sqlite.oidcLogins;
export let signInSettings = sqlite.signInSettings;
export let complaints = sqlite.complaints;
export let accountPractices = sqlite.accountPractices;
export let accountActivities = sqlite.accountActivities;
export let accountActivityContacts = sqlite.accountActivityContacts;
export let importLinks = sqlite.importLinks;
export let webhooks = sqlite.webhooks;
export let webhookDeliveries = sqlite.webhookDeliveries;
export let accountFlags = sqlite.accountFlags;

let bound: Engine | null = null;

/** Bind every table to `engine`; the same engine again is a no-op, another one a programming error. */
export function bindTables(engine: Engine): void {
  if (bound === engine) return;
  if (bound !== null) throw new Error(`This process already runs on ${bound}; it cannot switch to ${engine}`);
  bound = engine;
  if (engine === 'sqlite') return;
  // Same tables, columns and row types (schema-parity test); only the SQL dialect differs.
  teams = postgres.teams as unknown as typeof sqlite.teams;
  users = postgres.users as unknown as typeof sqlite.users;
  sessions = postgres.sessions as unknown as typeof sqlite.sessions;
  apiTokens = postgres.apiTokens as unknown as typeof sqlite.apiTokens;
  teamSettings = postgres.teamSettings as unknown as typeof sqlite.teamSettings;
  accounts = postgres.accounts as unknown as typeof sqlite.accounts;
  contacts = postgres.contacts as unknown as typeof sqlite.contacts;
  deals = postgres.deals as unknown as typeof sqlite.deals;
  dealMembers = postgres.dealMembers as unknown as typeof sqlite.dealMembers;
  stakeholders = postgres.stakeholders as unknown as typeof sqlite.stakeholders;
  relationships = postgres.relationships as unknown as typeof sqlite.relationships;
  infoPoints = postgres.infoPoints as unknown as typeof sqlite.infoPoints;
  nextSteps = postgres.nextSteps as unknown as typeof sqlite.nextSteps;
  competitors = postgres.competitors as unknown as typeof sqlite.competitors;
  competitorFavouredBy = postgres.competitorFavouredBy as unknown as typeof sqlite.competitorFavouredBy;
  successFactors = postgres.successFactors as unknown as typeof sqlite.successFactors;
  activities = postgres.activities as unknown as typeof sqlite.activities;
  activityStakeholders = postgres.activityStakeholders as unknown as typeof sqlite.activityStakeholders;
  externalAllies = postgres.externalAllies as unknown as typeof sqlite.externalAllies;
  events = postgres.events as unknown as typeof sqlite.events;
  coverageSnapshots = postgres.coverageSnapshots as unknown as typeof sqlite.coverageSnapshots;
  coachingNotes = postgres.coachingNotes as unknown as typeof sqlite.coachingNotes;
  standups = postgres.standups as unknown as typeof sqlite.standups;
  flagSnoozes = postgres.flagSnoozes as unknown as typeof sqlite.flagSnoozes;
  dealHealth = postgres.dealHealth as unknown as typeof sqlite.dealHealth;
  teamManagers = postgres.teamManagers as unknown as typeof sqlite.teamManagers;
  oidcLogins = postgres.oidcLogins as unknown as typeof sqlite.oidcLogins;
  signInSettings = postgres.signInSettings as unknown as typeof sqlite.signInSettings;
  complaints = postgres.complaints as unknown as typeof sqlite.complaints;
  accountPractices = postgres.accountPractices as unknown as typeof sqlite.accountPractices;
  accountActivities = postgres.accountActivities as unknown as typeof sqlite.accountActivities;
  accountActivityContacts = postgres.accountActivityContacts as unknown as typeof sqlite.accountActivityContacts;
  importLinks = postgres.importLinks as unknown as typeof sqlite.importLinks;
  webhooks = postgres.webhooks as unknown as typeof sqlite.webhooks;
  webhookDeliveries = postgres.webhookDeliveries as unknown as typeof sqlite.webhookDeliveries;
  accountFlags = postgres.accountFlags as unknown as typeof sqlite.accountFlags;
}

/** The engine the tables are bound to (SQLite until a PostgreSQL database is opened). */
export const boundEngine = (): Engine => bound ?? 'sqlite';
