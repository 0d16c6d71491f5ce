// What `fieldcode tag` does in each mode, between the flags and the disk:
// load what the mode needs, run the pure step (src/tag/), write through
// writeTagFile, print. Problems are diagnostics; each runner returns the exit code.
import { existsSync, statSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { suggest } from '../core/suggest.js';
import { ok, problems, type Checked } from '../model/checked.js';
import { usageProblem } from '../model/command-line.js';
import { planAcceptance } from '../tag/accept.js';
import { planEdit, segmentAt } from '../tag/edit.js';
import { parseAt } from '../tag/flags.js';
import { halted, load, parseFilters, report, type CliContext, type CommonOptions } from './context.js';
import { EXIT_OK, EXIT_PROBLEMS } from './exit-codes.js';
import { DEFAULT_CODER, type LoadedProject } from './project.js';
import { openTagFile, writeTagFile, type TagFile } from './tag-files.js';
import { loadDecisions, markRejected } from './decisions.js';
import type { SessionOptions } from './tag-session.js';

export interface TagRunOptions extends SessionOptions {
  add?: string;
  remove?: string;
  at?: string;
  span?: string;
  dryRun?: boolean;
}

/** The project, with only `only` among its notes when given; a path that does not exist is a usage problem. */
export function loadFor(ctx: CliContext, path: string | undefined, options: CommonOptions, only?: string): Checked<LoadedProject> {
  if (path !== undefined && !existsSync(resolve(ctx.io.cwd, path))) return problems(usageProblem(ctx.io.argv, `Cannot find \`${path}\`: no such file or folder`, ctx.io.argv.includes(path) ? path : '--at'));
  const loaded = load(ctx, path, { ...options, quiet: true }, { keepFatal: true, ...(only ? { only } : {}) });
  const fatal = loaded.corpus.diagnostics.filter((d) => d.severity === 'fatal');
  return fatal.length > 0 ? problems(...fatal) : ok(loaded);
}

/** The project's notes under the given paths (all of them without paths), as editable files. */
export function selectFiles(ctx: CliContext, loaded: LoadedProject, paths: string[], at = '--at'): Checked<TagFile[]> {
  const where = (path: string): string => (ctx.io.argv.includes(path) ? path : at);
  const coder = loaded.corpus.config.coder ?? DEFAULT_CODER;
  const roots: Array<{ absolute: string; folder: boolean }> = [];
  for (const path of paths) {
    const absolute = resolve(ctx.io.cwd, path);
    if (!existsSync(absolute)) return problems(usageProblem(ctx.io.argv, `Cannot find \`${path}\`: no such file or folder`, where(path)));
    roots.push({ absolute, folder: statSync(absolute).isDirectory() });
  }
  const files: TagFile[] = [];
  const covered = new Set<number>();
  for (const note of loaded.corpus.notes) {
    const entry = loaded.files.get(note.path);
    if (!entry) continue;
    const hit = roots.findIndex((root) => (root.folder ? entry.absolute.startsWith(root.absolute.endsWith(sep) ? root.absolute : root.absolute + sep) : entry.absolute === root.absolute));
    if (roots.length > 0 && hit < 0) continue;
    covered.add(hit);
    files.push(openTagFile(note.path, entry.absolute, note, entry.stamp, typeof note.data.coder === 'string' ? note.data.coder : coder, loaded.root));
  }
  const missing = roots.findIndex((root, i) => !covered.has(i) && !root.folder);
  if (missing >= 0) return problems(usageProblem(ctx.io.argv, `Unexpected \`${paths[missing]}\`, expected one of the project's notes (see \`notes:\` in the project file)`, where(paths[missing])));
  return ok(files);
}

/** The one note `--at PATH:LINE` names, loaded alone with the project file and the codebook. */
function openOne(ctx: CliContext, options: TagRunOptions): Checked<{ loaded: LoadedProject; file: TagFile; line: number }> {
  const at = parseAt(ctx.io.argv, options.at!);
  if (!at.ok) return at;
  const loaded = loadFor(ctx, at.value.path, options, resolve(ctx.io.cwd, at.value.path));
  if (!loaded.ok) return loaded;
  const files = selectFiles(ctx, loaded.value, [at.value.path]);
  if (!files.ok) return files;
  const [file] = files.value;
  if (!file) return problems(usageProblem(ctx.io.argv, `Unexpected \`${at.value.path}\`, expected one of the project's notes`, '--at'));
  return ok({ loaded: loaded.value, file, line: at.value.line });
}

/** `--add ID --at path:line [--span words]` and `--remove …`. */
export function editOne(ctx: CliContext, options: TagRunOptions): number {
  const opened = openOne(ctx, options);
  if (!opened.ok) return halted(ctx, opened.diagnostics, options);
  const { loaded, file, line } = opened.value;
  const planned = planEdit(file, loaded.corpus.codebook, { code: (options.add ?? options.remove)!, adding: options.add !== undefined, line, ...(options.span !== undefined ? { span: options.span } : {}) });
  if (!planned.ok) return halted(ctx, planned.diagnostics, options);
  const { segment, result } = planned.value;
  const where = `${file.path}:${segment.range.start.line}`;
  if (!result.changed) {
    if (!options.quiet) ctx.io.stderr.write(`${where}  ${result.message}: nothing to change\n`);
    return EXIT_OK;
  }
  if (options.dryRun) {
    ctx.io.stdout.write(unifiedDiff(file.path, file.note.text, result.text));
    if (!options.quiet) ctx.io.stderr.write(`${where}  ${result.message} (dry run: nothing written)\n`);
    return EXIT_OK;
  }
  const problem = writeTagFile(file, result.text, result.note);
  if (problem) return halted(ctx, [problem], options);
  ctx.io.stdout.write(`${where}  ${result.message}\n`);
  return EXIT_OK;
}

/** `tag --at PATH:LINE` (a hit of `fieldcode search`): the tagger on that note, opened at that passage. */
export async function openAt(ctx: CliContext, options: TagRunOptions): Promise<number> {
  const opened = openOne(ctx, options);
  if (!opened.ok) return halted(ctx, opened.diagnostics, options);
  const { loaded, file, line } = opened.value;
  const segment = segmentAt(file, line);
  if (!segment.ok) return halted(ctx, segment.diagnostics, options);
  const { runTagSession } = await import('./tag-session.js');
  return runTagSession(ctx, loaded, [file], { ...options, all: true, startAt: segment.value.id });
}

/** `tag [paths…]`: the interactive session over the chosen notes. */
export async function openSession(ctx: CliContext, paths: string[], options: TagRunOptions): Promise<number> {
  const loaded = loadFor(ctx, paths[0], options);
  if (!loaded.ok) return halted(ctx, loaded.diagnostics, options);
  const files = selectFiles(ctx, loaded.value, paths);
  if (!files.ok) return halted(ctx, files.diagnostics, options);
  // The session (and inquirer with it) loads only when a session runs.
  const { runTagSession } = await import('./tag-session.js');
  return runTagSession(ctx, loaded.value, files.value, options);
}

/** `--accept-suggestions [--code ID] [--where VAR=VALUE] [--dry-run]`. */
export function acceptSuggestions(ctx: CliContext, paths: string[], options: TagRunOptions): number {
  const opened = loadFor(ctx, paths[0], options);
  if (!opened.ok) return halted(ctx, opened.diagnostics, options);
  const loaded = opened.value;
  const { corpus } = loaded;
  const checked = parseFilters(ctx.io.argv, options, corpus);
  if (!checked.ok) return halted(ctx, checked.diagnostics, options);
  const filters = checked.value;
  const files = selectFiles(ctx, loaded, paths);
  if (!files.ok) return halted(ctx, files.diagnostics, options);
  const byPath = new Set(files.value.map((file) => file.path));
  // A suggestion a researcher rejected is never applied (docs/tagging.md, Rejecting suggestions).
  // A broken decisions file could hide a rejection: nothing is applied until it is fixed.
  const decisions = loadDecisions(loaded);
  if (decisions.diagnostics.some((d) => d.severity === 'error')) return halted(ctx, decisions.diagnostics, options);
  const suggestions = markRejected(suggest(corpus, filters), decisions).filter((s) => byPath.has(s.note) && !s.rejected);
  const acceptance = planAcceptance(files.value, suggestions);
  const problemsFound = [...acceptance.diagnostics];
  if (!options.quiet) for (const file of acceptance.skipped) ctx.io.stderr.write(`${file.path}  skipped: a plain-text note (\`format: text\`) cannot carry inline codes\n`);
  const done: string[] = [];
  let changedFiles = 0;
  for (const { file, note, lines } of acceptance.changed) {
    if (options.dryRun) ctx.io.stdout.write(unifiedDiff(file.path, file.note.text, note.text));
    else {
      const problem = writeTagFile(file, note.text, note);
      if (problem) {
        problemsFound.push(problem);
        continue;
      }
    }
    changedFiles++;
    done.push(...lines);
  }
  const codes = `${done.length} ${done.length === 1 ? 'code' : 'codes'}`;
  const notes = `${changedFiles} ${changedFiles === 1 ? 'note' : 'notes'}`;
  if (options.dryRun) {
    if (!options.quiet) ctx.io.stderr.write(`${codes} would be added in ${notes} (dry run: nothing written)\n`);
  } else {
    if (done.length > 0) ctx.io.stdout.write(`${done.join('\n')}\n`);
    if (!options.quiet) ctx.io.stderr.write(`${codes} added in ${notes}\n`);
  }
  if (problemsFound.length > 0) {
    report(ctx, problemsFound, options);
    return EXIT_PROBLEMS;
  }
  return EXIT_OK;
}

export function unifiedDiff(path: string, before: string, after: string): string {
  return createTwoFilesPatch(`a/${path}`, `b/${path}`, before, after, undefined, undefined, { context: 3 });
}

