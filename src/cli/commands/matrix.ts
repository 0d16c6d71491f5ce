import { relative, resolve, sep } from 'node:path';
import type { Command } from 'commander';
import type { Corpus, ReportDeclaration } from '../../types.js';
import { formatsOf } from '../../reporters/registry.js';
import { BINARY_FORMATS } from '../../reporters/xlsx.js';
import { analyses, ReportError, type ReportSpec } from '../../analyses/index.js';
import { parseSpec, summariesOf } from '../../analyses/matrix/index.js';
import { buildReports, renderReport, resolveDeclaration } from '../../core/build.js';
import { pseudonymize, pseudonymizeFilters } from '../../core/pseudonymize.js';
import { parseSummaries, refreshSummaries, scaffoldSummaries, summariesPath } from '../../core/summaries.js';
import { PHASE_REPORT_DEFAULTS } from '../../core/phase-report.js';
import type { Matrix } from '../../core/matrix.js';
import { UsageError, writeFileAtomic } from '../io.js';
import { declaredInputKind, projectInputs } from '../inputs.js';
import { displayPath } from '../project.js';
import { emit, exitCodeFor, load, outputOptions, parseFilters, projectOptions, report, reportStyle, styleFor, type CliContext, type CommonOptions } from '../context.js';
import { linkBaseTo, PSEUDONYMIZE_HELP, writeOutputs } from './build.js';

export interface MatrixCliOptions extends CommonOptions {
  name?: string;
  rows?: string;
  cols?: string;
  per?: string;
  quotes?: string;
  title?: string;
  pseudonymize?: boolean;
  scaffold?: boolean;
  refresh?: boolean;
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** The options `matrix` and `trajectory` share. */
export function matrixOptions(command: Command, kind: 'matrix' | 'trajectory'): Command {
  command
    .option('--name <name>', kind === 'matrix' ? 'a matrix declared under `reports:` (its settings, and its summaries in summaries/NAME.md), or the name of the summaries file of this one' : 'a trajectory declared under `reports:`')
    .option('--rows <case>', 'the cases: a variable such as `group`, `participant` (each speaker), or a participant attribute such as `role` (default: group)')
    .option('--by <case>', 'the same as --rows')
    .option('--cols <codes>', 'the codes of the columns, comma-separated (default: every code)')
    .option('--per <var>', kind === 'matrix' ? 'one table per value of this variable, usually `phase` (default: one table)' : 'the phase variable (default: the first `ordered: true` variable)')
    .option('--quotes <n>', `illustrative quotes per cell (default ${PHASE_REPORT_DEFAULTS.quotes})`)
    .option('--where <var=value>', 'keep notes where VAR equals VALUE (repeatable)', collect)
    .option('--coder <name>', 'only codings by this coder')
    .option('--title <text>', 'title of an HTML report')
    .option('--pseudonymize', PSEUDONYMIZE_HELP);
  return projectOptions(outputOptions(command, formatsOf(kind)));
}

function whole(value: string | undefined): number {
  if (value === undefined) return PHASE_REPORT_DEFAULTS.quotes;
  if (!/^\d+$/.test(value)) throw new UsageError(`Unexpected \`--quotes ${value}\`, expected a whole number`);
  return Number(value);
}

/** The spec of a matrix or trajectory: a declared one by `--name`, or one from the flags. */
export function cliSpec(corpus: Corpus, kind: 'matrix' | 'trajectory', options: MatrixCliOptions): { spec: ReportSpec; declaration?: ReportDeclaration } {
  if (options.rows !== undefined && options.by !== undefined) throw new UsageError('Unexpected `--rows` with `--by`, expected one of them');
  const rows = options.rows ?? options.by;
  const declaration = options.name !== undefined ? corpus.config.reports.find((d) => d.name === options.name) : undefined;
  if (declaration) {
    if (declaration.kind !== kind) throw new UsageError(`Unexpected \`--name ${options.name}\`: report \`${options.name}\` is a ${declaration.kind} report, expected a ${kind}`);
    const flags = ([['--rows', rows], ['--cols', options.cols], ['--per', options.per], ['--where', options.where], ['--coder', options.coder]] as const).filter(([, v]) => v !== undefined).map(([f]) => `\`${f}\``);
    if (flags.length > 0) throw new UsageError(`Unexpected ${flags.join(', ')} with \`--name ${options.name}\`: the declaration in fieldcode.yaml sets the ${kind}; change it there, or pick another name`);
    try {
      const resolved = resolveDeclaration(corpus, declaration, corpus.config.path ?? 'fieldcode.yaml');
      return { spec: { ...resolved, format: options.format ?? formatsOf(kind)[0], pseudonymize: resolved.pseudonymize || options.pseudonymize === true, ...(options.quotes !== undefined ? { quotes: whole(options.quotes) } : {}) }, declaration };
    } catch (error) {
      if (error instanceof ReportError) throw new UsageError(error.message);
      throw error;
    }
  }
  // Thrown until cliSpec returns Checked (its other problems are thrown too): position lost, message kept.
  const checked = parseFilters([], options, corpus);
  if (!checked.ok) throw new UsageError(checked.diagnostics[0]!.message);
  const filters = checked.value;
  let matrix;
  try {
    matrix = parseSpec(corpus, { rows, cols: options.cols, per: options.per }, { rows: '--rows', cols: '--cols', per: '--per' }, kind === 'trajectory');
  } catch (error) {
    if (error instanceof ReportError) throw new UsageError(error.reason);
    throw error;
  }
  const spec: ReportSpec = {
    kind,
    format: options.format ?? formatsOf(kind)[0],
    by: [],
    filters,
    unit: 'segment',
    measure: 'count',
    per: 'phase',
    quotes: whole(options.quotes),
    top: 0,
    pseudonymize: options.pseudonymize === true,
    matrix,
  };
  if (options.name !== undefined) spec.name = options.name;
  if (options.title !== undefined) spec.title = options.title;
  return { spec };
}

/** Renders a matrix or trajectory to stdout or `--out`; xlsx is made from its model. */
export async function runMatrixReport(ctx: CliContext, corpus: Corpus, spec: ReportSpec, options: MatrixCliOptions): Promise<void> {
  let rendered;
  try {
    rendered = renderReport(corpus, spec, { style: reportStyle(ctx, options), reportName: 'the --pseudonymize output', ...(options.out && options.out !== '-' ? { linkBase: linkBaseTo(ctx.io.cwd, options.out) } : {}) });
  } catch (error) {
    if (error instanceof ReportError) throw new UsageError(error.message);
    throw error;
  }
  const diagnostics = [...corpus.diagnostics, ...rendered.diagnostics];
  report(ctx, diagnostics, options);
  ctx.exitCode = exitCodeFor(diagnostics, options.strict);
  if (rendered.refused) return;
  const binary = BINARY_FORMATS[spec.format];
  if (!binary) return emit(ctx, rendered.content, options.out, spec.format);
  const bytes = await binary(rendered.content);
  if (options.out && options.out !== '-') {
    const path = resolve(ctx.io.cwd, options.out);
    try {
      writeFileAtomic(path, bytes, ctx.project ? { inputs: ctx.project.inputs } : {});
    } catch (error) {
      throw new UsageError(`Cannot write \`${options.out}\`: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, { cause: error });
    }
  } else if (ctx.io.stdout.isTTY) throw new UsageError(`Unexpected \`--format ${spec.format}\` to a terminal, expected \`--out FILE.${spec.format}\` (it is a binary file)`);
  else ctx.io.stdout.write(Buffer.from(bytes) as unknown as string);
}

/** The matrix as computed for its summaries: from the same (pseudonymised) corpus its report shows. */
function matrixFor(corpus: Corpus, spec: ReportSpec): Matrix {
  const pseudonymized = spec.pseudonymize ? pseudonymize(corpus) : undefined;
  const used = pseudonymized?.corpus ?? corpus;
  const filters = pseudonymized ? pseudonymizeFilters(spec.filters, pseudonymized.value) : spec.filters;
  return analyses.matrix(used, { ...spec, filters });
}

function cellsOf(matrix: Matrix) {
  return matrix.tables.flatMap((t) => t.rows.flatMap((r) => r.cells.map((c) => ({ parts: c.parts, quotes: c.passages.map(({ id, hash }) => ({ id, hash })), coded: c.passages.length > 0 }))));
}

export function registerMatrix(program: Command, ctx: CliContext): void {
  const command = program
    .command('matrix')
    .summary('a framework matrix: cases × codes per phase, with summaries and quotes')
    .description(
      'The Framework Method matrix: a row per case (a group, a participant, or the value of a variable), a column per code, one table per phase with --per. Each cell holds its coded segments and documents, the researcher’s summary from summaries/NAME.md, and up to --quotes illustrative quotes with path:line. Rows show each case’s turns, words and coded share (participation balance, for focus groups with --rows participant). --scaffold writes an empty summary section for each coded cell, listing the quotes it holds now; --refresh records the current quotes of the summarised cells after you re-read them.',
    )
    .argument('[dir]', 'project folder', '.')
    .option('--scaffold', 'write an empty section in summaries/NAME.md for each coded cell that has none (never changes a written summary)')
    .option('--refresh', 'record the current quotes of every section in summaries/NAME.md (after re-reading them), and rebuild the declared matrix');
  matrixOptions(command, 'matrix');
  command.addHelpText(
    'after',
    '\nExamples:\n  $ fieldcode matrix examples/peer-groups --rows group --cols reciprocity,feedback --per phase\n  $ fieldcode matrix --rows participant --where group=de-brug --cols feedback   # participation balance\n  $ fieldcode matrix --name framework --scaffold      # empty summaries for the declared matrix\n  $ fieldcode matrix --name framework --refresh       # after re-reading changed quotes\n  $ fieldcode matrix --name framework --format xlsx --out framework.xlsx\n\nSee docs/matrix.md.',
  );
  command.action(async (dir: string, options: MatrixCliOptions) => {
    if (options.scaffold && options.refresh) throw new UsageError('Unexpected `--scaffold` with `--refresh`, expected one of them');
    const loaded = load(ctx, dir, options);
    const { corpus } = loaded;
    const { spec } = cliSpec(corpus, 'matrix', options);
    if (!options.scaffold && !options.refresh) return runMatrixReport(ctx, corpus, spec, options);
    if (!loaded.project || !loaded.configPath) throw new UsageError('Cannot find fieldcode.yaml: summaries belong to a project');
    const name = spec.matrix?.summaries ?? spec.name;
    if (name === undefined) throw new UsageError(`Unexpected \`--${options.scaffold ? 'scaffold' : 'refresh'}\` without \`--name\`, expected the matrix's name (its summaries are summaries/NAME.md)`);
    if (options.out !== undefined) throw new UsageError(`Unexpected \`--out\` with \`--${options.scaffold ? 'scaffold' : 'refresh'}\`, expected summaries/${name}.md to be written`);
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name)) throw new UsageError(`Unexpected \`--name ${name}\`, expected a name of letters, digits, \`.\`, \`_\` and \`-\` (the file is summaries/NAME.md)`);
    const root = loaded.root;
    const path = summariesPath(name);
    const shown = displayPath(ctx.io.cwd, resolve(root, path));
    const matrix = matrixFor(corpus, spec);
    const document = summariesOf(corpus, name);
    const cells = cellsOf(matrix);
    let text: string;
    let message: string;
    if (options.scaffold) {
      const result = scaffoldSummaries(document, name, cells.filter((c) => c.coded));
      text = result.text;
      message = `${shown}  ${document ? (result.added > 0 ? 'updated' : 'unchanged') : 'created'}: ${result.added} ${result.added === 1 ? 'section' : 'sections'} added`;
      if (document && result.added === 0) {
        if (!options.quiet) ctx.io.stderr.write(`${message}\n`);
        return;
      }
    } else {
      if (!document) throw new UsageError(`Cannot find \`${shown}\` to refresh; write it first with \`fieldcode matrix --name ${name} --scaffold\``);
      const result = refreshSummaries(document, cells);
      text = result.text;
      message = `${shown}  ${result.refreshed} ${result.refreshed === 1 ? 'section' : 'sections'} refreshed`;
    }
    try {
      // A summary is writing about the data: never a note, never outside the project.
      writeFileAtomic(resolve(root, path), text, { within: root, inputs: projectInputs(loaded) });
    } catch (error) {
      throw new UsageError(`Cannot write \`${shown}\`: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, { cause: error });
    }
    if (!options.quiet) ctx.io.stderr.write(`${message}\n`);
    const parsed = parseSummaries(document?.path ?? shown, text);
    report(ctx, parsed.diagnostics, options);
    ctx.exitCode = exitCodeFor(parsed.diagnostics, options.strict);
    if (!options.refresh) return;
    // The declared matrices that show these summaries: rebuild them, as `build --only` would.
    const shows = corpus.config.reports.filter((d) => d.kind === 'matrix' && String((d as { summaries?: unknown }).summaries ?? d.name) === name);
    if (shows.length === 0) return;
    const updated: Corpus = { ...corpus, summaries: [...(corpus.summaries ?? []).filter((f) => f.path !== path), { path, shown: document!.path, text }] };
    const configRel = relative(root, loaded.configPath).split(sep).join('/');
    let outputs;
    try {
      outputs = buildReports(updated, shows, configRel, declaredInputKind(loaded)).outputs;
    } catch (error) {
      if (error instanceof ReportError) throw new UsageError(error.message);
      throw error;
    }
    await writeOutputs(ctx, root, outputs, projectInputs(loaded), { check: false, diff: false, quiet: options.quiet === true, style: styleFor(ctx, 'stderr', options) });
  });
}
