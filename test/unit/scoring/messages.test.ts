import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { STAGES, STANCES, THRESHOLD_KEYS, statusForStage } from '../../../shared/domain';
import { renderMessage } from '../../../shared/i18n/translator';
import { computeHealth } from '../../../shared/scoring';
import { healthyDeal, person, points } from './factories';

describe('reasons and flags in both languages', () => {
  it('renders every reason of a failing deal in Simplified Chinese, point names and stances included', () => {
    const health = computeHealth(
      healthyDeal({
        stakeholders: [person({ name: '马董事长', decisionRole: 'final_decision_maker', stance: 'skeptic', influence: 5 })],
        infoPoints: points([1]),
      }),
    );
    const zh = Object.values(health.thresholds).flatMap((t) => t.details.map((d) => renderMessage({ key: `scoring:${d.key}`, params: d.params }, 'zh-CN')));
    expect(zh).toContain('第 2 项「采购流程与采购重点」必须确认。');
    expect(zh).toContain('最高决策者 马董事长 尚未站在我们一边（态度：怀疑）。'.replace('怀疑', renderMessage({ key: 'common:stance.skeptic', params: {} }, 'zh-CN')));
    // The English reasons the API returns are what i18next renders too.
    const en = Object.values(health.thresholds).flatMap((t) => t.details.map((d) => renderMessage({ key: `scoring:${d.key}`, params: d.params }, 'en')));
    expect(en).toEqual(Object.values(health.thresholds).flatMap((t) => t.reasons));
    for (const flag of health.flags) expect(renderMessage({ key: `scoring:${flag.key}`, params: flag.params }, 'en')).toBe(flag.message);
  });
});

describe('health invariants', () => {
  it('crossed counts the passed thresholds; reasons are empty exactly when passed; closed deals are closed', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ influence: fc.integer({ min: 1, max: 5 }), stance: fc.constantFrom(...STANCES), isCoach: fc.boolean() }), { maxLength: 12 }),
        fc.subarray([1, 2, 3, 4, 5, 6, 7, 8, 9]),
        fc.constantFrom(...STAGES),
        (people, confirmed, stage) => {
          const health = computeHealth(
            healthyDeal({ stakeholders: people.map((p) => person(p)), infoPoints: points(confirmed), deal: { stage, status: statusForStage(stage), closeDate: '2026-12-31' } }),
          );
          expect(health.crossed).toBe(THRESHOLD_KEYS.filter((key) => health.thresholds[key].passed).length);
          for (const key of THRESHOLD_KEYS) expect(health.thresholds[key].reasons.length === 0).toBe(health.thresholds[key].passed);
          if (statusForStage(stage) !== 'open') expect(health.status).toBe('closed');
          else expect(health.status).not.toBe('closed');
        },
      ),
    );
  });
});
