// `matrix --scaffold` and `--refresh`: the new text of a matrix's summaries
// file (summaries/NAME.md), from the cells of the matrix its report shows.
import type { Corpus, ReportDeclaration } from '../types.js';
import { analyses, type SpecOf } from '../analyses/index.js';
import { summariesOf } from '../analyses/matrix/index.js';
import { SUMMARIES_NAME } from '../analyses/matrix/shape.js';
import { ok, problems, type Checked } from '../model/checked.js';
import { usageProblem } from '../model/command-line.js';
import type { Matrix } from './matrix.js';
import { pseudonymize, pseudonymizeFilters } from './pseudonymize.js';
import { refreshSummaries, scaffoldSummaries, summariesPath, type SummaryDocument } from './summaries.js';

export type SummariesMode = 'scaffold' | 'refresh';

export interface SummariesUpdate {
  /** The summaries name (NAME of summaries/NAME.md) and the project-relative path. */
  name: string;
  path: string;
  /** The file as it is now, if there is one. */
  document?: SummaryDocument;
  text: string;
  /** Sections added (scaffold) or refreshed (refresh). */
  count: number;
}

/** The name a matrix's summaries go by: `summaries:` of its declaration, else its name. */
export function summariesName(spec: SpecOf<'matrix'>): string | undefined {
  return spec.matrix?.summaries ?? spec.name;
}

/**
 * The new text of the summaries of `spec`. `shown` is how messages name the
 * file. Problems are the command line's (no `--name`, `--out`, a bad name)
 * or the missing file to refresh.
 */
export function updateSummaries(corpus: Corpus, spec: SpecOf<'matrix'>, mode: SummariesMode, argv: readonly string[], shown: (path: string) => string, out?: string): Checked<SummariesUpdate> {
  const name = summariesName(spec);
  if (name === undefined) return problems(usageProblem(argv, `Unexpected \`--${mode}\` without \`--name\`, expected the matrix's name (its summaries are summaries/NAME.md)`, `--${mode}`));
  if (out !== undefined) return problems(usageProblem(argv, `Unexpected \`--out\` with \`--${mode}\`, expected summaries/${name}.md to be written`, '--out'));
  if (!SUMMARIES_NAME.test(name)) return problems(usageProblem(argv, `Unexpected \`--name ${name}\`, expected a name of letters, digits, \`.\`, \`_\` and \`-\` (the file is summaries/NAME.md)`, '--name'));
  const path = summariesPath(name);
  const document = summariesOf(corpus, name);
  const cells = cellsOf(matrixFor(corpus, spec));
  if (mode === 'scaffold') {
    const result = scaffoldSummaries(document, name, cells.filter((c) => c.coded));
    return ok({ name, path, ...(document ? { document } : {}), text: result.text, count: result.added });
  }
  if (!document) return problems(usageProblem(argv, `Cannot find \`${shown(path)}\` to refresh; write it first with \`fieldcode matrix --name ${name} --scaffold\``, '--refresh'));
  const result = refreshSummaries(document, cells);
  return ok({ name, path, document, text: result.text, count: result.refreshed });
}

/** What was done to the file: `created: 3 sections added`, `2 sections refreshed`. */
export function summariesMessage(update: SummariesUpdate, mode: SummariesMode): string {
  const sections = `${update.count} ${update.count === 1 ? 'section' : 'sections'}`;
  if (mode === 'refresh') return `${sections} refreshed`;
  return `${update.document ? (update.count > 0 ? 'updated' : 'unchanged') : 'created'}: ${sections} added`;
}

/** The declared matrices that show the summaries `name`, and the corpus as it is with the new text. */
export function matricesShowing(corpus: Corpus, update: SummariesUpdate, shownPath: string): { declarations: ReportDeclaration[]; corpus: Corpus } {
  const declarations = corpus.config.reports.filter((d) => d.kind === 'matrix' && String((d as { summaries?: unknown }).summaries ?? d.name) === update.name);
  const summaries = [...(corpus.summaries ?? []).filter((f) => f.path !== update.path), { path: update.path, shown: update.document?.path ?? shownPath, text: update.text }];
  return { declarations, corpus: { ...corpus, summaries } };
}

/** The matrix as computed for its summaries: from the same (pseudonymised) corpus its report shows. */
function matrixFor(corpus: Corpus, spec: SpecOf<'matrix'>): Matrix {
  const pseudonymized = spec.pseudonymize ? pseudonymize(corpus) : undefined;
  const used = pseudonymized?.corpus ?? corpus;
  const filters = pseudonymized ? pseudonymizeFilters(spec.filters, pseudonymized.value) : spec.filters;
  return analyses.matrix(used, { ...spec, filters });
}

function cellsOf(matrix: Matrix) {
  return matrix.tables.flatMap((t) => t.rows.flatMap((r) => r.cells.map((c) => ({ parts: c.parts, quotes: c.passages.map(({ id, hash }) => ({ id, hash })), coded: c.passages.length > 0 }))));
}

