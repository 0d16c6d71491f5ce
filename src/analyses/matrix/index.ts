// The framework matrix: cases × codes (× phase), with counts, summaries and quotes.
import type { Corpus } from '../../types.js';
import { frameworkMatrix, type Matrix } from '../../core/matrix.js';
import { parseSummaries, summariesPath, type SummaryDocument } from '../../core/summaries.js';
import type { Checked } from '../../model/checked.js';
import type { MatrixSpec, RawSpec, SpecContext } from '../spec.js';
import { parseShapedSpec } from './shape.js';

export function parseSpec(raw: RawSpec, context: SpecContext): Checked<MatrixSpec> {
  return parseShapedSpec('matrix', raw, context);
}

export function analyse(corpus: Corpus, spec: MatrixSpec): Matrix {
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
