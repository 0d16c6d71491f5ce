// The framework matrix: cases × codes (× phase), with counts, summaries and quotes.
import type { Corpus, VariableSpec } from '../../types.js';
import { frameworkMatrix, matrixRows, type Matrix } from '../../core/matrix.js';
import { caseDimensions } from '../../core/cases.js';
import { phaseVariable } from '../../core/phase-change.js';
import { parseSummaries, summariesPath, type SummaryDocument } from '../../core/summaries.js';
import { ReportError } from '../report-error.js';
import type { ReportSpec } from '../spec.js';

export function analyse(corpus: Corpus, spec: ReportSpec): Matrix {
  const matrix = spec.matrix ?? { rows: 'group', cols: [] };
  const cols = matrix.cols.length > 0 ? matrix.cols : corpus.codebook.codes.map((c) => c.id);
  // Several declared reports (Markdown, HTML, xlsx) can show one matrix with one summaries file.
  const name = matrix.summaries ?? spec.name;
  return frameworkMatrix(corpus, spec.filters, { ...(name ? { name } : {}), rows: matrix.rows, codes: cols, ...(matrix.per ? { per: matrix.per } : {}), quotes: spec.quotes }, summariesOf(corpus, name));
}

/** The parsed summaries file of a named matrix, when the project has one. */
export function summariesOf(corpus: Corpus, name: string | undefined): SummaryDocument | undefined {
  if (!name) return undefined;
  const path = summariesPath(name);
  const file = corpus.summaries?.find((f) => f.path === path);
  return file ? parseSummaries(file.shown, file.text) : undefined;
}

export interface MatrixKeys {
  rows?: unknown;
  cols?: unknown;
  per?: unknown;
  summaries?: unknown;
}

/**
 * Checks `rows`, `cols` and `per` of a matrix or trajectory (from a
 * declaration or the command line) against the corpus. `phaseDefault`: use
 * the project's phase variable when `per` is not given.
 */
export function parseSpec(corpus: Corpus, keys: MatrixKeys, where: { rows: string; cols: string; per: string }, phaseDefault: boolean): { rows: string; cols: string[]; per?: string; summaries?: string } {
  const variables = corpus.variables.map((v) => v.name);
  const cases = caseDimensions(corpus);
  const names = (list: string[]) => list.map((n) => `\`${n}\``).join(', ');
  const rowsValue = keys.rows === undefined || keys.rows === null ? (variables.includes('group') ? 'group' : undefined) : String(keys.rows);
  if (rowsValue === undefined) throw new ReportError(`Unexpected matrix without \`${where.rows}\`, expected a variable, \`participant\` or a participant attribute (${names([...variables, 'participant', ...cases.filter((c) => c !== 'speaker')])})`);
  const rows = matrixRows(rowsValue);
  if (!variables.includes(rows) && !cases.includes(rows)) throw new ReportError(`Unexpected \`${where.rows} ${rowsValue}\`, expected a declared variable, \`participant\` or a participant attribute: ${names([...variables, 'participant', ...cases.filter((c) => c !== 'speaker')])}`);
  let cols: string[] = [];
  if (keys.cols !== undefined && keys.cols !== null) {
    if (typeof keys.cols === 'string') cols = keys.cols.split(',').map((c) => c.trim()).filter(Boolean);
    else if (Array.isArray(keys.cols) && keys.cols.every((c) => typeof c === 'string')) cols = keys.cols as string[];
    else throw new ReportError(`Unexpected \`${where.cols}\`, expected a code id or a list of code ids`);
    for (const code of cols) if (!corpus.codebook.byId.has(code)) throw new ReportError(`Unexpected code \`${code}\` in \`${where.cols}\`, expected a code from the codebook`);
  }
  let per: string | undefined;
  if (keys.per !== undefined && keys.per !== null) {
    per = String(keys.per);
    if (!variables.includes(per)) throw new ReportError(`Unexpected \`${where.per} ${per}\`, expected a declared variable: ${names(variables)}`);
  } else if (phaseDefault) {
    per = phaseVariable(corpus.variables as VariableSpec[]);
    if (!per) throw new ReportError('Cannot find a phase variable: declare one with `ordered: true`, or name it with `per`');
  }
  if (per === rows) throw new ReportError(`Unexpected \`${where.per} ${per}\`, the same as \`${where.rows}\`, expected a different variable`);
  let summaries: string | undefined;
  if (keys.summaries !== undefined && keys.summaries !== null) {
    summaries = String(keys.summaries);
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(summaries)) throw new ReportError(`Unexpected \`summaries: ${summaries}\`, expected a name of letters, digits, \`.\`, \`_\` and \`-\` (the file is summaries/NAME.md)`);
  }
  return { rows, cols, ...(per ? { per } : {}), ...(summaries ? { summaries } : {}) };
}
