// Output of `fieldcode agree --table`: one line per coefficient that applies.
import type { TableAgreement, TableStatistic } from '../agreement/table-report.js';
import { toCsv } from './csv.js';
import { escapeMarkdownCell } from './markdown-escape.js';
import { alignColumns } from './style.js';
import { escapeControls } from './terminal.js';

export const TABLE_AGREEMENT_JSON_VERSION = 'agreement-table/1';

function number(x: number | null, digits: number): string {
  return x === null ? 'n/a' : x.toFixed(digits);
}

function value(s: TableStatistic): string {
  if (s.value === null) return 'n/a';
  return s.degenerate === 'no-variation' ? `${s.value.toFixed(3)}†` : s.value.toFixed(3);
}

function headline(r: TableAgreement): string {
  const weights = r.weights ? `, ${r.weights} weights` : '';
  return `Agreement over ${r.units} ${r.units === 1 ? 'unit' : 'units'} (${r.pairableUnits} with two or more values), ${r.coders.length} coders, ${r.level} level${weights}, ${r.categories.length} ${r.categories.length === 1 ? 'category' : 'categories'}`;
}

function footer(r: TableAgreement): string[] {
  const lines = ['observed, chance: p_o and p_e of each coefficient; for alpha the disagreements D_o and D_e. Formulas and conventions: docs/agreement.md.'];
  if (r.statistics.some((s) => s.value === null || s.degenerate)) lines.push('n/a: undefined for these data (no variation or nothing to compare). †: no variation, alpha is 1 by convention.');
  return lines;
}

export function tableAgreementText(r: TableAgreement): string {
  const rows = [['statistic', 'value', 'observed', 'chance'], ...r.statistics.map((s) => [s.name, value(s), number(s.observed, 3), number(s.chance, 3)])];
  return escapeControls([headline(r), `coders: ${r.coders.join(', ')}`, '', alignColumns(rows, [false, true, true, true]), '', ...footer(r)].join('\n') + '\n');
}

export function tableAgreementMarkdown(r: TableAgreement): string {
  const lines = [`**${escapeMarkdownCell(headline(r))}**`, '', `Coders: ${r.coders.map(escapeMarkdownCell).join(', ')}`, '', '| statistic | value | observed | chance |', '|---|---:|---:|---:|'];
  for (const s of r.statistics) lines.push(`| ${s.name} | ${value(s)} | ${number(s.observed, 3)} | ${number(s.chance, 3)} |`);
  return [...lines, '', ...footer(r)].join('\n') + '\n';
}

export function tableAgreementCsv(r: TableAgreement): string {
  return toCsv(
    ['statistic', 'name', 'value', 'observed', 'chance', 'degenerate'],
    r.statistics.map((s) => [s.id, s.name, s.value ?? '', s.observed ?? '', s.chance ?? '', s.degenerate ?? '']),
  );
}

export function tableAgreementJson(r: TableAgreement): string {
  return JSON.stringify({ version: TABLE_AGREEMENT_JSON_VERSION, ...r }, null, 2) + '\n';
}
