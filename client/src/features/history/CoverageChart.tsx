import { useEffect, useMemo, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { useLocale } from '../../i18n';
import { useFormat } from '../../lib/format';
import type { CoverageSeries, ThresholdMarker } from './coverageSeries';

const HEIGHT = 300;
const FONT = "12px Inter, system-ui, -apple-system, 'Segoe UI', Roboto, 'PingFang SC', 'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif";
const COLORS = { influence: '#1e3a5f', headcount: '#2f855a', net: '#d69e2e', grid: '#edf0f4', axis: '#4a5568' };

interface Overlay {
  over: HTMLElement;
  /** Each marker's left edge in CSS pixels inside the plot area. */
  lefts: number[];
}

/** The readings' span, at least a day wide, centred on a lone reading. */
function xRange(xs: readonly number[]): [number, number] {
  const lo = xs[0] ?? 0;
  const hi = xs.at(-1) ?? lo;
  return hi - lo < 86_400 ? [(lo + hi) / 2 - 43_200, (lo + hi) / 2 + 43_200] : [lo, hi];
}

/** Several thresholds changed by one write share an x; stack their marks instead of overdrawing. */
function stackIndex(markers: readonly ThresholdMarker[]): number[] {
  return markers.map((marker, index) => markers.slice(0, index).filter((other) => other.x === marker.x).length);
}

/** Coverage over time, drawn by uPlot on a canvas; threshold marks are HTML over the plot so they can be hovered and read. */
export function CoverageChart({ series }: { series: CoverageSeries }) {
  const { t } = useTranslation();
  const format = useFormat();
  const hostRef = useRef<HTMLDivElement>(null);
  const [overlay, setOverlay] = useState<Overlay | null>(null);
  const locale = useLocale();
  const stacks = useMemo(() => stackIndex(series.markers), [series.markers]);

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const dayMonth = new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric' });
    const monthYear = new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric' });
    const time = new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit' });
    const full = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });
    const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
    const signed = new Intl.NumberFormat(locale, { maximumFractionDigits: 2, minimumFractionDigits: 2, signDisplay: 'exceptZero' });
    const tickDate = (incr: number) => (value: number) => {
      const date = new Date(value * 1000);
      if (incr < 86_400) return time.format(date);
      if (incr < 28 * 86_400) return dayMonth.format(date);
      return monthYear.format(date);
    };
    // With the cursor off the chart the legend shows the latest reading instead of dashes.
    const last = series.readings - 1;
    const legendValue = (values: number[], format: (v: number) => string) => (_u: uPlot, v: number | null, _s: number, idx: number | null) => {
      const shown = idx === null ? values[last] : v;
      return shown === null || shown === undefined ? '—' : format(shown);
    };
    const lineSeries = (label: string, values: number[], stroke: string, scale: string, value: (v: number) => string, dash?: number[]): uPlot.Series => ({
      label,
      stroke,
      scale,
      width: 2,
      dash,
      paths: uPlot.paths.stepped!({ align: 1 }),
      points: { show: true, size: 6, fill: '#fff', filter: () => Array.from({ length: series.readings }, (_, i) => i) },
      value: legendValue(values, value),
    });
    const options: uPlot.Options = {
      width: Math.max(host.clientWidth, 280),
      height: HEIGHT,
      // Times in seconds, formatted by Intl in the user's language rather than uPlot's English month names.
      scales: {
        // From the data, not uPlot's guess: a lone reading would otherwise get a range of years.
        x: { time: true, auto: false, range: () => xRange(series.xs) },
        coverage: { range: [0, 1] },
        net: { range: [-1, 1] },
      },
      axes: [
        { font: FONT, stroke: COLORS.axis, grid: { stroke: COLORS.grid }, ticks: { stroke: COLORS.grid }, space: 70, values: (_u, splits, _axis, _space, incr) => splits.map(tickDate(incr)) },
        { scale: 'coverage', font: FONT, labelFont: FONT, stroke: COLORS.axis, label: t('history.axisCoverage'), grid: { stroke: COLORS.grid }, ticks: { stroke: COLORS.grid }, values: (_u, splits) => splits.map((v) => percent.format(v)), incrs: [0.25], size: 52 },
        { scale: 'net', side: 1, font: FONT, labelFont: FONT, stroke: COLORS.net, label: t('history.axisNet'), grid: { show: false }, ticks: { stroke: COLORS.grid }, values: (_u, splits) => splits.map((v) => signed.format(v)), incrs: [0.5], size: 52 },
      ],
      series: [
        { label: t('history.legendTime'), value: legendValue(series.xs, (v) => full.format(new Date(v * 1000))) },
        lineSeries(t('history.series.influence'), series.influence, COLORS.influence, 'coverage', (v) => percent.format(v)),
        lineSeries(t('history.series.headcount'), series.headcount, COLORS.headcount, 'coverage', (v) => percent.format(v)),
        lineSeries(t('history.series.net'), series.net, COLORS.net, 'net', (v) => signed.format(v), [6, 4]),
      ],
      cursor: { drag: { x: false, y: false }, points: { size: 8 } },
      legend: { live: true },
      hooks: {
        // After every draw (first paint, resize), place the threshold marks where the x axis now puts them.
        draw: [(u) => setOverlay({ over: u.over, lefts: series.markers.map((marker) => u.valToPos(marker.x, 'x')) })],
      },
    };
    const plot = new uPlot(options, [series.xs, series.influence, series.headcount, series.net], host);
    const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(host.clientWidth, 280), height: HEIGHT }));
    resize.observe(host);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [series, locale, t]);

  return (
    <div className="history-chart" ref={hostRef} data-testid="history-chart">
      {overlay &&
        overlay.over.isConnected &&
        createPortal(
          series.markers.map((marker, index) => {
            const label = `${t(`threshold.${marker.threshold}`)} — ${t(marker.passed ? 'history.crossed' : 'history.lost')}, ${format.date(marker.at)}`;
            return [
              stacks[index] === 0 && <span key={`rule-${marker.x}`} className="history-rule" style={{ left: overlay.lefts[index] ?? 0 }} aria-hidden="true" />,
              <span
                key={`${marker.x}-${marker.threshold}`}
                className={`history-mark ${marker.passed ? 'crossed' : 'lost'}`}
                style={{ left: overlay.lefts[index] ?? 0, bottom: 4 + (stacks[index] ?? 0) * 16 }}
                title={label}
                aria-label={label}
                role="img"
              >
                {marker.passed ? '▲' : '▼'}
              </span>,
            ];
          }),
          overlay.over,
        )}
    </div>
  );
}
