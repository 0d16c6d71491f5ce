// Suggestions (keyword and pattern matches not yet coded), one function per format.
import { toCsv } from './csv.js';
import type { Coding } from '../types.js';
import { escapeMarkdownText } from './markdown-escape.js';
import { alignColumns, type Style } from './style.js';
import { forTerminal } from './terminal.js';

function sorted(suggestions: Coding[]): Coding[] {
  return [...suggestions].sort((a, b) => (a.note < b.note ? -1 : a.note > b.note ? 1 : a.range.start.offset - b.range.start.offset || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)));
}

/** With `marked` (`suggest --all`), a last column says which suggestions were rejected. The style comes last, for forTerminal. */
function suggestionsTableUnsafe(suggestions: Coding[], marked: boolean, style: Style): string {
  if (suggestions.length === 0) return 'No suggestions: every keyword or pattern match is already coded.\n';
  const rows = sorted(suggestions).map((s) => {
    const row = [`${s.note}:${s.range.start.line}:${s.range.start.column}`, style.cyan(s.code), `“${s.matched}”`];
    if (marked) row.push(s.rejected ? style.dim('rejected') : '');
    return row;
  });
  const n = suggestions.length;
  const rejected = suggestions.filter((s) => s.rejected).length;
  const of = marked ? ` (${rejected} rejected)` : '';
  return `${alignColumns(rows, rows[0].map(() => false))}\n\n${n} ${n === 1 ? 'suggestion' : 'suggestions'}${of}; confirm with \`fieldcode tag --accept-suggestions\` or by hand. Reports never count them.\n`;
}

/** With `marked` (`suggest --all`), each row says whether the suggestion was rejected. */
export function suggestionsMarkdown(suggestions: Coding[], marked = false): string {
  const lines = marked ? ['| location | code | matched | decision |', '| --- | --- | --- | --- |'] : ['| location | code | matched |', '| --- | --- | --- |'];
  for (const s of sorted(suggestions)) {
    const cells = [escapeMarkdownText(`${s.note}:${s.range.start.line}:${s.range.start.column}`), `\`${s.code}\``, escapeMarkdownText(s.matched ?? '')];
    if (marked) cells.push(s.rejected ? 'rejected' : '');
    lines.push(`| ${cells.join(' | ')} |`);
  }
  return `${lines.join('\n')}\n`;
}

export function suggestionsCsv(suggestions: Coding[], marked = false): string {
  const records: unknown[][] = [];
  for (const s of sorted(suggestions)) {
    const record: unknown[] = [s.note, s.range.start.line, s.range.start.column, s.code, s.matched ?? '', s.segments[0]];
    if (marked) record.push(s.rejected ? 'true' : 'false');
    records.push(record);
  }
  return toCsv(['note', 'line', 'column', 'code', 'matched', 'segment', ...(marked ? ['rejected'] : [])], records);
}

export function suggestionsJson(suggestions: Coding[], marked = false): string {
  const rows = sorted(suggestions).map((s) => {
    const row: Record<string, unknown> = { note: s.note, line: s.range.start.line, column: s.range.start.column, code: s.code, matched: s.matched ?? '', segment: s.segments[0] };
    if (marked) row.rejected = s.rejected === true;
    return row;
  });
  return `${JSON.stringify({ fieldcode: 'suggestions/1', suggestions: rows }, null, 2)}\n`;
}

export const suggestionsTable = forTerminal(suggestionsTableUnsafe);
