// Charts as SVG strings: grouped bars (small multiples), line trajectories
// and a heatmap. Pure and deterministic: fixed sizes, coordinates rounded to
// one decimal, no measuring of text (widths are estimated from lengths).
import { escapeHtml as esc, safeColor, safeId } from './escape.js';

export interface ChartSeries {
  id: string;
  label: string;
  color?: string;
}

export interface Chart {
  /** The `<svg>` element, usable inline in HTML or as a standalone file. */
  svg: string;
  /** The same numbers as an HTML table: the accessible fallback. */
  table: string;
  title: string;
}

/** Paul Tol's "bright" scheme, for series the codebook gives no colour. */
const FALLBACK = ['#4477aa', '#ee6677', '#228833', '#ccbb44', '#66ccee', '#aa3377', '#bbbbbb'];
export const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';
const CHAR = 6.2; // estimated width of one character at 11px

export function seriesColor(series: ChartSeries, index: number): string {
  return safeColor(series.color, FALLBACK[index % FALLBACK.length]);
}

const n = (value: number): string => {
  const fixed = value.toFixed(1);
  return fixed.endsWith('.0') ? fixed.slice(0, -2) : fixed === '-0' ? '0' : fixed;
};

function truncate(text: string, chars: number): string {
  const list = [...text];
  return list.length <= chars ? text : `${list.slice(0, Math.max(1, chars - 1)).join('')}…`;
}

function svgOpen(id: string, title: string, description: string, width: number, height: number): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="${id}" role="img" aria-labelledby="${id}-title ${id}-desc" width="${n(width)}" height="${n(height)}" viewBox="0 0 ${n(width)} ${n(height)}" font-family='${FONT}' font-size="11">\n` +
    `<title id="${id}-title">${esc(title)}</title>\n<desc id="${id}-desc">${esc(description)}</desc>\n<rect width="${n(width)}" height="${n(height)}" fill="#ffffff"/>\n`
  );
}

/** A share axis with round ticks (0%, 10%, 20%, …): the step is 1, 2 or 5
 * times a power of ten, about a quarter of the largest value, and the axis
 * ends at the first tick at or above it. */
export function shareAxis(largest: number): { max: number; ticks: number[] } {
  const target = largest > 0 ? largest : 1;
  const raw = target / 4;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((f) => f * power).find((s) => s >= raw - 1e-12) ?? 10 * power;
  const count = Math.max(1, Math.ceil(target / step - 1e-9));
  const ticks = Array.from({ length: count + 1 }, (_, i) => Number((i * step).toPrecision(12)));
  return { max: ticks[ticks.length - 1], ticks };
}

/** `20%`, `2.5%`: a tick label, without a decimal it does not need. */
export function tickLabel(share: number): string {
  return `${Number((share * 100).toFixed(1))}%`;
}

function legend(series: ChartSeries[], x: number, y: number, width: number, shape: 'rect' | 'line'): { svg: string; height: number } {
  const parts: string[] = ['<g class="legend">'];
  let cx = x;
  let cy = y;
  for (const [index, s] of series.entries()) {
    const label = truncate(s.label, 32);
    const w = 18 + [...label].length * CHAR + 14;
    if (cx + w > x + width && cx > x) {
      cx = x;
      cy += 16;
    }
    const color = seriesColor(s, index);
    parts.push(
      shape === 'rect'
        ? `<rect x="${n(cx)}" y="${n(cy - 9)}" width="12" height="10" fill="${color}"/>`
        : `<line x1="${n(cx)}" y1="${n(cy - 4)}" x2="${n(cx + 12)}" y2="${n(cy - 4)}" stroke="${color}" stroke-width="2.5"/><circle cx="${n(cx + 6)}" cy="${n(cy - 4)}" r="2.5" fill="${color}"/>`,
      `<text x="${n(cx + 16)}" y="${n(cy)}">${esc(label)}</text>`,
    );
    cx += w;
  }
  parts.push('</g>');
  return { svg: parts.join('\n'), height: cy - y + 16 };
}

export function percentLabel(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}

function tableHtml(caption: string, header: string[], rows: string[][]): string {
  const head = `<tr>${header.map((h) => `<th scope="col">${esc(h)}</th>`).join('')}</tr>`;
  const body = rows.map((row) => `<tr>${row.map((cell, i) => (i === 0 ? `<th scope="row">${esc(cell)}</th>` : `<td>${esc(cell)}</td>`)).join('')}</tr>`).join('\n');
  return `<table class="data">\n<caption>${esc(caption)}</caption>\n<thead>${head}</thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}

export interface GroupedBarsInput {
  id: string;
  title: string;
  /** One panel per value (small multiples); a single '' panel draws one chart. */
  panels: string[];
  /** Categories along the x axis of each panel. */
  categories: string[];
  /** Bars within a category, one per series (the codes, in codebook colours). */
  series: ChartSeries[];
  /** Share (0..1) of a series in a panel and category. */
  value(panel: string, category: string, series: string): number;
  /** The n of a share: segments in the panel and category, shown under it. */
  base?(panel: string, category: string): number;
  /** Label of the y axis. */
  yLabel: string;
  panelName?: string;
  categoryName: string;
}

/** Grouped bars as small multiples: one panel per group, categories (phases) along x, a bar per code. */
export function groupedBars(input: GroupedBarsInput): Chart {
  const id = safeId(input.id);
  const columns = input.panels.length > 1 ? 2 : 1;
  const barW = input.series.length <= 12 ? 11 : 7;
  const clusterW = Math.max(40, input.series.length * barW + 18);
  const plotW = Math.max(160, input.categories.length * clusterW);
  const panelW = plotW + 72;
  const plotH = 160;
  const panelH = plotH + 70;
  const width = Math.max(columns * panelW + 16, 360);
  const axis = shareAxis(Math.max(0, ...input.panels.flatMap((p) => input.categories.flatMap((c) => input.series.map((s) => input.value(p, c, s.id))))));
  const max = axis.max;
  const rows = Math.ceil(input.panels.length / columns);
  const top = 28;
  const leg = legend(input.series, 12, top + rows * panelH + 14, width - 24, 'rect');
  const height = top + rows * panelH + leg.height + 18;
  const description = `Grouped bar chart of ${input.yLabel} for ${input.series.length} codes across ${input.categories.length} ${input.categoryName} values${input.panels.length > 1 ? `, one panel per ${input.panelName ?? 'group'}` : ''}. The same numbers are in the table below the chart.`;
  const out: string[] = [svgOpen(id, input.title, description, width, height)];
  out.push(`<text x="12" y="18" font-size="13" font-weight="600">${esc(truncate(input.title, 90))}</text>`);
  input.panels.forEach((panel, p) => {
    const ox = 8 + (p % columns) * panelW + 60;
    const oy = top + Math.floor(p / columns) * panelH + 26;
    out.push(`<g class="panel" transform="translate(${n(ox)},${n(oy)})">`);
    if (panel !== '') out.push(`<text x="-52" y="-12" font-weight="600">${esc(truncate(panel, 40))}</text>`);
    for (const t of axis.ticks) {
      const y = plotH - (t / max) * plotH;
      out.push(`<line x1="0" y1="${n(y)}" x2="${n(plotW)}" y2="${n(y)}" stroke="#e0e0e0"/>`, `<text x="-4" y="${n(y + 3.5)}" text-anchor="end" fill="#444">${esc(tickLabel(t))}</text>`);
    }
    out.push(`<line x1="0" y1="${n(plotH)}" x2="${n(plotW)}" y2="${n(plotH)}" stroke="#333"/>`, `<line x1="0" y1="0" x2="0" y2="${n(plotH)}" stroke="#333"/>`);
    input.categories.forEach((category, c) => {
      const cw = plotW / input.categories.length;
      const cx = c * cw + (cw - input.series.length * barW) / 2;
      const base = input.base?.(panel, category);
      input.series.forEach((s, i) => {
        const v = input.value(panel, category, s.id);
        const h = (v / max) * plotH;
        const of = base === undefined ? '' : ` of ${base} segments`;
        out.push(`<rect x="${n(cx + i * barW)}" y="${n(plotH - h)}" width="${barW - 1}" height="${n(h)}" fill="${seriesColor(s, i)}"><title>${esc(`${panel ? `${panel}, ` : ''}${category}, ${s.label}: ${percentLabel(v)}${of}`)}</title></rect>`);
      });
      out.push(`<text x="${n(c * cw + cw / 2)}" y="${n(plotH + 14)}" text-anchor="middle">${esc(truncate(category, Math.floor(cw / CHAR)))}</text>`);
      if (base !== undefined) out.push(`<text x="${n(c * cw + cw / 2)}" y="${n(plotH + 27)}" text-anchor="middle" font-size="10" fill="#444">${esc(`n = ${base}`)}</text>`);
    });
    out.push(`<text x="${n(plotW / 2)}" y="${n(plotH + (input.base ? 42 : 30))}" text-anchor="middle" fill="#444">${esc(input.categoryName)}</text>`);
    out.push(`<text transform="translate(-46,${n(plotH / 2)}) rotate(-90)" text-anchor="middle" fill="#444">${esc(input.yLabel)}</text>`);
    out.push('</g>');
  });
  out.push(leg.svg, '</svg>');
  const header = [...(input.panels.length > 1 || input.panels[0] !== '' ? [input.panelName ?? 'group'] : []), input.categoryName, ...input.series.map((s) => s.label)];
  const tableRows = input.panels.flatMap((panel) =>
    input.categories.map((category) => [...(input.panels.length > 1 || panel !== '' ? [panel] : []), category, ...input.series.map((s) => percentLabel(input.value(panel, category, s.id)))]),
  );
  return { svg: out.join('\n'), table: tableHtml(`${input.title} (${input.yLabel})`, header, tableRows), title: input.title };
}

export interface LinesInput {
  id: string;
  title: string;
  panels: string[];
  panelName?: string;
  /** Points along x (the phases, in order). */
  xs: string[];
  xName: string;
  series: ChartSeries[];
  /** Share (0..1), or null where there are no notes (the line breaks there). */
  value(panel: string, x: string, series: string): number | null;
  yLabel: string;
  /** An x value to highlight (the phase a report is about). */
  highlight?: string;
}

/** Phase trajectories: small multiples per group, a line per code. */
export function lines(input: LinesInput): Chart {
  const id = safeId(input.id);
  const columns = input.panels.length > 1 ? 2 : 1;
  const plotW = Math.max(200, input.xs.length * 90);
  const panelW = plotW + 84;
  const plotH = 140;
  const panelH = plotH + 70;
  const width = Math.max(columns * panelW + 16, 360);
  const rows = Math.ceil(input.panels.length / columns);
  const axis = shareAxis(Math.max(0, ...input.panels.flatMap((p) => input.xs.flatMap((x) => input.series.map((s) => input.value(p, x, s.id) ?? 0)))));
  const max = axis.max;
  const top = 28;
  const leg = legend(input.series, 12, top + rows * panelH + 14, width - 24, 'line');
  const height = top + rows * panelH + leg.height + 18;
  const description = `Line chart of ${input.yLabel} per ${input.xName} for ${input.series.length} codes${input.panels.length > 1 ? `, one panel per ${input.panelName ?? 'group'}` : ''}. Gaps mark a ${input.xName} without notes. The same numbers are in the table below the chart.`;
  const out: string[] = [svgOpen(id, input.title, description, width, height)];
  out.push(`<text x="12" y="18" font-size="13" font-weight="600">${esc(truncate(input.title, 90))}</text>`);
  const step = input.xs.length > 1 ? plotW / (input.xs.length - 1) : 0;
  const xAt = (i: number): number => (input.xs.length > 1 ? i * step : plotW / 2);
  input.panels.forEach((panel, p) => {
    const ox = 8 + (p % columns) * panelW + 60;
    const oy = top + Math.floor(p / columns) * panelH + 26;
    out.push(`<g class="panel" transform="translate(${n(ox)},${n(oy)})">`);
    if (panel !== '') out.push(`<text x="-52" y="-12" font-weight="600">${esc(truncate(panel, 40))}</text>`);
    // The highlight band goes first and stays inside the plot, so it covers
    // neither the grid nor the y-axis labels.
    if (input.highlight !== undefined && input.xs.includes(input.highlight)) {
      const hx = xAt(input.xs.indexOf(input.highlight));
      const left = Math.max(0, hx - 12);
      out.push(`<rect x="${n(left)}" y="0" width="${n(Math.min(plotW, hx + 12) - left)}" height="${n(plotH)}" fill="#fff3c4"/>`);
    }
    for (const t of axis.ticks) {
      const y = plotH - (t / max) * plotH;
      out.push(`<line x1="0" y1="${n(y)}" x2="${n(plotW)}" y2="${n(y)}" stroke="#e0e0e0"/>`, `<text x="-6" y="${n(y + 3.5)}" text-anchor="end" fill="#444">${esc(tickLabel(t))}</text>`);
    }
    // Series with the same values would hide each other: each repeat is dashed
    // and gets a wider ring, so every one stays visible.
    const drawn = new Map<string, number>();
    out.push(`<line x1="0" y1="${n(plotH)}" x2="${n(plotW)}" y2="${n(plotH)}" stroke="#333"/>`, `<line x1="0" y1="0" x2="0" y2="${n(plotH)}" stroke="#333"/>`);
    input.xs.forEach((x, i) => out.push(`<text x="${n(xAt(i))}" y="${n(plotH + 14)}" text-anchor="middle">${esc(truncate(x, 14))}</text>`));
    out.push(`<text x="${n(plotW / 2)}" y="${n(plotH + 30)}" text-anchor="middle" fill="#444">${esc(input.xName)}</text>`);
    out.push(`<text transform="translate(-48,${n(plotH / 2)}) rotate(-90)" text-anchor="middle" fill="#444">${esc(input.yLabel)}</text>`);
    input.series.forEach((s, i) => {
      const color = seriesColor(s, i);
      const pts = input.xs.map((x, k) => {
        const v = input.value(panel, x, s.id);
        return v === null ? null : { x: xAt(k), y: plotH - (v / max) * plotH, v, label: x };
      });
      const key = pts.map((pt) => (pt ? n(pt.y) : '-')).join(' ');
      const repeat = drawn.get(key) ?? 0;
      drawn.set(key, repeat + 1);
      const dash = repeat > 0 ? ` stroke-dasharray="${4 + 2 * repeat} ${4 + 2 * repeat}"` : '';
      // Break the line where a phase has no notes.
      let run: string[] = [];
      const runs: string[][] = [];
      for (const pt of pts) {
        if (pt === null) {
          if (run.length) runs.push(run);
          run = [];
        } else run.push(`${n(pt.x)},${n(pt.y)}`);
      }
      if (run.length) runs.push(run);
      for (const r of runs) if (r.length > 1) out.push(`<polyline points="${r.join(' ')}" fill="none" stroke="${color}" stroke-width="2"${dash}/>`);
      for (const pt of pts) {
        if (pt) out.push(`<circle cx="${n(pt.x)}" cy="${n(pt.y)}" ${repeat > 0 ? `r="${3 + 2 * repeat}" fill="none" stroke="${color}" stroke-width="1.5"` : `r="3" fill="${color}"`}><title>${esc(`${panel ? `${panel}, ` : ''}${pt.label}, ${s.label}: ${percentLabel(pt.v)}`)}</title></circle>`);
      }
    });
    out.push('</g>');
  });
  out.push(leg.svg, '</svg>');
  const header = [...(input.panels.length > 1 || input.panels[0] !== '' ? [input.panelName ?? 'group'] : []), 'code', ...input.xs];
  const tableRows = input.panels.flatMap((panel) =>
    input.series.map((s) => [...(input.panels.length > 1 || panel !== '' ? [panel] : []), s.label, ...input.xs.map((x) => {
      const v = input.value(panel, x, s.id);
      return v === null ? 'no data' : percentLabel(v);
    })]),
  );
  return { svg: out.join('\n'), table: tableHtml(`${input.title} (${input.yLabel})`, header, tableRows), title: input.title };
}

export interface HeatmapInput {
  id: string;
  title: string;
  codes: ChartSeries[];
  /** Values to colour by; null where one code contains the other. */
  values: (number | null)[][];
  /** How a value is written in a cell and the table. */
  format(value: number): string;
  measure: string;
}

/** Blends white into a dark blue by t in 0..1. */
function shade(t: number): string {
  const from = [255, 255, 255];
  const to = [31, 78, 121];
  return `#${from.map((f, i) => Math.round(f + (to[i] - f) * Math.min(1, Math.max(0, t))).toString(16).padStart(2, '0')).join('')}`;
}

/** A code × code heatmap; the diagonal (a code with itself) is drawn in grey. */
export function heatmap(input: HeatmapInput): Chart {
  const id = safeId(input.id);
  const count = input.codes.length;
  const cell = count > 12 ? 26 : 34;
  const labelChars = 26;
  const left = Math.min(labelChars, Math.max(4, ...input.codes.map((c) => [...c.label].length))) * CHAR + 24;
  const topLabels = left; // rotated column labels need the same room
  const top = 28 + topLabels * 0.72;
  const width = Math.max(360, left + count * cell + topLabels * 0.72 + 12);
  const height = top + count * cell + 56;
  let max = 0;
  input.values.forEach((row, i) => row.forEach((v, j) => {
    if (i !== j && v !== null) max = Math.max(max, v);
  }));
  const description = `Heatmap of ${input.measure} for ${count} codes: darker cells mean the two codes occur together more. The diagonal (grey) is each code with itself. The same numbers are in the table below the chart.`;
  const out: string[] = [svgOpen(id, input.title, description, width, height)];
  out.push(`<text x="12" y="18" font-size="13" font-weight="600">${esc(truncate(input.title, 90))}</text>`);
  input.codes.forEach((code, i) => {
    const y = top + i * cell + cell / 2 + 4;
    out.push(`<rect x="6" y="${n(y - 9)}" width="8" height="10" fill="${seriesColor(code, i)}"/>`, `<text x="${n(left - 6)}" y="${n(y)}" text-anchor="end">${esc(truncate(code.label, labelChars))}</text>`);
    const x = left + i * cell + cell / 2 + 4;
    out.push(`<text transform="translate(${n(x)},${n(top - 6)}) rotate(-45)">${esc(truncate(code.label, labelChars))}</text>`);
  });
  input.values.forEach((row, i) =>
    row.forEach((v, j) => {
      const x = left + j * cell;
      const y = top + i * cell;
      const fill = v === null ? '#f4f4f4' : i === j ? '#d9d9d9' : shade(max === 0 ? 0 : v / max);
      const dark = v !== null && i !== j && max > 0 && v / max > 0.55;
      const label = v === null ? '–' : input.format(v);
      out.push(
        `<rect x="${n(x)}" y="${n(y)}" width="${cell - 1}" height="${cell - 1}" fill="${fill}"><title>${esc(`${input.codes[i].label} × ${input.codes[j].label}: ${v === null ? 'one contains the other' : input.format(v)}`)}</title></rect>`,
        `<text x="${n(x + (cell - 1) / 2)}" y="${n(y + cell / 2 + 3)}" text-anchor="middle" font-size="${cell > 30 ? 10 : 9}" fill="${dark ? '#ffffff' : '#222222'}">${esc(label)}</text>`,
      );
    }),
  );
  // Scale: light to dark.
  const sy = top + count * cell + 18;
  for (let k = 0; k <= 10; k++) out.push(`<rect x="${n(left + k * 14)}" y="${n(sy)}" width="14" height="10" fill="${shade(k / 10)}"/>`);
  out.push(`<text x="${n(left - 6)}" y="${n(sy + 9)}" text-anchor="end">${esc(input.format(0))}</text>`, `<text x="${n(left + 11 * 14 + 6)}" y="${n(sy + 9)}">${esc(input.format(max))} (${esc(input.measure)})</text>`);
  out.push('</svg>');
  const header = ['code', ...input.codes.map((c) => c.label)];
  const tableRows = input.codes.map((code, i) => [code.label, ...input.values[i].map((v) => (v === null ? '–' : input.format(v)))]);
  return { svg: out.join('\n'), table: tableHtml(`${input.title} (${input.measure})`, header, tableRows), title: input.title };
}

/** A chart inside a figure, with its caption and the data table as the accessible fallback. */
export function figure(chart: Chart, caption: string): string {
  return `<figure class="chart-figure">\n${chart.svg}\n<figcaption>${esc(caption)}</figcaption>\n<details class="fallback"><summary>Show the numbers as a table</summary>\n${chart.table}\n</details>\n</figure>`;
}

/** A chart as a standalone SVG file (for papers): an XML declaration and the element. */
export function standaloneSvg(chart: Chart): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${chart.svg}\n`;
}
