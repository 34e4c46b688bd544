/**
 * The whole domain model of SPEC §3. Timestamps are ISO-8601 text (UTC), dates
 * are YYYY-MM-DD text: the API carries plain JSON, so the database stores what
 * the wire shows. Every mutable row carries `version` for optimistic concurrency.
 */
import { sql } from 'drizzle-orm';
import {
  type AnySQLiteColumn,
  index,
  integer,
  primaryKey,
  real,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core';
import {
  ACCOUNT_TIERS,
  ACTIVITY_KINDS,
  CURRENCIES,
  DEAL_STATUSES,
  DECISION_ROLES,
  INFO_POINT_STATUSES,
  LEVELS,
  LOSS_CAUSES,
  LOCALES,
  RELATIONSHIP_KINDS,
  ROLES,
  STAGES,
  STANCES,
  RISK_FLAG_CODES,
  HEALTH_STATUSES,
  type ThresholdKey,
} from '../../shared/domain';
import { ACCOUNT_FLAG_CODES, ACCOUNT_PHASES, ACCOUNT_PRACTICES, COMPLAINT_SEVERITIES, type AccountPractice } from '../../shared/accounts';
import { IMPORT_KINDS, IMPORT_SOURCES } from '../../shared/import';
import { DELIVERY_STATUSES, type WebhookEvent } from '../../shared/webhooks';
import type { Health } from '../../shared/scoring/types';

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;
const id = () => integer('id').primaryKey({ autoIncrement: true });
const createdAt = () => text('created_at').notNull().default(now);
const updatedAt = () => text('updated_at').notNull().default(now);
const version = () => integer('version').notNull().default(1);

export const teams = sqliteTable('teams', {
  id: id(),
  name: text('name').notNull(),
  createdAt: createdAt(),
  /** Renaming a team or changing its managers is a versioned write (SPEC §13). */
  version: version(),
});

export const users = sqliteTable(
  'users',
  {
    id: id(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: text('role', { enum: ROLES }).notNull(),
    teamId: integer('team_id')
      .notNull()
      .references(() => teams.id),
    locale: text('locale', { enum: LOCALES }).notNull().default('en'),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    version: version(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('users_email_unique').on(t.email), index('users_team_idx').on(t.teamId)],
);

/** Server-side sessions: the cookie holds a random token, the table only its SHA-256. */
export const sessions = sqliteTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    expiresAt: text('expires_at').notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/**
 * API tokens (SPEC §15): like sessions, the table holds only the SHA-256 of the random
 * token; `prefix` (the token's first characters) lets its owner tell tokens apart.
 */
export const apiTokens = sqliteTable(
  'api_tokens',
  {
    id: id(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull(),
    prefix: text('prefix').notNull(),
    createdAt: createdAt(),
    expiresAt: text('expires_at'),
    lastUsedAt: text('last_used_at'),
    revokedAt: text('revoked_at'),
  },
  (t) => [uniqueIndex('api_tokens_hash_unique').on(t.tokenHash), index('api_tokens_user_idx').on(t.userId)],
);

/** Threshold settings of SPEC §4 per team, stored as validated JSON. */
export const teamSettings = sqliteTable('team_settings', {
  teamId: integer('team_id')
    .primaryKey()
    .references(() => teams.id, { onDelete: 'cascade' }),
  thresholds: text('thresholds', { mode: 'json' }).notNull(),
  version: version(),
  updatedAt: updatedAt(),
  /** The account settings of SPEC §11 (null: the defaults), versioned apart from the thresholds. */
  accountSettings: text('account_settings', { mode: 'json' }),
  accountSettingsVersion: integer('account_settings_version').notNull().default(1),
});

export const accounts = sqliteTable(
  'accounts',
  {
    id: id(),
    teamId: integer('team_id')
      .notNull()
      .references(() => teams.id),
    name: text('name').notNull(),
    industry: text('industry'),
    tier: text('tier', { enum: ACCOUNT_TIERS }).notNull().default('B'),
    version: version(),
    createdAt: createdAt(),
    // Columns added after the first release sit last, where ALTER TABLE puts them (SPEC §11).
    // The manual purchase pattern of wave 1 is gone: the pattern is derived from won deals.
    phase: text('phase', { enum: ACCOUNT_PHASES }).notNull().default('prospect'),
    /** The key-account manager: the account's single point of contact. */
    ownerId: integer('owner_id').references(() => users.id),
    strategicValue: integer('strategic_value'),
    creditStanding: integer('credit_standing'),
    productFit: integer('product_fit'),
    centralPurchasing: integer('central_purchasing', { mode: 'boolean' }),
    /** Null until the first edit (ALTER TABLE cannot add a column defaulting to the clock): read as createdAt. */
    updatedAt: text('updated_at'),
  },
  (t) => [uniqueIndex('accounts_team_name_unique').on(t.teamId, t.name)],
);

/** People at an account. The org chart lives here, so every deal with the account reuses it. */
export const contacts = sqliteTable(
  'contacts',
  {
    id: id(),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    title: text('title'),
    department: text('department'),
    level: text('level', { enum: LEVELS }).notNull(),
    reportsToContactId: integer('reports_to_contact_id').references((): AnySQLiteColumn => contacts.id, {
      onDelete: 'set null',
    }),
    email: text('email'),
    phone: text('phone'),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    // Columns added after the first release sit last, where ALTER TABLE puts them.
    /** YYYY-MM-DD the person left the customer (SPEC §10); null while they are there. */
    leftAt: text('left_at'),
  },
  (t) => [index('contacts_account_idx').on(t.accountId)],
);

export const deals = sqliteTable(
  'deals',
  {
    id: id(),
    teamId: integer('team_id')
      .notNull()
      .references(() => teams.id),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id),
    name: text('name').notNull(),
    amount: real('amount').notNull(),
    currency: text('currency', { enum: CURRENCIES }).notNull().default('USD'),
    stage: text('stage', { enum: STAGES }).notNull().default('qualify'),
    status: text('status', { enum: DEAL_STATUSES }).notNull().default('open'),
    closeDate: text('close_date').notNull(),
    ownerId: integer('owner_id')
      .notNull()
      .references(() => users.id),
    lossReason: text('loss_reason'),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    // Columns added after the first release sit last, where ALTER TABLE puts them.
    /** Loss analysis (SPEC §10): why, to whom, and which thresholds the deal had crossed when it closed (won or lost). */
    lossCause: text('loss_cause', { enum: LOSS_CAUSES }),
    lostTo: text('lost_to'),
    closedThresholds: text('closed_thresholds', { mode: 'json' }).$type<Record<ThresholdKey, boolean>>(),
    /**
     * The stored health's place in the Review's order (HEALTH_ATTENTION_ORDER of
     * deal_health.status), kept on the deal by storedHealth.ts in the same transaction, so
     * one index serves the order "needs attention first, biggest first" (ADR 30). Null
     * only until the deal's health is first stored.
     */
    attention: integer('attention'),
  },
  (t) => [
    // The Review's order (attention, then the biggest amount, the id last, as dealList.ts sorts),
    // over every deal and within a team: a first page reads 51 index entries, not a sort. Not
    // led by status: without statistics SQLite would take any `status = ?` prefix over a
    // selective team filter (ADR 30); a closed deal's rank is the last, so the open come first.
    index('deals_review_idx').on(t.attention, sql`${t.amount} desc`, t.id),
    index('deals_team_review_idx').on(t.teamId, t.status, t.attention, sql`${t.amount} desc`, t.id),
    // A manager's pipeline in its default order (close date) for one team: read in order, never sorted.
    index('deals_team_close_idx').on(t.teamId, t.closeDate, t.id),
    // The lists' default order (SPEC §13): a first page without sorting every deal.
    index('deals_close_date_idx').on(t.closeDate, t.id),
    // A rep's lists, by the deals they own (ADR 33): the default order and the Review's, read in
    // order from the owner's entries; the first also serves every other `owner_id = ?`.
    index('deals_owner_close_idx').on(t.ownerId, t.closeDate, t.id),
    index('deals_owner_review_idx').on(t.ownerId, t.status, t.attention, sql`${t.amount} desc`, t.id),
    index('deals_account_idx').on(t.accountId),
  ],
);

/** Reps added to a deal as team members see and edit it like its owner. */
export const dealMembers = sqliteTable(
  'deal_members',
  {
    dealId: integer('deal_id')
      .notNull()
      .references(() => deals.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.dealId, t.userId] }), index('deal_members_user_idx').on(t.userId)],
);

/** A contact's part in one deal. */
export const stakeholders = sqliteTable(
  'stakeholders',
  {
    id: id(),
    dealId: integer('deal_id')
      .notNull()
      .references(() => deals.id, { onDelete: 'cascade' }),
    contactId: integer('contact_id')
      .notNull()
      .references(() => contacts.id),
    decisionRole: text('decision_role', { enum: DECISION_ROLES }).notNull(),
    influence: integer('influence').notNull(),
    stance: text('stance', { enum: STANCES }).notNull().default('unknown'),
    isCoach: integer('is_coach', { mode: 'boolean' }).notNull().default(false),
    explicitNeeds: text('explicit_needs'),
    implicitNeeds: text('implicit_needs'),
    positionX: real('position_x'),
    positionY: real('position_y'),
    notes: text('notes'),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('stakeholders_deal_contact_unique').on(t.dealId, t.contactId)],
);

export const relationships = sqliteTable(
  'relationships',
  {
    id: id(),
    dealId: integer('deal_id')
      .notNull()
      .references(() => deals.id, { onDelete: 'cascade' }),
    fromStakeholderId: integer('from_stakeholder_id')
      .notNull()
      .references(() => stakeholders.id, { onDelete: 'cascade' }),
    toStakeholderId: integer('to_stakeholder_id')
      .notNull()
      .references(() => stakeholders.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: RELATIONSHIP_KINDS }).notNull(),
    strength: integer('strength').notNull().default(2),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('relationships_pair_kind_unique').on(t.fromStakeholderId, t.toStakeholderId, t.kind),
    index('relationships_deal_idx').on(t.dealId),
  ],
);

/** The nine information points of a deal: created with the deal, never deleted. */
export const infoPoints = sqliteTable(
  'info_points',
  {
    id: id(),
    dealId: integer('deal_id')
      .notNull()
      .references(() => deals.id, { onDelete: 'cascade' }),
    point: integer('point').notNull(),
    status: text('status', { enum: INFO_POINT_STATUSES }).notNull().default('unknown'),
    summary: text('summary').notNull().default(''),
    sourceStakeholderId: integer('source_stakeholder_id').references(() => stakeholders.id, {
      onDelete: 'set null',
    }),
    verifiedAt: text('verified_at'),
    version: version(),
    updatedAt: updatedAt(),
  },
  // The source index serves each stakeholder's last sourced intelligence (lastSourcedAt, read by deal.get and every stakeholder write).
  (t) => [uniqueIndex('info_points_deal_point_unique').on(t.dealId, t.point), index('info_points_source_idx').on(t.sourceStakeholderId)],
);

/** Point 1's list: our next steps to advance the deal. */
export const nextSteps = sqliteTable(
  'next_steps',
  {
    id: id(),
    dealId: integer('deal_id')
      .notNull()
      .references(() => deals.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    owner: text('owner'),
    dueDate: text('due_date'),
    done: integer('done', { mode: 'boolean' }).notNull().default(false),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('next_steps_deal_idx').on(t.dealId)],
);

/** Point 8's list: the competitors in this deal. */
export const competitors = sqliteTable(
  'competitors',
  {
    id: id(),
    dealId: integer('deal_id')
      .notNull()
      .references(() => deals.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    strengths: text('strengths').notNull().default(''),
    weaknesses: text('weaknesses').notNull().default(''),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('competitors_deal_idx').on(t.dealId)],
);

/** Who at the customer favours a competitor. */
export const competitorFavouredBy = sqliteTable(
  'competitor_favoured_by',
  {
    competitorId: integer('competitor_id')
      .notNull()
      .references(() => competitors.id, { onDelete: 'cascade' }),
    stakeholderId: integer('stakeholder_id')
      .notNull()
      .references(() => stakeholders.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.competitorId, t.stakeholderId] })],
);

/** Point 9's list: key success factors, ranked (1 = most important). */
export const successFactors = sqliteTable(
  'success_factors',
  {
    id: id(),
    dealId: integer('deal_id')
      .notNull()
      .references(() => deals.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    rank: integer('rank').notNull(),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('success_factors_deal_idx').on(t.dealId, t.rank)],
);

export const activities = sqliteTable(
  'activities',
  {
    id: id(),
    dealId: integer('deal_id')
      .notNull()
      .references(() => deals.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ACTIVITY_KINDS }).notNull(),
    occurredAt: text('occurred_at').notNull(),
    summary: text('summary').notNull(),
    createdBy: integer('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    /** The device's idempotency key (SPEC §16): the same clientId sent again returns this activity. Added later, so last. */
    clientId: text('client_id'),
  },
  (t) => [index('activities_deal_idx').on(t.dealId, t.occurredAt), uniqueIndex('activities_client_id_unique').on(t.clientId)],
);

export const activityStakeholders = sqliteTable(
  'activity_stakeholders',
  {
    activityId: integer('activity_id')
      .notNull()
      .references(() => activities.id, { onDelete: 'cascade' }),
    stakeholderId: integer('stakeholder_id')
      .notNull()
      .references(() => stakeholders.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.activityId, t.stakeholderId] }),
    index('activity_stakeholders_stakeholder_idx').on(t.stakeholderId),
  ],
);

/** Non-competing suppliers who sell to the same account (外部联盟). */
export const externalAllies = sqliteTable(
  'external_allies',
  {
    id: id(),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    offering: text('offering').notNull().default(''),
    contribution: text('contribution').notNull().default(''),
    contactName: text('contact_name'),
    contactInfo: text('contact_info'),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('external_allies_account_idx').on(t.accountId)],
);

/** Append-only: every change, who made it, and the record before and after. */
export const events = sqliteTable(
  'events',
  {
    id: id(),
    teamId: integer('team_id')
      .notNull()
      .references(() => teams.id),
    dealId: integer('deal_id'),
    actorId: integer('actor_id').references(() => users.id),
    at: text('at').notNull().default(now),
    kind: text('kind').notNull(),
    entity: text('entity').notNull(),
    entityId: integer('entity_id'),
    before: text('before', { mode: 'json' }),
    after: text('after', { mode: 'json' }),
  },
  (t) => [index('events_deal_at_idx').on(t.dealId, t.at), index('events_team_at_idx').on(t.teamId, t.at)],
);

/** Coverage of a deal whenever it changes; feeds COVERAGE_DROP, trends and the stand-up. */
export const coverageSnapshots = sqliteTable(
  'coverage_snapshots',
  {
    id: id(),
    dealId: integer('deal_id')
      .notNull()
      .references(() => deals.id, { onDelete: 'cascade' }),
    at: text('at').notNull().default(now),
    influence: real('influence').notNull(),
    headcount: real('headcount').notNull(),
    net: real('net').notNull(),
    opposition: real('opposition').notNull(),
    crossed: integer('crossed').notNull(),
    thresholds: text('thresholds', { mode: 'json' }).notNull(),
  },
  (t) => [index('coverage_snapshots_deal_at_idx').on(t.dealId, t.at)],
);

/** A manager's coaching note on a deal: append-only, shown to the rep in the deal room. */
export const coachingNotes = sqliteTable(
  'coaching_notes',
  {
    id: id(),
    dealId: integer('deal_id')
      .notNull()
      .references(() => deals.id, { onDelete: 'cascade' }),
    authorId: integer('author_id')
      .notNull()
      .references(() => users.id),
    body: text('body').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('coaching_notes_deal_idx').on(t.dealId, t.createdAt)],
);

/** Each pipeline stand-up a team held: the next one reports changes since the last. */
export const standups = sqliteTable(
  'standups',
  {
    id: id(),
    teamId: integer('team_id')
      .notNull()
      .references(() => teams.id),
    heldAt: text('held_at').notNull(),
    recordedBy: integer('recorded_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('standups_team_held_idx').on(t.teamId, t.heldAt)],
);

/** A risk flag a rep put to sleep until a date, with a reason (SPEC §10): one per deal and code. */
export const flagSnoozes = sqliteTable(
  'flag_snoozes',
  {
    dealId: integer('deal_id')
      .notNull()
      .references(() => deals.id, { onDelete: 'cascade' }),
    code: text('code', { enum: RISK_FLAG_CODES }).notNull(),
    /** YYYY-MM-DD: the flag wakes by itself the day after. */
    until: text('until').notNull(),
    reason: text('reason').notNull(),
    byUserId: integer('by_user_id')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.dealId, t.code] })],
);

/**
 * Each deal's health as last scored (SPEC §13): written in the same transaction as every
 * write that can move it, and by the sweep for what time alone changes. Lists, filters,
 * sorts and counts read it; they never score on read.
 */
export const dealHealth = sqliteTable(
  'deal_health',
  {
    dealId: integer('deal_id')
      .notNull()
      .references(() => deals.id, { onDelete: 'cascade' }),
    status: text('status', { enum: HEALTH_STATUSES }).notNull(),
    crossed: integer('crossed').notNull(),
    /** Coverage by influence, 0..1: the pipeline sorts by it. */
    influence: real('influence').notNull(),
    /** Each threshold crossed or not: the review counts deals by the one they miss. */
    information: integer('information', { mode: 'boolean' }).notNull(),
    relationships: integer('relationships', { mode: 'boolean' }).notNull(),
    topDecisionMaker: integer('top_decision_maker', { mode: 'boolean' }).notNull(),
    /** The whole Health scoring returned: coverage, thresholds with their reasons, flags. */
    health: text('health', { mode: 'json' }).notNull().$type<Health>(),
    scoredAt: text('scored_at').notNull(),
  },
  // One row per deal, keyed by it (a table-level key: on SQLite a column key would make the id optional on insert).
  (t) => [
    primaryKey({ columns: [t.dealId] }),
    // review.summary's counts read this index alone, never the rows with their JSON.
    index('deal_health_summary_idx').on(t.status, t.information, t.relationships, t.topDecisionMaker),
  ],
);

/** The teams a manager manages besides their own (SPEC §13): they see every deal of each. */
export const teamManagers = sqliteTable(
  'team_managers',
  {
    teamId: integer('team_id')
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.userId] }), index('team_managers_user_idx').on(t.userId)],
);

/**
 * Single sign-on logins under way (SPEC §15): the browser holds the state in a cookie, this
 * row the PKCE verifier and nonce, so any instance can finish a login another one started.
 * Deleted when the provider sends the browser back (a state works once) or when it expires.
 */
export const oidcLogins = sqliteTable('oidc_logins', {
  stateHash: text('state_hash').primaryKey(),
  nonce: text('nonce').notNull(),
  codeVerifier: text('code_verifier').notNull(),
  /** The app path to open after signing in. */
  returnTo: text('return_to').notNull(),
  expiresAt: text('expires_at').notNull(),
});

/** How people may sign in, for the whole organisation: one row, absent until an admin changes it. */
export const signInSettings = sqliteTable('sign_in_settings', {
  id: id(),
  /** False: only admins sign in with a password; everyone else uses single sign-on. */
  passwordForEveryone: integer('password_for_everyone', { mode: 'boolean' }).notNull().default(true),
  version: version(),
  updatedAt: updatedAt(),
});

/** A customer's complaint (SPEC §11): open until resolved; one open longer than complaintDays raises OPEN_COMPLAINT. */
export const complaints = sqliteTable(
  'complaints',
  {
    id: id(),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    summary: text('summary').notNull(),
    severity: text('severity', { enum: COMPLAINT_SEVERITIES }).notNull(),
    /** When the customer raised it. */
    openedAt: text('opened_at').notNull(),
    resolution: text('resolution'),
    resolvedAt: text('resolved_at'),
    resolvedBy: integer('resolved_by').references(() => users.id),
    createdBy: integer('created_by')
      .notNull()
      .references(() => users.id),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('complaints_account_idx').on(t.accountId, t.openedAt)],
);

/** The practices of the phase checklist the key-account manager ticked (SPEC §11): a row while ticked. */
export const accountPractices = sqliteTable(
  'account_practices',
  {
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    practice: text('practice', { enum: ACCOUNT_PRACTICES as [AccountPractice, ...AccountPractice[]] }).notNull(),
    doneBy: integer('done_by')
      .notNull()
      .references(() => users.id),
    doneAt: text('done_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.practice] })],
);

/** Contact that belongs to the relationship, not to one deal (SPEC §11): the account's own activity log. */
export const accountActivities = sqliteTable(
  'account_activities',
  {
    id: id(),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ACTIVITY_KINDS }).notNull(),
    occurredAt: text('occurred_at').notNull(),
    summary: text('summary').notNull(),
    createdBy: integer('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    /** The device's idempotency key (SPEC §16), as for deal activities. */
    clientId: text('client_id'),
  },
  (t) => [index('account_activities_account_idx').on(t.accountId, t.occurredAt), uniqueIndex('account_activities_client_id_unique').on(t.clientId)],
);

export const accountActivityContacts = sqliteTable(
  'account_activity_contacts',
  {
    activityId: integer('activity_id')
      .notNull()
      .references(() => accountActivities.id, { onDelete: 'cascade' }),
    contactId: integer('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.activityId, t.contactId] }), index('account_activity_contacts_contact_idx').on(t.contactId)],
);

/**
 * Where an imported record came from (SPEC §12): the external id of a Salesforce, HubSpot
 * or CSV row, per team, source and kind, and the local record it became. Importing the
 * same files again finds every row here; `hash` is the row as last imported, so an
 * unchanged row is skipped without comparing fields (and an edit made in the app since
 * is not undone by re-importing the same file).
 */
export const importLinks = sqliteTable(
  'import_links',
  {
    teamId: integer('team_id')
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    source: text('source', { enum: IMPORT_SOURCES }).notNull(),
    kind: text('kind', { enum: IMPORT_KINDS }).notNull(),
    externalId: text('external_id').notNull(),
    localId: integer('local_id').notNull(),
    hash: text('hash').notNull(),
    importedAt: text('imported_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.source, t.kind, t.externalId] }), index('import_links_local_idx').on(t.kind, t.localId)],
);

/** An admin's subscription of a URL to webhook events (SPEC §15). */
export const webhooks = sqliteTable('webhooks', {
  id: id(),
  url: text('url').notNull(),
  events: text('events', { mode: 'json' }).notNull().$type<WebhookEvent[]>(),
  /** Kept as given: every delivery's body is signed with it (HMAC-SHA256). Never sent back whole. */
  secret: text('secret').notNull(),
  createdBy: integer('created_by')
    .notNull()
    .references(() => users.id),
  createdAt: createdAt(),
  version: version(),
});

/**
 * The outbox: one row per event per subscribed webhook, written in the transaction of the
 * change that caused it; the deliverer claims due rows with a lease (`claimed_until`).
 */
export const webhookDeliveries = sqliteTable(
  'webhook_deliveries',
  {
    id: id(),
    webhookId: integer('webhook_id')
      .notNull()
      .references(() => webhooks.id, { onDelete: 'cascade' }),
    /** A UUID, the same on every attempt: receivers de-duplicate by it. */
    eventId: text('event_id').notNull(),
    event: text('event').notNull().$type<WebhookEvent>(),
    /** The exact JSON body sent (and signed), byte for byte. */
    body: text('body').notNull(),
    status: text('status', { enum: DELIVERY_STATUSES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: text('next_attempt_at').notNull(),
    /** While in the future, one deliverer holds the row; a crash lets it lapse and another retries. */
    claimedUntil: text('claimed_until'),
    lastAttemptAt: text('last_attempt_at'),
    responseStatus: integer('response_status'),
    error: text('error'),
    createdAt: createdAt(),
    deliveredAt: text('delivered_at'),
  },
  (t) => [
    // The deliverer's "due" query: pending rows by next attempt.
    index('webhook_deliveries_due_idx').on(t.status, t.nextAttemptAt),
    // A webhook's deliveries, newest first.
    index('webhook_deliveries_webhook_idx').on(t.webhookId, t.id),
  ],
);

/**
 * The account flags (SPEC §11 defection watch) last seen raised, one row per account and
 * code: account health is scored on read, so this is what tells a newly raised flag from
 * one already there — `account.flag_raised` (SPEC §15) is sent when a row is added.
 */
export const accountFlags = sqliteTable(
  'account_flags',
  {
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    code: text('code', { enum: ACCOUNT_FLAG_CODES }).notNull(),
    raisedAt: text('raised_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.code] })],
);
