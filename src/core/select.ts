// Filters shared by every analysis: `--where`, `--code`, `--coder`, and the
// cells a `--by` breakdown produces.
import type { Codebook, Coding, Corpus, Note, Segment } from '../types.js';
import { descendantsAndSelf } from '../codebook/read.js';
import { CODER, noteValue, variableValues } from './variables.js';
import { caseIndex, caseValues, codingSegment, segmentValue, type CaseIndex } from './cases.js';

export interface Filters {
  /** Variable → accepted values; several values of one variable are alternatives. */
  where: Record<string, string[]>;
  codes: string[];
  coder?: string;
}

export type Cell = Record<string, string>;

/** The `by` names that split notes into turns (`speaker`, participant attributes), with the index to read them. */
export interface CaseBy {
  names: Set<string>;
  index: CaseIndex;
}

/** Which of `by` are case dimensions: neither a note variable nor `coder` (callers have checked the names). */
export function caseBy(corpus: Pick<Corpus, 'notes' | 'variables'>, by: string[]): CaseBy | undefined {
  const names = new Set(by.filter((name) => name !== CODER && !corpus.variables.some((v) => v.name === name)));
  return names.size > 0 ? { names, index: caseIndex(corpus) } : undefined;
}

/** The cell of a segment's text: its note's values, or its speaker's for case dimensions. */
export function segmentCell(segment: Segment, note: Note, by: string[], cases: CaseBy | undefined): string {
  return JSON.stringify(by.map((name) => (cases?.names.has(name) ? segmentValue(cases.index, segment, name) : noteValue(note, name))));
}

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
  const cases = caseBy(corpus, by);
  for (const name of by) {
    const spec = corpus.variables.find((variable) => variable.name === name);
    const values = cases?.names.has(name) ? caseValues(cases.index, notes, name) : variableValues(spec, name, notes, codings);
    cells = cells.flatMap((cell) => values.map((value) => ({ ...cell, [name]: value })));
  }
  return cells;
}

export function cellKey(cell: Cell, by: string[]): string {
  return JSON.stringify(by.map((name) => cell[name]));
}

/** The cell of a coding (its note's values, plus its coder when `coder` is a `by` variable, and its speaker's for case dimensions). */
export function codingCell(coding: Coding, note: Note, by: string[], cases?: CaseBy): string {
  return JSON.stringify(
    by.map((name) => (name === CODER ? coding.coder : cases?.names.has(name) ? segmentValue(cases.index, codingSegment(cases.index, coding), name) : noteValue(note, name))),
  );
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
