// The researcher's summaries of a framework matrix: one Markdown file per
// matrix (`summaries/<matrix>.md`), one `## ` section per cell, headed by the
// cell's values joined with ` × ` (`## de-brug × reciprocity × I`: row, code
// id, phase). Under the heading, an HTML comment (invisible when the file is
// rendered) lists the quotes the summary was written from, one `id hash` per
// line; everything else in the section is the summary.
//
//     ## de-brug × reciprocity × I
//
//     <!-- fieldcode:quotes
//     notes/de-brug/I-focus-group.md#1a2b3c4d 5e6f7a8b
//     -->
//
//     Members trade small favours …
//
// This module is the one place that reads and writes that format: `matrix`
// (scaffold, refresh, staleness) and `codes rename` (headings naming a code)
// use it. Every rewrite keeps every byte it was not asked to change.
import { createHash } from 'node:crypto';
import type { Diagnostic } from '../types.js';

export const SUMMARIES_FOLDER = 'summaries';
export const CELL_SEPARATOR = ' × ';
const BLOCK_START = '<!-- fieldcode:quotes';
const BLOCK_END = '-->';
const HEADING = /^## +(.*?)[ \t]*#*[ \t]*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/** The file of a matrix's summaries, relative to the project root. */
export function summariesPath(matrix: string): string {
  return `${SUMMARIES_FOLDER}/${matrix}.md`;
}

/** The hash a summary records for a quote: it changes whenever the quote's words do. */
export function quoteHash(text: string): string {
  return createHash('sha1').update(text.normalize('NFC')).digest('hex').slice(0, 8);
}

export interface CitedQuote {
  id: string;
  hash: string;
  /** 1-based line in the summary file. */
  line: number;
}

export interface SummarySection {
  /** The heading's text, e.g. `de-brug × reciprocity × I`. */
  heading: string;
  /** The heading split into the cell's values. */
  parts: string[];
  /** 1-based line of the heading. */
  line: number;
  cited: CitedQuote[];
  /** 1-based line of the quote block's first line, when there is one. */
  blockLine?: number;
  /** The researcher's text, without the quote block; '' for an empty (scaffolded) section. */
  text: string;
  /** 0-based indexes into the file's lines: the heading, the block (start, end inclusive), the section's last line. */
  at: { heading: number; block?: [number, number]; end: number };
}

export interface SummaryDocument {
  path: string;
  /** The lines of the file, each with its own line ending. */
  lines: string[];
  eol: '\n' | '\r\n';
  sections: SummarySection[];
  diagnostics: Diagnostic[];
}

function splitLines(text: string): string[] {
  const lines = text.split(/(?<=\n)/);
  return lines.length === 1 && lines[0] === '' ? [] : lines;
}

const bare = (line: string): string => line.replace(/^\uFEFF/, '').replace(/\r?\n$/, '');

/** Reads a summaries file; a malformed quote line is a positioned `summary-syntax` error, never a crash. */
export function parseSummaries(path: string, text: string): SummaryDocument {
  // A byte order mark stays with the first line, so that a rewrite keeps it.
  const lines = splitLines(text);
  const eol = lines.some((line) => line.endsWith('\r\n')) && lines.filter((l) => l.endsWith('\r\n')).length * 2 >= lines.length ? '\r\n' : '\n';
  const sections: SummarySection[] = [];
  const diagnostics: Diagnostic[] = [];
  let fence: string | undefined;
  const headings: number[] = [];
  lines.forEach((line, i) => {
    const content = bare(line);
    const opened = FENCE.exec(content);
    if (fence) {
      if (opened && opened[1][0] === fence[0] && opened[1].length >= fence.length) fence = undefined;
      return;
    }
    if (opened) fence = opened[1];
    else if (HEADING.test(content)) headings.push(i);
  });
  headings.forEach((start, n) => {
    const end = (headings[n + 1] ?? lines.length) - 1;
    const heading = HEADING.exec(bare(lines[start]))![1];
    const section: SummarySection = { heading, parts: heading.split(CELL_SEPARATOR).map((p) => p.trim()), line: start + 1, cited: [], text: '', at: { heading: start, end } };
    const body: string[] = [];
    for (let i = start + 1; i <= end; i++) {
      const content = bare(lines[i]);
      if (section.at.block === undefined && content.trim() === BLOCK_START) {
        let close = i + 1;
        while (close <= end && bare(lines[close]).trim() !== BLOCK_END) close++;
        const closed = close <= end;
        if (!closed) diagnostics.push({ file: path, line: i + 1, column: 1, severity: 'error', message: `Unexpected end of section \`${heading}\` inside the quote list, expected a line \`${BLOCK_END}\` closing it`, ruleId: 'summary-syntax' });
        section.at.block = [i, Math.min(close, end)];
        section.blockLine = i + 1;
        for (let j = i + 1; j < close; j++) {
          const entry = bare(lines[j]).trim();
          if (entry === '') continue;
          const match = /^(\S+)\s+([0-9a-f]{8})$/.exec(entry);
          if (!match) {
            diagnostics.push({ file: path, line: j + 1, column: 1, severity: 'error', message: `Unexpected quote line \`${entry}\`, expected \`<quote id> <8-digit hash>\` as \`fieldcode matrix --scaffold\` writes it`, ruleId: 'summary-syntax' });
            continue;
          }
          section.cited.push({ id: match[1], hash: match[2], line: j + 1 });
        }
        i = close;
        continue;
      }
      body.push(content);
    }
    section.text = body.join('\n').trim();
    const first = sections.find((s) => cellHeading(s.parts) === cellHeading(section.parts));
    if (first) diagnostics.push({ file: path, line: section.line, column: 1, severity: 'error', message: `Unexpected second section \`${heading}\`, expected one section per cell (the first is at line ${first.line}); merge them`, ruleId: 'summary-syntax' });
    else sections.push(section);
  });
  return { path, lines, eol, sections, diagnostics };
}

/** The heading of a cell: its values joined with ` × `. */
export function cellHeading(parts: string[]): string {
  return parts.join(CELL_SEPARATOR);
}

export interface CellQuotes {
  parts: string[];
  quotes: { id: string; hash: string }[];
}

function block(quotes: { id: string; hash: string }[], eol: string): string[] {
  return [BLOCK_START + eol, ...quotes.map((q) => `${q.id} ${q.hash}${eol}`), BLOCK_END + eol];
}

function sectionLines(cell: CellQuotes, eol: string): string[] {
  return [`## ${cellHeading(cell.parts)}${eol}`, eol, ...block(cell.quotes, eol)];
}

/**
 * The file with an empty section for each cell that has none, appended in
 * the order given. Existing sections, and every other byte, stay as they are.
 * `document` is undefined when the file does not exist yet.
 */
export function scaffoldSummaries(document: SummaryDocument | undefined, matrix: string, cells: CellQuotes[]): { text: string; added: number } {
  const eol = document?.eol ?? '\n';
  const lines = document
    ? [...document.lines]
    : [`# Summaries: ${matrix}${eol}`, eol, `One section per cell of the matrix \`${matrix}\` (row × code × phase). Write each summary under its heading; the comment lists the quotes it was written from (\`fieldcode matrix --refresh\` updates it after re-reading).${eol}`];
  const existing = new Set((document?.sections ?? []).map((s) => cellHeading(s.parts)));
  const missing = cells.filter((cell) => !existing.has(cellHeading(cell.parts)));
  if (missing.length === 0) return { text: lines.join(''), added: 0 };
  if (lines.length > 0 && !lines[lines.length - 1].endsWith('\n')) lines[lines.length - 1] += eol;
  for (const cell of missing) {
    if (lines.length > 0 && bare(lines[lines.length - 1]).trim() !== '') lines.push(eol);
    lines.push(...sectionLines(cell, eol));
  }
  return { text: lines.join(''), added: missing.length };
}

/**
 * The file with each named section's quote list replaced by `cells`' current
 * quotes (a section without a list gets one under its heading). The text of
 * every summary stays as it is.
 */
export function refreshSummaries(document: SummaryDocument, cells: CellQuotes[]): { text: string; refreshed: number } {
  const current = new Map(cells.map((cell) => [cellHeading(cell.parts), cell]));
  const lines = [...document.lines];
  let refreshed = 0;
  // From the end, so earlier indexes stay valid.
  for (const section of [...document.sections].reverse()) {
    const cell = current.get(cellHeading(section.parts));
    if (!cell) continue;
    const fresh = block(cell.quotes, document.eol);
    if (section.at.block) {
      const [start, end] = section.at.block;
      if (lines.slice(start, end + 1).join('') === fresh.join('')) continue;
      lines.splice(start, end - start + 1, ...fresh);
    } else {
      if (!lines[section.at.heading].endsWith('\n')) lines[section.at.heading] += document.eol;
      lines.splice(section.at.heading + 1, 0, document.eol, ...fresh);
    }
    refreshed++;
  }
  return { text: lines.join(''), refreshed };
}

/**
 * The file with every heading that names code `from` naming `to` instead
 * (for `codes rename`); `position` is the index of the code among a heading's
 * values (1 in `row × code × phase`). Other bytes stay.
 */
export function renameCodeInSummaries(document: SummaryDocument, from: string, to: string, position = 1): { text: string; renamed: number } {
  const lines = [...document.lines];
  let renamed = 0;
  for (const section of document.sections) {
    if (section.parts[position] !== from) continue;
    const parts = [...section.parts];
    parts[position] = to;
    const ending = /\r?\n$/.exec(lines[section.at.heading])?.[0] ?? '';
    const bom = lines[section.at.heading].startsWith('\uFEFF') ? '\uFEFF' : '';
    lines[section.at.heading] = `${bom}## ${cellHeading(parts)}${ending}`;
    renamed++;
  }
  return { text: lines.join(''), renamed };
}
