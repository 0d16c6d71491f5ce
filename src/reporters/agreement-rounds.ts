// `agree --by VAR` and `agree --rounds`: one overall agreement row per round,
// as a table, Markdown, CSV or JSON.
import type { AgreementUnit } from '../agreement/compare.js';
import type { RoundRow } from '../agreement/agreement-by.js';
import { formatPercent, formatStat } from './agreement.js';
import { toCsv } from './csv.js';
import { alignColumns } from './style.js';

export interface RoundsView {
  by: string;
  rows: RoundRow[];
  unit: AgreementUnit;
  /** Compared notes without the variable, left out. */
  untagged: number;
}

export function roundsText({ by, rows, unit, untagged }: RoundsView, format: string): string {
  const header = [by, 'notes', 'units', 'agree', 'PA', 'κ', 'κ BP', 'α'];
  const cellsOf = (r: RoundRow) => [r.value, String(r.notes), String(r.row.units), String(r.row.agreements), formatPercent(r.row.percent), formatStat(r.row.kappa), formatStat(r.row.brennanPrediger), formatStat(r.row.alpha)];
  if (format === 'json') return `${JSON.stringify({ version: 'agreement-rounds/1', by, unit, rounds: rows.map((r) => ({ [by]: r.value, notes: r.notes, ...r.row, code: undefined })), untagged }, null, 2)}\n`;
  if (format === 'csv') return toCsv(['value', 'notes', 'units', 'agreements', 'percent', 'kappa', 'brennan_prediger', 'alpha'], rows.map((r) => [r.value, r.notes, r.row.units, r.row.agreements, r.row.percent.value ?? '', r.row.kappa.value ?? '', r.row.brennanPrediger.value ?? '', r.row.alpha.value ?? '']));
  const note = untagged > 0 ? [`${untagged} ${untagged === 1 ? 'note has' : 'notes have'} no \`${by}\` and ${untagged === 1 ? 'is' : 'are'} left out.`] : [];
  if (format === 'markdown') return [`**Agreement by ${by}** (${unit} unit, all codes)`, '', `| ${header.join(' | ')} |`, `|${header.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`, ...rows.map((r) => `| ${cellsOf(r).join(' | ')} |`), '', ...note, ''].join('\n');
  return `${[`Agreement by ${by} (${unit} unit, all codes)`, '', alignColumns([header, ...rows.map(cellsOf)], header.map((_, i) => i > 0)), ...(note.length ? ['', ...note] : [])].join('\n')}\n`;
}
