// Report kind × format → a pure function from the kind's result to text.
// Commands and `build` look the renderer up here; the first format of a kind
// is its default on stdout. A new format is one line in its kind's table.
import type { Codebook } from '../types.js';
import type { CooccurrenceMeasure } from '../core/cooccurrence.js';
import type { Filters } from '../core/select.js';
import type { KindResults, ReportKind } from '../analyses/index.js';
import { frequenciesCsv, frequenciesJson, frequenciesMarkdown, frequenciesTable } from './frequencies.js';
import { quotesCsv, quotesJson, quotesMarkdown, quotesTable } from './quotes.js';
import { cooccurrenceCsv, cooccurrenceJson, cooccurrenceMarkdown, cooccurrenceTable } from './cooccurrence.js';
import { phaseChangeCsv, phaseChangeJson, phaseChangeMarkdown, phaseChangeTable } from './phase-change.js';
import { phaseReportJson, phaseReportMarkdown } from './phase-report.js';
import { cooccurrenceHtml, cooccurrenceSvg, frequenciesHtml, frequenciesSvg, phaseChangeHtml, phaseChangeSvg, phaseReportHtml, quotesHtml } from './html/reports.js';
import { memoTrailHtml, memoTrailJson, memoTrailMarkdown } from './memos.js';
import { saturationCsv, saturationJson, saturationMarkdown, saturationTable } from './saturation.js';
import { saturationHtml, saturationSvg } from './html/saturation.js';
import { matrixCsv, matrixHtml, matrixJson, matrixMarkdown, matrixPresenceCsv, matrixTable, matrixXlsx } from './matrix.js';
import { trajectoryCsv, trajectoryHtml, trajectoryJson, trajectoryMarkdown, trajectoryTable } from './trajectory.js';
import { jointCsv, jointMarkdown, jointTable } from './joint.js';
import { jointHtml } from './html/joint.js';
import { methodsMarkdown } from './methods.js';
import { methodsHtml } from './html/methods.js';
import { plain, type Style } from './style.js';
import { codebookVersionText } from '../codebook/hash.js';
import { codebookDiffJson, codebookDiffMarkdown, codebookDiffTable } from './codebook-diff.js';
import type { CodebookDiff } from '../codebook/diff.js';

/** What a renderer may need besides the result. */
export interface RenderContext {
  codebook: Codebook;
  filters: Filters;
  /** Colours for terminal tables. */
  style?: Style;
  measure?: CooccurrenceMeasure;
  /** Page or report title (HTML, phase reports). */
  title?: string;
  /** Prefix that turns a note path into a link relative to the output. */
  linkBase?: string;
  /** The git commit a methods appendix names (only when asked for). */
  commit?: string;
}

type Renderers<R> = Record<string, (result: R, context: RenderContext) => string>;

/** HTML page options; the page's `lang` is the codebook's first language. */
const html = (c: RenderContext) => {
  const lang = c.codebook.languages[0];
  return { ...(c.title !== undefined ? { title: c.title } : {}), ...(c.linkBase !== undefined ? { linkBase: c.linkBase } : {}), ...(lang !== undefined ? { lang } : {}) };
};
const measure = (c: RenderContext): CooccurrenceMeasure => c.measure ?? 'count';
const phaseTitle = (report: KindResults['phase-report'], c: RenderContext): string =>
  c.title ?? `Phase report: ${report.phase} ${report.sections.map((s) => s.phase).filter((p, i, all) => all.indexOf(p) === i).join(', ')}`;

export const reporters: { [K in ReportKind]: Renderers<KindResults[K]> } = {
  frequencies: {
    table: (r, c) => frequenciesTable(r, c.codebook, c.style ?? plain),
    markdown: (r) => frequenciesMarkdown(r),
    csv: (r) => frequenciesCsv(r),
    json: (r, c) => frequenciesJson(r, c.codebook, c.filters),
    html: (r, c) => frequenciesHtml(r, c.codebook, html(c)),
    svg: (r, c) => frequenciesSvg(r, c.codebook),
  },
  quotes: {
    table: (r, c) => quotesTable(r, c.style ?? plain),
    markdown: (r) => quotesMarkdown(r),
    csv: (r) => quotesCsv(r),
    json: (r) => quotesJson(r),
    html: (r, c) => quotesHtml(r, c.codebook, html(c)),
  },
  cooccurrence: {
    table: (r, c) => cooccurrenceTable(r, measure(c), c.style ?? plain),
    markdown: (r, c) => cooccurrenceMarkdown(r, measure(c)),
    csv: (r) => cooccurrenceCsv(r),
    json: (r, c) => cooccurrenceJson(r, measure(c), c.filters),
    html: (r, c) => cooccurrenceHtml(r, measure(c), html(c)),
    svg: (r, c) => cooccurrenceSvg(r, measure(c)),
  },
  'phase-change': {
    table: (r, c) => phaseChangeTable(r, c.style ?? plain),
    markdown: (r) => phaseChangeMarkdown(r),
    csv: (r) => phaseChangeCsv(r),
    json: (r, c) => phaseChangeJson(r, c.filters),
    html: (r, c) => phaseChangeHtml(r, c.codebook, html(c)),
    svg: (r, c) => phaseChangeSvg(r, c.codebook),
  },
  'phase-report': {
    markdown: (r, c) => phaseReportMarkdown(r, { title: phaseTitle(r, c), codebook: codebookVersionText(c.codebook), ...(c.linkBase !== undefined ? { linkBase: c.linkBase } : {}) }),
    html: (r, c) => phaseReportHtml(r, c.codebook, { ...html(c), title: phaseTitle(r, c) }),
    json: (r, c) => phaseReportJson(r, c.filters, c.codebook),
  },
  saturation: {
    table: (r, c) => saturationTable(r, c.style ?? plain),
    markdown: (r) => saturationMarkdown(r),
    csv: (r) => saturationCsv(r),
    json: (r, c) => saturationJson(r, c.filters),
    html: (r, c) => saturationHtml(r, html(c)),
    svg: (r) => saturationSvg(r),
  },
  matrix: {
    table: (r, c) => matrixTable(r, c.style ?? plain),
    markdown: (r) => matrixMarkdown(r),
    html: (r, c) => matrixHtml(r, html(c)),
    csv: (r) => matrixCsv(r),
    presence: (r) => matrixPresenceCsv(r),
    json: (r) => matrixJson(r),
    xlsx: (r) => matrixXlsx(r),
  },
  trajectory: {
    table: (r, c) => trajectoryTable(r, c.style ?? plain),
    markdown: (r) => trajectoryMarkdown(r),
    html: (r, c) => trajectoryHtml(r, html(c)),
    csv: (r) => trajectoryCsv(r),
    json: (r) => trajectoryJson(r),
  },
  'memo-trail': {
    markdown: (r, c) => memoTrailMarkdown(c.title !== undefined ? { ...r, title: c.title } : r),
    html: (r, c) => memoTrailHtml(c.title !== undefined ? { ...r, title: c.title } : r, html(c)),
    json: (r) => memoTrailJson(r),
  },
  joint: {
    table: (r, c) => jointTable(r, c.style ?? plain),
    markdown: (r) => jointMarkdown(r),
    csv: (r) => jointCsv(r),
    html: (r, c) => jointHtml(r, html(c)),
  },
  methods: {
    markdown: (r, c) => methodsMarkdown(r, { title: c.title ?? 'Methods appendix', ...(c.commit ? { commit: c.commit } : {}) }),
    html: (r, c) => methodsHtml(r, { title: c.title ?? 'Methods appendix', ...(c.commit ? { commit: c.commit } : {}), ...html(c) }),
  },
};

/** `fieldcode codebook diff`: not a report kind (it reads two codebooks, not a corpus), but rendered the same way. */
export const codebookDiffReporters: Record<string, (diff: CodebookDiff, style: Style) => string> = {
  table: (d, style) => codebookDiffTable(d, style),
  markdown: (d) => codebookDiffMarkdown(d),
  json: (d) => codebookDiffJson(d),
};

const EXTENSION_FORMAT: Record<string, string> = { '.md': 'markdown', '.markdown': 'markdown', '.csv': 'csv', '.json': 'json', '.html': 'html', '.htm': 'html', '.svg': 'svg', '.txt': 'table', '.sarif': 'sarif', '.xlsx': 'xlsx' };

/** The format a file name's extension names, when it is one of `formats` (any format when none are given). */
export function formatFromPath(path: string, formats?: string[]): string | undefined {
  const dot = path.lastIndexOf('.');
  const format = dot > path.lastIndexOf('/') ? EXTENSION_FORMAT[path.slice(dot).toLowerCase()] : undefined;
  return format && (!formats || formats.includes(format)) ? format : undefined;
}

/** The formats a kind can be written in; the first is the default on stdout. */
export function formatsOf(kind: ReportKind): string[] {
  return Object.keys(reporters[kind]);
}

/** Renders a kind's result in a format the registry lists (the caller has checked it). */
export function render<K extends ReportKind>(kind: K, format: string, result: KindResults[K], context: RenderContext): string {
  const renderer = (reporters[kind] as Renderers<KindResults[K]>)[format];
  if (!renderer) throw new Error(`internal: no ${format} reporter for ${kind}`);
  return renderer(result, context);
}
