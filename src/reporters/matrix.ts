// One pure function per output format of the framework matrix: a table per
// phase (rows are cases, columns codes), then each cell's summary and quotes.
import type { Matrix, MatrixCell, MatrixPassage, MatrixRow, MatrixTable } from '../core/matrix.js';
import { cellHeading } from '../core/summaries.js';
import { toCsv } from './csv.js';
import { percent } from './frequencies.js';
import { escapeMarkdownCell, escapeMarkdownText } from './markdown-escape.js';
import { escapeHtml, safeId } from './html/escape.js';
import { page, sourceLink } from './html/page.js';
import { alignColumns, type Style } from './style.js';
import { forTerminal } from './terminal.js';
import { workbookModel, type SheetModel } from './xlsx.js';

function title(matrix: Matrix): string {
  return `Framework matrix${matrix.name ? ` \`${matrix.name}\`` : ''}: ${matrix.rows} × code${matrix.per ? ` per ${matrix.per}` : ''}`;
}

const plainTitle = (matrix: Matrix): string => title(matrix).replace(/`/g, '');

function tableTitle(matrix: Matrix, table: MatrixTable): string {
  return table.phase !== undefined ? `${matrix.per} ${table.phase}` : 'all notes';
}

const FOOTNOTE =
  'Each cell: coded segments / documents. turns = segments spoken by (or, for a variable, written in) the row; coded = turns coded with at least one of the columns’ codes. A summary is the researcher’s, from the summaries file.';

function count(cell: MatrixCell): string {
  return cell.segments === 0 ? '–' : `${cell.segments} / ${cell.documents}${cell.summary ? ' ✎' : ''}`;
}

function shown(table: MatrixTable): { row: MatrixRow; cell: MatrixCell }[] {
  return table.rows.flatMap((row) => row.cells.filter((cell) => cell.summary || cell.quotes.length > 0).map((cell) => ({ row, cell })));
}

function attribution(quote: MatrixPassage): string {
  return [quote.speaker, `${quote.note}:${quote.line}`].filter(Boolean).join(' · ');
}

function labelOf(matrix: Matrix, code: string): string {
  return matrix.codes.find((c) => c.id === code)?.label ?? code;
}

function matrixTableUnsafe(matrix: Matrix, style: Style): string {
  const out: string[] = [style.bold(plainTitle(matrix)), ''];
  for (const table of matrix.tables) {
    if (matrix.per) out.push(style.bold(tableTitle(matrix, table)), '');
    const rows = [[matrix.rows, 'turns', 'words', 'coded', ...matrix.codes.map((c) => c.id)].map((h) => style.bold(h))];
    for (const row of table.rows) rows.push([row.value, String(row.turns), String(row.words), percent(row.codedShare), ...row.cells.map((cell) => (cell.segments === 0 ? style.dim('–') : count(cell)))]);
    out.push(alignColumns(rows, [false, true, true, true, ...matrix.codes.map(() => true)]), '');
    for (const { cell } of shown(table)) {
      out.push(style.bold(`${cellHeading(cell.parts)}`) + `  ${plural(cell.segments, 'segment')}, ${plural(cell.documents, 'document')}`);
      if (cell.summary) out.push(...cell.summary.text.split('\n').map((line) => `  ${line}`));
      for (const quote of cell.quotes) out.push(`    “${quote.text}”`, `      — ${attribution(quote)}`);
      out.push('');
    }
  }
  out.push(style.dim(FOOTNOTE), '');
  return out.join('\n');
}

export const matrixTable = forTerminal(matrixTableUnsafe);

export function matrixMarkdown(matrix: Matrix): string {
  const out: string[] = [`# ${escapeMarkdownText(plainTitle(matrix))}`, ''];
  for (const table of matrix.tables) {
    if (matrix.per) out.push(`## ${escapeMarkdownText(tableTitle(matrix, table))}`, '');
    out.push(`| ${[matrix.rows, 'turns', 'words', 'coded', ...matrix.codes.map((c) => c.label)].map((h) => escapeMarkdownText(h)).join(' | ')} |`);
    out.push(`| --- | ${['turns', 'words', 'coded', ...matrix.codes].map(() => '---:').join(' | ')} |`);
    for (const row of table.rows) out.push(`| ${[escapeMarkdownText(row.value), String(row.turns), String(row.words), percent(row.codedShare), ...row.cells.map(count)].map(escapeMarkdownCell).join(' | ')} |`);
    out.push('');
    for (const { row, cell } of shown(table)) {
      out.push(`${matrix.per ? '###' : '##'} ${escapeMarkdownText(`${row.value} × ${labelOf(matrix, cell.code)}${table.phase !== undefined ? ` × ${table.phase}` : ''}`)}`, '');
      out.push(`${plural(cell.segments, 'segment')}, ${plural(cell.documents, 'document')}.`, '');
      if (cell.summary) out.push(...cell.summary.text.split('\n').map((line) => escapeMarkdownText(line)), '');
      for (const quote of cell.quotes) out.push(`> ${escapeMarkdownText(quote.text)}`, '>', `> — ${escapeMarkdownText(attribution(quote))}`, '');
    }
  }
  out.push(`_${escapeMarkdownText(FOOTNOTE)}_`, '');
  return out.join('\n');
}

const cellId = (cell: MatrixCell): string => `cell-${safeId(cell.parts.join('-'))}`;

export function matrixHtml(matrix: Matrix, options: { title?: string; linkBase?: string; lang?: string }): string {
  const body: string[] = [];
  for (const table of matrix.tables) {
    body.push(`<section class="phase">`);
    if (matrix.per) body.push(`<h2>${escapeHtml(tableTitle(matrix, table))}</h2>`);
    body.push('<table>', `<caption>${escapeHtml(plainTitle(matrix))}${matrix.per ? ` · ${escapeHtml(tableTitle(matrix, table))}` : ''}</caption>`);
    body.push(`<thead><tr>${[matrix.rows, 'turns', 'words', 'coded', ...matrix.codes.map((c) => c.label)].map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('')}</tr></thead>`, '<tbody>');
    for (const row of table.rows) {
      const cells = row.cells.map((cell) => {
        const text = escapeHtml(count(cell));
        return `<td class="num">${cell.summary || cell.quotes.length > 0 ? `<a href="#${cellId(cell)}">${text}</a>` : text}</td>`;
      });
      body.push(`<tr><th scope="row">${escapeHtml(row.value)}</th><td class="num">${row.turns}</td><td class="num">${row.words}</td><td class="num">${escapeHtml(percent(row.codedShare))}</td>${cells.join('')}</tr>`);
    }
    body.push('</tbody>', '</table>');
    for (const { row, cell } of shown(table)) {
      body.push(`<section id="${cellId(cell)}">`, `<h3>${escapeHtml(`${row.value} × ${labelOf(matrix, cell.code)}${table.phase !== undefined ? ` × ${table.phase}` : ''}`)}</h3>`);
      body.push(`<p class="meta">${plural(cell.segments, 'segment')}, ${plural(cell.documents, 'document')}</p>`);
      if (cell.summary) for (const paragraph of cell.summary.text.split(/\n\s*\n/)) body.push(`<p>${escapeHtml(paragraph.trim())}</p>`);
      for (const quote of cell.quotes) {
        body.push(`<blockquote><p>${escapeHtml(quote.text)}</p><footer>— ${quote.speaker ? `${escapeHtml(quote.speaker)} · ` : ''}${sourceLink(quote.note, quote.line, options.linkBase)}</footer></blockquote>`);
      }
      body.push('</section>');
    }
    body.push('</section>');
  }
  body.push(`<p class="meta">${escapeHtml(FOOTNOTE)}</p>`);
  return page({ title: options.title ?? plainTitle(matrix), body: body.join('\n'), ...(options.lang !== undefined ? { lang: options.lang } : {}) });
}

const QUOTE_SEPARATOR = ' | ';

/** One line per cell: its counts, summary and quotes (`path:line`, separated by ` | `). */
export function matrixCsv(matrix: Matrix): string {
  const header = [...(matrix.per ? [matrix.per] : []), matrix.rows, 'code', 'code_label', 'segments', 'documents', 'summary', 'quotes'];
  const rows: unknown[][] = [];
  for (const table of matrix.tables) for (const row of table.rows) for (const cell of row.cells) {
    rows.push([...(matrix.per ? [table.phase] : []), row.value, cell.code, labelOf(matrix, cell.code), cell.segments, cell.documents, cell.summary?.text ?? '', cell.quotes.map((q) => `${q.note}:${q.line}`).join(QUOTE_SEPARATOR)]);
  }
  return toCsv(header, rows);
}

/**
 * The presence export: tidy case × code × phase, one line each, for R, SPSS
 * and Stata. Columns: case, code, phase ('' without `per`), present (1 when
 * coded at least once, else 0), segments, documents, case_segments (all
 * segments of the case in that phase).
 */
export function matrixPresenceCsv(matrix: Matrix): string {
  return toCsv(PRESENCE_COLUMNS, presenceRows(matrix));
}

const PRESENCE_COLUMNS = ['case', 'code', 'phase', 'present', 'segments', 'documents', 'case_segments'];

function presenceRows(matrix: Matrix): (string | number)[][] {
  return matrix.tables.flatMap((table) => table.rows.flatMap((row) => row.cells.map((cell) => [row.value, cell.code, table.phase ?? '', cell.segments > 0 ? 1 : 0, cell.segments, cell.documents, row.turns])));
}

export function matrixJson(matrix: Matrix): string {
  const tables = matrix.tables.map((table) => ({
    ...(table.phase !== undefined ? { phase: table.phase } : {}),
    rows: table.rows.map((row) => ({
      value: row.value,
      turns: row.turns,
      words: row.words,
      codedTurns: row.codedTurns,
      codedShare: row.codedShare,
      cells: row.cells.map((cell) => ({ code: cell.code, segments: cell.segments, documents: cell.documents, ...(cell.summary ? { summary: cell.summary.text } : {}), quotes: cell.quotes.map(({ id, text, speaker, note, line, column, codes }) => ({ id, text, ...(speaker ? { speaker } : {}), note, line, column, codes })) })),
    })),
  }));
  return `${JSON.stringify({ kind: 'matrix', ...(matrix.name ? { name: matrix.name } : {}), rows: matrix.rows, ...(matrix.per ? { per: matrix.per } : {}), codes: matrix.codes, phases: matrix.phases, tables }, null, 2)}\n`;
}

/** One sheet per phase: a row per case, a column per code; each cell its counts, summary and quotes. */
export function matrixXlsx(matrix: Matrix): string {
  const sheets: SheetModel[] = matrix.tables.map((table) => ({
    name: table.phase !== undefined ? `${matrix.per} ${table.phase}` : 'matrix',
    widths: [18, 8, 8, 8, ...matrix.codes.map(() => 48)],
    rows: [
      [matrix.rows, 'turns', 'words', 'coded', ...matrix.codes.map((c) => c.label)],
      ...table.rows.map((row) => [
        row.value,
        row.turns,
        row.words,
        percent(row.codedShare),
        ...row.cells.map((cell) =>
          [cell.segments === 0 ? '–' : `${plural(cell.segments, 'segment')}, ${plural(cell.documents, 'document')}`, ...(cell.summary ? [cell.summary.text] : []), ...cell.quotes.map((q) => `“${q.text}” — ${attribution(q)}`)].join('\n\n'),
        ),
      ]),
    ],
  }));
  sheets.push({ name: 'presence', rows: [PRESENCE_COLUMNS, ...presenceRows(matrix)] });
  return workbookModel(sheets);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
