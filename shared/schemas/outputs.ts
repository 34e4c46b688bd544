/**
 * What the REST procedures answer (SPEC §15), as zod schemas for the OpenAPI document.
 *
 * They describe the services' DTOs; they do not replace them. Objects are loose (a field
 * added to a DTO still reaches the client), and `documented()` keeps a schema from ever
 * turning a good answer into a 500 when it lags behind a DTO: a description must not
 * break the API it describes. test/integration/rest.test.ts parses real answers with
 * these schemas, so drift fails a test instead.
 */
import { z } from 'zod';
import {
  ACCOUNT_TIERS,
  ACTIVITY_KINDS,
  CURRENCIES,
  DEAL_STATUSES,
  DECISION_ROLES,
  HEALTH_STATUSES,
  LEVELS,
  LOSS_CAUSES,
  STAGES,
  STANCES,
} from '../domain';
import { ACCOUNT_FLAG_CODES, ACCOUNT_HEALTH_STATUSES, ACCOUNT_PHASES, PURCHASE_PATTERNS, SCORECARD_INDICATORS } from '../accounts';

const nullableText = z.string().nullable();

const zThreshold = z.looseObject({
  passed: z.boolean(),
  reasons: z.array(z.string()).meta({ description: 'One English sentence per failing condition' }),
});

export const ZHealthOutput = z
  .looseObject({
    coverage: z.looseObject({
      influence: z.number(),
      headcount: z.number(),
      net: z.number(),
      opposition: z.number(),
      levels: z.looseObject({ executive: z.boolean().nullable(), management: z.boolean().nullable(), staff: z.boolean().nullable() }),
    }),
    thresholds: z.looseObject({ information: zThreshold, relationships: zThreshold, topDecisionMaker: zThreshold }),
    crossed: z.int().min(0).max(3),
    status: z.enum(HEALTH_STATUSES),
    flags: z.array(z.looseObject({ code: z.string(), severity: z.enum(['high', 'medium', 'low']), message: z.string() })),
  })
  .meta({ id: 'Health', description: 'A deal’s support coverage, the three win thresholds and its risk flags (SPEC §4)' });

export const ZDealOutput = z
  .looseObject({
    id: z.int(),
    name: z.string(),
    accountId: z.int(),
    accountName: z.string(),
    amount: z.number(),
    currency: z.enum(CURRENCIES),
    stage: z.enum(STAGES),
    closeDate: z.string().meta({ description: 'YYYY-MM-DD' }),
    ownerId: z.int(),
    ownerName: z.string(),
    status: z.enum(DEAL_STATUSES),
    lossReason: nullableText,
    lossCause: z.enum(LOSS_CAUSES).nullable(),
    lostTo: nullableText,
    teamId: z.int(),
    version: z.int().meta({ description: 'Send it back with an update; a stale one is refused with 409' }),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Deal' });

export const ZDealPageOutput = z
  .looseObject({
    items: z.array(ZDealOutput.extend({ health: ZHealthOutput })),
    nextCursor: z.string().nullable().meta({ description: 'Pass as `cursor` for the next page; null on the last page' }),
    total: z.int().min(0),
  })
  .meta({ id: 'DealPage' });

export const ZStakeholderOutput = z
  .looseObject({
    id: z.int(),
    dealId: z.int(),
    contactId: z.int(),
    name: z.string(),
    title: nullableText,
    department: nullableText,
    level: z.enum(LEVELS),
    decisionRole: z.enum(DECISION_ROLES),
    influence: z.int(),
    stance: z.enum(STANCES),
    isCoach: z.boolean(),
    version: z.int(),
    contactVersion: z.int(),
    leftAt: nullableText,
  })
  .meta({ id: 'Stakeholder' });

export const ZDealRoomOutput = z
  .looseObject({
    deal: ZDealOutput,
    stakeholders: z.array(ZStakeholderOutput),
    relationships: z.array(z.looseObject({ id: z.int(), fromStakeholderId: z.int(), toStakeholderId: z.int(), kind: z.string() })),
    infoPoints: z.array(z.looseObject({ point: z.int(), status: z.string(), version: z.int() })),
    health: ZHealthOutput,
  })
  .meta({ id: 'DealRoom', description: 'The whole room of one deal, the same as tRPC `deal.get`' });

export const ZAccountOutput = z
  .looseObject({
    id: z.int(),
    teamId: z.int(),
    name: z.string(),
    industry: nullableText,
    tier: z.enum(ACCOUNT_TIERS).meta({ description: 'A (platinum), B, C: a person’s decision; see suggestedTier' }),
    phase: z.enum(ACCOUNT_PHASES),
    ownerId: z.int().nullable().meta({ description: 'The key-account manager' }),
    ownerName: nullableText,
    strategicValue: z.int().min(1).max(5).nullable(),
    creditStanding: z.int().min(1).max(5).nullable(),
    productFit: z.int().min(1).max(5).nullable(),
    centralPurchasing: z.boolean().nullable(),
    version: z.int(),
  })
  .meta({ id: 'Account' });

const zAccountFlag = z.looseObject({ code: z.enum(ACCOUNT_FLAG_CODES), severity: z.string(), message: z.string() });

export const ZAccountListItemOutput = z
  .looseObject({
    id: z.int(),
    teamId: z.int(),
    name: z.string(),
    tier: z.enum(ACCOUNT_TIERS),
    suggestedTier: z.enum(ACCOUNT_TIERS),
    phase: z.enum(ACCOUNT_PHASES),
    pattern: z.enum(PURCHASE_PATTERNS),
    pseudoKey: z.boolean().meta({ description: 'One order long ago, yet treated or looking like a key account (SPEC §11)' }),
    wonTotal: z.number(),
    openAmount: z.number(),
    currency: z.enum(CURRENCIES).meta({ description: 'The team’s base currency of wonTotal and openAmount' }),
    leftOut: z.array(z.enum(CURRENCIES)).meta({ description: 'Currencies with no exchange rate, left out of the sums' }),
    healthStatus: z.enum(ACCOUNT_HEALTH_STATUSES),
    flags: z.array(zAccountFlag),
    version: z.int(),
  })
  .meta({ id: 'AccountListItem' });

export const ZAccountDetailOutput = z
  .looseObject({
    account: ZAccountOutput,
    contacts: z.array(z.looseObject({ id: z.int(), name: z.string(), reportsToContactId: z.int().nullable(), level: z.enum(LEVELS), leftAt: nullableText })),
    deals: z
      .array(z.looseObject({ id: z.int(), name: z.string(), status: z.enum(DEAL_STATUSES), amount: z.number(), currency: z.enum(CURRENCIES), canOpen: z.boolean().meta({ description: 'Whether you may open the deal; the key-account manager sees every deal of the account' }) }))
      .meta({ description: 'Every deal of the account — for a rep who is not its key-account manager, only their own and shared deals (docs/decisions/0029)' }),
    hiddenDeals: z.int().min(0).meta({ description: 'Deals of the account left out of `deals` and of the sums for you' }),
    purchase: z.looseObject({
      pattern: z.enum(PURCHASE_PATTERNS),
      orders: z.array(z.looseObject({ dealId: z.int(), closeDate: z.string(), amount: z.number(), currency: z.enum(CURRENCIES) })),
      wonTotal: z.number(),
      firstOrderAt: nullableText,
      lastOrderAt: nullableText,
    }),
    pseudoKey: z.boolean(),
    scorecard: z.looseObject({
      indicators: z.array(z.looseObject({ key: z.enum(SCORECARD_INDICATORS), value: z.number().min(0).max(1).nullable(), source: z.enum(['computed', 'manual']), reason: z.string() })),
      score: z.number(),
      suggestedTier: z.enum(ACCOUNT_TIERS),
      reasons: z.array(z.string()),
    }),
    phase: z.looseObject({ current: z.enum(ACCOUNT_PHASES), suggested: z.enum(ACCOUNT_PHASES) }),
    health: z.looseObject({ status: z.enum(ACCOUNT_HEALTH_STATUSES), flags: z.array(zAccountFlag) }),
  })
  .meta({ id: 'AccountRoom', description: 'An account with its org chart, deals, purchase pattern, scorecard, phase and defection watch (SPEC §11), the same as tRPC `account.get`' });

export const ZContactOutput = z
  .looseObject({
    id: z.int(),
    accountId: z.int(),
    name: z.string(),
    title: nullableText,
    department: nullableText,
    level: z.enum(LEVELS),
    reportsToContactId: z.int().nullable(),
    email: nullableText,
    phone: nullableText,
    leftAt: nullableText,
    version: z.int(),
  })
  .meta({ id: 'Contact' });

export const ZActivityOutput = z
  .looseObject({
    id: z.int(),
    dealId: z.int(),
    kind: z.enum(ACTIVITY_KINDS),
    occurredAt: z.string(),
    summary: z.string(),
    stakeholderIds: z.array(z.int()),
    createdBy: z.int().nullable(),
    createdByName: nullableText,
  })
  .meta({ id: 'Activity' });

export const ZOkOutput = z.looseObject({ ok: z.literal(true) });

/**
 * A REST procedure's output parser typed as the service's own result `T`: tRPC clients
 * keep the exact DTO types, the document gets the schema, and an answer the schema does
 * not (yet) describe passes through unchanged instead of failing as a 500.
 *
 * tRPC runs a procedure's output parser on every call, over tRPC and REST alike. These
 * schemas only describe (loose objects, no defaults or transforms, and a failure gives
 * the input back), so parsing can never change an answer: it was pure cost — a deep copy
 * of the whole deal room on each `deal.get`. The parser tRPC calls (`parseAsync`) passes
 * the answer through; the schema itself is untouched for the document and for
 * test/integration/rest.test.ts, which parses real answers with the exported schemas.
 */
export function documented<T>(schema: z.ZodType): z.ZodType<T> {
  const described = schema.catch((ctx: z.core.$ZodCatchCtx) => ctx.input);
  described.parseAsync = (value: unknown) => Promise.resolve(value) as ReturnType<typeof described.parseAsync>;
  return described as unknown as z.ZodType<T>;
}
