// What every command shares: injected IO, styles, output, diagnostics, exit code.
import { isAbsolute, relative, resolve } from 'node:path';
import { Option, type Command } from 'commander';
import type { Corpus, Diagnostic } from '../types.js';
import { diagnosticsText } from '../reporters/diagnostics.js';
import { formatFromPath } from '../reporters/registry.js';
import { makeStyle, type Style } from '../reporters/style.js';
import { terminalSafe } from '../reporters/terminal.js';
import { colorLevel } from './color.js';
import { EXIT_CANNOT_RUN, EXIT_OK, EXIT_PROBLEMS } from './exit-codes.js';
import { writeFileAtomic, type IO } from './io.js';
import { ok, problems, type Checked } from '../model/checked.js';
import { usageProblem } from '../model/command-line.js';
import { projectInputs, type Inputs } from './inputs.js';
import { loadProject, type LoadedProject, type LoadOptions } from './project.js';
import { progressBar } from './progress.js';
import { InvalidValue, parseOptions, parseStageFor } from './parse-options.js';
import { DEFAULT_MAX_NOTE_SIZE, formatBytes, MAX_NOTE_SIZE_FLAG, parseSize } from '../core/limits.js';
import type { Filters } from '../core/select.js';
import { unknownWhereValue } from '../core/where-values.js';

export interface CliContext {
  io: IO;
  exitCode: number;
  /** The project the command loaded: `--out` never writes over its inputs nor out of it through a link. */
  project?: { root: string; inputs: Inputs };
}

export interface CommonOptions {
  config?: string;
  codebook?: string;
  format?: string;
  out?: string;
  by?: string;
  where?: string[];
  code?: string[];
  coder?: string;
  strict?: boolean;
  quiet?: boolean;
  color?: boolean;
  maxNoteSize?: number;
  /** False with `--no-cache`. */
  cache?: boolean;
  cacheDir?: string;
  jobs?: number;
}

export function styleFor(ctx: CliContext, stream: 'stdout' | 'stderr', options: CommonOptions): Style {
  return makeStyle(colorLevel(options.color, ctx.io.env, ctx.io[stream]));
}

/** The style of a report: coloured only when it goes to a terminal, never into a file. */
export function reportStyle(ctx: CliContext, options: CommonOptions): Style {
  return options.out && options.out !== '-' ? makeStyle(0) : styleFor(ctx, 'stdout', options);
}

/** Formats fieldcode colours itself; any other format holds no escape sequence of ours. */
const STYLED_FORMATS = new Set([undefined, 'table', 'tree', 'text']);

/**
 * Writes a report to `--out` (atomically) or stdout. Colour only ever reaches a
 * terminal. A write that fails (no such folder, no permission, a path that
 * would leave the project) is a fatal diagnostic at the output path (rule
 * `write-failed`): it is printed and returned, for the exit code (2).
 */
export function emit(ctx: CliContext, text: string, out: string | undefined, format?: string): Diagnostic[] {
  if (out && out !== '-') {
    const path = resolve(ctx.io.cwd, out);
    const project = ctx.project;
    // A path you name outside the project is yours to choose; one inside it must stay inside.
    const inside = project !== undefined && !relative(project.root, path).startsWith('..') && !isAbsolute(relative(project.root, path));
    try {
      writeFileAtomic(path, text, { ...(project ? { inputs: project.inputs } : {}), ...(inside ? { within: project.root } : {}) });
    } catch (error) {
      const failed = [writeFailed(out, error)];
      report(ctx, failed, {});
      return failed;
    }
    return [];
  }
  // On a terminal no byte of the data may drive it (colour codes of fieldcode's own styling aside).
  ctx.io.stdout.write(ctx.io.stdout.isTTY ? terminalSafe(text, STYLED_FORMATS.has(format) && colorLevel(undefined, ctx.io.env, ctx.io.stdout) > 0) : text);
  return [];
}

/** A file that could not be written (`shown` as the user names it): fatal, at that path. */
export function writeFailed(shown: string, error: unknown): Diagnostic {
  const message = `Cannot write \`${shown}\`: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`;
  return { file: shown, line: 1, column: 1, severity: 'fatal', message, ruleId: 'write-failed' };
}

/** Prints diagnostics to stderr: errors always, warnings unless `--quiet`, info only when asked. */
export function report(ctx: CliContext, diagnostics: Diagnostic[], options: CommonOptions, includeInfo = false): void {
  const shown = diagnostics.filter((d) => d.severity === 'fatal' || d.severity === 'error' || (d.severity === 'warning' && !options.quiet) || (d.severity === 'info' && includeInfo && !options.quiet));
  const text = diagnosticsText(shown, styleFor(ctx, 'stderr', options));
  if (text) ctx.io.stderr.write(text);
}

/**
 * Ends a command on problems it found before making anything: prints them
 * (stderr) and sets the exit code they give (a fatal one, such as a bad flag,
 * gives 2). The command then returns; nothing is thrown.
 */
export function stop(ctx: CliContext, diagnostics: Diagnostic[], options: CommonOptions = {}): void {
  report(ctx, diagnostics, options);
  ctx.exitCode = exitCodeFor(diagnostics, options.strict);
}

/** `stop` for a step that returns the exit code itself: prints the problems and gives their exit code. */
export function halted(ctx: CliContext, diagnostics: Diagnostic[], options: CommonOptions = {}): number {
  stop(ctx, diagnostics, options);
  return ctx.exitCode;
}

/** The exit code follows from the diagnostics alone: fatal → 2, an error (or a warning under `--strict`) → 1. */
export function exitCodeFor(diagnostics: Diagnostic[], strict: boolean | undefined): number {
  if (diagnostics.some((d) => d.severity === 'fatal')) return EXIT_CANNOT_RUN;
  const failing = diagnostics.some((d) => d.severity === 'error' || (strict && d.severity === 'warning'));
  return failing ? EXIT_PROBLEMS : EXIT_OK;
}

/**
 * Loads the project. A fatal diagnostic (a broken project file or codebook, an
 * unreadable notes folder, a `notes:` glob that finds nothing) is printed, the
 * exit code set to 2 and nothing returned: the command ends there. With
 * `keepFatal` it stays in the corpus instead (as `check` does, to print it in
 * its format).
 */
export function load(ctx: CliContext, dir: string | undefined, options: CommonOptions, extra: Partial<LoadOptions> & { keepFatal: true }): LoadedProject;
export function load(ctx: CliContext, dir: string | undefined, options: CommonOptions, extra?: Partial<LoadOptions> & { keepFatal?: false }): LoadedProject | undefined;
export function load(ctx: CliContext, dir: string | undefined, options: CommonOptions, extra: Partial<LoadOptions> & { keepFatal?: boolean } = {}): LoadedProject | undefined {
  const { keepFatal, ...loadOptions } = extra;
  const progress = progressBar(ctx.io.stderr, 'Reading notes', !options.quiet);
  let loaded: LoadedProject;
  try {
    loaded = loadProject(ctx.io.cwd, { dir, config: options.config, codebook: options.codebook, progress: progress.update, parsing: (root) => parseStageFor(ctx.io, root, options), ...(options.maxNoteSize ? { maxNoteSize: options.maxNoteSize } : {}), ...loadOptions });
  } finally {
    progress.done();
  }
  if (loaded.project) ctx.project = { root: loaded.root, inputs: projectInputs(loaded) };
  const fatal = loaded.corpus.diagnostics.filter((d) => d.severity === 'fatal');
  if (fatal.length > 0 && !keepFatal) {
    stop(ctx, fatal, options);
    return undefined;
  }
  return loaded;
}

/**
 * `--where group=de-brug --where phase=I --code reciprocity` → `{where: {group: ['de-brug'], phase: ['I']}, codes: ['reciprocity']}`.
 * A value no note can have, or a code the codebook lacks, is a fatal problem
 * on the command line (exit 2), not an all-zero report. `argv` is the command
 * line as typed (`ctx.io.argv`), to place the problem on it.
 */
export function parseFilters(argv: readonly string[], options: CommonOptions, corpus: Pick<Corpus, 'variables' | 'notes' | 'codebook'>): Checked<Filters> {
  const variables = corpus.variables.map((v) => v.name);
  const where: Record<string, string[]> = {};
  const found: Diagnostic[] = [];
  for (const clause of options.where ?? []) {
    const eq = clause.indexOf('=');
    if (eq <= 0) {
      found.push(usageProblem(argv, `Unexpected \`--where ${clause}\`, expected \`VAR=VALUE\``, '--where'));
      continue;
    }
    const name = clause.slice(0, eq).trim();
    const value = clause.slice(eq + 1).trim();
    if (name !== 'coder' && !variables.includes(name)) {
      found.push(usageProblem(argv, `Unexpected variable \`${name}\` in \`--where\`, expected one of ${listNames(variables)}`, '--where'));
      continue;
    }
    (where[name] ??= []).push(value);
  }
  const unknown = found.length === 0 ? unknownWhereValue(corpus.variables, corpus.notes, where, '--where') : undefined;
  if (unknown) found.push(usageProblem(argv, unknown, '--where'));
  found.push(...checkCodes(argv, options.code, new Set(corpus.codebook.byId.keys())));
  if (found.length > 0) return problems(...found);
  const filters: Filters = { where, codes: options.code ?? [] };
  if (options.coder) filters.coder = options.coder;
  return ok(filters);
}

/** `cases`: the participant dimensions (`speaker`, `role`, …) this command can break down by, besides the note variables. */
export function parseBy(argv: readonly string[], options: CommonOptions, variables: string[], fallback: string[], cases: string[] = []): Checked<string[]> {
  if (options.by === undefined) return ok(fallback.filter((name) => variables.includes(name)));
  const by = options.by.split(',').map((name) => name.trim()).filter(Boolean);
  const unknown = by.filter((name) => name !== 'coder' && !variables.includes(name) && !cases.includes(name));
  if (unknown.length > 0) return problems(...unknown.map((name) => usageProblem(argv, `Unexpected variable \`${name}\` in \`--by\`, expected one of ${listNames([...variables, 'coder', ...cases])}`, '--by')));
  return ok(by);
}

/** A `--code` the codebook lacks: one fatal problem on the command line for each. */
export function checkCodes(argv: readonly string[], codes: string[] | undefined, known: Set<string>): Diagnostic[] {
  return (codes ?? []).filter((code) => !known.has(code)).map((code) => usageProblem(argv, `Unexpected code \`${code}\` in \`--code\`, expected a code from the codebook`, codeArgument(argv, code)));
}

/** The `--code` argument naming `code` (`--code x` or `--code=x`), else the first `--code`. */
function codeArgument(argv: readonly string[], code: string): string {
  const index = argv.findIndex((arg, i) => (arg === code && argv[i - 1] === '--code') || arg === `--code=${code}`);
  return index < 0 ? '--code' : argv[index - 1] === '--code' ? code : argv[index];
}

function listNames(names: string[]): string {
  return names.length ? names.map((n) => `\`${n}\``).join(', ') : '(no variables)';
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

export function projectOptions(command: Command): Command {
  return parseOptions(command)
    .option('--config <path>', 'use this project file instead of searching for fieldcode.yaml')
    .option('--codebook <path>', 'use this codebook instead of the project’s (or the bundled one)')
    .option('--strict', 'exit 1 on warnings too')
    .option(`${MAX_NOTE_SIZE_FLAG} <size>`, `largest note to read, in bytes or with k, M, G (default: ${formatBytes(DEFAULT_MAX_NOTE_SIZE).replace(' ', '')})`, (value: string) => {
      const bytes = parseSize(value);
      return bytes ?? new InvalidValue(MAX_NOTE_SIZE_FLAG, `Unexpected \`${MAX_NOTE_SIZE_FLAG} ${value}\`, expected a size such as 2M or 500k`);
    })
    .option('-q, --quiet', 'show no progress and no warnings on stderr (errors are still shown)')
    .option('--color', 'force colour')
    .option('--no-color', 'never use colour');
}

export function filterOptions(command: Command, byDefault = 'group,phase'): Command {
  return command
    .option('--by <vars>', `break counts down by these variables, comma-separated (default: ${byDefault} where they exist; \`coder\` also works)`)
    .option('--where <var=value>', 'keep notes where VAR equals VALUE (repeatable; repeats of one variable are alternatives)', collect)
    .option('--code <id>', 'only this code and its descendants (repeatable)', collect)
    .option('--coder <name>', 'only codings by this coder');
}

export function outputOptions(command: Command, formats: string[]): Command {
  // Without --format, `--out x.csv` picks the format its extension names, as `build` does.
  command.hook('preAction', (_, action) => {
    // A parent's hook also runs before its subcommands (`codebook diff`), which have formats of their own.
    if (action !== command || action.getOptionValue('format') !== undefined) return;
    const out = action.getOptionValue('out') as string | undefined;
    action.setOptionValue('format', (out && out !== '-' ? formatFromPath(out, formats) : undefined) ?? formats[0]);
  });
  return command.addOption(new Option('--format <format>', `output format (default: from the --out extension, else ${formats[0]})`).choices(formats)).option('-o, --out <path>', 'write the report to this file (atomically) instead of stdout');
}
