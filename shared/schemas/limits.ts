import { INFLUENCE_MAX, INFLUENCE_MIN, INFO_POINTS } from '../domain';
import { PASSWORD_MAX } from '../users';

/**
 * Text length limits, in one place: the zod schemas bound each field with these and
 * the client's inputs set `maxLength` from the same values, so a form can never accept
 * what the API then refuses. No zod here: the client bundle imports this file.
 */
export const LIMITS = {
  /** A name: a person, account, deal, competitor or external ally (and an ally's contact person). */
  name: 200,
  /** A contact's job title. */
  jobTitle: 200,
  department: 200,
  industry: 100,
  /** The longest address SMTP allows (RFC 5321). */
  email: 254,
  phone: 50,
  /** How to reach an external ally's contact person. */
  contactInfo: 500,
  password: PASSWORD_MAX,
  /** A next step's or a success factor's title. */
  itemTitle: 300,
  /** Who owns a next step, as free text (may be someone outside the team). */
  stepOwner: 120,
  /** A short description: a competitor's strengths or weaknesses, an ally's offering or contribution. */
  description: 2000,
  lossReason: 1000,
  /** Why a risk flag is snoozed (SPEC §10). */
  snoozeReason: 500,
  /** Why an account's tier changes (SPEC §11): kept in its tier history. */
  tierReason: 500,
  /** A note: an information point's summary, an activity's summary, a coaching note, a stakeholder's needs and notes. */
  note: 4000,
  /** A history filter: an event kind, a kind family or a group. */
  eventKind: 64,
  /** A page cursor of a list (SPEC §13): opaque, made by the server. */
  cursor: 512,
} as const;

/** The range each threshold setting (SPEC §4) may take: the settings schema enforces it, the Settings form's number inputs offer it. */
export const THRESHOLD_BOUNDS = {
  minConfirmed: { min: 0, max: INFO_POINTS.length },
  /** Up to ten years. */
  staleDays: { min: 1, max: 3650 },
  keyInfluence: { min: INFLUENCE_MIN, max: INFLUENCE_MAX },
  minCoaches: { min: 0, max: 100 },
  minAllies: { min: 0, max: 100 },
  /** A share of the buying group's influence. */
  minCoverage: { min: 0, max: 1 },
  contactDays: { min: 1, max: 3650 },
  /** A coach may go quiet for up to a year before the setting stops meaning anything. */
  coachSilentDays: { min: 1, max: 365 },
} as const;
