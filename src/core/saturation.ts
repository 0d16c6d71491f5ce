// Code saturation per cell (group × phase by default), after Guest, Namey &
// Chen (2020, PLoS ONE 15(5): e0232076): notes in date order, the new codes
// each note adds, and whether a run of notes after the base adds at most the
// new-information threshold, as a share of the codes the base found.
// This is *code* saturation (no new codes), not *meaning* saturation
// (Hennink, Kaiser & Marconi 2017): it says nothing about whether the codes
// are understood in depth.
import type { Corpus, Note } from '../types.js';
import { cellKey, cellsFor, selectCorpus, type Cell, type Filters } from './select.js';
import { noteValue } from './variables.js';

export type SaturationOrder = 'date' | 'id';

export interface SaturationOptions {
  /** Notes whose codes are the reference (Guest et al.: the base size). */
  base: number;
  /** Notes after the base in which new codes are looked for (the run length). */
  run: number;
  /** The largest share of new codes (new in the run / codes in the base) that still counts as saturated, 0..1. */
  threshold: number;
  order: SaturationOrder;
}

/** The paper's example statement: base 4, run 2, ≤5% new information. */
export const SATURATION_DEFAULTS: SaturationOptions = { base: 4, run: 2, threshold: 0.05, order: 'date' };

export interface SaturationStep {
  /** 1-based position of the note in the cell's order. */
  position: number;
  note: string;
  id: string;
  date: string;
  /** Codes the note has, sorted. */
  codes: string[];
  /** Codes no earlier note of the cell had, sorted. */
  newCodes: string[];
  /** Distinct codes after this note. */
  cumulative: number;
}

export interface SaturationRun {
  /** Positions (1-based) of the first and last note of the run. */
  from: number;
  to: number;
  newCodes: number;
  /** newCodes / codes in the base. */
  share: number;
}

export interface SaturationCell {
  cell: Cell;
  steps: SaturationStep[];
  /** Distinct codes in the first `base` notes. */
  baseCodes: number;
  runs: SaturationRun[];
  /**
   * Notes needed: the position of the last note before the first run at or
   * under the threshold (that run confirms it); null when no run is.
   */
  saturatedAt: number | null;
  /** The run that showed saturation. */
  confirmedBy: SaturationRun | null;
  /** Why no statement could be made, when it cannot. */
  reason?: 'too-few-notes' | 'no-codes-in-base';
}

export interface Saturation {
  by: string[];
  options: SaturationOptions;
  cells: SaturationCell[];
}

/** The note's id: front matter `id`, else its path. */
export function noteId(note: Note): string {
  const id = noteValue(note, 'id');
  return id === '(none)' ? note.path : id;
}

/** The note's date as written (`YYYY-MM-DD`), or undefined. */
export function noteDate(note: Note): string | undefined {
  const date = noteValue(note, 'date');
  return date === '(none)' ? undefined : date;
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Notes in saturation order: by date, then id (or by id only). */
export function orderNotes(notes: Note[], order: SaturationOrder): Note[] {
  return [...notes].sort((a, b) => (order === 'date' ? byText(noteDate(a) ?? '', noteDate(b) ?? '') : 0) || byText(noteId(a), noteId(b)) || byText(a.path, b.path));
}

export function saturation(corpus: Corpus, by: string[], filters: Filters, options: SaturationOptions): Saturation {
  const { notes, codings } = selectCorpus(corpus, filters);
  const wanted = filters.codes.length > 0 ? new Set(filters.codes) : undefined;
  const codesOf = new Map<string, Set<string>>();
  for (const coding of codings) {
    if (wanted && !wanted.has(coding.code)) continue;
    const set = codesOf.get(coding.note) ?? new Set<string>();
    set.add(coding.code);
    codesOf.set(coding.note, set);
  }
  const cells = cellsFor(by, corpus, notes, codings).filter((cell) => by.every((name) => !filters.where[name] || filters.where[name].includes(cell[name])));
  const result: SaturationCell[] = [];
  for (const cell of cells) {
    const key = cellKey(cell, by);
    const mine = orderNotes(notes.filter((note) => cellKey(Object.fromEntries(by.map((name) => [name, noteValue(note, name)])), by) === key), options.order);
    result.push(cellSaturation(cell, mine.map((note) => ({ note: note.path, id: noteId(note), date: noteDate(note) ?? '', codes: [...(codesOf.get(note.path) ?? [])].sort(byText) })), options));
  }
  return { by, options, cells: result };
}

/** The statement for one cell from its notes' codes, in order. */
export function cellSaturation(cell: Cell, notes: { note: string; id: string; date: string; codes: string[] }[], options: SaturationOptions): SaturationCell {
  const seen = new Set<string>();
  const steps: SaturationStep[] = notes.map((entry, i) => {
    const newCodes = entry.codes.filter((code) => !seen.has(code));
    for (const code of newCodes) seen.add(code);
    return { position: i + 1, ...entry, newCodes, cumulative: seen.size };
  });
  const baseCodes = steps.length >= options.base && options.base > 0 ? steps[options.base - 1].cumulative : 0;
  const runs: SaturationRun[] = [];
  let confirmedBy: SaturationRun | null = null;
  // Runs roll forward one note at a time; the denominator stays the base's codes.
  for (let from = options.base + 1; from + options.run - 1 <= steps.length && baseCodes > 0; from++) {
    const to = from + options.run - 1;
    const newCodes = steps.slice(from - 1, to).reduce((sum, step) => sum + step.newCodes.length, 0);
    const run: SaturationRun = { from, to, newCodes, share: newCodes / baseCodes };
    runs.push(run);
    if (run.share <= options.threshold + 1e-12) {
      confirmedBy = run;
      break;
    }
  }
  const entry: SaturationCell = { cell, steps, baseCodes, runs, saturatedAt: confirmedBy ? confirmedBy.from - 1 : null, confirmedBy };
  if (steps.length < options.base + options.run) entry.reason = 'too-few-notes';
  else if (baseCodes === 0) entry.reason = 'no-codes-in-base';
  return entry;
}

/** Notes the date order cannot place: those without a `date`. */
export function undatedNotes(corpus: Corpus, filters: Filters): Note[] {
  return selectCorpus(corpus, filters).notes.filter((note) => noteDate(note) === undefined);
}
