import type { Command } from 'commander';
import { formatsOf } from '../../reporters/registry.js';
import { matrixSpec, type MatrixFlags, type MatrixKind } from '../../core/matrix-spec.js';
import { PHASE_REPORT_DEFAULTS } from '../../core/phase-report.js';
import { usageProblem } from '../../model/command-line.js';
import { load, outputOptions, projectOptions, stop, type CliContext, type CommonOptions } from '../context.js';
import { emitReport, PSEUDONYMIZE_HELP } from '../kind-command.js';
import { runSummaries } from '../summaries-run.js';

export interface MatrixCliOptions extends CommonOptions, Omit<MatrixFlags, 'format'> {
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

/** A matrix or trajectory from the flags (or the declaration `--name` names), to stdout or `--out`. */
export async function runMatrix(ctx: CliContext, kind: MatrixKind, dir: string, options: MatrixCliOptions): Promise<void> {
  const loaded = load(ctx, dir, options);
  if (!loaded) return;
  const { corpus } = loaded;
  const spec = matrixSpec(corpus, kind, { ...options, format: options.format ?? formatsOf(kind)[0] }, ctx.io.argv);
  if (!spec.ok) return stop(ctx, spec.diagnostics, options);
  await emitReport(ctx, corpus, spec.value, options);
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
    const mode = options.scaffold ? 'scaffold' : options.refresh ? 'refresh' : undefined;
    if (options.scaffold && options.refresh) return stop(ctx, [usageProblem(ctx.io.argv, 'Unexpected `--scaffold` with `--refresh`, expected one of them', '--refresh')], options);
    if (mode === undefined) return runMatrix(ctx, 'matrix', dir, options);
    return runSummaries(ctx, dir, mode, options);
  });
}
