// HTML (and single-chart SVG) output of every report kind. Pure functions:
// data in, one self-contained document out.
import { codebookVersionText } from '../../codebook/hash.js';
import type { Frequencies } from '../../core/aggregate.js';
import type { Cooccurrence, CooccurrenceMeasure } from '../../core/cooccurrence.js';
import type { PhaseChange } from '../../core/phase-change.js';
import type { PhaseReport, PhaseSection } from '../../core/phase-report.js';
import type { Quotes } from '../../core/quotes.js';
import type { Codebook } from '../../types.js';
import { percent } from '../frequencies.js';
import { cellTitle, diagonalNote, measureName, measureValue } from '../cooccurrence.js';
import { categoryNote, pointChange, pointValue } from '../phase-change.js';
import { methodSentence, QUOTE_RULE, quoteAttribution, sectionTitle } from '../phase-report.js';
import { appliedCodesLabel, memoLine } from '../quotes.js';
import { memoBody } from '../memos.js';
import { formatTarget } from '../../memos/target.js';
import { figure, groupedBars, heatmap, lines, seriesColor, standaloneSvg, type Chart, type ChartSeries } from './charts.js';
import { escapeHtml as esc, safeColor, safeId } from './escape.js';
import { page, sourceLink, swatch } from './page.js';
import { formatTurnTime } from '../../core/turn-time.js';

export interface HtmlOptions {
  /** Page title; each kind has a default. */
  title?: string;
  /** Prefix turning note paths into links relative to the output file; undefined: no links. */
  linkBase?: string;
  /** The page's `lang`: the codebook's first language (default `en`). */
  lang?: string;
}

function codeSeries(codebook: Codebook, ids: string[]): ChartSeries[] {
  return ids.map((id) => {
    const code = codebook.byId.get(id);
    const entry: ChartSeries = { id, label: code?.label ?? id };
    if (code?.color) entry.color = code.color;
    return entry;
  });
}

/** Codes drawn in charts: the leaves among the report's codes (a parent would repeat its children). */
function chartCodes(codebook: Codebook, ids: string[]): string[] {
  const leaves = ids.filter((id) => (codebook.byId.get(id)?.children.length ?? 0) === 0 || !ids.some((other) => codebook.byId.get(other)?.parent === id));
  return leaves.length > 0 ? leaves : ids;
}

function codeCell(codebook: Codebook, id: string, index: number): string {
  const code = codebook.byId.get(id);
  const depth = code?.depth ?? 0;
  const color = safeColor(code?.color, seriesColor({ id, label: id }, index));
  return `<th scope="row" style="padding-left:${(0.5 + depth * 1.1).toFixed(1)}em">${swatch(color)}${esc(code?.label ?? id)} <code>${esc(id)}</code></th>`;
}

// ---------------------------------------------------------------- frequencies

export function frequenciesChart(report: Frequencies, codebook: Codebook, id = 'frequencies'): Chart {
  const ids = chartCodes(codebook, [...new Set(report.rows.map((row) => row.code))]);
  const x = report.by[report.by.length - 1];
  const panelVars = report.by.slice(0, -1);
  const panelOf = (cell: Record<string, string>): string => panelVars.map((name) => cell[name]).join(' · ');
  const panels: string[] = [];
  const categories: string[] = [];
  for (const cell of report.cells) {
    const p = panelOf(cell);
    if (!panels.includes(p)) panels.push(p);
    const c = x === undefined ? 'all notes' : cell[x];
    if (!categories.includes(c)) categories.push(c);
  }
  const key = (cell: Record<string, string>): string => `${panelOf(cell)}\u0000${x === undefined ? 'all notes' : cell[x]}`;
  const lookup = new Map(report.rows.map((row) => [`${row.code}\u0000${key(row.cell)}`, row.share]));
  const bases = new Map(report.rows.map((row) => [key(row.cell), row.cellSegments]));
  return groupedBars({
    id,
    title: `Code frequencies${report.by.length ? ` by ${report.by.join(' × ')}` : ''}`,
    panels,
    panelName: panelVars.join(' · ') || undefined,
    categories,
    categoryName: x ?? 'notes',
    series: codeSeries(codebook, ids),
    value: (panel, category, code) => lookup.get(`${code}\u0000${panel}\u0000${category}`) ?? 0,
    base: (panel, category) => bases.get(`${panel}\u0000${category}`) ?? 0,
    yLabel: 'share of segments',
  });
}

export function frequenciesSvg(report: Frequencies, codebook: Codebook): string {
  return standaloneSvg(frequenciesChart(report, codebook));
}

export function frequenciesHtml(report: Frequencies, codebook: Codebook, options: HtmlOptions = {}): string {
  const title = options.title ?? `Code frequencies${report.by.length ? ` by ${report.by.join(' × ')}` : ''}`;
  const chart = frequenciesChart(report, codebook);
  const header = ['code', ...report.by, 'segments', 'documents', 'speakers', 'codings', 'share'];
  const rows = report.rows.map((row) => {
    const index = codebook.codes.findIndex((c) => c.id === row.code);
    return `<tr>${codeCell(codebook, row.code, index)}${report.by.map((name) => `<td class="text">${esc(row.cell[name])}</td>`).join('')}${[row.segments, row.documents, row.speakers, row.codings].map((v) => `<td${v === 0 ? ' class="muted"' : ''}>${v}</td>`).join('')}<td>${esc(percent(row.share))}</td></tr>`;
  });
  const body = [
    figure(chart, `Share of segments coded with each code${report.by.length ? `, by ${report.by.join(' and ')}` : ''}. Colours are the codebook’s.`),
    '<h2>All numbers</h2>',
    `<table class="data">\n<caption>${esc(title)}</caption>\n<thead><tr>${header.map((h) => `<th scope="col">${esc(h)}</th>`).join('')}</tr></thead>\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table>`,
    '<p class="note">share = coded segments / all segments in the cell. A code counts its sub-codes.</p>',
  ].join('\n');
  return page({ title, lang: options.lang ?? codebook.languages[0], subtitle: `${report.totals.notes} notes, ${report.totals.segments} segments, ${report.totals.codings} codings`, body });
}

// ---------------------------------------------------------------- quotes

export function quotesHtml(report: Quotes, codebook: Codebook, options: HtmlOptions = {}): string {
  const title = options.title ?? 'Quotes';
  const parts: string[] = [];
  if (report.sections.length > 1) {
    parts.push(`<nav class="toc"><ul>\n${report.sections.map((s) => `<li><a href="#code-${esc(safeId(s.code))}">${esc(s.label)}</a> (${s.total})</li>`).join('\n')}\n</ul></nav>`);
  }
  for (const section of report.sections) {
    const index = codebook.codes.findIndex((c) => c.id === section.code);
    const color = safeColor(codebook.byId.get(section.code)?.color, seriesColor({ id: section.code, label: section.label }, index));
    parts.push(`<h2 id="code-${esc(safeId(section.code))}">${swatch(color)}${esc(section.label)} <code>${esc(section.code)}</code></h2>`, `<p class="meta">${section.total} ${section.total === 1 ? 'quote' : 'quotes'}</p>`);
    for (const group of section.groups) {
      parts.push(`<h3>${esc(cellTitle(group.cell, report.by))}</h3>`);
      for (const quote of group.quotes) {
        const bits = [appliedCodesLabel(quote, section.code), quote.speaker ?? '', quote.group ?? '', quote.method ?? ''].filter(Boolean).map(esc);
        const at = quote.time === undefined ? '' : ` @${esc(formatTurnTime(quote.time))}`;
        const memos = (quote.memos ?? []).map((memo) => `\n<p class="note">${esc(memoLine(memo))}</p>`).join('');
        parts.push(`<blockquote>\n<p>${esc(quote.text)}</p>\n<footer>— ${[...bits, sourceLink(quote.note, quote.line, options.linkBase) + at].join(' · ')}</footer>${memos}\n</blockquote>`);
      }
    }
  }
  if (report.sections.length === 0) parts.push('<p>No coded passages match.</p>');
  const total = report.sections.reduce((sum, s) => sum + s.total, 0);
  return page({ title, lang: options.lang ?? codebook.languages[0], subtitle: `${total} ${total === 1 ? 'quote' : 'quotes'}${report.by.length ? `, by ${report.by.join(' × ')}` : ''}`, body: parts.join('\n') });
}

// ---------------------------------------------------------------- co-occurrence

export function cooccurrenceChart(result: Cooccurrence, measure: CooccurrenceMeasure, index = 0, id = 'cooccurrence'): Chart {
  const matrix = result.matrices[index];
  const cell = result.by.length ? ` (${cellTitle(matrix.cell, result.by)})` : '';
  return heatmap({
    id,
    title: `Co-occurrence per ${result.unit}${cell}`,
    codes: result.codes,
    values: measure === 'jaccard' ? matrix.jaccard : matrix.counts,
    format: (v) => measureValue(v, measure),
    measure: measure === 'jaccard' ? 'Jaccard index' : `${result.unit === 'document' ? 'notes' : 'segments'} with both`,
  });
}

export function cooccurrenceSvg(result: Cooccurrence, measure: CooccurrenceMeasure): string {
  return standaloneSvg(cooccurrenceChart(result, measure));
}

export function cooccurrenceHtml(result: Cooccurrence, measure: CooccurrenceMeasure, options: HtmlOptions = {}): string {
  const title = options.title ?? `Co-occurrence per ${result.unit}`;
  const parts: string[] = [`<p>Shown: ${esc(measureName(result, measure))}. ${esc(diagonalNote(measure))}</p>`];
  result.matrices.forEach((matrix, i) => {
    if (result.by.length) parts.push(`<h2>${esc(cellTitle(matrix.cell, result.by))}</h2>`);
    parts.push(figure(cooccurrenceChart(result, measure, i, `cooccurrence-${i + 1}`), `${measureName(result, measure)}; ${matrix.units} ${result.unit === 'document' ? 'notes' : 'segments'} in all.`));
  });
  return page({ title, lang: options.lang, subtitle: `${result.codes.length} codes, unit: ${result.unit}, measure: ${measure}`, body: parts.join('\n') });
}

// ---------------------------------------------------------------- phase change

function groupName(cell: Record<string, string>, by: string[]): string {
  return by.map((name) => cell[name]).join(' · ');
}

export function phaseChangeChart(report: PhaseChange, codebook: Codebook, id = 'trajectories', highlight?: string): Chart {
  const ids = chartCodes(codebook, [...new Set(report.series.map((s) => s.code))]);
  const panels = report.groups.map((g) => groupName(g, report.by));
  const lookup = new Map(report.series.map((s) => [`${s.code}\u0000${groupName(s.group, report.by)}`, s]));
  const input = {
    id,
    title: `Trajectories per ${report.phase}${report.by.length ? ` and ${report.by.join(' × ')}` : ''}`,
    panels,
    panelName: report.by.join(' · ') || undefined,
    xs: report.phases,
    xName: report.phase,
    series: codeSeries(codebook, ids),
    value: (panel: string, x: string, code: string): number | null => {
      const point = lookup.get(`${code}\u0000${panel}`)?.points.find((p) => p.phase === x);
      return !point || point.cellSegments === 0 ? null : point.share;
    },
    yLabel: 'share of segments',
  };
  return lines(highlight === undefined ? input : { ...input, highlight });
}

export function phaseChangeSvg(report: PhaseChange, codebook: Codebook): string {
  return standaloneSvg(phaseChangeChart(report, codebook));
}

function statusBadge(text: string): string {
  const match = / (new|back|gone)$/.exec(text);
  if (!match) return esc(text);
  return `${esc(text.slice(0, match.index))}<span class="status status-${match[1]}">${match[1]}</span>`;
}

function changeClass(value: number | null): string {
  return value === null || Math.abs(value) < 1e-9 ? '' : value > 0 ? ' class="up"' : ' class="down"';
}

export function phaseChangeHtml(report: PhaseChange, codebook: Codebook, options: HtmlOptions = {}): string {
  const title = options.title ?? `Change between ${report.phase} values`;
  const head = ['code', ...report.by, ...report.phases.flatMap((p, i) => (i === 0 ? [p] : [p, `Δ ${p}`])), 'category'];
  const rows = report.series.map((series) => {
    const index = codebook.codes.findIndex((c) => c.id === series.code);
    const cells = series.points.flatMap((point, i) => {
      const value = `<td${point.cellSegments === 0 ? ' class="muted"' : ''}>${esc(pointValue(point))}</td>`;
      return i === 0 ? [value] : [value, `<td${changeClass(point.changePoints)}>${statusBadge(pointChange(point)) || '–'}</td>`];
    });
    return `<tr>${codeCell(codebook, series.code, index)}${report.by.map((name) => `<td class="text">${esc(series.group[name])}</td>`).join('')}${cells.join('')}<td class="text">${esc(series.category ?? '')}</td></tr>`;
  });
  const body = [
    figure(phaseChangeChart(report, codebook), `Share of segments per ${report.phase}${report.by.length ? `, one panel per ${report.by.join(' · ')}` : ''}; a gap means no notes in that ${report.phase}.`),
    '<h2>Change per code</h2>',
    `<table class="data">\n<caption>${esc(title)}</caption>\n<thead><tr>${head.map((h) => `<th scope="col">${esc(h)}</th>`).join('')}</tr></thead>\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table>`,
    '<p class="note">Values: share of segments coded (coded segments). Δ: change in share in percentage points (change in coded segments). <span class="status status-new">new</span> first time in this group, <span class="status status-back">back</span> again after a gap, <span class="status status-gone">gone</span> not coded any more.</p>',
    `<p class="note">${esc(categoryNote(report.thresholds))}</p>`,
  ].join('\n');
  return page({ title, lang: options.lang ?? codebook.languages[0], subtitle: `${report.phases.join(' → ')}${report.by.length ? `, per ${report.by.join(' × ')}` : ''}`, body });
}

// ---------------------------------------------------------------- phase report

function sectionHtml(report: PhaseReport, section: PhaseSection, codebook: Codebook, options: HtmlOptions, n: number, headingLevel: number): string {
  const h = (extra: number): string => `h${Math.min(6, headingLevel + extra)}`;
  const out: string[] = [];
  const idBase = `s${n}`;
  const groups = section.groups;
  const showGroups = report.group !== undefined;
  const colHead = showGroups ? groups : ['all notes'];
  out.push(`<section class="phase" id="${idBase}">`, `<${h(0)}>${esc(sectionTitle(report, section))}</${h(0)}>`);
  out.push(`<p class="meta">${esc(methodSentence(section))}${section.previous ? ` Compared with ${esc(`${report.phase} ${section.previous}`)}.` : ''}</p>`);

  // Frequencies: bars by group for this phase.
  const chartIds = chartCodes(codebook, section.rows.map((r) => r.code));
  const lookup = new Map(section.rows.flatMap((row) => row.cells.map((c) => [`${row.code}\u0000${c.group}`, c.frequency.share] as const)));
  const bases = new Map(section.rows.flatMap((row) => row.cells.map((c) => [c.group, c.frequency.cellSegments] as const)));
  const bars = groupedBars({
    id: `${idBase}-bars`,
    title: `Codes in ${sectionTitle(report, section)}${showGroups && !section.group ? ` by ${report.group}` : ''}`,
    panels: [''],
    categories: showGroups ? groups : ['all notes'],
    categoryName: report.group ?? 'notes',
    series: codeSeries(codebook, chartIds),
    value: (_panel, category, code) => lookup.get(`${code}\u0000${showGroups ? category : ''}`) ?? 0,
    base: (_panel, category) => bases.get(showGroups ? category : '') ?? 0,
    yLabel: 'share of segments',
  });
  out.push(`<${h(1)}>Which codes showed up</${h(1)}>`, figure(bars, `Share of segments coded with each code${showGroups ? `, per ${report.group}` : ''}. Colours are the codebook’s.`));
  const freqRows = section.rows.map((row) => {
    const index = codebook.codes.findIndex((c) => c.id === row.code);
    return `<tr>${codeCell(codebook, row.code, index)}${row.cells.map((c) => (c.frequency.cellSegments === 0 ? '<td class="muted">–</td>' : `<td${c.frequency.segments === 0 ? ' class="muted"' : ''}>${esc(`${percent(c.frequency.share)} (${c.frequency.segments})`)}</td>`)).join('')}</tr>`;
  });
  out.push(`<table class="data">\n<caption>Share of segments (coded segments), ${esc(sectionTitle(report, section))}</caption>\n<thead><tr>${['code', ...colHead].map((c) => `<th scope="col">${esc(c)}</th>`).join('')}</tr></thead>\n<tbody>\n${freqRows.join('\n')}\n</tbody>\n</table>`);

  // Change since the previous phase.
  out.push(`<${h(1)}>Change since ${esc(section.previous ? `${report.phase} ${section.previous}` : `the previous ${report.phase}`)}</${h(1)}>`);
  const groupFilter = section.group !== undefined && report.group ? [section.group] : undefined;
  const change = groupFilter && report.group ? { ...report.change, groups: report.change.groups.filter((g) => g[report.group!] === section.group), series: report.change.series.filter((s) => s.group[report.group!] === section.group) } : report.change;
  out.push(figure(phaseChangeChart(change, codebook, `${idBase}-lines`, section.phase), `Trajectories over all ${report.phase} values${showGroups ? `, one panel per ${report.group}` : ''}; the highlighted band is ${report.phase} ${section.phase}.`));
  if (!section.previous) out.push(`<p>This is the first ${esc(report.phase)}: there is nothing to compare with.</p>`);
  else {
    const changeRows = section.rows.map((row) => {
      const index = codebook.codes.findIndex((c) => c.id === row.code);
      return `<tr>${codeCell(codebook, row.code, index)}${row.cells.map((c) => `<td${changeClass(c.point.changePoints)}>${statusBadge(pointChange(c.point)) || '–'}${c.point.through ? ` <span class="category">${esc(c.point.through)}</span>` : ''}</td>`).join('')}</tr>`;
    });
    out.push(`<table class="data">\n<caption>Change since ${esc(`${report.phase} ${section.previous}`)}: percentage points (coded segments), and the category up to ${esc(`${report.phase} ${section.phase}`)}</caption>\n<thead><tr>${['code', ...colHead].map((c) => `<th scope="col">${esc(c)}</th>`).join('')}</tr></thead>\n<tbody>\n${changeRows.join('\n')}\n</tbody>\n</table>`, `<p class="note">${esc(categoryNote(report.change.thresholds))}</p>`);
  }

  // Co-occurrences.
  out.push(`<${h(1)}>Codes that occur together</${h(1)}>`);
  if (section.cooccurrences.length === 0) out.push(`<p>No two codes share a ${esc(report.options.unit)} here.</p>`);
  else {
    const unitWord = (count: number): string => (report.options.unit === 'document' ? (count === 1 ? 'note' : 'notes') : count === 1 ? 'segment' : 'segments');
    const label = (id: string): string => esc(codebook.byId.get(id)?.label ?? id);
    out.push(`<ol>\n${section.cooccurrences.map((p) => `<li>${label(p.a)} + ${label(p.b)}: ${p.count} ${unitWord(p.count)} (Jaccard ${p.jaccard.toFixed(2)})</li>`).join('\n')}\n</ol>`);
  }
  {
    const matrix = section.matrix;
    out.push(figure(heatmap({ id: `${idBase}-heatmap`, title: `Co-occurrence per ${report.options.unit}, ${sectionTitle(report, section)}`, codes: matrix.codes, values: matrix.counts, format: (v) => String(v), measure: `${report.options.unit === 'document' ? 'notes' : 'segments'} with both` }), `How many ${report.options.unit === 'document' ? 'notes' : 'segments'} carry both codes; the diagonal counts each code on its own.`));
  }

  // Quotes.
  out.push(`<${h(1)}>Quotes</${h(1)}>`);
  if (section.quotes.length === 0) out.push('<p>No coded passages.</p>');
  for (const entry of section.quotes) {
    const index = codebook.codes.findIndex((c) => c.id === entry.code);
    const color = safeColor(entry.color, seriesColor({ id: entry.code, label: entry.label }, index));
    out.push(`<${h(2)}>${swatch(color)}${esc(entry.label)} <code>${esc(entry.code)}</code></${h(2)}>`, `<p class="meta">${entry.quotes.length} of ${entry.available} ${entry.available === 1 ? 'passage' : 'passages'}</p>`);
    for (const quote of entry.quotes) {
      const bits = quoteAttribution(quote, entry.code, report).map(esc);
      out.push(`<blockquote>\n<p>${esc(quote.text)}</p>\n<footer>— ${[...bits, sourceLink(quote.note, quote.line, options.linkBase)].join(' · ')}</footer>\n</blockquote>`);
    }
  }

  if (section.memos) {
    out.push(`<${h(1)}>Memos</${h(1)}>`);
    for (const memo of section.memos) {
      const meta = `${[memo.date, memo.author].filter(Boolean).join(', ')}${memo.date || memo.author ? ' · ' : ''}about ${memo.about.map(formatTarget).join(', ')} · ${memo.path}`;
      const paragraphs = memoBody(memo).trim().split(/\r?\n\s*\r?\n/).filter((p) => p.trim()).map((p) => `<p style="white-space: pre-wrap">${esc(p.trim())}</p>`);
      out.push(`<${h(2)}>${esc(memo.title)}</${h(2)}>`, `<p class="meta">${esc(meta)}</p>`, ...paragraphs);
    }
  }
  out.push(`<${h(1)}>Method</${h(1)}>`, `<p>${esc(methodSentence(section))}</p>`, '</section>');
  return out.join('\n');
}

export function phaseReportHtml(report: PhaseReport, codebook: Codebook, options: HtmlOptions = {}): string {
  const title = options.title ?? 'Phase report';
  const parts: string[] = [];
  if (report.sections.length > 1) {
    parts.push(`<nav class="toc"><ul>\n${report.sections.map((s, i) => `<li><a href="#s${i + 1}">${esc(sectionTitle(report, s))}</a></li>`).join('\n')}\n</ul></nav>`);
  }
  report.sections.forEach((section, i) => parts.push(sectionHtml(report, section, codebook, options, i + 1, 2)));
  if (report.sections.length === 0) parts.push('<p>No notes match.</p>');
  parts.push(`<p class="note">${esc(QUOTE_RULE)}</p>`);
  parts.push(`<p class="note">Codebook: ${esc(codebookVersionText(codebook))}.</p>`);
  const phases = report.sections.map((s) => s.phase).filter((p, i, all) => all.indexOf(p) === i);
  return page({ title, lang: options.lang ?? codebook.languages[0], subtitle: `${report.phase} ${phases.join(', ')}${report.group ? `, by ${report.group}` : ''}`, body: parts.join('\n') });
}
