// What commands print besides the declared report kinds (those are in
// registry.ts): each output is a table of format → pure renderer. A command
// renders with one lookup, and its `--format` choices are the table's keys in
// order, the first being the default; a new format is one line here.
import type { Codebook, Coding, Diagnostic, Memo } from '../types.js';
import type { TableAgreement } from '../agreement/table-report.js';
import type { SearchResult } from '../search/find.js';
import { codebookJson, codebookMarkdown, codebookTree, type CodeMemos } from './codebook.js';
import { diagnosticsGithub, diagnosticsJson, diagnosticsSarif } from './diagnostics.js';
import { suggestionsCsv, suggestionsJson, suggestionsMarkdown, suggestionsTable } from './suggestions.js';
import { agreementCsv, agreementJson, agreementMarkdown, agreementTable, type AgreementView } from './agreement.js';
import { tableAgreementCsv, tableAgreementJson, tableAgreementMarkdown, tableAgreementText } from './agreement-table.js';
import { practiceJson, practiceMarkdown, practiceText, type PracticeView } from './practice.js';
import { practiceClassJson, practiceClassMarkdown, practiceClassText } from './practice-class.js';
import type { ClassRollup } from '../agreement/practice-class.js';
import { memoListJson, memoListMarkdown, memoListText } from './memos.js';
import { searchCsv, searchJson, searchMarkdown, searchText } from './search.js';
import { plain, type Style } from './style.js';

/** What a command's renderer may need besides its result. */
export interface OutputContext {
  /** Colours for terminal output (plain when absent). */
  style?: Style;
  /** fieldcode's version, for formats that name their producer (SARIF). */
  version?: string;
}

export type Output<R> = Record<string, (result: R, context: OutputContext) => string>;

const styleOf = (c: OutputContext): Style => c.style ?? plain;

export const outputs = {
  /** `check --format`: the text format goes to stderr through the diagnostics printer, the others are documents. */
  diagnostics: {
    json: (d) => diagnosticsJson(d),
    github: (d) => diagnosticsGithub(d.filter((x) => x.severity !== 'info')),
    sarif: (d, c) => diagnosticsSarif(d, c.version ?? '0.0.0'),
  } satisfies Output<Diagnostic[]>,
  /** `memos`: the memos on each code, shown under it. */
  codebook: {
    tree: (r, c) => codebookTree(r.codebook, r.memos, styleOf(c)),
    markdown: (r) => codebookMarkdown(r.codebook, r.memos),
    json: (r) => codebookJson(r.codebook, r.memos),
  } satisfies Output<{ codebook: Codebook; memos: CodeMemos }>,
  /** `marked`: rejected suggestions are shown too, each marked (`suggest --all`). */
  suggestions: {
    table: (s, c) => suggestionsTable(s.suggestions, s.marked, styleOf(c)),
    markdown: (s) => suggestionsMarkdown(s.suggestions, s.marked),
    csv: (s) => suggestionsCsv(s.suggestions, s.marked),
    json: (s) => suggestionsJson(s.suggestions, s.marked),
  } satisfies Output<{ suggestions: Coding[]; marked: boolean }>,
  agreement: {
    table: (v, c) => agreementTable(v, styleOf(c)),
    markdown: (v) => agreementMarkdown(v),
    csv: (v) => agreementCsv(v),
    json: (v) => agreementJson(v),
  } satisfies Output<AgreementView>,
  'agreement-table': {
    table: (r) => tableAgreementText(r),
    markdown: (r) => tableAgreementMarkdown(r),
    csv: (r) => tableAgreementCsv(r),
    json: (r) => tableAgreementJson(r),
  } satisfies Output<TableAgreement>,
  practice: {
    text: (v, c) => practiceText(v, styleOf(c)),
    markdown: (v) => practiceMarkdown(v),
    json: (v) => practiceJson(v),
  } satisfies Output<PracticeView>,
  /** `practice class`: `top` passages and mix-ups are listed. */
  'practice-class': {
    text: (r) => practiceClassText(r.rollup, r.exercise, r.top),
    markdown: (r) => practiceClassMarkdown(r.rollup, r.exercise, r.top),
    json: (r) => practiceClassJson(r.rollup, r.exercise),
  } satisfies Output<{ rollup: ClassRollup; exercise: string; top: number }>,
  'memo-list': {
    text: (m) => memoListText(m),
    json: (m) => memoListJson(m),
    markdown: (m) => memoListMarkdown(m),
  } satisfies Output<Memo[]>,
  search: {
    text: (r, c) => searchText(r, styleOf(c)),
    json: (r) => searchJson(r),
    csv: (r) => searchCsv(r),
    markdown: (r) => searchMarkdown(r),
  } satisfies Output<SearchResult>,
};

/** The formats of an output, default first: what `--format` accepts. */
export function outputFormats<R>(output: Output<R>): string[] {
  return Object.keys(output);
}

/** Renders `result` in `format`; the format was already checked against the output's choices. */
export function renderOutput<R>(output: Output<R>, format: string, result: R, context: OutputContext = {}): string {
  const render = output[format];
  if (!render) throw new Error(`internal: no renderer for format ${format}`);
  return render(result, context);
}
