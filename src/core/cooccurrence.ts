// Co-occurrence: how often two codes are applied to the same unit (segment,
// or whole document with `unit: document`). A code counts its descendants'
// codings, as in `aggregate`. The Jaccard index normalises a count by the
// units that carry either code: |A ∩ B| / |A ∪ B|.
import type { Codebook, Corpus } from '../types.js';
import { descendantsAndSelf } from '../codebook/read.js';
import { noteValue } from './variables.js';
import { cellKey, cellsFor, codeFamily, codingCell, selectCorpus, type Cell, type Filters } from './select.js';

export type CooccurrenceUnit = 'segment' | 'document';
export type CooccurrenceMeasure = 'count' | 'jaccard';
export const COOCCURRENCE_UNITS: CooccurrenceUnit[] = ['segment', 'document'];
export const COOCCURRENCE_MEASURES: CooccurrenceMeasure[] = ['count', 'jaccard'];

export interface CooccurrenceCode {
  id: string;
  label: string;
  color?: string;
}

export interface CooccurrenceMatrix {
  cell: Cell;
  /** Units in the cell (all segments, or all notes), coded or not. */
  units: number;
  /** `counts[i][i]`: units with code i; `counts[i][j]`: units with both. `null` when one code contains the other. */
  counts: (number | null)[][];
  jaccard: (number | null)[][];
}

export interface CooccurrencePair {
  a: string;
  b: string;
  count: number;
  jaccard: number;
}

export interface Cooccurrence {
  unit: CooccurrenceUnit;
  by: string[];
  codes: CooccurrenceCode[];
  matrices: CooccurrenceMatrix[];
}

/**
 * The codes of a matrix: the requested ones, or else every leaf code of the
 * codebook (codes without children), in codebook order.
 */
export function matrixCodes(codebook: Codebook, requested: string[]): string[] {
  if (requested.length > 0) return requested.filter((id) => codebook.byId.has(id));
  return codebook.codes.filter((code) => code.children.length === 0).map((code) => code.id);
}

export function cooccurrence(corpus: Corpus, by: string[], filters: Filters, unit: CooccurrenceUnit = 'segment'): Cooccurrence {
  const { notes, codings } = selectCorpus(corpus, filters);
  const cells = cellsFor(by, corpus, notes, codings);
  const noteByPath = new Map(notes.map((note) => [note.path, note]));
  const ids = matrixCodes(corpus.codebook, filters.codes);
  const families = ids.map((id) => codeFamily(corpus.codebook, id));
  // Which code contains which: such pairs co-occur by definition and are not counted.
  const related = ids.map((a) => ids.map((b) => a !== b && (descendantsAndSelf(corpus.codebook, a).includes(b) || descendantsAndSelf(corpus.codebook, b).includes(a))));

  // Per cell: unit → set of code indexes.
  const perCell = new Map<string, Map<string, Set<number>>>();
  for (const coding of codings) {
    const note = noteByPath.get(coding.note)!;
    const key = codingCell(coding, note, by);
    let units = perCell.get(key);
    if (!units) perCell.set(key, (units = new Map()));
    const unitKeys = unit === 'document' ? [coding.note] : coding.segments;
    families.forEach((family, index) => {
      if (!family.has(coding.code)) return;
      for (const unitKey of unitKeys) {
        let set = units!.get(unitKey);
        if (!set) units!.set(unitKey, (set = new Set()));
        set.add(index);
      }
    });
  }

  const textBy = by.filter((name) => name !== 'coder');
  const matrices: CooccurrenceMatrix[] = cells.map((cell) => {
    const units = perCell.get(cellKey(cell, by)) ?? new Map<string, Set<number>>();
    const n = ids.length;
    const counts: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
    for (const set of units.values()) {
      const members = [...set].sort((x, y) => x - y);
      for (const i of members) for (const j of members) counts[i][j]++;
    }
    const shownCounts = counts.map((row, i) => row.map((value, j) => (related[i][j] ? null : value)));
    const jaccard = counts.map((row, i) =>
      row.map((both, j) => {
        if (related[i][j]) return null;
        const union = counts[i][i] + counts[j][j] - both;
        return union === 0 ? 0 : both / union;
      }),
    );
    const cellNotes = notes.filter((note) => textBy.every((name) => noteValue(note, name) === cell[name]));
    const total = unit === 'document' ? cellNotes.length : cellNotes.reduce((sum, note) => sum + note.segments.length, 0);
    return { cell, units: total, counts: shownCounts, jaccard };
  });

  const codes = ids.map((id) => {
    const code = corpus.codebook.byId.get(id)!;
    const entry: CooccurrenceCode = { id, label: code.label };
    if (code.color) entry.color = code.color;
    return entry;
  });
  return { unit, by, codes, matrices };
}

/** The pairs of a matrix that co-occur at least once, most frequent first (then by Jaccard, then codebook order). */
export function topPairs(result: Cooccurrence, matrix: CooccurrenceMatrix, limit = Infinity): CooccurrencePair[] {
  const pairs: (CooccurrencePair & { i: number; j: number })[] = [];
  const n = result.codes.length;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const count = matrix.counts[i][j];
      if (count === null || count === 0) continue;
      pairs.push({ a: result.codes[i].id, b: result.codes[j].id, count, jaccard: matrix.jaccard[i][j] ?? 0, i, j });
    }
  }
  pairs.sort((x, y) => y.count - x.count || y.jaccard - x.jaccard || x.i - y.i || x.j - y.j);
  return pairs.slice(0, limit).map(({ a, b, count, jaccard }) => ({ a, b, count, jaccard }));
}
