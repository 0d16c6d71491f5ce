// Filters shared by every analysis: `--where`, `--code`, `--coder`, and the
// cells a `--by` breakdown produces.
import type { Codebook, Coding, Corpus, Note, Segment } from '../types.js';
import { descendantsAndSelf } from '../codebook/read.js';
import { CODER, noteValue, variableValues } from './variables.js';

export interface Filters {
  /** Variable → accepted values; several values of one variable are alternatives. */
  where: Record<string, string[]>;
  codes: string[];
  coder?: string;
}

export type Cell = Record<string, string>;

export function noteMatches(note: Note, where: Record<string, string[]>): boolean {
  return Object.entries(where).every(([name, values]) => name === CODER || values.includes(noteValue(note, name)));
}

export function codingMatches(coding: Coding, filters: Filters): boolean {
  if (filters.coder !== undefined && coding.coder !== filters.coder) return false;
  const coders = filters.where[CODER];
  return !coders || coders.includes(coding.coder);
}

/** Notes and codings that pass the filters. */
export function selectCorpus(corpus: Corpus, filters: Filters): { notes: Note[]; codings: Coding[] } {
  const notes = corpus.notes.filter((note) => noteMatches(note, filters.where));
  const paths = new Set(notes.map((note) => note.path));
  const codings = corpus.codings.filter((coding) => paths.has(coding.note) && codingMatches(coding, filters));
  return { notes, codings };
}

/** Every combination of the `by` variables' values, in declared order. */
export function cellsFor(by: string[], corpus: Corpus, notes: Note[], codings: Coding[]): Cell[] {
  let cells: Cell[] = [{}];
  for (const name of by) {
    const spec = corpus.variables.find((variable) => variable.name === name);
    const values = variableValues(spec, name, notes, codings);
    cells = cells.flatMap((cell) => values.map((value) => ({ ...cell, [name]: value })));
  }
  return cells;
}

export function cellKey(cell: Cell, by: string[]): string {
  return JSON.stringify(by.map((name) => cell[name]));
}

/** The cell of a coding (its note's values, plus its coder when `coder` is a `by` variable). */
export function codingCell(coding: Coding, note: Note, by: string[]): string {
  return JSON.stringify(by.map((name) => (name === CODER ? coding.coder : noteValue(note, name))));
}

/** The codes an analysis covers: the requested ones, or every code in the codebook. */
export function selectedCodes(codebook: Codebook, codes: string[]): string[] {
  return codes.length > 0 ? codes.filter((id) => codebook.byId.has(id)) : codebook.codes.map((code) => code.id);
}

/** A code's own id and its descendants' ids: a parent counts what its children count. */
export function codeFamily(codebook: Codebook, id: string): Set<string> {
  return new Set(descendantsAndSelf(codebook, id));
}

export function segmentIndex(notes: Note[]): Map<string, Segment> {
  const index = new Map<string, Segment>();
  for (const note of notes) for (const segment of note.segments) index.set(segment.id, segment);
  return index;
}
