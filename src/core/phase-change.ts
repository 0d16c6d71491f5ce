// Change between phases: for an ordered variable (the phase), each code's
// count and share per group in each phase, and the change from the previous
// phase in coded segments and in percentage points of share.
import type { Corpus, VariableSpec } from '../types.js';
import { aggregate, type FrequencyRow } from './aggregate.js';
import type { Cell, Filters } from './select.js';

/**
 * - `first`: the first phase with notes in the group (nothing to compare with)
 * - `new`: coded now, never in an earlier phase of the group
 * - `back`: coded now, not in the previous phase, but in an earlier one
 * - `gone`: coded in the previous phase, not now
 * - `up` / `down` / `same`: coded in both, share rose, fell or stayed
 * - `absent`: coded in neither
 * - `no-data`: no notes in this phase, or none in the previous one
 */
export type ChangeStatus = 'first' | 'new' | 'back' | 'gone' | 'up' | 'down' | 'same' | 'absent' | 'no-data';

/**
 * Saldaña's (2003) descriptive questions of change, as a category per code and
 * group over the phases with notes (see `categorise`).
 */
export type SaldanaCategory = 'emerges' | 'increases' | 'decreases' | 'ceases' | 'constant' | 'idiosyncratic';
export const SALDANA_CATEGORIES: readonly SaldanaCategory[] = ['emerges', 'increases', 'decreases', 'ceases', 'constant', 'idiosyncratic'];

/** The thresholds the categories are drawn with; flags `--constant` / `--present`, declared `constant` / `present`. */
export interface ChangeThresholds {
  /** A change in share smaller than this many percentage points counts as no change. */
  constant: number;
  /** A code is present in a phase with at least this many coded segments. */
  present: number;
}

export const CHANGE_DEFAULTS: ChangeThresholds = { constant: 5, present: 1 };

export interface PhasePoint {
  phase: string;
  segments: number;
  codings: number;
  documents: number;
  share: number;
  cellSegments: number;
  /** Change in coded segments since the previous phase (null without data to compare). */
  change: number | null;
  /** Change in share, in percentage points (null without data to compare). */
  changePoints: number | null;
  status: ChangeStatus;
  /** Saldaña's category of the series from its first phase with notes up to this one (null before a second phase with notes, or when never present). */
  through: SaldanaCategory | null;
}

export interface PhaseSeries {
  code: string;
  label: string;
  depth: number;
  color?: string;
  /** The group (values of the non-phase `by` variables). */
  group: Cell;
  points: PhasePoint[];
  /** Saldaña's category over every phase with notes. */
  category: SaldanaCategory | null;
}

export interface PhaseChange {
  phase: string;
  phases: string[];
  by: string[];
  groups: Cell[];
  series: PhaseSeries[];
  thresholds: ChangeThresholds;
}

/**
 * The category of a code's shares over the phases with notes, in order:
 * - fewer than two phases, or never present: none;
 * - absent at first and present from some phase on to the last: `emerges`;
 * - present at first and absent from some phase on to the last: `ceases`;
 * - present in every phase: `increases` when the share rose by at least
 *   `constant` points overall and no step fell by that much, `decreases`
 *   mirrored, `constant` when no step and not the whole changed by that much;
 * - anything else (a gap, a return, up and down): `idiosyncratic`.
 */
export function categorise(points: { segments: number; share: number }[], thresholds: ChangeThresholds): SaldanaCategory | null {
  if (points.length < 2) return null;
  const present = points.map((p) => p.segments >= thresholds.present);
  if (!present.some(Boolean)) return null;
  const firstOn = present.indexOf(true);
  const lastOn = present.lastIndexOf(true);
  const onFrom = (i: number): boolean => present.every((on, k) => on === k >= i);
  if (!present[0] && lastOn === present.length - 1 && onFrom(firstOn)) return 'emerges';
  if (present[0] && !present[present.length - 1] && present.every((on, k) => on === k <= lastOn)) return 'ceases';
  if (present.every(Boolean)) {
    const limit = thresholds.constant - 1e-9;
    const steps = points.slice(1).map((p, i) => (p.share - points[i].share) * 100);
    const net = (points[points.length - 1].share - points[0].share) * 100;
    const up = steps.some((d) => d >= limit);
    const down = steps.some((d) => d <= -limit);
    if (!down && net >= limit) return 'increases';
    if (!up && net <= -limit) return 'decreases';
    if (!up && !down && Math.abs(net) < limit) return 'constant';
  }
  return 'idiosyncratic';
}

/** The phase variable: the one named, else the first `ordered` variable, else `phase`. */
export function phaseVariable(variables: VariableSpec[], requested?: string): string | undefined {
  if (requested) return variables.some((v) => v.name === requested) ? requested : undefined;
  return variables.find((v) => v.ordered)?.name ?? variables.find((v) => v.name === 'phase')?.name;
}

export function phaseChange(corpus: Corpus, phase: string, by: string[], filters: Filters, thresholds: ChangeThresholds = CHANGE_DEFAULTS): PhaseChange {
  const groupsBy = by.filter((name) => name !== phase);
  const frequencies = aggregate(corpus, [...groupsBy, phase], filters);
  const phases: string[] = [];
  const wanted = filters.where[phase];
  for (const cell of frequencies.cells) if (!phases.includes(cell[phase]) && (!wanted || wanted.includes(cell[phase]))) phases.push(cell[phase]);
  const groups: Cell[] = [];
  const groupKey = (cell: Cell): string => JSON.stringify(groupsBy.map((name) => cell[name]));
  const seenGroups = new Set<string>();
  for (const cell of frequencies.cells) {
    const key = groupKey(cell);
    if (seenGroups.has(key)) continue;
    // Declared values get a row even at zero, but not the ones `where` leaves out.
    if (groupsBy.some((name) => filters.where[name] && !filters.where[name].includes(cell[name]))) continue;
    seenGroups.add(key);
    groups.push(Object.fromEntries(groupsBy.map((name) => [name, cell[name]])));
  }

  const rowsByCode = new Map<string, FrequencyRow[]>();
  for (const row of frequencies.rows) {
    const list = rowsByCode.get(row.code) ?? [];
    list.push(row);
    rowsByCode.set(row.code, list);
  }

  const series: PhaseSeries[] = [];
  for (const [code, rows] of rowsByCode) {
    const info = corpus.codebook.byId.get(code)!;
    for (const group of groups) {
      const key = groupKey(group);
      const mine = rows.filter((row) => groupKey(row.cell) === key);
      const points: PhasePoint[] = [];
      let previous: FrequencyRow | undefined;
      let seenBefore = false;
      let hadData = false;
      const withData: FrequencyRow[] = [];
      for (const value of phases) {
        const row = mine.find((r) => r.cell[phase] === value)!;
        const hasData = row.cellSegments > 0;
        let status: ChangeStatus;
        let change: number | null = null;
        let changePoints: number | null = null;
        if (!hasData) status = 'no-data';
        else if (!hadData) status = 'first';
        else if (!previous || previous.cellSegments === 0) status = 'no-data';
        else {
          change = row.segments - previous.segments;
          changePoints = (row.share - previous.share) * 100;
          if (row.segments > 0 && previous.segments === 0) status = seenBefore ? 'back' : 'new';
          else if (row.segments === 0 && previous.segments > 0) status = 'gone';
          else if (row.segments === 0) status = 'absent';
          else status = changePoints > 1e-9 ? 'up' : changePoints < -1e-9 ? 'down' : 'same';
        }
        withData.push(...(hasData ? [row] : []));
        points.push({ phase: value, segments: row.segments, codings: row.codings, documents: row.documents, share: row.share, cellSegments: row.cellSegments, change, changePoints, status, through: hasData ? categorise(withData, thresholds) : null });
        if (row.segments > 0) seenBefore = true;
        if (hasData) hadData = true;
        previous = row;
      }
      const entry: PhaseSeries = { code, label: info.label, depth: info.depth, group, points, category: categorise(withData, thresholds) };
      if (info.color) entry.color = info.color;
      series.push(entry);
    }
  }
  return { phase, phases, by: groupsBy, groups, series, thresholds };
}

/** Readers see these markers next to a change. */
export const STATUS_MARK: Record<ChangeStatus, string> = {
  first: '',
  new: 'new',
  back: 'back',
  gone: 'gone',
  up: '',
  down: '',
  same: '',
  absent: '',
  'no-data': 'no data',
};
