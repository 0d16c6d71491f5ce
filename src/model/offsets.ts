// The one place where offsets change units. JavaScript strings (and
// `Coding.start`/`end`) count UTF-16 code units; standoff files and REFI-QDA
// count Unicode code points, where an astral character such as an emoji is one
// code point but two units; diagnostics count 1-based lines and columns; and a
// REFI-QDA source's selections count in one of three models of its raw text,
// which is imported as clean text (CRLF and lone CR turned into LF).
import type { Point, Range } from '../types.js';

export function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}

export function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}

/** Whether `text[i]` and `text[i + 1]` are one astral character (a lone surrogate is a code point of its own). */
function pairAt(text: string, i: number): boolean {
  return i + 1 < text.length && isHighSurrogate(text.charCodeAt(i)) && isLowSurrogate(text.charCodeAt(i + 1));
}

// ---------------------------------------------------------------- code points

/** Number of code points in `text`. */
export function codePointLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    if (pairAt(text, i)) i++;
    n++;
  }
  return n;
}

/**
 * A reusable index over one text: converts in both directions in O(log n)
 * after an O(n) scan that records where surrogate pairs are.
 */
export class OffsetIndex {
  readonly text: string;
  /** UTF-16 offsets of the high surrogate of every surrogate pair, ascending. */
  private readonly pairs: number[] = [];
  readonly codePoints: number;

  constructor(text: string) {
    this.text = text;
    for (let i = 0; i < text.length; i++) {
      if (pairAt(text, i)) {
        this.pairs.push(i);
        i++;
      }
    }
    this.codePoints = text.length - this.pairs.length;
  }

  /** UTF-16 offset of code point offset `cp`, or undefined when outside the text. */
  toUtf16(cp: number): number | undefined {
    if (!Number.isInteger(cp) || cp < 0 || cp > this.codePoints) return undefined;
    // Find how many pairs start before the resulting unit offset:
    // unit = cp + k where k = number of pairs p with p - index(p) < cp.
    let lo = 0;
    let hi = this.pairs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      // code point offset of pair `mid` is pairs[mid] - mid
      if (this.pairs[mid] - mid < cp) lo = mid + 1;
      else hi = mid;
    }
    return cp + lo;
  }

  /**
   * Code point offset of UTF-16 offset `unit`. An offset inside a surrogate
   * pair is rounded down to the start of the pair.
   */
  toCodePoint(unit: number): number | undefined {
    if (!Number.isInteger(unit) || unit < 0 || unit > this.text.length) return undefined;
    const before = this.pairsBefore(unit);
    // `before` pairs start before `unit`; a `unit` on the low half of the last of
    // them yields that pair's own code point offset, i.e. it is rounded down.
    return unit - before;
  }

  /** True when `unit` would split a surrogate pair. */
  splitsPair(unit: number): boolean {
    const before = this.pairsBefore(unit);
    return before > 0 && this.pairs[before - 1] + 1 === unit;
  }

  /** The text between two code point offsets. */
  sliceCodePoints(start: number, end: number): string | undefined {
    const s = this.toUtf16(start);
    const e = this.toUtf16(end);
    if (s === undefined || e === undefined || e < s) return undefined;
    return this.text.slice(s, e);
  }

  /** How many surrogate pairs start before UTF-16 offset `unit`. */
  private pairsBefore(unit: number): number {
    let lo = 0;
    let hi = this.pairs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.pairs[mid] < unit) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** UTF-16 index of each code-point index of `text` (length + 1 entries). */
export function codePointToUnitTable(text: string): Uint32Array {
  const table = new Uint32Array(codePointLength(text) + 1);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    table[n++] = i;
    if (pairAt(text, i)) i++;
  }
  table[n] = text.length;
  return table;
}

/** Slices `text` by code-point indexes, clamped to the text. */
export function sliceCodePoints(text: string, start: number, end: number): string {
  const table = codePointToUnitTable(text);
  const last = table.length - 1;
  return text.slice(table[Math.max(0, Math.min(start, last))], table[Math.max(0, Math.min(end, last))]);
}

/** Up to `n` code points of `text` ending at UTF-16 offset `unit`. */
export function codePointsBefore(text: string, unit: number, n: number): string {
  let i = unit;
  let count = 0;
  while (i > 0 && count < n) {
    if (i - 2 >= 0 && pairAt(text, i - 2)) i--;
    i--;
    count++;
  }
  return text.slice(i, unit);
}

/** Up to `n` code points of `text` starting at UTF-16 offset `unit`. */
export function codePointsAfter(text: string, unit: number, n: number): string {
  let i = unit;
  let count = 0;
  while (i < text.length && count < n) {
    if (pairAt(text, i)) i++;
    i++;
    count++;
  }
  return text.slice(unit, i);
}

// ---------------------------------------------------------------- lines and columns

/** Maps offsets in a text to 1-based line/column points (CRLF counts as one line break). */
export interface LineIndex {
  point(offset: number): Point;
  range(start: number, end: number): Range;
  /** Offset of the first character of a 1-based line, or undefined past the end. */
  lineStart(line: number): number | undefined;
}

export function lineIndex(text: string): LineIndex {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) === 10) starts.push(i + 1);
  }
  function point(offset: number): Point {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - starts[low] + 1, offset };
  }
  return {
    point,
    range: (start, end) => ({ start: point(start), end: point(end) }),
    lineStart: (line) => (line >= 1 && line <= starts.length ? starts[line - 1] : undefined),
  };
}

// ---------------------------------------------------------------- raw text to clean text

/** How positions into a raw text count (NOTES.md §3.7): code points, UTF-16 units, or code points with CRLF as one. */
export type OffsetModel = 'code-points' | 'utf16' | 'code-points-crlf-as-one';

export interface CleanTextOffsets {
  /** The text with CRLF and lone CR turned into LF. */
  normalized: string;
  /** Largest valid position per model. */
  max: Record<OffsetModel, number>;
  /** Code point index in the normalized text of a position in a model, or undefined when outside the text. */
  toNormalized(model: OffsetModel, position: number): number | undefined;
  /** Whether the raw text makes the models differ (an astral character or a CR). */
  ambiguous: boolean;
}

/** Converts positions in `raw`, counted in any offset model, to code points of its clean text. */
export function cleanTextOffsets(raw: string): CleanTextOffsets {
  // For every raw UTF-16 index: its index in each model and in the normalized text.
  // Typed arrays, not per-character JS arrays or strings: a 50 MB source took
  // gigabytes that way.
  const n = raw.length;
  const normAt = new Uint32Array(n + 1);
  const byCp = new Uint32Array(n + 1);
  const byCrlf1 = new Uint32Array(n + 1);
  let cp = 0;
  let crlf1 = 0;
  let norm = 0;
  let astral = false;
  let cr = false;
  for (let i = 0; i < n; i++) {
    const c = raw.charCodeAt(i);
    normAt[i] = norm;
    if (i > 0 && pairAt(raw, i - 1)) {
      astral = true;
      continue;
    }
    byCp[cp++] = i;
    if (c === 0x0a && i > 0 && raw.charCodeAt(i - 1) === 0x0d) {
      // LF of a CRLF pair: one unit in the crlf-as-one model, already written.
      normAt[i] = norm - 1;
      continue;
    }
    byCrlf1[crlf1++] = i;
    if (c === 0x0d) cr = true;
    norm++;
  }
  normAt[n] = norm;
  byCp[cp] = n;
  byCrlf1[crlf1] = n;
  const max: Record<OffsetModel, number> = { 'code-points': cp, utf16: n, 'code-points-crlf-as-one': crlf1 };
  const normalized = raw.replace(/\r\n?/g, '\n');
  // normAt counts code points of the normalized text (a surrogate pair is one).
  return {
    normalized,
    max,
    ambiguous: astral || cr,
    toNormalized(model, position) {
      if (!Number.isInteger(position) || position < 0 || position > max[model]) return undefined;
      const rawIndex = model === 'utf16' ? position : model === 'code-points' ? byCp[position] : byCrlf1[position];
      return normAt[rawIndex];
    },
  };
}
