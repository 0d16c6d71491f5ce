// One pure function per text format of the saturation report (HTML and SVG are in html/).
import type { Saturation, SaturationCell } from '../core/saturation.js';
import { toCsv } from './csv.js';
import { escapeMarkdownText, markdownCode } from './markdown-escape.js';
import { alignColumns, type Style } from './style.js';
import { forTerminal } from './terminal.js';

export const SATURATION_CITATION = 'Guest, Namey & Chen (2020), “A simple method to assess and report thematic saturation in qualitative research”, PLoS ONE 15(5): e0232076';

/** What the figures are and are not. */
export const CODE_NOT_MEANING =
  'This is code saturation (no new codes turn up), not meaning saturation (the codes are fully understood; Hennink, Kaiser & Marconi 2017): it counts codes, it does not judge their depth.';

const pct = (share: number): string => `${(share * 100).toFixed(1).replace(/\.0$/, '')}%`;
const notes = (n: number): string => `${n} ${n === 1 ? 'note' : 'notes'}`;
const codes = (n: number): string => `${n} new ${n === 1 ? 'code' : 'codes'}`;

export function cellLabel(report: Saturation, cell: SaturationCell): string {
  return report.by.length === 0 ? 'all notes' : report.by.map((name) => `${name} ${cell.cell[name]}`).join(' × ');
}

/** The parameters as Guest et al. ask them to be reported. */
export function parameterSentence(report: Saturation): string {
  const { base, run, threshold, order } = report.options;
  return `Base size ${notes(base)}, run length ${notes(run)}, new-information threshold ≤${pct(threshold)} (new codes in a run / distinct codes in the base); notes ordered by ${order === 'date' ? 'date, then id' : 'id'}.`;
}

/** One cell's statement, e.g. "reached at 6 notes: notes 7–8 added 0 new codes (0% of the base's 12)". */
export function cellStatement(report: Saturation, cell: SaturationCell): string {
  const { base, run } = report.options;
  if (cell.reason === 'too-few-notes') return `not assessable: ${notes(cell.steps.length)}, fewer than base + run = ${base + run}`;
  if (cell.reason === 'no-codes-in-base') return `not assessable: the first ${notes(base)} have no codes`;
  const span = (r: { from: number; to: number }): string => (r.from === r.to ? `note ${r.from}` : `notes ${r.from}–${r.to}`);
  if (cell.confirmedBy && cell.saturatedAt !== null) {
    const r = cell.confirmedBy;
    return `reached at ${notes(cell.saturatedAt)}: ${span(r)} added ${codes(r.newCodes)} (${pct(r.share)} of the base’s ${cell.baseCodes})`;
  }
  const last = cell.runs[cell.runs.length - 1];
  return `not reached in ${notes(cell.steps.length)}: every run added more than the threshold (last, ${span(last)}: ${codes(last.newCodes)}, ${pct(last.share)} of the base’s ${cell.baseCodes})`;
}

function title(report: Saturation): string {
  return `Code saturation${report.by.length ? ` per ${report.by.join(' × ')}` : ''}`;
}

function saturationTableUnsafe(report: Saturation, style: Style): string {
  const out: string[] = [style.bold(title(report)), '', parameterSentence(report), ''];
  const rows: string[][] = [['cell', 'notes', 'codes', 'base codes', 'saturation'].map((h) => style.bold(h))];
  for (const cell of report.cells) {
    const statement = cellStatement(report, cell);
    rows.push([cellLabel(report, cell), String(cell.steps.length), String(cell.steps.at(-1)?.cumulative ?? 0), String(cell.baseCodes), statement.startsWith('reached') ? style.green(statement) : style.dim(statement)]);
  }
  out.push(alignColumns(rows, [false, true, true, true, false]), '');
  for (const cell of report.cells) {
    if (cell.steps.length === 0) continue;
    out.push(style.bold(cellLabel(report, cell)));
    const steps: string[][] = [['#', 'note', 'date', 'new', 'total', 'new codes'].map((h) => style.bold(h))];
    for (const step of cell.steps) steps.push([String(step.position), step.id, step.date, String(step.newCodes.length), String(step.cumulative), step.newCodes.join(', ')]);
    out.push(alignColumns(steps, [true, false, false, true, true, false]), '');
  }
  out.push(CODE_NOT_MEANING, `Method: ${SATURATION_CITATION}.`, '');
  return out.join('\n');
}

export function saturationMarkdown(report: Saturation): string {
  const out: string[] = [`# ${escapeMarkdownText(title(report))}`, '', escapeMarkdownText(parameterSentence(report)), ''];
  out.push('| cell | notes | codes | base codes | saturation |', '| --- | ---: | ---: | ---: | --- |');
  for (const cell of report.cells) {
    out.push(`| ${[cellLabel(report, cell), String(cell.steps.length), String(cell.steps.at(-1)?.cumulative ?? 0), String(cell.baseCodes), cellStatement(report, cell)].map(escapeMarkdownText).join(' | ')} |`);
  }
  out.push('');
  for (const cell of report.cells) {
    if (cell.steps.length === 0) continue;
    out.push(`## ${escapeMarkdownText(cellLabel(report, cell))}`, '', '| # | note | date | new | total | new codes |', '| ---: | --- | --- | ---: | ---: | --- |');
    for (const step of cell.steps) {
      out.push(`| ${step.position} | ${markdownCode(step.id)} | ${escapeMarkdownText(step.date)} | ${step.newCodes.length} | ${step.cumulative} | ${step.newCodes.map(markdownCode).join(', ')} |`);
    }
    out.push('');
  }
  out.push(`_${escapeMarkdownText(CODE_NOT_MEANING)}_`, '', `_Method: ${escapeMarkdownText(SATURATION_CITATION)}._`, '');
  return out.join('\n');
}

/** A tidy table: one row per cell × note. */
export function saturationCsv(report: Saturation): string {
  const head = [...report.by, 'position', 'note', 'id', 'date', 'new_codes', 'cumulative_codes', 'new', 'saturated_at'];
  const rows: unknown[][] = [];
  for (const cell of report.cells) {
    for (const step of cell.steps) rows.push([...report.by.map((name) => cell.cell[name]), step.position, step.note, step.id, step.date, step.newCodes.length, step.cumulative, step.newCodes.join(' '), cell.saturatedAt ?? '']);
  }
  return toCsv(head, rows);
}

export const SATURATION_JSON_VERSION = 'saturation/1';

export function saturationJson(report: Saturation, filters: { where: Record<string, string[]>; codes: string[]; coder?: string }): string {
  const shape = {
    fieldcode: SATURATION_JSON_VERSION,
    kind: 'code saturation',
    method: SATURATION_CITATION,
    by: report.by,
    options: { base: report.options.base, run: report.options.run, threshold: report.options.threshold, order: report.options.order },
    filters: { where: filters.where, codes: filters.codes, coder: filters.coder ?? null },
    cells: report.cells.map((cell) => ({
      cell: cell.cell,
      notes: cell.steps.length,
      codes: cell.steps.at(-1)?.cumulative ?? 0,
      baseCodes: cell.baseCodes,
      saturatedAt: cell.saturatedAt,
      confirmedBy: cell.confirmedBy && { ...cell.confirmedBy, share: Number(cell.confirmedBy.share.toFixed(6)) },
      reason: cell.reason ?? null,
      statement: cellStatement(report, cell),
      runs: cell.runs.map((run) => ({ ...run, share: Number(run.share.toFixed(6)) })),
      steps: cell.steps,
    })),
  };
  return `${JSON.stringify(shape, null, 2)}\n`;
}

export const saturationTable = forTerminal(saturationTableUnsafe);
