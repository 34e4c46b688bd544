import type { Stance } from '../../../../shared/domain';

/** Stance colours, ally (deep green) → opponent (red); unknown is grey. One place for map, legend and panels. */
export const STANCE_COLOR: Record<Stance, string> = {
  ally: '#276749',
  supporter: '#68b984',
  neutral: '#8a9bb3',
  skeptic: '#dd8a3e',
  opponent: '#c53030',
  unknown: '#cbd5e0',
};
