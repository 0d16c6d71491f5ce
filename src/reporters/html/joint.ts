// The joint display as HTML: a chart of both series (one panel each, so two
// scales never share an axis) and the table with quotes. Every value from the
// CSV, the notes or the codebook is escaped.
import type { Joint } from '../../core/joint.js';
import { JOINT_NOTE, jointTitle, measureChangeText, measureText, shareText } from '../joint.js';
import { points } from '../phase-change.js';
import { figure, type Chart } from './charts.js';
import { escapeHtml as esc } from './escape.js';
import { page, sourceLink } from './page.js';
import { xyChart } from './xy-chart.js';
import type { HtmlOptions } from './reports.js';

export function jointChart(report: Joint): Chart {
  const series = (value: (i: number, k: number) => number | null) => report.units.map((unit, i) => ({ id: `u${i}`, label: unit.label || 'all', values: unit.points.map((_, k) => value(i, k)) }));
  return xyChart({
    id: 'joint',
    title: jointTitle(report),
    description: `Two panels over ${report.phase}: ${report.measure} from the measures table, and the share of segments coded ${report.code}, one line per ${report.by.join(' × ') || 'unit'}. The same numbers are in the table below.`,
    xName: report.phase,
    panels: [
      { label: report.measure, xs: report.phases, series: series((i, k) => report.units[i].points[k].measure), yLabel: report.measure, format: (v) => measureText(v) },
      { label: `share of segments coded ${report.code}`, xs: report.phases, series: series((i, k) => { const s = report.units[i].points[k].share; return s === null ? null : s * 100; }), yLabel: 'share (%)', format: (v) => `${Number(v.toFixed(1))}%` },
    ],
  });
}

export function jointHtml(report: Joint, options: HtmlOptions = {}): string {
  const title = options.title ?? jointTitle(report);
  const head = [...report.by, report.phase, report.measure, `Δ ${report.measure}`, `share ${report.code}`, 'Δ share', 'quotes'];
  const rows = report.units.flatMap((unit) =>
    unit.points.map((p) => {
      const quotes = p.quotes.map((q) => `<blockquote><p>${esc(q.text)}</p><footer>${sourceLink(q.note, q.line, options.linkBase)}</footer></blockquote>`).join('');
      return `<tr>${report.by.map((t) => `<th scope="row">${esc(unit.unit[t])}</th>`).join('')}<td class="text">${esc(p.phase)}</td><td>${esc(measureText(p.measure))}</td><td>${esc(measureChangeText(p.measureChange))}</td><td>${esc(shareText(p))}</td><td>${esc(p.shareChange === null ? '' : points(p.shareChange))}</td><td class="text">${quotes}</td></tr>`;
    }),
  );
  const body = [
    `<p class="meta">Measures from <code>${esc(report.file)}</code>; code <code>${esc(report.code)}</code> (${esc(report.codeLabel)}).</p>`,
    figure(jointChart(report), `${report.measure} (top) and the share of segments coded ${report.code} (bottom), per ${report.phase}.`),
    `<table class="data">\n<thead><tr>${head.map((h) => `<th scope="col">${esc(h)}</th>`).join('')}</tr></thead>\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table>`,
    `<p class="note">${esc(JOINT_NOTE)}</p>`,
  ].join('\n');
  return page({ title, lang: options.lang, subtitle: 'joint display: a measure and a code side by side', body });
}
