// `matrix --scaffold` and `--refresh`: write the matrix's summaries file
// (planned in core/matrix-summaries.ts) and, after a refresh, rebuild the
// declared matrices that show it.
import { relative, resolve, sep } from 'node:path';
import { buildReports } from '../core/build.js';
import { matrixSpec } from '../core/matrix-spec.js';
import { matricesShowing, summariesMessage, updateSummaries, type SummariesMode } from '../core/matrix-summaries.js';
import { parseSummaries } from '../core/summaries.js';
import { usageProblem } from '../model/command-line.js';
import { writeFileAtomic } from './io.js';
import { declaredInputKind, projectInputs } from './inputs.js';
import { displayPath } from './project.js';
import { exitCodeFor, load, report, stop, styleFor, type CliContext, type CommonOptions } from './context.js';
import { writeOutputs } from './build-outputs.js';
import type { MatrixFlags } from '../core/matrix-spec.js';

export async function runSummaries(ctx: CliContext, dir: string, mode: SummariesMode, options: CommonOptions & Omit<MatrixFlags, 'format'>): Promise<void> {
  const argv = ctx.io.argv;
  const loaded = load(ctx, dir, options);
  if (!loaded) return;
  const { corpus, root } = loaded;
  const spec = matrixSpec(corpus, 'matrix', { ...options, format: options.format ?? 'markdown' }, argv);
  if (!spec.ok) return stop(ctx, spec.diagnostics, options);
  if (!loaded.project || !loaded.configPath) return stop(ctx, [usageProblem(argv, 'Cannot find fieldcode.yaml: summaries belong to a project', `--${mode}`)], options);
  const shown = (path: string): string => displayPath(ctx.io.cwd, resolve(root, path));
  const update = updateSummaries(corpus, spec.value, mode, argv, shown, options.out);
  if (!update.ok) return stop(ctx, update.diagnostics, options);
  const { document, text, count, path } = update.value;
  const message = `${shown(path)}  ${summariesMessage(update.value, mode)}`;
  if (mode === 'scaffold' && document && count === 0) {
    if (!options.quiet) ctx.io.stderr.write(`${message}\n`);
    return;
  }
  try {
    // A summary is writing about the data: never a note, never outside the project.
    writeFileAtomic(resolve(root, path), text, { within: root, inputs: projectInputs(loaded) });
  } catch (error) {
    return stop(ctx, [{ file: shown(path), line: 1, column: 1, severity: 'fatal', message: `Cannot write \`${shown(path)}\`: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, ruleId: 'write-failed' }], options);
  }
  if (!options.quiet) ctx.io.stderr.write(`${message}\n`);
  const parsed = parseSummaries(document?.path ?? shown(path), text);
  report(ctx, parsed.diagnostics, options);
  ctx.exitCode = exitCodeFor(parsed.diagnostics, options.strict);
  if (mode !== 'refresh') return;
  // The declared matrices that show these summaries: rebuild them, as `build --only` would.
  const shows = matricesShowing(corpus, update.value, shown(path));
  if (shows.declarations.length === 0) return;
  const built = buildReports(shows.corpus, shows.declarations, relative(root, loaded.configPath).split(sep).join('/'), declaredInputKind(loaded));
  if (built.problems.length > 0) return stop(ctx, built.problems.map((d) => ({ ...d, severity: 'fatal' as const })), options);
  const { failed } = await writeOutputs(ctx, root, built.outputs, projectInputs(loaded), { check: false, diff: false, quiet: options.quiet === true, style: styleFor(ctx, 'stderr', options) });
  if (failed.length > 0) stop(ctx, failed, options);
}
