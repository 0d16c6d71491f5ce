// One pure function per output format of the co-occurrence report.
import { toCsv } from './csv.js';
import { topPairs, type Cooccurrence, type CooccurrenceMatrix, type CooccurrenceMeasure } from '../core/cooccurrence.js';
import type { Cell } from '../core/select.js';
import { escapeMarkdownText } from './markdown-escape.js';
import { alignColumns, type Style } from './style.js';
import { forTerminal } from './terminal.js';

export function measureValue(value: number | null, measure: CooccurrenceMeasure): string {
  if (value === null) return '–';
  return measure === 'jaccard' ? value.toFixed(2) : String(value);
}

export function measureName(result: Cooccurrence, measure: CooccurrenceMeasure): string {
  const units = result.unit === 'document' ? 'notes' : 'segments';
  return measure === 'jaccard' ? `Jaccard index (${units} with both codes / ${units} with either)` : `${units} with both codes`;
}

export function cellTitle(cell: Cell, by: string[]): string {
  return by.length === 0 ? 'all notes' : by.map((name) => `${name} ${cell[name]}`).join(' · ');
}

function values(matrix: CooccurrenceMatrix, measure: CooccurrenceMeasure): (number | null)[][] {
  return measure === 'jaccard' ? matrix.jaccard : matrix.counts;
}

export function diagonalNote(measure: CooccurrenceMeasure): string {
  return `${measure === 'jaccard' ? 'The diagonal is 1 for each code that occurs (a code with itself)' : 'The diagonal shows how many units carry each code'}; – marks a code and its own sub-code.`;
}

function cooccurrenceTableUnsafe(result: Cooccurrence, measure: CooccurrenceMeasure, style: Style): string {
  const out: string[] = [style.bold(`Co-occurrence per ${result.unit}: ${measureName(result, measure)}`), ''];
  for (const matrix of result.matrices) {
    if (result.by.length > 0) out.push(style.cyan(cellTitle(matrix.cell, result.by)), '');
    const rows: string[][] = [['', ...result.codes.map((_, i) => style.bold(String(i + 1)))]];
    values(matrix, measure).forEach((row, i) => {
      const code = result.codes[i];
      const name = `${i + 1} ${code.id}`;
      rows.push([code.color ? style.hex(code.color, name) : name, ...row.map((v, j) => (i === j ? style.dim(measureValue(v, measure)) : v === 0 || v === null ? style.dim(measureValue(v, measure)) : measureValue(v, measure)))]);
    });
    out.push(alignColumns(rows, [false, ...result.codes.map(() => true)]), '');
  }
  out.push(diagonalNote(measure), '');
  return out.join('\n');
}

export function cooccurrenceMarkdown(result: Cooccurrence, measure: CooccurrenceMeasure): string {
  const out: string[] = [`# Co-occurrence per ${escapeMarkdownText(result.unit)}`, '', `Shown: ${measureName(result, measure)}.`, ''];
  for (const matrix of result.matrices) {
    if (result.by.length > 0) out.push(`## ${escapeMarkdownText(cellTitle(matrix.cell, result.by))}`, '');
    const head = ['code', ...result.codes.map((_, i) => String(i + 1))];
    out.push(`| ${head.join(' | ')} |`, `| ${head.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`);
    values(matrix, measure).forEach((row, i) => out.push(`| ${[`${i + 1} \`${result.codes[i].id}\``, ...row.map((v) => measureValue(v, measure))].join(' | ')} |`));
    const pairs = topPairs(result, matrix, 5);
    out.push('', pairs.length ? 'Most frequent pairs:' : 'No two codes share a unit.', '');
    for (const pair of pairs) out.push(`- \`${pair.a}\` + \`${pair.b}\`: ${pair.count} (Jaccard ${pair.jaccard.toFixed(2)})`);
    out.push('');
  }
  out.push(`_${diagonalNote(measure)}_`, '');
  return out.join('\n');
}

/** A tidy table: one row per cell and pair of codes (a ≤ b in codebook order), with both measures. */
export function cooccurrenceCsv(result: Cooccurrence): string {
  const head = [...result.by, 'code_a', 'code_b', 'count', 'jaccard', 'units'];
  const records: unknown[][] = [];
  for (const matrix of result.matrices) {
    for (let i = 0; i < result.codes.length; i++) {
      for (let j = i; j < result.codes.length; j++) {
        const count = matrix.counts[i][j];
        const jaccard = matrix.jaccard[i][j];
        records.push([...result.by.map((name) => matrix.cell[name]), result.codes[i].id, result.codes[j].id, count ?? '', jaccard ?? '', matrix.units]);
      }
    }
  }
  return toCsv(head, records, { jaccard: 4 });
}

export const COOCCURRENCE_JSON_VERSION = 'cooccurrence/1';

export function cooccurrenceJson(result: Cooccurrence, measure: CooccurrenceMeasure, filters: { where: Record<string, string[]>; codes: string[]; coder?: string }): string {
  const shape = {
    fieldcode: COOCCURRENCE_JSON_VERSION,
    unit: result.unit,
    measure,
    by: result.by,
    filters: { where: filters.where, codes: filters.codes, coder: filters.coder ?? null },
    codes: result.codes,
    matrices: result.matrices.map((matrix) => ({
      cell: matrix.cell,
      units: matrix.units,
      counts: matrix.counts,
      jaccard: matrix.jaccard.map((row) => row.map((v) => (v === null ? null : Number(v.toFixed(6))))),
    })),
  };
  return `${JSON.stringify(shape, null, 2)}\n`;
}

export const cooccurrenceTable = forTerminal(cooccurrenceTableUnsafe);
