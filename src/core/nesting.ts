// A cheap, linear look at line prefixes before a note is parsed. remark's cost
// grows about cubically with list nesting and its tree walkers recurse, so a
// note whose blockquotes and lists nest deeper than any real field note is
// refused before it reaches the parser.

/** Containers (blockquotes and list items) a line may sit in. */
export const MAX_NESTING = 100;

export interface TooDeep {
  /** Offset of the marker that goes past the limit. */
  offset: number;
  depth: number;
}

const LIST_MARKER = /^(?:[-*+]|\d{1,9}[.)])(?=[ \t]|\r?$|\n)/;

/**
 * The first place where blockquote markers and list items nest deeper than
 * `max`. An upper bound of what the parser sees: every `>` and list marker
 * in a line's prefix counts, and list items stay open until a marker at the
 * same or a smaller column closes them.
 */
export function findTooDeep(text: string, start = 0, max = MAX_NESTING): TooDeep | undefined {
  const open: number[] = []; // columns of the list markers still open
  let lineStart = start;
  while (lineStart < text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1) lineEnd = text.length;
    let i = lineStart;
    let column = 0;
    let quotes = 0;
    let markers = 0;
    for (;;) {
      while (i < lineEnd && (text[i] === ' ' || text[i] === '\t')) {
        column = text[i] === '\t' ? column + 4 - (column % 4) : column + 1;
        i++;
      }
      if (i >= lineEnd) break;
      if (text[i] === '>') {
        quotes++;
      } else {
        const marker = LIST_MARKER.exec(text.slice(i, Math.min(lineEnd, i + 11)));
        if (!marker) break;
        if (markers === 0) {
          while (open.length > 0 && open[open.length - 1] >= column) open.pop();
          open.push(column);
        }
        markers++;
        i += marker[0].length - 1;
        column += marker[0].length - 1;
      }
      const depth = quotes + open.length + Math.max(0, markers - 1);
      if (depth > max) return { offset: i, depth };
      i++;
      column++;
    }
    lineStart = lineEnd + 1;
  }
  return undefined;
}
