import { readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import type { Command } from 'commander';
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';
import type { Corpus, Diagnostic } from '../../types.js';
import { formatsOf } from '../../reporters/registry.js';
import { caseDimensions } from '../../core/cases.js';
import { BINARY_FORMATS } from '../../reporters/xlsx.js';
import type { Style } from '../../reporters/style.js';
import type { Inputs } from '../inputs.js';
import { buildReports, CASE_KINDS, defaultBy, type BuildOutput, renderReport, ReportError, type ReportKind, type ReportSpec } from '../../core/build.js';
import { COOCCURRENCE_MEASURES, COOCCURRENCE_UNITS, type CooccurrenceMeasure, type CooccurrenceUnit } from '../../core/cooccurrence.js';
import { PHASE_REPORT_DEFAULTS } from '../../core/phase-report.js';
import { CHANGE_DEFAULTS } from '../../core/phase-change.js';
import { parseSpec as parseChange } from '../../analyses/phase-change/index.js';
import { CONFIG_NAME } from '../../core/config.js';
import { EXIT_PROBLEMS } from '../exit-codes.js';
import { UsageError, writeFileAtomic } from '../io.js';
import { displayPath, findConfig } from '../project.js';
import { declaredInputKind, projectInputs } from '../inputs.js';
import { emit, exitCodeFor, load, parseBy, parseFilters, projectOptions, report, reportStyle, stop as stopWith, styleFor, type CliContext, type CommonOptions } from '../context.js';

export interface AnalysisOptions extends CommonOptions {
  unit?: string;
  measure?: string;
  phase?: string;
  group?: string;
  per?: string;
  quotes?: string;
  top?: string;
  title?: string;
  pseudonymize?: boolean;
  constant?: string;
  present?: string;
}

function whole(value: string | undefined, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value)) throw new UsageError(`Unexpected \`${flag} ${value}\`, expected a whole number`);
  return Number(value);
}

/** What a command adds to `runKind`: its own spec keys, and checks before and after the report. */
export interface KindHooks {
  spec?: (corpus: Corpus) => Partial<ReportSpec>;
  /** Problems that stop the command before anything is written (exit 1). */
  before?: (corpus: Corpus, spec: ReportSpec) => Diagnostic[];
  /** Problems found in the report, printed after it (e.g. a CI threshold). */
  after?: (corpus: Corpus, spec: ReportSpec) => Diagnostic[];
}

/** Runs one report kind from command-line options: the shared body of `cooccurrence`, `phase-change`, `phase-report`, `saturation`…. */
export function runKind(ctx: CliContext, kind: ReportKind, dir: string, options: AnalysisOptions, hooks: KindHooks = {}): void {
  const { corpus } = load(ctx, dir, options);
  const names = corpus.variables.map((v) => v.name);
  const checkedFilters = parseFilters(ctx.io.argv, options, corpus);
  // Participants are cases for the kinds that count per cell of text.
  const checkedBy = parseBy(ctx.io.argv, options, names, defaultBy(kind, names), CASE_KINDS.includes(kind) ? caseDimensions(corpus) : []);
  if (!checkedFilters.ok || !checkedBy.ok) return stopWith(ctx, [...(checkedFilters.ok ? [] : checkedFilters.diagnostics), ...(checkedBy.ok ? [] : checkedBy.diagnostics)], options);
  const filters = checkedFilters.value;
  const by = checkedBy.value;
  for (const [flag, value] of [['--phase', options.phase], ['--group', options.group]] as const) {
    if (value !== undefined && !names.includes(value)) throw new UsageError(`Unexpected variable \`${value}\` in \`${flag}\`, expected one of ${names.map((n) => `\`${n}\``).join(', ')}`);
  }
  const format = options.format ?? formatsOf(kind)[0];
  const spec: ReportSpec = {
    kind,
    format,
    by,
    filters,
    unit: (options.unit ?? 'segment') as CooccurrenceUnit,
    measure: (options.measure ?? 'count') as CooccurrenceMeasure,
    per: (options.per ?? PHASE_REPORT_DEFAULTS.per) as 'phase' | 'group-phase',
    quotes: whole(options.quotes, '--quotes', PHASE_REPORT_DEFAULTS.quotes),
    top: whole(options.top, '--top', PHASE_REPORT_DEFAULTS.top),
    pseudonymize: options.pseudonymize === true,
  };
  if (options.phase) spec.phase = options.phase;
  if (options.group) spec.group = options.group;
  if (options.title !== undefined) spec.title = options.title;
  Object.assign(spec, hooks.spec?.(corpus));
  const stop = hooks.before?.(corpus, spec) ?? [];
  if (stop.length > 0) {
    report(ctx, [...corpus.diagnostics, ...stop.filter((d) => !corpus.diagnostics.includes(d))], options);
    ctx.exitCode = EXIT_PROBLEMS;
    return;
  }
  let rendered;
  try {
    rendered = renderReport(corpus, spec, { style: reportStyle(ctx, options), reportName: 'the --pseudonymize output', ...(options.out && options.out !== '-' ? { linkBase: linkBaseTo(ctx.io.cwd, options.out) } : {}) });
  } catch (error) {
    if (error instanceof ReportError) throw new UsageError(error.message);
    throw error;
  }
  const diagnostics = [...corpus.diagnostics, ...rendered.diagnostics, ...(hooks.after?.(corpus, spec) ?? [])];
  report(ctx, diagnostics, options);
  if (!rendered.refused) emit(ctx, rendered.content, options.out, format);
  ctx.exitCode = exitCodeFor(diagnostics, options.strict);
}

/** The prefix from the folder of `out` back to the working directory, for note links. */
export function linkBaseTo(cwd: string, out: string): string {
  const rel = relative(dirname(resolve(cwd, out)), cwd).split(sep).join('/');
  return rel === '' ? '' : `${rel}/`;
}

export function unitOptions(command: Command, withMeasure = true): Command {
  command.option('--unit <unit>', `what counts as "together": ${COOCCURRENCE_UNITS.join(' or ')}`, (value: string) => {
    if (!(COOCCURRENCE_UNITS as string[]).includes(value)) throw new UsageError(`Unexpected \`--unit ${value}\`, expected segment or document`);
    return value;
  });
  // Only kinds that read a measure offer the flag: an option that does nothing is refused, never ignored.
  if (!withMeasure) return command;
  return command.option('--measure <measure>', `${COOCCURRENCE_MEASURES.join(' or ')} (Jaccard = units with both / units with either)`, (value: string) => {
    if (!(COOCCURRENCE_MEASURES as string[]).includes(value)) throw new UsageError(`Unexpected \`--measure ${value}\`, expected count or jaccard`);
    return value;
  });
}

/** `--constant` and `--present`: the thresholds of Saldaña's change categories (phase-change, phase-report). */
export function changeOptions(command: Command): Command {
  return command
    .option('--constant <pp>', `a change in share under this many percentage points counts as none, for the change categories (default ${CHANGE_DEFAULTS.constant})`)
    .option('--present <n>', `coded segments that make a code present in a phase, for the change categories (default ${CHANGE_DEFAULTS.present})`);
}

/** The hook that turns `--constant` / `--present` into the spec's thresholds. */
export function changeHooks(options: { constant?: string; present?: string }): KindHooks {
  return {
    spec: () => ({
      change: parseChange(options, (key, value, expected) => {
        throw new UsageError(`Unexpected \`--${key} ${String(value)}\`, expected ${expected}`);
      }),
    }),
  };
}

export const PSEUDONYMIZE_HELP = 'replace every participant name and speaker label with its pseudonym (or P1, P2, … when none is declared); refuse to publish a report that would still show a name';

interface BuildOptions extends CommonOptions {
  check?: boolean;
  diff?: boolean;
  only?: string[];
}

const lf = (text: string): string => text.replace(/\r\n/g, '\n');

/** A committed report that differs only in CRLF line endings (a checkout with
 * core.autocrlf=true and no .gitattributes) is up to date: git stores it as
 * the LF text fieldcode writes. */
export function sameReport(current: string, generated: string): boolean {
  return current === generated || lf(current) === lf(generated);
}

/** A unified diff from the committed report to the one `build` would write. */
export function reportDiff(path: string, current: string | undefined, generated: string): string {
  return createTwoFilesPatch(current === undefined ? '/dev/null' : `a/${path}`, `b/${path}`, lf(current ?? ''), lf(generated), undefined, undefined, { context: 3, headerOptions: FILE_HEADERS_ONLY });
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
    if (options.diff && !options.check) throw new UsageError('Unexpected `--diff` without `--check`, expected `build --check --diff`');
    const cwd = ctx.io.cwd;
    const start = resolve(cwd, dir);
    const configPath = options.config ? resolve(cwd, options.config) : findConfig(start);
    if (!configPath) throw new UsageError(`Cannot find ${CONFIG_NAME} in \`${dir}\` or above it; \`build\` needs declared reports`);
    const root = dirname(configPath);
    // Load with the project root as working directory: paths in the reports do
    // not depend on where `build` is run from.
    const rootCtx: CliContext = { ...ctx, io: { ...ctx.io, cwd: root } };
    const loaded = load(rootCtx, root, { ...options, config: configPath });
    const { corpus } = loaded;
    const shown = (path: string): string => displayPath(cwd, resolve(root, path));
    let declarations = corpus.config.reports;
    if (options.only) {
      for (const name of options.only) if (!declarations.some((d) => d.name === name)) throw new UsageError(`Unexpected report \`${name}\` in \`--only\`, expected a name declared under \`reports:\``);
      declarations = declarations.filter((d) => options.only!.includes(d.name));
    }
    if (corpus.config.reports.length === 0) throw new UsageError(`Cannot find any reports under \`reports:\` in ${shown(CONFIG_NAME)}; see docs/reports.md`);
    let result;
    try {
      result = buildReports(corpus, declarations, relative(root, configPath).split(sep).join('/'), declaredInputKind(loaded));
    } catch (error) {
      if (!(error instanceof ReportError)) throw error;
      // The same positioned diagnostic and exit code as `check` gives for this declaration.
      const problems = [...corpus.diagnostics, error.diagnostic(relative(root, configPath).split(sep).join('/'))].map((d) => ({ ...d, file: shown(d.file) }));
      report(ctx, problems, options);
      ctx.exitCode = exitCodeFor(problems, options.strict);
      return;
    }
    const diagnostics: Diagnostic[] = [...corpus.diagnostics, ...result.diagnostics].map((d) => ({ ...d, file: shown(d.file) }));
    report(ctx, diagnostics, options);
    const { stale, written } = await writeOutputs(ctx, root, result.outputs, projectInputs(loaded), { check: options.check === true, diff: options.diff === true, quiet: options.quiet === true, style: styleFor(ctx, 'stderr', options) });
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

/**
 * Writes (or, with `check`, compares) the outputs of declared reports; a
 * binary format (xlsx) is made from its model here. Returns how many were
 * stale and how many written.
 */
export async function writeOutputs(ctx: CliContext, root: string, outputs: BuildOutput[], inputs: Inputs, options: { check: boolean; diff: boolean; quiet: boolean; style: Style }): Promise<{ stale: number; written: number }> {
  const shown = (path: string): string => displayPath(ctx.io.cwd, resolve(root, path));
  let stale = 0;
  let written = 0;
  for (const output of outputs) {
    const absolute = resolve(root, output.path);
    const binary = BINARY_FORMATS[output.format ?? ''];
    const content: string | Uint8Array = binary ? await binary(output.content) : output.content;
    const current = currentReport(absolute, root, typeof content !== 'string');
    if (current !== undefined && (typeof content === 'string' ? typeof current === 'string' && sameReport(current, content) : current instanceof Uint8Array && Buffer.from(current).equals(Buffer.from(content)))) continue;
    if (options.check) {
      stale++;
      ctx.io.stderr.write(`${shown(output.path)}  ${options.style.red(current === undefined ? 'missing' : 'stale')}  report \`${output.name}\` ${current === undefined ? 'has not been generated' : 'differs from what would be generated'}\n`);
      if (options.diff) ctx.io.stdout.write(typeof content === 'string' && typeof current !== 'object' ? reportDiff(shown(output.path), current, content) : `Binary report ${shown(output.path)} differs\n`);
    } else {
      try {
        writeFileAtomic(absolute, content, { within: root, inputs, regularOnly: true });
      } catch (error) {
        throw new UsageError(`Cannot write \`${shown(output.path)}\`: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, { cause: error });
      }
      written++;
      if (!options.quiet) ctx.io.stderr.write(`${shown(output.path)}  ${current === undefined ? 'created' : 'updated'}\n`);
    }
  }
  return { stale, written };
}

/**
 * The report as it is now, to compare with the new one: only a regular file
 * inside the project. A FIFO would hang the read, and a link to a file
 * elsewhere (`reports/f.md -> /etc/shadow`) would print it in `--check --diff`.
 */
function currentReport(absolute: string, root: string, binary = false): string | Uint8Array | undefined {
  try {
    const real = realpathSync(absolute);
    const rel = relative(realpathSync(root), real);
    if (rel.startsWith('..') || isAbsolute(rel) || !statSync(real).isFile()) return undefined;
    return binary ? new Uint8Array(readFileSync(real)) : readFileSync(real, 'utf8');
  } catch {
    return undefined;
  }
}
