// One pure function per output format of the phase-change report.
import { toCsv } from './csv.js';
import type { ChangeThresholds, PhaseChange, PhasePoint, PhaseSeries } from '../core/phase-change.js';
import { percent } from './frequencies.js';
import { escapeMarkdownText } from './markdown-escape.js';
import { alignColumns, type Style } from './style.js';
import { forTerminal } from './terminal.js';

export function points(value: number): string {
  const fixed = value.toFixed(1);
  const clean = fixed === '-0.0' ? '0.0' : fixed;
  return `${value > 0 && clean !== '0.0' ? '+' : ''}${clean} pp`;
}

function signed(value: number): string {
  return value > 0 ? `+${value}` : String(value);
}

/** `13.3% (4)` */
export function pointValue(point: PhasePoint): string {
  return point.cellSegments === 0 ? '–' : `${percent(point.share)} (${point.segments})`;
}

/** `+6.2 pp (+1) new`, `–` for the first phase or without data. */
export function pointChange(point: PhasePoint): string {
  if (point.status === 'no-data') return point.cellSegments === 0 ? 'no notes' : 'no notes before';
  if (point.status === 'first' || point.change === null || point.changePoints === null) return '';
  const marker = point.status === 'new' || point.status === 'gone' || point.status === 'back' ? ` ${point.status}` : '';
  if (point.status === 'absent') return '0';
  return `${points(point.changePoints)} (${signed(point.change)})${marker}`;
}

function groupLabel(series: PhaseSeries, by: string[]): string[] {
  return by.map((name) => series.group[name]);
}

function title(report: PhaseChange): string {
  return `Change between ${report.phase} values${report.by.length ? ` per ${report.by.join(' × ')}` : ''}: ${report.phases.join(' → ')}`;
}

/** How the categories were drawn, in words, with the thresholds used. */
export function categoryNote(thresholds: ChangeThresholds): string {
  const pp = `${thresholds.constant} pp`;
  const present = thresholds.present === 1 ? 'coded at least once' : `coded in at least ${thresholds.present} segments`;
  return `category (Saldaña 2003), over the phases with notes; present = ${present}: emerges = absent at first, then present to the last phase; ceases = present at first, then absent to the last; increases / decreases = present throughout, share up / down by at least ${pp} overall with no step of ${pp} the other way; constant = present throughout, no step and no overall change of ${pp} or more; idiosyncratic = any other pattern (a gap, a return, up and down).`;
}

const FOOTNOTE = 'share = coded segments / all segments in the cell; change = share minus the previous phase’s share, in percentage points (pp), with the change in coded segments in brackets. new = first time coded in this group, back = coded again after a gap, gone = coded in the previous phase but not now.';

function header(report: PhaseChange): string[] {
  return ['code', ...report.by, ...report.phases.flatMap((phase, i) => (i === 0 ? [phase] : [phase, `Δ ${phase}`])), 'category'];
}

function cells(report: PhaseChange, series: PhaseSeries): string[] {
  return [...series.points.flatMap((point, i) => (i === 0 ? [pointValue(point)] : [pointValue(point), pointChange(point)])), series.category ?? ''];
}

function phaseChangeTableUnsafe(report: PhaseChange, style: Style): string {
  const rows: string[][] = [header(report).map((h) => style.bold(h))];
  let previous = '';
  for (const series of report.series) {
    const first = series.code !== previous;
    previous = series.code;
    const name = `${'  '.repeat(series.depth)}${series.code}`;
    const values = cells(report, series).map((value) =>
      value.endsWith(' new') || value.endsWith(' back') ? style.green(value) : value.endsWith(' gone') ? style.red(value) : value === '–' || value === '0' || value.startsWith('no notes') ? style.dim(value) : value,
    );
    rows.push([first ? (series.color ? style.hex(series.color, name) : name) : '', ...groupLabel(series, report.by), ...values]);
  }
  const right = [false, ...report.by.map(() => false), ...report.phases.flatMap((_, i) => (i === 0 ? [true] : [true, true])), false];
  return `${style.bold(title(report))}\n\n${alignColumns(rows, right)}\n\n${FOOTNOTE}\n${categoryNote(report.thresholds)}\n`;
}

export function phaseChangeMarkdown(report: PhaseChange): string {
  const head = header(report);
  const lines = [`# ${escapeMarkdownText(title(report))}`, '', `| ${head.map(escapeMarkdownText).join(' | ')} |`, `| ${head.map((_, i) => (i > report.by.length && i < head.length - 1 ? '---:' : '---')).join(' | ')} |`];
  for (const series of report.series) {
    lines.push(`| ${[`${'&nbsp;&nbsp;'.repeat(series.depth)}\`${series.code}\``, ...groupLabel(series, report.by).map(escapeMarkdownText), ...cells(report, series).map((c) => (/ (new|back|gone)$/.test(c) ? c.replace(/ (new|back|gone)$/, ' **$1**') : c))].join(' | ')} |`);
  }
  lines.push('', `_${FOOTNOTE}_`, '', `_${escapeMarkdownText(categoryNote(report.thresholds))}_`, '');
  return lines.join('\n');
}

/** A tidy table: one row per code × group × phase. */
export function phaseChangeCsv(report: PhaseChange): string {
  const head = ['code', ...report.by, report.phase, 'segments', 'documents', 'codings', 'share', 'cell_segments', 'change_segments', 'change_points', 'status', 'category_through', 'category'];
  const records: unknown[][] = [];
  for (const series of report.series) {
    for (const point of series.points) {
      records.push([series.code, ...groupLabel(series, report.by), point.phase, point.segments, point.documents, point.codings, point.share, point.cellSegments, point.change ?? '', point.changePoints ?? '', point.status, point.through ?? '', series.category ?? '']);
    }
  }
  return toCsv(head, records, { share: 4, change_points: 2 });
}

export const PHASE_CHANGE_JSON_VERSION = 'phase-change/1';

export function phaseChangeJson(report: PhaseChange, filters: { where: Record<string, string[]>; codes: string[]; coder?: string }): string {
  const shape = {
    fieldcode: PHASE_CHANGE_JSON_VERSION,
    phase: report.phase,
    phases: report.phases,
    by: report.by,
    filters: { where: filters.where, codes: filters.codes, coder: filters.coder ?? null },
    groups: report.groups,
    thresholds: report.thresholds,
    series: report.series.map((series) => ({
      code: series.code,
      label: series.label,
      depth: series.depth,
      group: series.group,
      category: series.category,
      points: series.points.map((p) => ({
        phase: p.phase,
        segments: p.segments,
        documents: p.documents,
        codings: p.codings,
        share: Number(p.share.toFixed(6)),
        cellSegments: p.cellSegments,
        change: p.change,
        changePoints: p.changePoints === null ? null : Number(p.changePoints.toFixed(4)),
        status: p.status,
        through: p.through,
      })),
    })),
  };
  return `${JSON.stringify(shape, null, 2)}\n`;
}

export const phaseChangeTable = forTerminal(phaseChangeTableUnsafe);
