// The shared body of the report commands (`report`, `quotes`, `cooccurrence`,
// `phase-change`, `saturation`…): flags → the kind's parseSpec (the same one
// a declaration goes through) → analysis → reporter → stdout or `--out`.
import { dirname, relative, resolve, sep } from 'node:path';
import type { Command } from 'commander';
import type { Corpus, Diagnostic } from '../types.js';
import { commandLineContext, parseSpec, type RawSpec, type ReportKind, type ReportSpec, type SpecOf } from '../analyses/index.js';
import { renderReport } from '../core/build.js';
import { COOCCURRENCE_MEASURES, COOCCURRENCE_UNITS } from '../core/cooccurrence.js';
import { CHANGE_DEFAULTS } from '../core/phase-change.js';
import type { Checked } from '../model/checked.js';
import { usageProblem } from '../model/command-line.js';
import { formatsOf } from '../reporters/registry.js';
import { BINARY_FORMATS } from '../reporters/xlsx.js';
import { writeFileAtomic } from './io.js';
import { emit, exitCodeFor, load, report, reportStyle, stop, writeFailed, type CliContext, type CommonOptions } from './context.js';

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

/** What a command adds to `runKind`. */
export interface KindHooks<K extends ReportKind> {
  /** Keys that are not flags of the same name (`methods --commit` gives the commit). */
  raw?: RawSpec;
  /** Flags that give a key under another name, for the position of a problem (`rows` as `--by`). */
  flags?: Record<string, string>;
  /** Problems that stop the command before anything is written (exit 1). */
  before?: (corpus: Corpus, spec: SpecOf<K>) => Diagnostic[];
  /** Problems found in the report, printed after it (e.g. a CI threshold). */
  after?: (corpus: Corpus, spec: SpecOf<K>) => Diagnostic[];
}

/** Options that say how to run, not what to report. */
const RUN_OPTIONS = new Set(['config', 'codebook', 'out', 'strict', 'quiet', 'color', 'maxNoteSize', 'cache', 'cacheDir', 'jobs', 'code']);

/** A command's flags as the raw keys of a spec: `--code` gives `codes`, the format defaults to the kind's first. */
export function rawFromFlags(kind: ReportKind, options: CommonOptions & Record<string, unknown>): RawSpec {
  const raw: RawSpec = Object.fromEntries(Object.entries(options).filter(([key, value]) => !RUN_OPTIONS.has(key) && value !== undefined));
  if (options.code !== undefined) raw.codes = options.code;
  raw.format = options.format ?? formatsOf(kind)[0];
  return raw;
}

/** The spec of a kind from a command's flags: a problem is fatal and points at its flag. */
export function specFromFlags<K extends ReportKind>(ctx: CliContext, kind: K, corpus: Corpus, options: CommonOptions & Record<string, unknown>, hooks: Pick<KindHooks<K>, 'raw' | 'flags'> = {}): Checked<SpecOf<K>> {
  return parseSpec(kind, { ...rawFromFlags(kind, options), ...hooks.raw }, commandLineContext(corpus, ctx.io.argv, hooks.flags));
}

/** Runs one report kind from command-line options. */
export async function runKind<K extends ReportKind>(ctx: CliContext, kind: K, dir: string, options: AnalysisOptions, hooks: KindHooks<K> = {}): Promise<void> {
  const loaded = load(ctx, dir, options);
  if (!loaded) return;
  const { corpus } = loaded;
  const parsed = specFromFlags(ctx, kind, corpus, options as AnalysisOptions & Record<string, unknown>, hooks);
  if (!parsed.ok) return stop(ctx, parsed.diagnostics, options);
  const spec = parsed.value;
  const stopping = hooks.before?.(corpus, spec) ?? [];
  if (stopping.length > 0) return stop(ctx, [...corpus.diagnostics, ...stopping.filter((d) => !corpus.diagnostics.includes(d))], options);
  await emitReport(ctx, corpus, spec, options, hooks.after);
}

/** Renders a checked spec to stdout or `--out` (a binary format such as xlsx is made from its model), with its diagnostics. */
export async function emitReport<K extends ReportKind>(ctx: CliContext, corpus: Corpus, spec: SpecOf<K> & ReportSpec, options: CommonOptions, after?: (corpus: Corpus, spec: SpecOf<K>) => Diagnostic[]): Promise<void> {
  const rendered = renderReport(corpus, spec, { style: reportStyle(ctx, options), reportName: 'the --pseudonymize output', ...(options.out && options.out !== '-' ? { linkBase: linkBaseTo(ctx.io.cwd, options.out) } : {}) });
  const diagnostics = [...corpus.diagnostics, ...rendered.diagnostics, ...(after?.(corpus, spec) ?? [])];
  report(ctx, diagnostics, options);
  ctx.exitCode = exitCodeFor(diagnostics, options.strict);
  if (rendered.refused) return;
  const binary = BINARY_FORMATS[spec.format];
  if (!binary) {
    const written = emit(ctx, rendered.content, options.out, spec.format);
    ctx.exitCode = exitCodeFor([...diagnostics, ...written], options.strict);
    return;
  }
  const toFile = options.out !== undefined && options.out !== '-';
  // Binary bytes would garble a terminal.
  if (!toFile && ctx.io.stdout.isTTY) return stop(ctx, [usageProblem(ctx.io.argv, `Unexpected \`--format ${spec.format}\` to a terminal, expected \`--out FILE.${spec.format}\` (it is a binary file)`, '--format')], options);
  const bytes = await binary(rendered.content);
  if (!toFile) {
    ctx.io.stdout.write(Buffer.from(bytes) as unknown as string);
    return;
  }
  try {
    writeFileAtomic(resolve(ctx.io.cwd, options.out!), bytes, ctx.project ? { inputs: ctx.project.inputs } : {});
  } catch (error) {
    const failed = [writeFailed(options.out!, error)];
    report(ctx, failed, options);
    ctx.exitCode = exitCodeFor([...diagnostics, ...failed], options.strict);
  }
}

/** The prefix from the folder of `out` back to the working directory, for note links. */
export function linkBaseTo(cwd: string, out: string): string {
  const rel = relative(dirname(resolve(cwd, out)), cwd).split(sep).join('/');
  return rel === '' ? '' : `${rel}/`;
}

/** `--unit` and (for the kinds that read one) `--measure`; their values are checked by the kind's parseSpec. */
export function unitOptions(command: Command, withMeasure = true): Command {
  command.option('--unit <unit>', `what counts as "together": ${COOCCURRENCE_UNITS.join(' or ')}`);
  // Only kinds that read a measure offer the flag: an option that does nothing is refused, never ignored.
  if (!withMeasure) return command;
  return command.option('--measure <measure>', `${COOCCURRENCE_MEASURES.join(' or ')} (Jaccard = units with both / units with either)`);
}

/** `--constant` and `--present`: the thresholds of Saldaña's change categories (phase-change, phase-report). */
export function changeOptions(command: Command): Command {
  return command
    .option('--constant <pp>', `a change in share under this many percentage points counts as none, for the change categories (default ${CHANGE_DEFAULTS.constant})`)
    .option('--present <n>', `coded segments that make a code present in a phase, for the change categories (default ${CHANGE_DEFAULTS.present})`);
}

export const PSEUDONYMIZE_HELP = 'replace every participant name and speaker label with its pseudonym (or P1, P2, … when none is declared); refuse to publish a report that would still show a name';
