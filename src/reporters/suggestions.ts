// Suggestions (keyword and pattern matches not yet coded), one function per format.
import { toCsv } from './csv.js';
import type { Coding } from '../types.js';
import { escapeMarkdownText } from './markdown-escape.js';
import { alignColumns, type Style } from './style.js';
import { forTerminal } from './terminal.js';

function sorted(suggestions: Coding[]): Coding[] {
  return [...suggestions].sort((a, b) => (a.note < b.note ? -1 : a.note > b.note ? 1 : a.range.start.offset - b.range.start.offset || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)));
}

function suggestionsTableUnsafe(suggestions: Coding[], style: Style): string {
  if (suggestions.length === 0) return 'No suggestions: every keyword or pattern match is already coded.\n';
  const rows = sorted(suggestions).map((s) => [`${s.note}:${s.range.start.line}:${s.range.start.column}`, style.cyan(s.code), `“${s.matched}”`]);
  const n = suggestions.length;
  return `${alignColumns(rows, [false, false, false])}\n\n${n} ${n === 1 ? 'suggestion' : 'suggestions'}; confirm with \`fieldcode tag --accept-suggestions\` or by hand. Reports never count them.\n`;
}

export function suggestionsMarkdown(suggestions: Coding[]): string {
  const lines = ['| location | code | matched |', '| --- | --- | --- |'];
  for (const s of sorted(suggestions)) lines.push(`| ${escapeMarkdownText(`${s.note}:${s.range.start.line}:${s.range.start.column}`)} | \`${s.code}\` | ${escapeMarkdownText(s.matched ?? '')} |`);
  return `${lines.join('\n')}\n`;
}

export function suggestionsCsv(suggestions: Coding[]): string {
  const records: unknown[][] = [];
  for (const s of sorted(suggestions)) records.push([s.note, s.range.start.line, s.range.start.column, s.code, s.matched ?? '', s.segments[0]]);
  return toCsv(['note', 'line', 'column', 'code', 'matched', 'segment'], records);
}

export function suggestionsJson(suggestions: Coding[]): string {
  const rows = sorted(suggestions).map((s) => ({ note: s.note, line: s.range.start.line, column: s.range.start.column, code: s.code, matched: s.matched ?? '', segment: s.segments[0] }));
  return `${JSON.stringify({ fieldcode: 'suggestions/1', suggestions: rows }, null, 2)}\n`;
}

export const suggestionsTable = forTerminal(suggestionsTableUnsafe);
