// One pure function per output format of the quote report.
import { toCsv } from './csv.js';
import type { Quote, Quotes } from '../core/quotes.js';
import type { Cell } from '../core/select.js';
import { formatTurnTime } from '../core/turn-time.js';
import { escapeMarkdownText } from './markdown-escape.js';
import type { Style } from './style.js';
import { escapeControls, forTerminal } from './terminal.js';

function cellLabel(cell: Cell, by: string[]): string {
  return by.length === 0 ? 'all notes' : by.map((name) => `${name} ${cell[name]}`).join(' · ');
}

/** `notes/fg-1.md:42 @00:12:31`: the place in the note and, for a timed turn, in the recording. */
export function quoteLocation(quote: Quote): string {
  return `${quote.note}:${quote.line}${quote.time === undefined ? '' : ` @${formatTurnTime(quote.time)}`}`;
}

/** `#a #b`: the codes a quote was found by, unless it is just the requested one. */
export function appliedCodesLabel(quote: Quote, requested: string): string {
  return quote.codes.length === 1 && quote.codes[0] === requested ? '' : quote.codes.map((code) => `#${code}`).join(' ');
}

function attribution(quote: Quote, requested: string): string {
  return [appliedCodesLabel(quote, requested), quote.speaker, quote.group, quote.method, quoteLocation(quote)].filter(Boolean).join(' · ');
}

/** `Memo: Title (2024-10-02, researcher-a, memos/x.md)`: a memo on the quote's segment. */
export function memoLine(memo: NonNullable<Quote['memos']>[number]): string {
  return `Memo: ${memo.title} (${[memo.date, memo.author, memo.path].filter(Boolean).join(', ')})`;
}

function quotesTableUnsafe(report: Quotes, style: Style): string {
  const out: string[] = [];
  for (const section of report.sections) {
    out.push(style.bold(`${section.code}: ${section.label} (${section.total} ${section.total === 1 ? 'quote' : 'quotes'})`));
    for (const group of section.groups) {
      out.push('', `  ${style.cyan(cellLabel(group.cell, report.by))}`);
      for (const quote of group.quotes) {
        out.push(`    “${escapeControls(quote.text)}”`, `      ${style.dim(`— ${attribution(quote, section.code)}`)}`);
        for (const memo of quote.memos ?? []) out.push(`      ${style.yellow(memoLine(memo))}`);
      }
    }
    out.push('');
  }
  if (report.sections.length === 0) out.push('No coded passages match.', '');
  return out.join('\n');
}

export function quotesMarkdown(report: Quotes): string {
  const out: string[] = [];
  for (const section of report.sections) {
    out.push(`## ${escapeMarkdownText(section.label)} (\`${section.code}\`)`, '', `${section.total} ${section.total === 1 ? 'quote' : 'quotes'}.`, '');
    for (const group of section.groups) {
      out.push(`### ${escapeMarkdownText(cellLabel(group.cell, report.by))}`, '');
      for (const quote of group.quotes) {
        out.push(`> ${escapeMarkdownText(quote.text)}`, '>', `> — ${escapeMarkdownText(attribution(quote, section.code))}`, '');
        for (const memo of quote.memos ?? []) out.push(`${escapeMarkdownText(memoLine(memo))}`, '');
      }
    }
  }
  if (report.sections.length === 0) out.push('No coded passages match.', '');
  return out.join('\n');
}

export function quotesCsv(report: Quotes): string {
  // `applied_codes` is a list column: the codes separated by `;`.
  const header = ['code', 'applied_codes', ...report.by, 'note', 'line', 'time', 'speaker', 'method', 'coder', 'text'];
  const records: unknown[][] = [];
  for (const section of report.sections) {
    for (const group of section.groups) {
      for (const q of group.quotes) {
        records.push([section.code, q.codes.join(';'), ...report.by.map((name) => group.cell[name]), q.note, q.line, q.time === undefined ? '' : formatTurnTime(q.time), q.speaker ?? '', q.method ?? '', q.coder, q.text]);
      }
    }
  }
  return toCsv(header, records);
}

export const QUOTES_JSON_VERSION = 'quotes/1';

export function quotesJson(report: Quotes): string {
  const shape = {
    fieldcode: QUOTES_JSON_VERSION,
    by: report.by,
    sections: report.sections.map((section) => ({
      code: section.code,
      label: section.label,
      total: section.total,
      groups: section.groups.map((group) => ({
        cell: group.cell,
        quotes: group.quotes.map((q) => ({ code: q.code, codes: q.codes, text: q.text, speaker: q.speaker ?? null, method: q.method ?? null, note: q.note, line: q.line, column: q.column, time: q.time ?? null, coder: q.coder, origin: q.origin, ...(q.memos ? { memos: q.memos.map((m) => ({ path: m.path, title: m.title, date: m.date ?? null, author: m.author ?? null })) } : {}) })),
      })),
    })),
  };
  return `${JSON.stringify(shape, null, 2)}\n`;
}

export const quotesTable = forTerminal(quotesTableUnsafe);
