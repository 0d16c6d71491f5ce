// Code frequencies per cell of the `--by` variables. A parent counts its
// descendants' codings, each segment once. Suggestions are never counted:
// they are not in `corpus.codings`.
import type { Corpus } from '../types.js';
import { speakerId } from './speakers.js';
import { CODER, noteValue } from './variables.js';
import { caseBy, cellKey, cellsFor, codeFamily, codingCell, segmentCell, selectCorpus, selectedCodes, segmentIndex, type Cell, type Filters } from './select.js';

export interface FrequencyRow {
  code: string;
  label: string;
  depth: number;
  cell: Cell;
  /** Distinct segments coded with the code or a descendant. */
  segments: number;
  documents: number;
  speakers: number;
  /** References: every coding counts, also several on one segment. */
  codings: number;
  /** Coded segments divided by all segments in the cell (0 when the cell is empty). */
  share: number;
  /** All segments in the cell: the denominator of `share`. */
  cellSegments: number;
}

export interface Frequencies {
  by: string[];
  cells: Cell[];
  rows: FrequencyRow[];
  totals: { notes: number; segments: number; codings: number };
}

interface Bucket {
  segments: Set<string>;
  documents: Set<string>;
  speakers: Set<string>;
  codings: number;
}

export function aggregate(corpus: Corpus, by: string[], filters: Filters): Frequencies {
  const { notes, codings } = selectCorpus(corpus, filters);
  const cells = cellsFor(by, corpus, notes, codings);
  const noteByPath = new Map(notes.map((note) => [note.path, note]));
  const segments = segmentIndex(notes);

  // Segments per cell; `coder` does not split the text, only the codings.
  const textBy = by.filter((name) => name !== CODER);
  const segmentsPerTextCell = new Map<string, number>();
  const cases = caseBy(corpus, by);
  for (const note of notes) {
    if (cases) {
      // Speakers split a note: each turn counts in its speaker's cell.
      for (const segment of note.segments) {
        const key = segmentCell(segment, note, textBy, cases);
        segmentsPerTextCell.set(key, (segmentsPerTextCell.get(key) ?? 0) + 1);
      }
      continue;
    }
    const key = JSON.stringify(textBy.map((name) => noteValue(note, name)));
    segmentsPerTextCell.set(key, (segmentsPerTextCell.get(key) ?? 0) + note.segments.length);
  }

  // One pass over the codings: each is placed in its cell once and counted for
  // its code and every ancestor of it that is reported (a parent counts its
  // descendants' codings), instead of one pass over all codings per code.
  const reported = selectedCodes(corpus.codebook, filters.codes);
  const countedAs = new Map<string, string[]>();
  // A code asked for twice is still counted once per coding.
  for (const id of new Set(reported)) for (const member of codeFamily(corpus.codebook, id)) (countedAs.get(member) ?? countedAs.set(member, []).get(member)!).push(id);
  const buckets = new Map<string, Map<string, Bucket>>(reported.map((id) => [id, new Map()]));
  for (const coding of codings) {
    const targets = countedAs.get(coding.code);
    if (!targets) continue;
    const key = codingCell(coding, noteByPath.get(coding.note)!, by, cases);
    const speakers: string[] = [];
    for (const segmentId of coding.segments) {
      const segment = segments.get(segmentId);
      if (segment?.speaker) speakers.push(segment.speakerId ?? speakerId(segment.note, segment.speaker, []));
    }
    for (const id of targets) {
      const perCell = buckets.get(id)!;
      let bucket = perCell.get(key);
      if (!bucket) perCell.set(key, (bucket = { segments: new Set(), documents: new Set(), speakers: new Set(), codings: 0 }));
      bucket.codings++;
      bucket.documents.add(coding.note);
      for (const segmentId of coding.segments) bucket.segments.add(segmentId);
      for (const speaker of speakers) bucket.speakers.add(speaker);
    }
  }

  const rows: FrequencyRow[] = [];
  for (const id of reported) {
    const code = corpus.codebook.byId.get(id)!;
    const perCell = buckets.get(id)!;
    for (const cell of cells) {
      const bucket = perCell.get(cellKey(cell, by));
      const cellSegments = segmentsPerTextCell.get(JSON.stringify(textBy.map((name) => cell[name]))) ?? 0;
      const coded = bucket?.segments.size ?? 0;
      rows.push({
        code: id,
        label: code.label,
        depth: code.depth,
        cell,
        segments: coded,
        documents: bucket?.documents.size ?? 0,
        speakers: bucket?.speakers.size ?? 0,
        codings: bucket?.codings ?? 0,
        share: cellSegments === 0 ? 0 : coded / cellSegments,
        cellSegments,
      });
    }
  }
  const segmentTotal = notes.reduce((sum, note) => sum + note.segments.length, 0);
  return { by, cells, rows, totals: { notes: notes.length, segments: segmentTotal, codings: codings.length } };
}
