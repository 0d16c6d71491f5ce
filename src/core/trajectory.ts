// The trajectory of each case across phases (the "trajectory" mode of
// longitudinal qualitative research, Grossoehme & Lipstein 2016): per case and
// code, the share in each phase, the change since the previous phase, and the
// quotes that show it. Shares and change come from core/phase-change.ts, the
// quotes from the framework matrix, so all three reports agree.
import type { Corpus } from '../types.js';
import { frameworkMatrix, type MatrixPassage } from './matrix.js';
import { phaseChange, type ChangeStatus } from './phase-change.js';
import type { Filters } from './select.js';

export interface TrajectoryPoint {
  phase: string;
  segments: number;
  share: number;
  /** All segments of the case in this phase: the denominator of `share`. */
  cellSegments: number;
  /** Change in share since the previous phase, in percentage points (null without data to compare). */
  changePoints: number | null;
  status: ChangeStatus;
  quotes: MatrixPassage[];
}

export interface TrajectoryCode {
  code: string;
  label: string;
  points: TrajectoryPoint[];
}

export interface TrajectoryCase {
  value: string;
  /** Codes coded at least once for this case, in column order. */
  codes: TrajectoryCode[];
}

export interface Trajectory {
  rows: string;
  phase: string;
  phases: string[];
  cases: TrajectoryCase[];
}

export function trajectory(corpus: Corpus, filters: Filters, options: { rows: string; codes: string[]; phase: string; quotes: number }): Trajectory {
  const change = phaseChange(corpus, options.phase, [options.rows], { ...filters, codes: options.codes });
  const matrix = frameworkMatrix(corpus, filters, { rows: options.rows, codes: options.codes, per: options.phase, quotes: options.quotes });
  const quotes = new Map<string, MatrixPassage[]>();
  for (const table of matrix.tables) for (const row of table.rows) for (const cell of row.cells) quotes.set(JSON.stringify([row.value, cell.code, table.phase]), cell.quotes);
  const cases: TrajectoryCase[] = change.groups.map((group) => {
    const value = group[options.rows];
    const codes = change.series
      .filter((series) => series.group[options.rows] === value && options.codes.includes(series.code) && series.points.some((p) => p.segments > 0))
      .sort((a, b) => options.codes.indexOf(a.code) - options.codes.indexOf(b.code))
      .map((series) => ({
        code: series.code,
        label: series.label,
        points: series.points.map((p) => ({ phase: p.phase, segments: p.segments, share: p.share, cellSegments: p.cellSegments, changePoints: p.changePoints, status: p.status, quotes: quotes.get(JSON.stringify([value, series.code, p.phase])) ?? [] })),
      }));
    return { value, codes };
  });
  return { rows: options.rows, phase: options.phase, phases: change.phases, cases };
}
