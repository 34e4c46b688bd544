import { useTranslation } from 'react-i18next';
import { THRESHOLD_KEYS } from '../../../../shared/domain';
import { useScoringText } from '../../components/health/Health';
import { useFormat } from '../../lib/format';
import type { DealRoomData } from '../deal-room/useDealRoom';

/** Paper has one page: long lists are cut here and say how much more the deal room holds. */
const MAX_REASONS = 3;
const MAX_PEOPLE = 8;
const MAX_STEPS = 5;

function More({ count }: { count: number }) {
  const { t } = useTranslation();
  return count > 0 ? <li className="print-more">{t('print.more', { count })}</li> : null;
}

/** The three thresholds, each crossed or not, with the first reasons it is not (SPEC §4). */
export function PrintThresholds({ room }: { room: DealRoomData }) {
  const { t } = useTranslation();
  const text = useScoringText();
  return (
    <section className="print-block">
      <h2>{t('print.thresholds')}</h2>
      <ul className="print-thresholds">
        {THRESHOLD_KEYS.map((key) => {
          const result = room.health.thresholds[key];
          return (
            <li key={key} data-testid={`print-threshold-${key}`} data-passed={result.passed}>
              <strong>
                <span aria-hidden="true">{result.passed ? '✓ ' : '✗ '}</span>
                {t(`threshold.${key}`)}: {result.passed ? t('health.crossed') : t('print.notCrossed')}
              </strong>
              {!result.passed && (
                <ul>
                  {result.details.slice(0, MAX_REASONS).map((detail, index) => (
                    <li key={index}>{text(detail)}</li>
                  ))}
                  <More count={result.details.length - MAX_REASONS} />
                </ul>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** The people who weigh most: by influence, then decision role order as the server lists them. */
export function PrintKeyPeople({ room }: { room: DealRoomData }) {
  const { t } = useTranslation();
  const people = [...room.stakeholders].sort((a, b) => b.influence - a.influence || a.name.localeCompare(b.name));
  if (people.length === 0) return null;
  return (
    <section className="print-block">
      <h2>{t('print.keyPeople')}</h2>
      <table className="print-table">
        <thead>
          <tr>
            <th scope="col">{t('print.person')}</th>
            <th scope="col">{t('print.role')}</th>
            <th scope="col">{t('print.stance')}</th>
            <th scope="col" className="num">{t('print.influence')}</th>
          </tr>
        </thead>
        <tbody>
          {people.slice(0, MAX_PEOPLE).map((person) => (
            <tr key={person.id}>
              <td className="print-person" title={person.title ?? undefined}>
                {person.name}
                {person.title && <span className="muted"> · {person.title}</span>}
              </td>
              <td>{t(`decisionRole.${person.decisionRole}`)}</td>
              <td>{t(`stance.${person.stance}`)}</td>
              <td className="num">{person.influence}/5</td>
            </tr>
          ))}
        </tbody>
      </table>
      {people.length > MAX_PEOPLE && <p className="print-more">{t('print.more', { count: people.length - MAX_PEOPLE })}</p>}
    </section>
  );
}

/** The nine points as a 3×3 grid: status in words (black and white) and the summary, cut to two lines. */
export function PrintNinePoints({ room }: { room: DealRoomData }) {
  const { t } = useTranslation();
  return (
    <section className="print-block">
      <h2>{t('print.ninePoints')}</h2>
      <ol className="print-points">
        {room.infoPoints.map((point) => (
          <li key={point.id} className={`print-point status-${point.status}`} data-testid={`print-point-${point.point}`}>
            <strong className="print-point-label">
              {point.point}. {t(`infoPoint.${point.point}.label`)}
            </strong>
            <p>
              <span className="print-point-status">{t(`infoStatus.${point.status}`)}</span> {point.summary}
            </p>
          </li>
        ))}
      </ol>
    </section>
  );
}

/** Open next steps, soonest due first (undated last). */
export function PrintNextSteps({ room }: { room: DealRoomData }) {
  const { t } = useTranslation();
  const format = useFormat();
  const open = room.nextSteps.filter((step) => !step.done).sort((a, b) => (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999'));
  return (
    <section className="print-block">
      <h2>{t('print.nextSteps')}</h2>
      {open.length === 0 ? (
        <p className="muted">{t('print.noSteps')}</p>
      ) : (
        <ul className="print-steps">
          {open.slice(0, MAX_STEPS).map((step) => (
            <li key={step.id}>
              <span>☐ {step.title}</span>
              <span className="muted">
                {[step.owner, step.dueDate ? format.date(step.dueDate) : null].filter(Boolean).join(' · ')}
              </span>
            </li>
          ))}
          <More count={open.length - MAX_STEPS} />
        </ul>
      )}
    </section>
  );
}
