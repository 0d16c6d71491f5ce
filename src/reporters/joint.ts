// The joint display as a terminal table, Markdown and CSV (HTML and its chart are in html/joint.ts).
import type { Joint, JointPoint } from '../core/joint.js';
import { toCsv } from './csv.js';
import { percent } from './frequencies.js';
import { points } from './phase-change.js';
import { escapeMarkdownText, markdownCode } from './markdown-escape.js';
import { alignColumns, type Style } from './style.js';
import { forTerminal } from './terminal.js';

/** `12`, `12.5`, `-0.25`: at most two decimals, none it does not need. */
export function measureText(value: number | null): string {
  return value === null ? '–' : String(Number(value.toFixed(2)));
}

export function measureChangeText(value: number | null): string {
  if (value === null) return '';
  const text = measureText(value);
  return value > 0 && text !== '0' ? `+${text}` : text;
}

export function shareText(point: JointPoint): string {
  return point.share === null ? '–' : `${percent(point.share)} (${point.coded}/${point.segments})`;
}

export function jointTitle(report: Joint): string {
  return `${report.measure} and ${report.code} per ${[...report.by, report.phase].join(' × ')}`;
}

export const JOINT_NOTE =
  'measure: the value in the measures table; share: segments coded with the code (or a sub-code) / all segments of the cell (for a participant: the segments they speak); Δ: the change since the previous phase (share in percentage points). The two series are shown side by side, not correlated: read the quotes for what the change means.';

function header(report: Joint): string[] {
  return [...report.by, report.phase, report.measure, `Δ ${report.measure}`, `share ${report.code}`, 'Δ share'];
}

function cells(report: Joint): string[][] {
  return report.units.flatMap((unit) => unit.points.map((p) => [...report.by.map((t) => unit.unit[t]), p.phase, measureText(p.measure), measureChangeText(p.measureChange), shareText(p), p.shareChange === null ? '' : points(p.shareChange)]));
}

function jointTableUnsafe(report: Joint, style: Style): string {
  const rows = [header(report).map((h) => style.bold(h)), ...cells(report)];
  const right = header(report).map((_, i) => i > report.by.length);
  const out = [style.bold(jointTitle(report)), '', `measures: ${report.file}`, '', alignColumns(rows, right), ''];
  for (const unit of report.units) {
    for (const point of unit.points) {
      for (const quote of point.quotes) out.push(`${unit.label}, ${report.phase} ${point.phase}: “${quote.text}” (${quote.note}:${quote.line})`);
    }
  }
  out.push('', JOINT_NOTE, '');
  return out.join('\n');
}

export function jointMarkdown(report: Joint): string {
  const head = [...header(report), 'quotes'];
  const out = [`# ${escapeMarkdownText(jointTitle(report))}`, '', `_Measures from ${markdownCode(report.file)}; code ${markdownCode(report.code)} (${escapeMarkdownText(report.codeLabel)})._`, ''];
  out.push(`| ${head.map(escapeMarkdownText).join(' | ')} |`, `| ${head.map((_, i) => (i > report.by.length && i < head.length - 1 ? '---:' : '---')).join(' | ')} |`);
  let k = 0;
  const rows = cells(report);
  for (const unit of report.units) {
    for (const point of unit.points) {
      const quotes = point.quotes.map((q) => `“${escapeMarkdownText(q.text)}” ${markdownCode(`${q.note}:${q.line}`)}`).join('<br>');
      out.push(`| ${[...rows[k++].map(escapeMarkdownText), quotes].join(' | ')} |`);
    }
  }
  out.push('', `_${escapeMarkdownText(JOINT_NOTE)}_`, '');
  return out.join('\n');
}

/** One row per unit × phase. */
export function jointCsv(report: Joint): string {
  const head = [...report.by, report.phase, 'measure', 'value', 'measure_change', 'code', 'coded_segments', 'segments', 'share', 'share_change_points', 'quote_1', 'quote_1_source', 'quote_2', 'quote_2_source'];
  const rows: unknown[][] = [];
  for (const unit of report.units) {
    for (const p of unit.points) {
      const q = (i: number): string[] => (p.quotes[i] ? [p.quotes[i].text, `${p.quotes[i].note}:${p.quotes[i].line}`] : ['', '']);
      rows.push([...report.by.map((t) => unit.unit[t]), p.phase, report.measure, p.measure ?? '', p.measureChange ?? '', report.code, p.coded, p.segments, p.share ?? '', p.shareChange ?? '', ...q(0), ...q(1)]);
    }
  }
  return toCsv(head, rows, { share: 4, share_change_points: 2 });
}

export const jointTable = forTerminal(jointTableUnsafe);
