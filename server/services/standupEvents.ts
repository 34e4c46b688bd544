/**
 * The stand-up's reading of the event log: each kind as zero or more stand-up
 * changes. The switch names every kind, including those the stand-up leaves
 * out, so a new kind does not compile until someone decides what it means here.
 */
import type { EventKind, ReadEvent } from '../../shared/events';
import type { StandupChangeKind, StandupParams } from '../../shared/standup';

export interface EventChange {
  kind: StandupChangeKind;
  params: StandupParams;
}

/** The kinds that can yield a stand-up change: the SQL reads only these (changesOfEvent is empty for the rest). */
export const STANDUP_EVENT_KINDS = [
  'deal.created',
  'deal.stageChanged',
  'deal.updated',
  'threshold.crossed',
  'threshold.lost',
  'stakeholder.added',
  'stakeholder.removed',
  'stakeholder.updated',
  'stakeholder.stanceChanged',
  'successFactor.added',
  'successFactor.removed',
  'successFactor.updated',
  'successFactor.reordered',
  'infoPoint.updated',
  'competitor.added',
  'contact.left',
  'contact.returned',
  'nextStep.done',
  'flag.snoozed',
  'flag.unsnoozed',
  'flag.woke',
] as const satisfies readonly EventKind[];

/** One event of the log as zero or more stand-up changes; `dealId` is the deal it was logged on (null: team or account level). */
export function changesOfEvent(event: ReadEvent, stakeholderName: (id: number | null) => string | null, dealId: number | null = null): EventChange[] {
  const out: EventChange[] = [];
  switch (event.kind) {
    case 'deal.created':
      out.push({ kind: 'dealCreated', params: { name: event.after.name ?? '' } });
      break;
    case 'deal.stageChanged':
    case 'deal.updated': {
      const { before, after } = event;
      if ('stage' in after) out.push({ kind: 'stageChanged', params: { from: before.stage ?? null, to: after.stage ?? null } });
      if ('closeDate' in after) out.push({ kind: 'closeDateChanged', params: { from: before.closeDate ?? null, to: after.closeDate ?? null } });
      if (typeof after.amount === 'number' && typeof before.amount === 'number') {
        out.push({ kind: 'amountChanged', params: { from: before.amount, to: after.amount, currency: after.currency ?? before.currency ?? 'USD' } });
      }
      break;
    }
    case 'threshold.crossed':
    case 'threshold.lost':
      out.push({ kind: event.kind === 'threshold.crossed' ? 'thresholdCrossed' : 'thresholdLost', params: { threshold: event.after.threshold ?? event.before.threshold ?? null } });
      break;
    case 'stakeholder.added': {
      const { after } = event;
      const name = after.name ?? stakeholderName(event.entityId) ?? '';
      if (after.stance === 'ally') out.push({ kind: 'newAlly', params: { name, from: null } });
      if (after.isCoach === true) out.push({ kind: 'newCoach', params: { name } });
      if (out.length === 0) out.push({ kind: 'stakeholderAdded', params: { name, stance: after.stance ?? 'unknown' } });
      break;
    }
    case 'stakeholder.removed':
      out.push({ kind: 'stakeholderRemoved', params: { name: event.before.name ?? stakeholderName(event.entityId) ?? '' } });
      break;
    case 'stakeholder.updated':
    case 'stakeholder.stanceChanged': {
      const { before, after } = event;
      const name = after.name ?? before.name ?? stakeholderName(event.entityId) ?? '';
      if ('stance' in after && before.stance !== after.stance) {
        const from = before.stance ?? null;
        if (after.stance === 'ally') out.push({ kind: 'newAlly', params: { name, from } });
        else out.push({ kind: 'stanceChanged', params: { name, from, to: after.stance ?? null } });
      }
      if ('isCoach' in after && before.isCoach !== after.isCoach) out.push({ kind: after.isCoach ? 'newCoach' : 'coachLost', params: { name } });
      break;
    }
    case 'successFactor.added': {
      const title = event.after.title ?? '';
      out.push({ kind: 'successFactorAdded', params: { title, rank: (event.after.ranking ?? []).indexOf(title) + 1 || null } });
      break;
    }
    case 'successFactor.removed':
      out.push({ kind: 'successFactorRemoved', params: { title: event.before.title ?? '' } });
      break;
    case 'successFactor.updated':
      out.push({ kind: 'successFactorRenamed', params: { from: event.after.previousTitle ?? '', to: event.after.title ?? '' } });
      break;
    case 'successFactor.reordered':
      out.push({ kind: 'successFactorsReordered', params: { top: event.after.top ?? [] } });
      break;
    case 'infoPoint.updated': {
      const { before, after } = event;
      if (after.status === 'confirmed' && before.status !== 'confirmed') out.push({ kind: 'infoPointConfirmed', params: { point: Number(after.point ?? before.point) } });
      break;
    }
    case 'competitor.added':
      out.push({ kind: 'competitorAdded', params: { name: event.after.name ?? '' } });
      break;
    // Leaving is logged on each open deal of the person; where they were a coach or ally it is a champion lost (SPEC §10).
    // A corrected day (they had already left) is not news.
    case 'contact.left': {
      const { before, after } = event;
      if (typeof before.leftAt === 'string') break;
      const champion = dealId !== null && (after.championOf ?? []).includes(dealId);
      out.push({ kind: champion ? 'championLeft' : 'personLeft', params: { name: after.name ?? '', leftAt: after.leftAt ?? null } });
      break;
    }
    case 'contact.returned':
      out.push({ kind: 'personReturned', params: { name: event.before.name ?? '' } });
      break;
    case 'nextStep.done':
      out.push({ kind: 'nextStepDone', params: { title: event.after.title ?? event.before.title ?? '' } });
      break;
    // Snoozes and wake-ups are news for the team (SPEC §10): who quieted which flag, and which came back.
    case 'flag.snoozed':
      out.push({ kind: 'flagSnoozed', params: { code: event.after.code ?? event.before.code ?? '', until: event.after.until ?? null, reason: event.after.reason ?? '' } });
      break;
    case 'flag.unsnoozed':
    case 'flag.woke':
      out.push({ kind: event.kind === 'flag.woke' ? 'flagWoke' : 'flagUnsnoozed', params: { code: event.before.code ?? '' } });
      break;
    // Left out on purpose: contacts come from the activity log itself, card moves are
    // housekeeping, and the rest is team or account admin that no deal slide shows.
    case 'account.created':
    case 'account.updated':
    case 'account.tierChanged':
    case 'account.practiceTicked':
    case 'account.practiceUnticked':
    case 'account.activityLogged':
    case 'complaint.added':
    case 'complaint.resolved':
    case 'settings.accountSettingsUpdated':
    case 'activity.logged':
    case 'activity.removed':
    case 'coachingNote.added':
    case 'competitor.updated':
    case 'competitor.removed':
    case 'contact.updated':
    case 'deal.memberAdded':
    case 'deal.memberRemoved':
    case 'externalAlly.added':
    case 'externalAlly.updated':
    case 'externalAlly.removed':
    case 'nextStep.added':
    case 'nextStep.updated':
    case 'nextStep.removed':
    case 'relationship.added':
    case 'relationship.removed':
    case 'settings.thresholdsUpdated':
    case 'stakeholder.moved':
    case 'standup.recorded':
    case 'user.created':
    case 'user.updated':
    case 'user.deactivated':
    case 'user.reactivated':
    case 'user.passwordReset':
    case 'team.created':
    case 'team.updated':
    case 'unknown':
      break;
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
  return out;
}
