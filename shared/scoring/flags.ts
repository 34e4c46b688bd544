import type { RiskFlagCode } from '../domain';
import { isSupportive } from './coverage';
import { daysSince, isoDay } from '../dates';
import { message, renderEnglish } from './messages';
import { hasLeft, isCoachSilent } from './people';
import { finalDecisionMakers, metWithin } from './thresholds';
import type { Coverage, CoverageSample, FlagSeverity, HealthInput, RiskFlag, ScoringMessage } from './types';

/** An info point not touched for this many days raises STALE_INFO. */
const STALE_INFO_DAYS = 30;
/** COVERAGE_DROP compares today's coverage with the best of this many days… */
const COVERAGE_DROP_WINDOW_DAYS = 14;
/** …and fires on a fall of at least this much (with a hair of slack for floating point: 0.7 − 0.6 is 0.0999…). */
const COVERAGE_DROP_MIN = 0.1;
const EPSILON = 1e-9;

const SEVERITY: Record<RiskFlagCode, FlagSeverity> = {
  NO_DECISION_MAKER: 'high',
  DECISION_MAKER_NOT_CONTACTED: 'high',
  KEY_OPPONENT: 'high',
  COVERAGE_DROP: 'high',
  NO_COACH: 'medium',
  SINGLE_THREADED: 'medium',
  UNKNOWN_KEY_PEOPLE: 'medium',
  CLOSE_DATE_PASSED: 'medium',
  STALE_INFO: 'low',
  CHAMPION_LEFT: 'high',
  COACH_SILENT: 'medium',
};

function flag(code: RiskFlagCode, params: ScoringMessage['params'] = {}): RiskFlag {
  const text = message(`flag.${code}`, params);
  return { code, severity: SEVERITY[code], key: text.key, params: text.params, message: renderEnglish(text) };
}

const names = (people: readonly { name: string }[]) => people.map((person) => person.name).join(', ');

/**
 * Snapshots are recorded when coverage changes, not daily, so the coverage in force
 * over the window is every sample inside it plus the last one before it opened.
 */
function coverageInWindow(history: readonly CoverageSample[], now: Date): CoverageSample[] {
  const inside = history.filter((sample) => daysSince(sample.at, now) <= COVERAGE_DROP_WINDOW_DAYS && daysSince(sample.at, now) >= 0);
  const before = history.filter((sample) => daysSince(sample.at, now) > COVERAGE_DROP_WINDOW_DAYS).sort((a, b) => a.at.localeCompare(b.at)).at(-1);
  return before ? [...inside, before] : inside;
}

/**
 * The risk flags of SPEC §4 and §10, most severe first. Closed deals carry none: there is
 * nothing left to act on. People who left the customer raise CHAMPION_LEFT when they were
 * a coach or an ally, and count for nothing else.
 */
export function computeFlags(input: HealthInput, coverage: Coverage): RiskFlag[] {
  const { deal, settings, now } = input;
  if (deal.status !== 'open') return [];
  const flags: RiskFlag[] = [];

  const championsGone = input.stakeholders.filter((person) => hasLeft(person, now) && (person.isCoach || person.stance === 'ally'));
  if (championsGone.length > 0) flags.push(flag('CHAMPION_LEFT', { names: names(championsGone), count: championsGone.length }));
  const people = input.stakeholders.filter((person) => !hasLeft(person, now));

  const deciders = finalDecisionMakers(people);
  if (deciders.length === 0) flags.push(flag('NO_DECISION_MAKER'));
  else if (!deciders.some((person) => metWithin(person, settings.contactDays, now))) {
    flags.push(flag('DECISION_MAKER_NOT_CONTACTED', { names: names(deciders), contactDays: settings.contactDays }));
  }

  const keyOpponents = people.filter((person) => person.stance === 'opponent' && person.influence >= settings.keyInfluence);
  if (keyOpponents.length > 0) flags.push(flag('KEY_OPPONENT', { names: names(keyOpponents), count: keyOpponents.length }));

  const best = Math.max(-Infinity, ...coverageInWindow(input.coverageHistory, now).map((sample) => sample.influence));
  if (best - coverage.influence >= COVERAGE_DROP_MIN - EPSILON) {
    flags.push(flag('COVERAGE_DROP', { from: Math.round(best * 100), to: Math.round(coverage.influence * 100), days: COVERAGE_DROP_WINDOW_DAYS }));
  }

  const coaches = people.filter((person) => person.isCoach);
  if (coaches.length === 0) flags.push(flag('NO_COACH'));
  const silent = coaches.filter((person) => isCoachSilent(person.lastIntelAt, settings.coachSilentDays, now));
  if (silent.length > 0) flags.push(flag('COACH_SILENT', { names: names(silent), count: silent.length, days: settings.coachSilentDays }));
  const supportive = people.filter((person) => isSupportive(person.stance)).length;
  if (supportive <= 1) flags.push(flag('SINGLE_THREADED', { count: supportive }));

  const unknownKey = people.filter((person) => person.stance === 'unknown' && person.influence >= settings.keyInfluence);
  if (unknownKey.length > 0) flags.push(flag('UNKNOWN_KEY_PEOPLE', { names: names(unknownKey), count: unknownKey.length }));

  if (deal.closeDate < isoDay(now)) flags.push(flag('CLOSE_DATE_PASSED', { closeDate: deal.closeDate, days: daysSince(deal.closeDate, now) }));

  const lastTouched = input.infoPoints.map((point) => [point.updatedAt, point.verifiedAt ?? ''].sort().at(-1)!).sort().at(-1);
  const idleDays = lastTouched ? daysSince(lastTouched, now) : Infinity;
  if (idleDays > STALE_INFO_DAYS) flags.push(flag('STALE_INFO', { days: STALE_INFO_DAYS }));

  return flags;
}
