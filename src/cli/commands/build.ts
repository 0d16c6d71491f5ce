import { dirname, relative, resolve, sep } from 'node:path';
import type { Command } from 'commander';
import type { Diagnostic } from '../../types.js';
import { buildReports } from '../../core/build.js';
import { CONFIG_NAME } from '../../core/config.js';
import { usageProblem } from '../../model/command-line.js';
import { EXIT_PROBLEMS } from '../exit-codes.js';
import { displayPath, findConfig } from '../project.js';
import { declaredInputKind, projectInputs } from '../inputs.js';
import { writeOutputs } from '../build-outputs.js';
import { exitCodeFor, load, projectOptions, report, stop, styleFor, type CliContext, type CommonOptions } from '../context.js';

interface BuildOptions extends CommonOptions {
  check?: boolean;
  diff?: boolean;
  only?: string[];
}

export function registerBuild(program: Command, ctx: CliContext): void {
  const command = program
    .command('build')
    .summary('regenerate the reports declared in fieldcode.yaml')
    .description(
      'Regenerate every report declared under `reports:` in fieldcode.yaml. The same inputs give byte-identical files. With --check nothing is written: the command exits 1 and names each report that is missing or differs from what would be generated (for CI).',
    )
    .argument('[dir]', 'project folder', '.')
    .option('--check', 'write nothing; exit 1 when a declared report is missing or stale')
    .option('--diff', 'with --check: print a unified diff of each stale or missing report to stdout')
    .option('--only <name>', 'only this declared report (repeatable)', (value: string, previous: string[] = []) => [...previous, value]);
  projectOptions(command);
  command.addHelpText('after', '\nExamples:\n  $ fieldcode build examples/peer-groups\n  $ fieldcode build --check          # in CI: fail when reports are out of date\n  $ fieldcode build --check --diff   # and show what changed\n\nA report that differs only in CRLF line endings counts as up to date.\nSee docs/reports.md for the `reports:` keys.');
  command.action(async (dir: string, options: BuildOptions) => {
    const argv = ctx.io.argv;
    if (options.diff && !options.check) return stop(ctx, [usageProblem(argv, 'Unexpected `--diff` without `--check`, expected `build --check --diff`', '--diff')], options);
    const cwd = ctx.io.cwd;
    const start = resolve(cwd, dir);
    const configPath = options.config ? resolve(cwd, options.config) : findConfig(start);
    if (!configPath) return stop(ctx, [usageProblem(argv, `Cannot find ${CONFIG_NAME} in \`${dir}\` or above it; \`build\` needs declared reports`, options.config ? '--config' : dir)], options);
    const root = dirname(configPath);
    // Load with the project root as working directory: paths in the reports do
    // not depend on where `build` is run from.
    const rootCtx: CliContext = { ...ctx, io: { ...ctx.io, cwd: root } };
    const loaded = load(rootCtx, root, { ...options, config: configPath });
    // The project's own context printed why it cannot be read; its exit code is the command's.
    if (!loaded) return void (ctx.exitCode = rootCtx.exitCode);
    const { corpus } = loaded;
    const shown = (path: string): string => displayPath(cwd, resolve(root, path));
    let declarations = corpus.config.reports;
    if (options.only) {
      const unknown = options.only.filter((name) => !declarations.some((d) => d.name === name));
      if (unknown.length > 0) return stop(ctx, unknown.map((name) => usageProblem(argv, `Unexpected report \`${name}\` in \`--only\`, expected a name declared under \`reports:\``, name)), options);
      declarations = declarations.filter((d) => options.only!.includes(d.name));
    }
    if (corpus.config.reports.length === 0) return stop(ctx, [usageProblem(argv, `Cannot find any reports under \`reports:\` in ${shown(CONFIG_NAME)}; see docs/reports.md`)], options);
    // A declaration that cannot be built gives the same positioned diagnostic and exit code as in `check`.
    const result = buildReports(corpus, declarations, relative(root, configPath).split(sep).join('/'), declaredInputKind(loaded));
    const diagnostics: Diagnostic[] = [...corpus.diagnostics, ...result.diagnostics].map((d) => ({ ...d, file: shown(d.file) }));
    report(ctx, diagnostics, options);
    if (result.problems.length > 0) {
      ctx.exitCode = exitCodeFor(diagnostics, options.strict);
      return;
    }
    const { stale, written, failed } = await writeOutputs(ctx, root, result.outputs, projectInputs(loaded), { check: options.check === true, diff: options.diff === true, quiet: options.quiet === true, style: styleFor(ctx, 'stderr', options) });
    if (failed.length > 0) return stop(ctx, failed, options);
    // In CI a summary whose quotes changed is out of date like a report is (docs/matrix.md).
    const staleSummaries = options.check ? diagnostics.filter((d) => d.ruleId === 'summary-stale').length : 0;
    const total = result.outputs.length;
    if (options.check) {
      if (stale > 0) ctx.io.stderr.write(`${stale} of ${total} ${total === 1 ? 'report is' : 'reports are'} out of date; run \`fieldcode build\`\n`);
      else if (!options.quiet) ctx.io.stderr.write(`${total} ${total === 1 ? 'report is' : 'reports are'} up to date\n`);
      if (staleSummaries > 0) {
        const names = [...new Set(diagnostics.filter((d) => d.ruleId === 'summary-stale').map((d) => /([^/\\]+)\.md$/.exec(d.file)?.[1] ?? 'NAME'))].sort();
        ctx.io.stderr.write(`${staleSummaries} ${staleSummaries === 1 ? 'change' : 'changes'} in the quotes of matrix summaries; re-read them and run ${names.map((n) => `\`fieldcode matrix --name ${n} --refresh\``).join(', ')}\n`);
      }
    } else if (!options.quiet) ctx.io.stderr.write(`${total} ${total === 1 ? 'report' : 'reports'}, ${written} written, ${total - written} unchanged\n`);
    ctx.exitCode = stale > 0 || staleSummaries > 0 ? EXIT_PROBLEMS : exitCodeFor(diagnostics, options.strict);
  });
}

