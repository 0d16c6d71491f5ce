// Alignment: puts every coder's codings of "the same note" into one frame so
// the QDA units in qda-units.ts can compare them. Pure functions over the data
// model; docs/agree.md describes the rules.
//
// - Notes are matched by key (front matter `id`, else the path inside the
//   coder's folder). Keys present for some coders only are reported.
// - Segments are matched by their text with the tags removed (Segment.text),
//   whitespace collapsed, in order (longest common subsequence against the
//   first coder). A segment that is not present for every coder is reported as
//   unaligned, with the codings on it, and is left out of the comparison.
// - Codings are mapped from file offsets to "clean" offsets: positions in the
//   concatenated normalised text of the aligned segments. Every coder's clean
//   text is identical, so spans can be compared character by character.
import type { Coding, Note, Segment } from '../types.js';
import type { CodedDocument, CodedSpan } from './qda-units.js';
import { expandOffsets } from '../model/offset-map.js';

/** One coder's notes and codings, as loaded from a project, a folder or a revision. */
export interface CoderInput {
  coder: string;
  /** Where this coder's notes come from, for messages (a folder, a revision, the project). */
  source: string;
  notes: Array<{ key: string; note: Note }>;
  codings: Coding[];
}

/** A segment present for every coder. */
export interface AlignedSegment {
  /** 0-based position among the note's aligned segments. */
  index: number;
  /** The normalised text every coder shares. */
  text: string;
  /** Clean offsets of the segment, end exclusive. */
  start: number;
  end: number;
  /** Each coder's own segment, in coder order. */
  parts: Segment[];
}

/** A coding mapped into clean offsets. */
export interface AlignedSpan extends CodedSpan {
  coder: string;
  /** Aligned segment indices the span covers. */
  segments: number[];
  coding: Coding;
}

export interface AlignedNote {
  key: string;
  /** Each coder's copy of the note, in coder order. */
  notes: Note[];
  segments: AlignedSegment[];
  /** Length of the clean text. */
  length: number;
  /** Spans per coder, in coder order, sorted by start, end, code. */
  spans: AlignedSpan[][];
}

/** A segment of one coder's copy that has no counterpart for every other coder. */
export interface UnalignedSegment {
  key: string;
  coder: string;
  note: Note;
  segment: Segment;
  /** Coders whose copy lacks this segment's text at this place. */
  missingFor: string[];
  /** This coder's codings on the segment; they are not compared. */
  codings: Coding[];
}

/** A coding that touches no aligned segment (for example one on an unaligned segment or a heading). */
export interface UnplacedCoding {
  key: string;
  coder: string;
  coding: Coding;
}

/** A note key that not every coder has. */
export interface MissingNote {
  key: string;
  /** Paths of the copies that exist, by coder. */
  presentFor: Array<{ coder: string; path: string }>;
  missingFor: string[];
}

export interface Alignment {
  coders: string[];
  notes: AlignedNote[];
  missingNotes: MissingNote[];
  unalignedSegments: UnalignedSegment[];
  unplacedCodings: UnplacedCoding[];
}

/** Whitespace collapsed to single spaces and trimmed: how segment texts are compared. */
export function normaliseText(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}

/** For each index of `text`, its index in `normaliseText(text)` (−1 for dropped whitespace). */
function normalisedIndex(text: string): number[] {
  const map = new Array<number>(text.length).fill(-1);
  let out = 0;
  let pendingSpace = false;
  let started = false;
  let spaceAt = -1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (/\s/u.test(ch)) {
      if (started && !pendingSpace) {
        pendingSpace = true;
        spaceAt = i;
      }
      continue;
    }
    if (pendingSpace) {
      map[spaceAt] = out;
      out += 1;
      pendingSpace = false;
    }
    started = true;
    map[i] = out;
    out += 1;
  }
  return map;
}

/** Longest common subsequence of two string lists: pairs of matching indices, in order. */
export function lcsPairs(a: readonly string[], b: readonly string[]): Array<[number, number]> {
  const n = a.length;
  const m = b.length;
  // Identical copies (the usual case, and always so for coders of one project) need no table.
  if (n === m && a.every((text, i) => text === b[i])) return a.map((_, i) => [i, i]);
  const table: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i][j] = a[i] === b[j] ? table[i + 1][j + 1] + 1 : Math.max(table[i + 1][j], table[i][j + 1]);
    }
  }
  const pairs: Array<[number, number]> = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      pairs.push([i, j]);
      i++;
      j++;
    } else if (table[i + 1][j] >= table[i][j + 1]) i++;
    else j++;
  }
  return pairs;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Aligns two or more coders' notes and codings. Pure: the caller decides which
 * notes each coder has and how keys are formed.
 */
export function alignCoders(inputs: readonly CoderInput[]): Alignment {
  const coders = inputs.map((input) => input.coder);
  const byKey = inputs.map((input) => new Map(input.notes.map((entry) => [entry.key, entry.note])));
  const codingsByNote = inputs.map((input) => {
    const map = new Map<string, Coding[]>();
    for (const coding of input.codings) {
      if (coding.origin === 'suggestion') continue;
      (map.get(coding.note) ?? map.set(coding.note, []).get(coding.note)!).push(coding);
    }
    return map;
  });

  const keys = [...new Set(inputs.flatMap((input) => input.notes.map((entry) => entry.key)))].sort(compareStrings);
  const alignment: Alignment = { coders, notes: [], missingNotes: [], unalignedSegments: [], unplacedCodings: [] };
  for (const key of keys) {
    const copies = byKey.map((map) => map.get(key));
    if (copies.some((note) => note === undefined)) {
      alignment.missingNotes.push({
        key,
        presentFor: copies.flatMap((note, c) => (note ? [{ coder: coders[c], path: note.path }] : [])),
        missingFor: coders.filter((_, c) => copies[c] === undefined),
      });
      continue;
    }
    const notes = copies as Note[];
    alignNote(key, notes, coders, notes.map((note, c) => codingsByNote[c].get(note.path) ?? []), alignment);
  }
  return alignment;
}

function alignNote(key: string, notes: Note[], coders: string[], codings: Coding[][], alignment: Alignment): void {
  const texts = notes.map((note) => note.segments.map((segment) => normaliseText(segment.text)));
  // matched[c][r] = index of coder c's segment matching reference segment r, or −1.
  const reference = texts[0];
  const matched: number[][] = texts.map((own, c) => {
    if (c === 0) return reference.map((_, r) => r);
    const row = new Array<number>(reference.length).fill(-1);
    for (const [r, j] of lcsPairs(reference, own)) row[r] = j;
    return row;
  });
  const kept: number[] = [];
  for (let r = 0; r < reference.length; r++) if (reference[r] !== '' && matched.every((row) => row[r] >= 0)) kept.push(r);

  // Which segments of each coder are aligned, and to which aligned index.
  const alignedIndex = notes.map((note) => new Array<number>(note.segments.length).fill(-1));
  const segments: AlignedSegment[] = [];
  let offset = 0;
  kept.forEach((r, index) => {
    const text = reference[r];
    const parts = notes.map((note, c) => note.segments[matched[c][r]]);
    notes.forEach((_, c) => (alignedIndex[c][matched[c][r]] = index));
    segments.push({ index, text, start: offset, end: offset + text.length, parts });
    offset += text.length;
  });

  // Report every segment of every coder that has no aligned counterpart.
  notes.forEach((note, c) => {
    note.segments.forEach((segment, s) => {
      if (alignedIndex[c][s] >= 0 || normaliseText(segment.text) === '') return;
      const missingFor = c === 0 ? coders.filter((_, o) => o !== 0 && matched[o][s] < 0) : [coders[0]];
      alignment.unalignedSegments.push({
        key,
        coder: coders[c],
        note,
        segment,
        missingFor: missingFor.length > 0 ? missingFor : coders.filter((_, o) => o !== c),
        codings: codings[c].filter((coding) => coding.segments.includes(segment.id)),
      });
    });
  });

  const spans = notes.map((note, c) => {
    const index = new Map(note.segments.map((segment, s) => [segment.id, s]));
    const maps = new Map<number, number[]>();
    const own: AlignedSpan[] = [];
    for (const coding of codings[c]) {
      let start = Infinity;
      let end = -Infinity;
      const covered: number[] = [];
      for (const id of coding.segments) {
        const s = index.get(id);
        if (s === undefined || alignedIndex[c][s] < 0) continue;
        const segment = note.segments[s];
        const aligned = segments[alignedIndex[c][s]];
        let map = maps.get(s);
        if (!map) maps.set(s, (map = normalisedIndex(segment.text)));
        let first = -1;
        let last = -1;
        expandOffsets(segment.offsets).forEach((fileOffset, i) => {
          if (fileOffset < coding.start || fileOffset >= coding.end || map![i] < 0) return;
          if (first < 0) first = map![i];
          last = map![i];
        });
        if (first < 0) continue;
        covered.push(aligned.index);
        start = Math.min(start, aligned.start + first);
        end = Math.max(end, aligned.start + last + 1);
      }
      if (covered.length === 0) {
        alignment.unplacedCodings.push({ key, coder: coders[c], coding });
        continue;
      }
      own.push({ code: coding.code, start, end, coder: coders[c], segments: covered, coding });
    }
    return own.sort((a, b) => a.start - b.start || a.end - b.end || compareStrings(a.code, b.code));
  });

  // Codings on unaligned segments that also touch an aligned one are placed; the
  // ones touching only unaligned segments were reported above with their segment.
  alignment.unplacedCodings = alignment.unplacedCodings.filter(
    (entry) => !(entry.key === key && alignment.unalignedSegments.some((u) => u.key === key && u.codings.includes(entry.coding))),
  );
  alignment.notes.push({ key, notes, segments, length: offset, spans });
}

/** The aligned notes as the QDA-level library's documents. */
export function codedDocuments(alignment: Alignment, codes?: ReadonlySet<string>): CodedDocument[] {
  return alignment.notes.map((note) => {
    const codings: Record<string, CodedSpan[]> = {};
    alignment.coders.forEach((coder, c) => {
      codings[coder] = note.spans[c].filter((span) => !codes || codes.has(span.code)).map((span) => ({ code: span.code, start: span.start, end: span.end }));
    });
    return { id: note.key, length: note.length, codings, segments: note.segments.map((segment) => ({ start: segment.start, end: segment.end })) };
  });
}
