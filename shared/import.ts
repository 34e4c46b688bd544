/**
 * Import (SPEC §12): the words the server, the schemas and the import screen share.
 * No zod here: the client imports this file.
 */
import type { DecisionRole, Stage } from './domain';

export const IMPORT_SOURCES = ['salesforce', 'hubspot', 'csv'] as const;
export type ImportSource = (typeof IMPORT_SOURCES)[number];

/** The files of one import call, in the order they are applied. */
export const IMPORT_FILES = ['accounts', 'contacts', 'deals', 'contactRoles'] as const;
export type ImportFile = (typeof IMPORT_FILES)[number];

/** What an import link points at: one kind of record per file. */
export const IMPORT_KINDS = ['account', 'contact', 'deal', 'contactRole'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** 20 MB of CSV text in all, per call (UTF-8 bytes). */
export const IMPORT_MAX_BYTES = 20 * 1024 * 1024;

/** The fields each file can fill, as `mapping.columns[file][field] = header` names them. */
export const IMPORT_FIELDS = {
  accounts: ['id', 'name', 'industry'],
  contacts: ['id', 'accountId', 'firstName', 'lastName', 'name', 'title', 'department', 'level', 'email', 'phone', 'reportsToId'],
  deals: ['id', 'accountId', 'name', 'stage', 'amount', 'currency', 'closeDate', 'ownerId'],
  contactRoles: ['id', 'dealId', 'contactId', 'role'],
} as const satisfies Record<ImportFile, readonly string[]>;
export type ImportField<F extends ImportFile> = (typeof IMPORT_FIELDS)[F][number];

/**
 * SPEC §12's default stage map (Salesforce's standard opportunity stages), plus the
 * stages of HubSpot's default sales pipeline. Matched without regard to case.
 */
export const DEFAULT_STAGE_MAP: Readonly<Record<string, Stage>> = {
  Prospecting: 'qualify',
  Qualification: 'qualify',
  'Needs Analysis': 'discover',
  'Value Proposition': 'discover',
  'Id. Decision Makers': 'discover',
  'Perception Analysis': 'discover',
  'Proposal/Price Quote': 'propose',
  'Negotiation/Review': 'negotiate',
  'Closed Won': 'won',
  'Closed Lost': 'lost',
};

/** HubSpot's default sales pipeline, by the labels its export writes (and the internal ids). */
export const HUBSPOT_STAGE_MAP: Readonly<Record<string, Stage>> = {
  'Appointment Scheduled': 'qualify',
  appointmentscheduled: 'qualify',
  'Qualified To Buy': 'qualify',
  qualifiedtobuy: 'qualify',
  'Presentation Scheduled': 'discover',
  presentationscheduled: 'discover',
  'Decision Maker Bought-In': 'propose',
  decisionmakerboughtin: 'propose',
  'Contract Sent': 'negotiate',
  contractsent: 'negotiate',
  closedwon: 'won',
  closedlost: 'lost',
};

/** SPEC §12's default role map; any other role becomes an influencer. */
export const DEFAULT_ROLE_MAP: Readonly<Record<string, DecisionRole>> = {
  'Economic Buyer': 'final_decision_maker',
  'Economic Decision Maker': 'final_decision_maker',
  'Decision Maker': 'decision_maker',
  Evaluator: 'evaluator',
  'Technical Buyer': 'evaluator',
  Influencer: 'influencer',
  'Business User': 'user',
};
export const FALLBACK_ROLE: DecisionRole = 'influencer';

/** At most this many row errors are listed per file (the counts still cover every row). */
export const IMPORT_ERRORS_MAX = 500;
/** Bounds of the mapping tables of one call. */
export const IMPORT_MAPPING_MAX = 1000;
