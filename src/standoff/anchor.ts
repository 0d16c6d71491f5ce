// Anchoring standoff codings to a note: by position when the quote is still
// there, else by searching for the quote and choosing the occurrence whose
// context matches best, nearest to the old position. Pure: no I/O.
import type { Coding, Diagnostic, Note } from '../types.js';
import { lineIndex } from '../model/offsets.js';
import { codePointsAfter, codePointsBefore, OffsetIndex } from '../model/offsets.js';
import { CONTEXT_LENGTH, effectiveCoder, type StandoffCoding, type StandoffDocument } from './format.js';
import { offsetAt } from '../model/offset-map.js';

export type AnchorStatus = 'kept' | 'moved' | 'orphaned';

export interface Anchor {
  coding: StandoffCoding;
  status: AnchorStatus;
  /** UTF-16 offsets into `note.text`, end exclusive (undefined when orphaned). */
  start?: number;
  end?: number;
  /** True when the quote was only found after collapsing whitespace (e.g. line endings changed). */
  fuzzy?: boolean;
}

export interface AnchorOptions {
  /** Coder for codings that name none, and whose file names none (the project's `coder`). */
  defaultCoder?: string;
}

export interface AnchorResult {
  codings: Coding[];
  diagnostics: Diagnostic[];
  /** Number of codings found at a new position. */
  moved: number;
}

const FALLBACK_CODER = 'default';

function commonSuffixLength(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a.charCodeAt(a.length - 1 - n) === b.charCodeAt(b.length - 1 - n)) n++;
  return n;
}

function commonPrefixLength(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a.charCodeAt(n) === b.charCodeAt(n)) n++;
  return n;
}

const isSpace = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x0c || c === 0x0b || c === 0xa0 || c === 0x3000;

/** `text` with every run of whitespace collapsed to one space, and the source offset of each kept unit. */
function collapse(text: string): { text: string; map: number[] } {
  let out = '';
  const map: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      if (map.length > 0 && isSpace(text.charCodeAt(map[map.length - 1]))) continue;
      out += ' ';
      map.push(i);
    } else {
      out += text[i];
      map.push(i);
    }
  }
  return { text: out, map };
}

interface Candidate {
  start: number;
  end: number;
}

function exactOccurrences(text: string, quote: string): Candidate[] {
  const found: Candidate[] = [];
  if (quote === '') return found;
  let from = 0;
  for (;;) {
    const at = text.indexOf(quote, from);
    if (at < 0) break;
    found.push({ start: at, end: at + quote.length });
    from = at + 1;
  }
  return found;
}

/** Occurrences of `quote` when runs of whitespace in both are treated as equal. */
function whitespaceOccurrences(collapsed: { text: string; map: number[] }, source: string, quote: string): Candidate[] {
  const q = collapse(quote).text;
  if (q.trim() === '') return [];
  const found: Candidate[] = [];
  for (const hit of exactOccurrences(collapsed.text, q)) {
    const start = collapsed.map[hit.start];
    const lastKept = collapsed.map[hit.end - 1];
    // A collapsed space stands for a whole run: extend the end over it.
    let end = lastKept + 1;
    if (isSpace(source.charCodeAt(lastKept))) while (end < source.length && isSpace(source.charCodeAt(end))) end++;
    found.push({ start, end });
  }
  return found;
}

/**
 * Locates every coding of `doc` in `text`. The decision per coding:
 * 1. the text at [start, end) equals the quote, and no other occurrence of the
 *    quote matches the context better → kept;
 * 2. else every occurrence of the quote is a candidate (exact first; if there
 *    is none, with whitespace runs treated as equal); the best has the longest
 *    matching context (prefix read backwards + suffix read forwards), then the
 *    smallest distance to the old start, then the earliest position → moved;
 * 3. no occurrence → orphaned.
 */
export function locateCodings(doc: StandoffDocument, text: string | OffsetIndex): Anchor[] {
  const index = typeof text === 'string' ? new OffsetIndex(text) : text;
  const source = index.text;
  let collapsed: { text: string; map: number[] } | undefined;
  const contextScore = (coding: StandoffCoding, candidate: Candidate): number => {
    const prefix = coding.prefix ?? '';
    const suffix = coding.suffix ?? '';
    return (
      commonSuffixLength(prefix, source.slice(Math.max(0, candidate.start - prefix.length), candidate.start)) +
      commonPrefixLength(suffix, source.slice(candidate.end, candidate.end + suffix.length))
    );
  };
  return doc.codings.map((coding): Anchor => {
    const s = index.toUtf16(coding.start);
    const e = index.toUtf16(coding.end);
    const inPlace = s !== undefined && e !== undefined && source.slice(s, e) === coding.quote;
    const fullContext = (coding.prefix ?? '').length + (coding.suffix ?? '').length;
    // The quote is still at its offsets with its context: done.
    if (inPlace && contextScore(coding, { start: s, end: e }) === fullContext) {
      return { coding, status: 'kept', start: s, end: e };
    }
    const oldStart = s ?? index.toUtf16(Math.min(coding.start, index.codePoints)) ?? 0;
    // Fast path for the usual edit (text inserted or deleted nearby): the
    // nearest occurrence with its full context, searched in growing windows
    // around the old position. Only a candidate nearer than the window's
    // radius is certain to be the nearest of all; otherwise widen.
    if (fullContext > 0 && coding.quote !== '') {
      for (let radius = 256; ; radius *= 16) {
        const lo = Math.max(0, oldStart - radius);
        const hi = Math.min(source.length, oldStart + radius + coding.quote.length);
        const window = source.slice(lo, hi);
        let nearest: Candidate | undefined;
        let nearestDistance = Infinity;
        for (let at = window.indexOf(coding.quote); at >= 0; at = window.indexOf(coding.quote, at + 1)) {
          const candidate = { start: lo + at, end: lo + at + coding.quote.length };
          const distance = Math.abs(candidate.start - oldStart);
          if (distance < nearestDistance && contextScore(coding, candidate) === fullContext) {
            nearest = candidate;
            nearestDistance = distance;
          }
        }
        if (nearest && nearestDistance <= radius) {
          return inPlace && nearest.start === s ? { coding, status: 'kept', start: s, end: e } : { coding, status: 'moved', start: nearest.start, end: nearest.end };
        }
        if (lo === 0 && hi === source.length) break;
      }
    }
    let candidates = exactOccurrences(source, coding.quote);
    let fuzzy = false;
    if (candidates.length === 0) {
      collapsed ??= collapse(source);
      candidates = whitespaceOccurrences(collapsed, source, coding.quote);
      fuzzy = candidates.length > 0;
    }
    if (candidates.length === 0) return { coding, status: 'orphaned' };
    let best: Candidate | undefined;
    let bestScore = -1;
    let bestDistance = Infinity;
    for (const candidate of candidates) {
      const score = contextScore(coding, candidate);
      const distance = Math.abs(candidate.start - oldStart);
      if (score > bestScore || (score === bestScore && distance < bestDistance)) {
        best = candidate;
        bestScore = score;
        bestDistance = distance;
      }
    }
    // The same quote at the old offsets, but its context changed: keep it there
    // unless another occurrence matches the context strictly better (the text
    // shifted onto an identical passage).
    if (inPlace && (best!.start === s || contextScore(coding, { start: s, end: e }) >= bestScore)) {
      return { coding, status: 'kept', start: s, end: e };
    }
    return { coding, status: 'moved', start: best!.start, end: best!.end, fuzzy };
  });
}

function quoteForMessage(quote: string): string {
  const flat = quote.replace(/\s+/g, ' ').trim();
  return flat.length > 60 ? `${flat.slice(0, 57)}…` : flat;
}

const COUNTING = 'it counts as a coding and a document but in no segment';

/**
 * Why a span overlaps no segment, and what to do. Segments are paragraphs,
 * list items, quotes and table cells; headings are context, not data.
 */
function outsideSegments(note: Note, start: number, line: number): string {
  if (note.frontMatter && start < note.frontMatter.end.offset) return `lies in the front matter of ${note.path}, outside every segment: ${COUNTING}; code the text of the note instead`;
  const lineStart = note.text.lastIndexOf('\n', start - 1) + 1;
  const rest = note.text.slice(lineStart);
  const [current = '', next = ''] = rest.split(/\r?\n/, 2);
  const heading = /^ {0,3}#{1,6}(?:[ \t]|$)/.test(current) || (current.trim() !== '' && /^ {0,3}(?:=+|-+)[ \t]*$/.test(next));
  const where = `${note.path}:${line}:1`;
  if (heading) return `lies on the heading at ${where}, outside every segment: ${COUNTING}; code the paragraph under the heading instead`;
  return `lies outside every segment at ${where} (blank lines, a code block or a rule): ${COUNTING}; code a paragraph instead`;
}

/**
 * Anchors the codings of a parsed standoff document to its note and converts
 * them to the shared `Coding` model (`origin: 'standoff'`). Re-anchored
 * codings give an `info` diagnostic `reanchored-coding`; codings whose quote
 * is gone give an `error` diagnostic `orphaned-coding` at their entry in the
 * standoff file and are left out of `codings` (never silently).
 */
export function anchorCodings(
  doc: StandoffDocument,
  note: Note,
  standoffPath: string,
  options: AnchorOptions = {},
): AnchorResult {
  const index = new OffsetIndex(note.text);
  const lines = lineIndex(note.text);
  const codings: Coding[] = [];
  const diagnostics: Diagnostic[] = [];
  let moved = 0;
  for (const anchor of locateCodings(doc, index)) {
    const { coding } = anchor;
    const coder = effectiveCoder(doc, coding, options.defaultCoder ?? FALLBACK_CODER);
    const at = coding.position ?? { line: 1, column: 1 };
    if (anchor.status === 'orphaned' || anchor.start === undefined || anchor.end === undefined) {
      diagnostics.push({
        file: standoffPath,
        line: at.line,
        column: at.column,
        severity: 'error',
        message: `Orphaned coding \`${coding.code}\` (${coder}, ${coding.start}–${coding.end}): its quote "${quoteForMessage(coding.quote)}" is no longer in ${note.path}`,
        ruleId: 'orphaned-coding',
      });
      continue;
    }
    const start = anchor.start;
    const end = anchor.end;
    if (anchor.status === 'moved') {
      moved++;
      const cpStart = index.toCodePoint(start)!;
      const cpEnd = index.toCodePoint(end)!;
      diagnostics.push({
        file: standoffPath,
        line: at.line,
        column: at.column,
        severity: 'info',
        message: `Re-anchored coding \`${coding.code}\` (${coder}) from ${coding.start}–${coding.end} to ${cpStart}–${cpEnd}${anchor.fuzzy ? ' (whitespace differs)' : ''}; \`fieldcode standoff --fix\` updates the file`,
        ruleId: 'reanchored-coding',
      });
    }
    const range = lines.range(start, end);
    const overlapping = note.segments.filter((segment) => segment.range.start.offset < end && segment.range.end.offset > start);
    const segments = overlapping.map((segment) => segment.id);
    if (segments.length === 0) {
      diagnostics.push({ file: standoffPath, line: at.line, column: at.column, severity: 'warning', message: `Coding \`${coding.code}\` (${coder}) ${outsideSegments(note, start, range.start.line)}`, ruleId: 'standoff-outside-segment' });
    }
    const result: Coding = {
      code: coding.code,
      note: note.path,
      start,
      end,
      coder,
      origin: 'standoff',
      segments,
      range,
      text: readableText(note.text, overlapping, start, end),
    };
    if (coding.memo !== undefined && coding.memo !== '') result.memo = coding.memo;
    if (coding.why !== undefined && coding.why !== '') result.why = coding.why;
    codings.push(result);
  }
  return { codings, diagnostics, moved };
}

/**
 * The coded words as a reader sees them: the segments' clean text inside the
 * span, so speaker labels, `[hh:mm:ss]` turn times and Markdown syntax a span
 * happens to cover stay out of quotes. Outside any segment, the raw text.
 */
function readableText(text: string, segments: Note['segments'], start: number, end: number): string {
  const parts: string[] = [];
  for (const segment of segments) {
    let from = 0;
    while (from < segment.offsets.length && offsetAt(segment.offsets, from)! < start) from++;
    let to = from;
    while (to < segment.offsets.length && offsetAt(segment.offsets, to)! < end) to++;
    const words = segment.text.slice(from, to).trim();
    if (words) parts.push(words);
  }
  return parts.length > 0 ? parts.join(' ') : text.slice(start, end).replace(/\s+/g, ' ').trim();
}

/**
 * Persists re-anchoring: returns a copy of `doc` in which every moved coding
 * has its new `start`/`end` (code points), its quote as now found in the note,
 * and fresh `prefix`/`suffix`. Kept and orphaned codings are unchanged, so an
 * orphan stays visible until a person resolves it.
 */
export function reanchorDocument(doc: StandoffDocument, note: Pick<Note, 'text'>): StandoffDocument {
  const index = new OffsetIndex(note.text);
  const codings = locateCodings(doc, index).map((anchor): StandoffCoding => {
    const { position: _position, ...coding } = anchor.coding;
    if (anchor.status !== 'moved' || anchor.start === undefined || anchor.end === undefined) return coding;
    return {
      ...coding,
      start: index.toCodePoint(anchor.start)!,
      end: index.toCodePoint(anchor.end)!,
      quote: note.text.slice(anchor.start, anchor.end),
      prefix: codePointsBefore(note.text, anchor.start, CONTEXT_LENGTH),
      suffix: codePointsAfter(note.text, anchor.end, CONTEXT_LENGTH),
    };
  });
  return { ...doc, codings };
}
