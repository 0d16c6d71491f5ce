// A line chart of numbers (not shares) in stacked panels that share nothing
// but their style: the saturation curve (codes over notes) and the joint
// display (a measure and a code share over phases, one panel each, so two
// scales are never drawn on one axis). Every label is escaped.
import { FONT, seriesColor, type Chart, type ChartSeries } from './charts.js';
import { escapeHtml as esc, safeId } from './escape.js';

export interface XyPanel {
  label: string;
  /** Labels along x, in order. */
  xs: string[];
  series: Array<ChartSeries & { values: (number | null)[] }>;
  yLabel: string;
  /** Whole-number ticks only (counts). */
  integer?: boolean;
  format(value: number): string;
}

export interface XyInput {
  id: string;
  title: string;
  description: string;
  xName: string;
  panels: XyPanel[];
}

const n = (value: number): string => {
  const fixed = value.toFixed(1);
  return fixed.endsWith('.0') ? fixed.slice(0, -2) : fixed === '-0' ? '0' : fixed;
};

function cut(text: string, chars: number): string {
  const list = [...text];
  return list.length <= chars ? text : `${list.slice(0, Math.max(1, chars - 1)).join('')}…`;
}

/** Round ticks from the lowest to the highest value (0 included when all are positive). */
export function numberAxis(values: number[], integer = false): { min: number; max: number; ticks: number[] } {
  const low = Math.min(0, ...values);
  const high = Math.max(low + (integer ? 1 : 1e-9), ...values);
  const raw = (high - low) / 4;
  const power = 10 ** Math.floor(Math.log10(raw));
  let step = [1, 2, 5, 10].map((f) => f * power).find((s) => s >= raw - 1e-12) ?? 10 * power;
  if (integer) step = Math.max(1, Math.round(step));
  const min = Math.floor(low / step - 1e-9) * step;
  const count = Math.max(1, Math.ceil((high - min) / step - 1e-9));
  const ticks = Array.from({ length: count + 1 }, (_, i) => Number((min + i * step).toPrecision(12)));
  return { min, max: ticks[ticks.length - 1], ticks };
}

export function xyChart(input: XyInput): Chart {
  const id = safeId(input.id);
  const longest = Math.max(1, ...input.panels.map((p) => p.xs.length));
  const plotW = Math.max(240, Math.min(720, longest * 48));
  const plotH = 130;
  const panelH = plotH + 78;
  const left = 64;
  const width = plotW + left + 40;
  const top = 30;
  const height = top + input.panels.length * panelH + 8;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="${id}" role="img" aria-labelledby="${id}-title ${id}-desc" width="${n(width)}" height="${n(height)}" viewBox="0 0 ${n(width)} ${n(height)}" font-family='${FONT}' font-size="11">`,
    `<title id="${id}-title">${esc(input.title)}</title>`,
    `<desc id="${id}-desc">${esc(input.description)}</desc>`,
    `<rect width="${n(width)}" height="${n(height)}" fill="#ffffff"/>`,
    `<text x="12" y="18" font-size="13" font-weight="600">${esc(cut(input.title, 90))}</text>`,
  ];
  input.panels.forEach((panel, p) => {
    const oy = top + p * panelH + 24;
    const axis = numberAxis(panel.series.flatMap((s) => s.values.filter((v): v is number => v !== null)), panel.integer);
    const yAt = (v: number): number => plotH - ((v - axis.min) / (axis.max - axis.min)) * plotH;
    const step = panel.xs.length > 1 ? plotW / (panel.xs.length - 1) : 0;
    const xAt = (i: number): number => (panel.xs.length > 1 ? i * step : plotW / 2);
    out.push(`<g class="panel" transform="translate(${left},${n(oy)})">`, `<text x="${-left + 12}" y="-10" font-weight="600">${esc(cut(panel.label, 80))}</text>`);
    for (const t of axis.ticks) out.push(`<line x1="0" y1="${n(yAt(t))}" x2="${n(plotW)}" y2="${n(yAt(t))}" stroke="#e0e0e0"/>`, `<text x="-6" y="${n(yAt(t) + 3.5)}" text-anchor="end" fill="#444">${esc(panel.format(t))}</text>`);
    out.push(`<line x1="0" y1="${n(plotH)}" x2="${n(plotW)}" y2="${n(plotH)}" stroke="#333"/>`, `<line x1="0" y1="0" x2="0" y2="${n(plotH)}" stroke="#333"/>`);
    // Every label would crowd a long axis: about twelve are shown.
    const every = Math.max(1, Math.ceil(panel.xs.length / 12));
    panel.xs.forEach((x, i) => {
      if (i % every === 0 || i === panel.xs.length - 1) out.push(`<text x="${n(xAt(i))}" y="${n(plotH + 14)}" text-anchor="middle">${esc(cut(x, 12))}</text>`);
    });
    out.push(`<text x="${n(plotW / 2)}" y="${n(plotH + 30)}" text-anchor="middle" fill="#444">${esc(input.xName)}</text>`);
    out.push(`<text transform="translate(-50,${n(plotH / 2)}) rotate(-90)" text-anchor="middle" fill="#444">${esc(cut(panel.yLabel, 28))}</text>`);
    panel.series.forEach((s, i) => {
      const color = seriesColor(s, i);
      const runs: string[][] = [[]];
      s.values.forEach((v, k) => (v === null ? runs.push([]) : runs[runs.length - 1].push(`${n(xAt(k))},${n(yAt(v))}`)));
      for (const run of runs) if (run.length > 1) out.push(`<polyline points="${run.join(' ')}" fill="none" stroke="${color}" stroke-width="2"/>`);
      s.values.forEach((v, k) => {
        if (v !== null) out.push(`<circle cx="${n(xAt(k))}" cy="${n(yAt(v))}" r="3" fill="${color}"><title>${esc(`${s.label}, ${panel.xs[k]}: ${panel.format(v)}`)}</title></circle>`);
      });
    });
    if (panel.series.length > 1) {
      panel.series.forEach((s, i) => out.push(`<text x="${n(plotW - 4)}" y="${n(12 + i * 13)}" text-anchor="end" fill="${seriesColor(s, i)}">${esc(cut(s.label, 40))}</text>`));
    }
    out.push('</g>');
  });
  out.push('</svg>');
  const table = input.panels
    .map((panel) => {
      const head = `<tr><th scope="col">${esc(input.xName)}</th>${panel.series.map((s) => `<th scope="col">${esc(s.label)}</th>`).join('')}</tr>`;
      const body = panel.xs.map((x, k) => `<tr><th scope="row">${esc(x)}</th>${panel.series.map((s) => `<td>${s.values[k] === null ? '–' : esc(panel.format(s.values[k]!))}</td>`).join('')}</tr>`).join('\n');
      return `<table class="data">\n<caption>${esc(`${panel.label} (${panel.yLabel})`)}</caption>\n<thead>${head}</thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
    })
    .join('\n');
  return { svg: out.join('\n'), table, title: input.title };
}
