/**
 * From coverage snapshots to what the chart draws: one x per reading (seconds),
 * the three figures, and a marker wherever a threshold was crossed or lost.
 */
import { THRESHOLD_KEYS, type ThresholdKey } from '../../../../shared/domain';
import type { HistoryData } from './describeEvent';

export type Snapshot = HistoryData['snapshots'][number];

export interface ThresholdMarker {
  /** Seconds since the epoch, like the chart's x values. */
  x: number;
  at: string;
  threshold: ThresholdKey;
  passed: boolean;
}

export interface CoverageSeries {
  xs: number[];
  influence: number[];
  headcount: number[];
  net: number[];
  /** How many of the points are real readings; a last one may carry the latest reading on to now. */
  readings: number;
  markers: ThresholdMarker[];
}

const seconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);

/**
 * Coverage holds its value until the next change, so the last reading is
 * carried on to `now`: a deal whose map has not moved for a month shows a
 * month-long flat line rather than a lone dot.
 */
export function coverageSeries(snapshots: readonly Snapshot[], now: Date): CoverageSeries {
  const readings = snapshots.filter((snapshot) => Number.isFinite(Date.parse(snapshot.at)));
  const series: CoverageSeries = { xs: [], influence: [], headcount: [], net: [], readings: readings.length, markers: [] };
  readings.forEach((snapshot, index) => {
    series.xs.push(seconds(snapshot.at));
    series.influence.push(snapshot.influence);
    series.headcount.push(snapshot.headcount);
    series.net.push(snapshot.net);
    const previous = readings[index - 1];
    if (!previous) return;
    for (const threshold of THRESHOLD_KEYS) {
      if (previous.thresholds[threshold] !== snapshot.thresholds[threshold]) {
        series.markers.push({ x: seconds(snapshot.at), at: snapshot.at, threshold, passed: snapshot.thresholds[threshold] });
      }
    }
  });
  const last = readings.at(-1);
  const nowSeconds = Math.floor(now.getTime() / 1000);
  if (last && nowSeconds - seconds(last.at) >= 60) {
    series.xs.push(nowSeconds);
    series.influence.push(last.influence);
    series.headcount.push(last.headcount);
    series.net.push(last.net);
  }
  return series;
}
