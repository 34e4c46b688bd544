import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { daysSince } from '../../../../../shared/dates';
import type { ActivityKind } from '../../../../../shared/domain';
import { isCoachSilent, later } from '../../../../../shared/scoring/people';
import { useFormat } from '../../../lib/format';
import { useNow } from '../../../lib/useNow';
import { useTRPC } from '../../../lib/trpc';
import { useDealRoomData } from '../../deal-room/useDealRoom';
import type { StakeholderRow } from '../types';

/** Enough to judge a coach by at a glance; the Activity tab has the rest. */
const SHOWN_ACTIVITIES = 5;

/**
 * "What they told us" (SPEC §10, coach effectiveness): the information points sourced
 * from this coach and the contacts with them, newest first, and the day of their last
 * intelligence — the same `lastIntelAt` the COACH_SILENT flag is scored with.
 */
export function CoachIntel({ person }: { person: StakeholderRow }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const format = useFormat();
  const now = useNow();
  const room = useDealRoomData();
  const activities = useQuery(trpc.activity.list.queryOptions({ dealId: room.deal.id }));
  const points = room.infoPoints
    .filter((point) => point.sourceStakeholderId === person.id)
    .map((point) => ({ point: point.point, at: later(point.updatedAt, point.verifiedAt) ?? point.updatedAt }))
    .sort((a, b) => b.at.localeCompare(a.at));
  // activity.list is newest first already.
  const withThem = (activities.data ?? []).filter((activity) => activity.stakeholderIds.includes(person.id));
  const days = person.lastIntelAt ? Math.max(0, daysSince(person.lastIntelAt, new Date(now))) : null;
  // Someone who left is no longer expected to tell us anything.
  const silent = !person.leftAt && isCoachSilent(person.lastIntelAt, room.settings.coachSilentDays, new Date(now));

  return (
    <section className="coach-intel" aria-labelledby={`coach-intel-${person.id}`} data-testid="coach-intel-panel">
      <h3 id={`coach-intel-${person.id}`} className="section-title">
        {t('coachIntel.title')}
      </h3>
      <p className={silent ? 'coach-intel-last silent' : 'coach-intel-last'}>
        {person.lastIntelAt ? t('coachIntel.last', { date: format.date(person.lastIntelAt), count: days ?? 0 }) : t('coachIntel.never')}
      </p>
      {silent && person.lastIntelAt && <p className="coach-intel-hint">{t('coachIntel.silentHint', { days: room.settings.coachSilentDays })}</p>}
      {/* Nothing at all yet: the line above says so, empty lists would only repeat it. */}
      {(points.length > 0 || withThem.length > 0 || activities.isPending) && <IntelLists points={points} activities={withThem} loading={activities.isPending} />}
    </section>
  );
}

interface IntelListsProps {
  points: { point: number; at: string }[];
  activities: { id: number; kind: ActivityKind; occurredAt: string; summary: string }[];
  loading: boolean;
}

/** The two lists of what a coach gave us: points sourced from them, contacts with them. */
function IntelLists({ points, activities, loading }: IntelListsProps) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <>
      <h4 className="coach-intel-sub">{t('coachIntel.points')}</h4>
      {points.length === 0 ? (
        <p className="muted small">{t('coachIntel.noPoints')}</p>
      ) : (
        <ul className="coach-intel-list">
          {points.map((point) => (
            <li key={point.point}>
              <span className="point-no">{point.point}</span>
              <span className="coach-intel-what">{t(`infoPoint.${point.point}.label`)}</span>
              <time dateTime={point.at}>{format.date(point.at)}</time>
            </li>
          ))}
        </ul>
      )}
      <h4 className="coach-intel-sub">{t('coachIntel.activities')}</h4>
      {activities.length === 0 ? (
        <p className="muted small">{loading ? t('coachIntel.loading') : t('coachIntel.noActivities')}</p>
      ) : (
        <ul className="coach-intel-list">
          {activities.slice(0, SHOWN_ACTIVITIES).map((activity) => (
            <li key={activity.id}>
              <span className="coach-intel-kind">{t(`activityKind.${activity.kind}`)}</span>
              <span className="coach-intel-what" title={activity.summary}>
                {activity.summary}
              </span>
              <time dateTime={activity.occurredAt}>{format.date(activity.occurredAt)}</time>
            </li>
          ))}
        </ul>
      )}
      {activities.length > SHOWN_ACTIVITIES && <p className="muted small">{t('coachIntel.more', { count: activities.length - SHOWN_ACTIVITIES })}</p>}
    </>
  );
}
