// The parse result in the form the cache and the worker threads carry it.
// v8.deserialize spends most of its time on the many small objects of a note:
// every segment's and coding's Range (three objects each) and text (a string
// each). Packed, the ranges are one Int32Array and the texts one string, so a
// note comes back in about half the time, and each text is a slice of that one
// string (a coding's words a slice of its segment's text) instead of a copy.
// Each packed field keeps its key, with a placeholder value, so the objects
// come back with their keys in the order a parse gives them.
import type { ReadNoteResult } from '../../core/note.js';
import type { Coding, Point, Range, Segment } from '../../types.js';

export type CachedNote = Omit<ReadNoteResult['note'], 'text'>;

export interface PackedParse {
  note: CachedNote;
  diagnostics: ReadNoteResult['diagnostics'];
  /** Six numbers per range (start line, column, offset; end line, column, offset): the segments', then the codings'. */
  ranges: Int32Array;
  /** Every segment text, then the coding texts that are not words of their first segment. */
  texts: string;
  /** Start and end in `texts` of each segment's text, then of each coding's. */
  spans: Int32Array;
}

const RANGE_PLACEHOLDER = 0 as unknown as Range;

export function pack(result: ReadNoteResult): PackedParse {
  const { text: _text, segments, codings, ...rest } = result.note;
  const ranges = new Int32Array(6 * (segments.length + codings.length));
  const spans = new Int32Array(2 * (segments.length + codings.length));
  const parts: string[] = [];
  let length = 0;
  const where = new Map<string, number>();
  const packSegment = (segment: Segment, i: number): Segment => {
    writeRange(ranges, 6 * i, segment.range);
    spans[2 * i] = length;
    parts.push(segment.text);
    length += segment.text.length;
    spans[2 * i + 1] = length;
    where.set(segment.id, i);
    return { ...segment, range: RANGE_PLACEHOLDER, text: '' };
  };
  const packCoding = (coding: Coding, j: number): Coding => {
    const i = segments.length + j;
    writeRange(ranges, 6 * i, coding.range);
    const first = coding.segments.length > 0 ? where.get(coding.segments[0]) : undefined;
    const inside = first === undefined ? -1 : segments[first].text.indexOf(coding.text);
    if (first !== undefined && inside >= 0) {
      spans[2 * i] = spans[2 * first] + inside;
    } else {
      spans[2 * i] = length;
      parts.push(coding.text);
      length += coding.text.length;
    }
    spans[2 * i + 1] = spans[2 * i] + coding.text.length;
    return { ...coding, range: RANGE_PLACEHOLDER, text: '' };
  };
  const note: CachedNote = { ...rest, segments: segments.map(packSegment), codings: codings.map(packCoding) };
  return { note, diagnostics: result.diagnostics, ranges, texts: parts.join(''), spans };
}

/** The parse result back (without the note's text); undefined for a value that is not a packed parse. */
export function unpack(value: unknown): { note: CachedNote; diagnostics: ReadNoteResult['diagnostics'] } | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { note, diagnostics, ranges, texts, spans } = value as Partial<PackedParse>;
  if (typeof note !== 'object' || note === null || !Array.isArray(note.segments) || !Array.isArray(note.codings)) return undefined;
  if (!(ranges instanceof Int32Array) || !(spans instanceof Int32Array) || typeof texts !== 'string') return undefined;
  const count = note.segments.length + note.codings.length;
  if (ranges.length !== 6 * count || spans.length !== 2 * count) return undefined;
  const items: Array<Segment | Coding> = [...note.segments, ...note.codings];
  for (let i = 0; i < count; i++) {
    const item = items[i];
    const start = spans[2 * i];
    const end = spans[2 * i + 1];
    if (typeof item !== 'object' || item === null || !(start >= 0 && start <= end && end <= texts.length)) return undefined;
    item.range = readRange(ranges, 6 * i);
    item.text = texts.slice(start, end);
  }
  return { note, diagnostics: diagnostics ?? [] };
}

function writeRange(into: Int32Array, at: number, range: Range): void {
  into[at] = range.start.line;
  into[at + 1] = range.start.column;
  into[at + 2] = range.start.offset;
  into[at + 3] = range.end.line;
  into[at + 4] = range.end.column;
  into[at + 5] = range.end.offset;
}

function readRange(from: Int32Array, at: number): Range {
  const start: Point = { line: from[at], column: from[at + 1], offset: from[at + 2] };
  const end: Point = { line: from[at + 3], column: from[at + 4], offset: from[at + 5] };
  return { start, end };
}
