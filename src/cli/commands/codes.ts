// `fieldcode codes rename|merge|move|retire|split`: change codes across the
// whole project in one all-or-nothing operation (docs/codes.md).
import type { Command } from 'commander';
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';
import { load, projectOptions, stop, type CliContext, type CommonOptions } from '../context.js';
import { usageProblem } from '../../model/command-line.js';
import { dirname, resolve } from 'node:path';
import { displayPath, findConfig } from '../project.js';
import { escapeControls } from '../../reporters/terminal.js';
import { isLineageDate } from '../../codebook/lineage.js';
import { planOperation, type CodesOperation } from '../../codes/operations.js';
import { applyPlan } from '../../codes/journal.js';
import { changeSummary } from '../../codes/summary.js';

interface CodesOptions extends CommonOptions {
  dir?: string;
  dryRun?: boolean;
  date?: string;
  into?: string;
  parent?: string;
  top?: boolean;
  replacedBy?: string;
}

const EXAMPLES = `
Examples:
  $ fieldcode codes rename feedback peer-feedback --dry-run
  $ fieldcode codes rename feedback peer-feedback
  $ fieldcode codes merge mutual-support.practical mutual-support.emotional --into mutual-support
  $ fieldcode codes move network-growth --parent reciprocity
  $ fieldcode codes retire handling-resistance --replaced-by feedback
  $ fieldcode codes split feedback --into feedback.positive,feedback.critical
  $ fieldcode tag --review feedback

Every file that names the codes changes in one operation, or none does: the
codebook (comments and order kept; the change is recorded as renamed_from,
merged_from, split_from or retired, with the date), every inline tag and span,
every standoff codings file, \`codes:\` in declared reports, practice keys,
memos (\`about: code:ID\`), matrix summaries (headings) and declared reports.
A plan is written to .fieldcode/plan.json first; if fieldcode is killed
half-way, the next fieldcode command completes the change or rolls it back.
Rebuild declared reports afterwards with \`fieldcode build\`. See docs/codes.md.`;

export function registerCodes(program: Command, ctx: CliContext): void {
  const codes = program
    .command('codes')
    .summary('rename, merge, move, retire or split codes in every file at once, with lineage')
    .description('Change codes across the whole project in one all-or-nothing operation, and record the change in the codebook so old revisions still resolve.');
  codes.addHelpText('after', EXAMPLES);

  const sub = (name: string, summary: string): Command => {
    const command = codes.command(name).summary(summary).description(summary);
    command
      .option('--dir <dir>', 'project folder', '.')
      .option('--dry-run', 'print a unified diff of every file that would change, and a summary, and write nothing')
      .option('--date <YYYY-MM-DD>', 'the date to record in the lineage (default: today, UTC)');
    projectOptions(command);
    command.addHelpText('after', EXAMPLES);
    return command;
  };

  sub('rename', 'give a code a new id everywhere; the codebook records `renamed_from`')
    .argument('<old>', 'the code to rename')
    .argument('<new>', 'its new id')
    .action((from: string, to: string, options: CodesOptions) => run(ctx, { kind: 'rename', from, to }, `codes rename ${from} ${to}`, options));

  sub('merge', 'merge codes into one (an existing code or a new id); the codebook records `merged_from`')
    .argument('<codes...>', 'the codes to merge')
    .requiredOption('--into <id>', 'the code they become')
    .action((sources: string[], options: CodesOptions) => run(ctx, { kind: 'merge', sources, into: options.into! }, `codes merge ${sources.join(' ')} --into ${options.into}`, options));

  sub('move', 'put a code (with its children) under another parent, or at the top with --top')
    .argument('<code>', 'the code to move')
    .option('--parent <id>', 'the new parent')
    .option('--top', 'make it a top-level code')
    .action((code: string, options: CodesOptions) => {
      if ((options.parent === undefined) === (options.top !== true)) return stop(ctx, [usageProblem(ctx.io.argv, 'Unexpected `codes move` without exactly one of --parent ID and --top', 'move')], options);
      run(ctx, { kind: 'move', code, parent: options.parent }, `codes move ${code} ${options.top ? '--top' : `--parent ${options.parent}`}`, options);
    });

  sub('retire', 'retire a code: its codings go to --replaced-by, or are removed; the codebook keeps it as `retired`')
    .argument('<code>', 'the code to retire')
    .option('--replaced-by <id>', 'the code that takes over its codings')
    .action((code: string, options: CodesOptions) => run(ctx, { kind: 'retire', code, ...(options.replacedBy ? { replacedBy: options.replacedBy } : {}) }, `codes retire ${code}${options.replacedBy ? ` --replaced-by ${options.replacedBy}` : ''}`, options));

  sub('split', 'add child codes to split a code into; its passages stay on it, marked for review (`tag --review`)')
    .argument('<code>', 'the code to split')
    .requiredOption('--into <ids>', 'the new child codes, comma-separated')
    .action((code: string, options: CodesOptions) => {
      const into = options.into!.split(',').map((id) => id.trim()).filter(Boolean);
      run(ctx, { kind: 'split', code, into }, `codes split ${code} --into ${into.join(',')}`, options);
    });
}

function run(ctx: CliContext, operation: CodesOperation, described: string, options: CodesOptions): void {
  const date = options.date ?? new Date().toISOString().slice(0, 10);
  if (!isLineageDate(date)) return stop(ctx, [usageProblem(ctx.io.argv, `Unexpected \`--date ${date}\`, expected a day as YYYY-MM-DD`, '--date')], options);
  // Loaded from the project root, as `build` does: paths in regenerated reports do not depend on where this runs.
  const start = resolve(ctx.io.cwd, options.dir ?? '.');
  const configPath = options.config ? resolve(ctx.io.cwd, options.config) : findConfig(start);
  const root = configPath ? dirname(configPath) : start;
  const rootCtx: CliContext = { ...ctx, io: { ...ctx.io, cwd: root } };
  const loaded = load(rootCtx, root, { ...options, quiet: true, ...(configPath ? { config: configPath } : {}), ...(options.codebook ? { codebook: resolve(ctx.io.cwd, options.codebook) } : {}) });
  // The project's own context printed why it cannot be read; its exit code is the command's.
  if (!loaded) return void (ctx.exitCode = rootCtx.exitCode);
  const binaryLeft: string[] = [];
  // A change the command line asks for and that cannot be made is placed at the subcommand (`rename`, `merge`…).
  const planned = planOperation(loaded, operation, date, (message) => usageProblem(ctx.io.argv, message, operation.kind, 'codes-refused'), binaryLeft);
  if (!planned.ok) return stop(ctx, planned.diagnostics, options);
  const changes = planned.value;
  const out = ctx.io.stdout;
  if (options.dryRun) {
    for (const change of changes) {
      out.write(escapeControls(createTwoFilesPatch(change.before === null ? '/dev/null' : `a/${change.path}`, `b/${change.path}`, change.before ?? '', change.after, undefined, undefined, { context: 3, headerOptions: FILE_HEADERS_ONLY })));
    }
  }
  const stopped = options.dryRun ? undefined : applyPlan(loaded.root, described, changes);
  if (stopped) return stop(ctx, [{ file: displayPath(ctx.io.cwd, resolve(loaded.root, stopped.file)), line: 1, column: 1, severity: 'fatal', message: stopped.refused, ruleId: 'codes-plan' }], options);
  out.write(escapeControls(changeSummary(changes, options.dryRun === true)));
  if (binaryLeft.length > 0) ctx.io.stderr.write(escapeControls(`Not regenerated (binary): ${binaryLeft.join(', ')}; run \`fieldcode build\`\n`));
}
