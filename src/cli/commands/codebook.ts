import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { Codebook, Diagnostic } from '../../types.js';
import type { CodeMemos } from '../../reporters/codebook.js';
import { outputFormats, outputs, renderOutput } from '../../reporters/outputs.js';
import { readMemos } from '../../memos/load.js';
import { memosByCode } from '../../memos/select.js';
import { discover } from '../../pipeline/discover.js';
import { posixRelative } from '../../pipeline/paths.js';
import { workingTreeSource } from '../../pipeline/sources/working-tree.js';
import { ok, problems, type Checked } from '../../model/checked.js';
import { emit, exitCodeFor, outputOptions, report, reportStyle, stop, type CliContext, type CommonOptions } from '../context.js';
import { BUNDLED_CODEBOOK, locateProject, readCodebookFile } from '../project.js';
import { registerCodebookDiff } from './codebook-diff.js';

export function registerCodebook(program: Command, ctx: CliContext): void {
  const command = program
    .command('codebook')
    .summary('validate a codebook and print it as a tree')
    .description('Validate a codebook and print it as a readable tree with definitions and criteria. Without PATH it uses the project’s codebook, or the bundled working-components codebook.')
    .argument('[path]', 'codebook YAML file')
    .option('--strict', 'exit 1 on warnings too')
    .option('-q, --quiet', 'show no warnings on stderr')
    .option('--color', 'force colour')
    .option('--no-color', 'never use colour');
  outputOptions(command, outputFormats(outputs.codebook));
  // `codebook diff --format json`: options after `diff` are the subcommand's, not these. Commander
  // wants it on the program too; this runs only when `codebook` is the command (main.ts loads lazily).
  program.enablePositionalOptions();
  command.enablePositionalOptions();
  registerCodebookDiff(command, ctx);
  command.action((path: string | undefined, options: CommonOptions) => {
    const read = path ? withoutMemos(readCodebookFile(ctx.io.cwd, resolve(ctx.io.cwd, path))) : projectCodebook(ctx.io.cwd);
    if (!read.ok) return stop(ctx, read.diagnostics, options);
    const { codebook, diagnostics, memos } = read.value;
    const format = options.format ?? 'tree';
    const text = renderOutput(outputs.codebook, format, { codebook, memos }, { style: reportStyle(ctx, options) });
    report(ctx, diagnostics, options);
    const written = emit(ctx, text, options.out, options.format);
    ctx.exitCode = exitCodeFor([...diagnostics, ...written], options.strict);
  });
}

interface ShownCodebook {
  codebook: Codebook;
  diagnostics: Diagnostic[];
  memos: CodeMemos;
}

function withoutMemos(read: Checked<{ codebook: Codebook; diagnostics: Diagnostic[] }>): Checked<ShownCodebook> {
  return read.ok ? ok({ ...read.value, memos: new Map() }) : read;
}

/** The codebook the project in (or above) the working directory uses, found as every command finds it. */
function projectCodebook(cwd: string): Checked<ShownCodebook> {
  const located = locateProject(cwd, {});
  if (!located.ok) return located;
  const { root, configPath } = located.value;
  if (!configPath) return withoutMemos(readCodebookFile(cwd, BUNDLED_CODEBOOK));
  const source = workingTreeSource(root, { cwd });
  const found = discover(source, { config: posixRelative(root, configPath) });
  if (!found.project) return problems(...found.diagnostics.filter((d) => d.severity === 'fatal'));
  const codebook = found.project.codebook;
  // The project's memos on its codes are listed under them; their own problems are `check`'s to report.
  const memos = memosByCode(readMemos(source, found.project.config, []));
  return ok({ codebook, diagnostics: found.diagnostics.filter((d) => d.file === codebook.path), memos });
}
