// The saturation report as HTML and as a standalone SVG: the cumulative code
// curve of each cell (distinct codes after each note), with the statement.
import type { Saturation } from '../../core/saturation.js';
import { CODE_NOT_MEANING, cellLabel, cellStatement, parameterSentence, SATURATION_CITATION } from '../saturation.js';
import { figure, standaloneSvg, type Chart } from './charts.js';
import { escapeHtml as esc } from './escape.js';
import { page } from './page.js';
import { xyChart } from './xy-chart.js';
import type { HtmlOptions } from './reports.js';

export function saturationChart(report: Saturation): Chart {
  const cells = report.cells.filter((cell) => cell.steps.length > 0);
  return xyChart({
    id: 'saturation',
    title: `Cumulative codes${report.by.length ? ` per ${report.by.join(' × ')}` : ''}`,
    description: `Distinct codes after each note, in ${report.options.order} order, one panel per cell. The same numbers are in the tables below.`,
    xName: 'notes in order',
    panels: cells.map((cell) => ({
      label: `${cellLabel(report, cell)}: ${cellStatement(report, cell)}`,
      xs: cell.steps.map((step) => String(step.position)),
      series: [{ id: 'codes', label: 'distinct codes', values: cell.steps.map((step) => step.cumulative) }],
      yLabel: 'distinct codes',
      integer: true,
      format: (v) => String(v),
    })),
  });
}

export function saturationSvg(report: Saturation): string {
  return standaloneSvg(saturationChart(report));
}

export function saturationHtml(report: Saturation, options: HtmlOptions = {}): string {
  const title = options.title ?? `Code saturation${report.by.length ? ` per ${report.by.join(' × ')}` : ''}`;
  const summary = report.cells.map((cell) => `<tr><th scope="row">${esc(cellLabel(report, cell))}</th><td>${cell.steps.length}</td><td>${cell.steps.at(-1)?.cumulative ?? 0}</td><td>${cell.baseCodes}</td><td class="text">${esc(cellStatement(report, cell))}</td></tr>`);
  const steps = report.cells
    .filter((cell) => cell.steps.length > 0)
    .map((cell) => {
      const rows = cell.steps.map((s) => `<tr><td>${s.position}</td><td class="text"><code>${esc(s.id)}</code></td><td class="text">${esc(s.date)}</td><td>${s.newCodes.length}</td><td>${s.cumulative}</td><td class="text">${s.newCodes.map((c) => `<code>${esc(c)}</code>`).join(', ')}</td></tr>`);
      return `<h3>${esc(cellLabel(report, cell))}</h3>\n<table class="data">\n<thead><tr><th scope="col">#</th><th scope="col">note</th><th scope="col">date</th><th scope="col">new</th><th scope="col">total</th><th scope="col">new codes</th></tr></thead>\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table>`;
    });
  const body = [
    `<p>${esc(parameterSentence(report))}</p>`,
    `<table class="data">\n<thead><tr><th scope="col">cell</th><th scope="col">notes</th><th scope="col">codes</th><th scope="col">base codes</th><th scope="col">saturation</th></tr></thead>\n<tbody>\n${summary.join('\n')}\n</tbody>\n</table>`,
    figure(saturationChart(report), 'Distinct codes after each note: the curve flattens where notes stop adding codes.'),
    '<h2>New codes per note</h2>',
    ...steps,
    `<p class="note">${esc(CODE_NOT_MEANING)}</p>`,
    `<p class="note">Method: ${esc(SATURATION_CITATION)}.</p>`,
  ].join('\n');
  return page({ title, lang: options.lang, subtitle: 'code saturation, not meaning saturation', body });
}
