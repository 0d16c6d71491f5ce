import type { Point, Range } from '../types.js';

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
