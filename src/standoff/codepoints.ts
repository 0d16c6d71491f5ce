// Conversions between Unicode code point offsets (what standoff files and
// REFI-QDA store) and UTF-16 code unit offsets (what JavaScript strings and
// `Coding.start`/`end` use). An astral character such as an emoji is one code
// point but two UTF-16 units.

/** Number of code points in `text`. */
export function codePointLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
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
      const c = text.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
        const d = text.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          this.pairs.push(i);
          i++;
        }
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
    let lo = 0;
    let hi = this.pairs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.pairs[mid] < unit) lo = mid + 1;
      else hi = mid;
    }
    // `lo` pairs start before `unit`; a `unit` on the low half of the last of
    // them yields that pair's own code point offset, i.e. it is rounded down.
    return unit - lo;
  }

  /** True when `unit` would split a surrogate pair. */
  splitsPair(unit: number): boolean {
    let lo = 0;
    let hi = this.pairs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.pairs[mid] < unit) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 && this.pairs[lo - 1] + 1 === unit;
  }

  /** The text between two code point offsets. */
  sliceCodePoints(start: number, end: number): string | undefined {
    const s = this.toUtf16(start);
    const e = this.toUtf16(end);
    if (s === undefined || e === undefined || e < s) return undefined;
    return this.text.slice(s, e);
  }
}

/** Up to `n` code points of `text` ending at UTF-16 offset `unit`. */
export function codePointsBefore(text: string, unit: number, n: number): string {
  let i = unit;
  let count = 0;
  while (i > 0 && count < n) {
    const c = text.charCodeAt(i - 1);
    if (c >= 0xdc00 && c <= 0xdfff && i - 2 >= 0) {
      const h = text.charCodeAt(i - 2);
      if (h >= 0xd800 && h <= 0xdbff) i--;
    }
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
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    i++;
    count++;
  }
  return text.slice(unit, i);
}
