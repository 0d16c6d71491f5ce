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
}

export interface PhaseSeries {
  code: string;
  label: string;
  depth: number;
  color?: string;
  /** The group (values of the non-phase `by` variables). */
  group: Cell;
  points: PhasePoint[];
}

export interface PhaseChange {
  phase: string;
  phases: string[];
  by: string[];
  groups: Cell[];
  series: PhaseSeries[];
}

/** The phase variable: the one named, else the first `ordered` variable, else `phase`. */
export function phaseVariable(variables: VariableSpec[], requested?: string): string | undefined {
  if (requested) return variables.some((v) => v.name === requested) ? requested : undefined;
  return variables.find((v) => v.ordered)?.name ?? variables.find((v) => v.name === 'phase')?.name;
}

export function phaseChange(corpus: Corpus, phase: string, by: string[], filters: Filters): PhaseChange {
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
        points.push({ phase: value, segments: row.segments, codings: row.codings, documents: row.documents, share: row.share, cellSegments: row.cellSegments, change, changePoints, status });
        if (row.segments > 0) seenBefore = true;
        if (hasData) hadData = true;
        previous = row;
      }
      const entry: PhaseSeries = { code, label: info.label, depth: info.depth, group, points };
      if (info.color) entry.color = info.color;
      series.push(entry);
    }
  }
  return { phase, phases, by: groupsBy, groups, series };
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
