// One pure function per output format of the frequency report.
import { toCsv } from './csv.js';
import type { Frequencies, FrequencyRow } from '../core/aggregate.js';
import type { Codebook } from '../types.js';
import { alignColumns, type Style } from './style.js';
import { escapeMarkdownText } from './markdown-escape.js';
import { forTerminal } from './terminal.js';

export const COUNT_COLUMNS = ['segments', 'documents', 'speakers', 'codings', 'share'] as const;

export function percent(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}

function title(report: Frequencies): string {
  const by = report.by.length > 0 ? ` by ${report.by.join(' × ')}` : '';
  const { notes, segments } = report.totals;
  return `Code frequencies${by}: ${notes} ${notes === 1 ? 'note' : 'notes'}, ${segments} ${segments === 1 ? 'segment' : 'segments'}`;
}

function frequenciesTableUnsafe(report: Frequencies, codebook: Codebook, style: Style): string {
  const header = ['code', ...report.by, ...COUNT_COLUMNS].map((h) => style.bold(h));
  const rows: string[][] = [header];
  let previous = '';
  for (const row of report.rows) {
    const first = row.code !== previous;
    previous = row.code;
    const color = codebook.byId.get(row.code)?.color;
    const name = `${'  '.repeat(row.depth)}${row.code}`;
    const codeCell = first ? (color ? style.hex(color, name) : name) : '';
    const counts = [row.segments, row.documents, row.speakers, row.codings].map(String);
    const share = row.segments === 0 ? style.dim(percent(row.share)) : percent(row.share);
    rows.push([codeCell, ...report.by.map((name) => row.cell[name]), ...counts.map((c) => (c === '0' ? style.dim(c) : c)), share]);
  }
  const right = [false, ...report.by.map(() => false), true, true, true, true, true];
  return `${style.bold(title(report))}\n\n${alignColumns(rows, right)}\n\nshare = coded segments / all segments in the cell\n`;
}

export function frequenciesMarkdown(report: Frequencies): string {
  const header = ['code', ...report.by, ...COUNT_COLUMNS];
  const lines = [`# ${escapeMarkdownText(title(report))}`, '', `| ${header.map(escapeMarkdownText).join(' | ')} |`, `| ${header.map((_, i) => (i > report.by.length ? '---:' : '---')).join(' | ')} |`];
  for (const row of report.rows) {
    const cells = [`${'&nbsp;&nbsp;'.repeat(row.depth)}\`${row.code}\``, ...report.by.map((name) => escapeMarkdownText(row.cell[name])), String(row.segments), String(row.documents), String(row.speakers), String(row.codings), percent(row.share)];
    lines.push(`| ${cells.join(' | ')} |`);
  }
  lines.push('', '_share_ = coded segments / all segments in the cell.', '');
  return lines.join('\n');
}

/** A tidy table: one row per code × cell. */
export function frequenciesCsv(report: Frequencies): string {
  const header = ['code', ...report.by, ...COUNT_COLUMNS];
  const records = report.rows.map((row) => [row.code, ...report.by.map((name) => row.cell[name]), row.segments, row.documents, row.speakers, row.codings, row.share]);
  return toCsv(header, records, { share: 4 });
}

export const FREQUENCIES_JSON_VERSION = 'frequencies/1';

export function frequenciesJson(report: Frequencies, codebook: Codebook, filters: { where: Record<string, string[]>; codes: string[]; coder?: string }): string {
  const shape = {
    fieldcode: FREQUENCIES_JSON_VERSION,
    codebook: { name: codebook.name, version: codebook.version },
    by: report.by,
    filters: { where: filters.where, codes: filters.codes, coder: filters.coder ?? null },
    totals: report.totals,
    cells: report.cells,
    rows: report.rows.map((row: FrequencyRow) => ({
      code: row.code,
      label: row.label,
      depth: row.depth,
      cell: row.cell,
      segments: row.segments,
      documents: row.documents,
      speakers: row.speakers,
      codings: row.codings,
      share: Number(row.share.toFixed(6)),
      cellSegments: row.cellSegments,
    })),
  };
  return `${JSON.stringify(shape, null, 2)}\n`;
}

export const frequenciesTable = forTerminal(frequenciesTableUnsafe);
