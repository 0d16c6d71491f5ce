// `fieldcode tag`: code segments and spans in the notes themselves, in the
// inline syntax. Interactive with a terminal; `--add`, `--remove` and
// `--accept-suggestions` for scripts. Every write goes through writeTagFile:
// checked against the disk, atomic, every other byte kept.
import { existsSync, statSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import type { Command } from 'commander';
import { createTwoFilesPatch } from 'diff';
import type { Diagnostic } from '../../types.js';
import { hint } from '../../core/did-you-mean.js';
import { suggest } from '../../core/suggest.js';
import { addSegmentTag, addSpan, findWords, isProblem, removeSegmentTag, removeSpan, segmentAtLine, type EditResult } from '../../core/write-inline.js';
import { diagnosticsText } from '../../reporters/diagnostics.js';
import { halted, load, parseFilters, projectOptions, report, styleFor, type CliContext, type CommonOptions } from '../context.js';
import { EXIT_CANNOT_RUN, EXIT_OK, EXIT_PROBLEMS } from '../exit-codes.js';
import { UsageError } from '../io.js';
import type { LoadedProject } from '../project.js';
import { DEFAULT_CODER } from '../project.js';
import { openTagFile, problemDiagnostic, rereadNote, writeTagFile, type TagFile } from '../tag-files.js';
import { loadDecisions, markRejected } from '../decisions.js';
import type { RuleId } from '../../model/rules.js';

export interface TagOptions extends CommonOptions {
  add?: string;
  remove?: string;
  at?: string;
  span?: string;
  acceptSuggestions?: boolean;
  all?: boolean;
  dryRun?: boolean;
  input?: boolean;
  review?: string;
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

export const NON_INTERACTIVE_HINT = 'use `fieldcode tag --add ID --at PATH:LINE [--span "exact words"]`, `--remove ID --at PATH:LINE`, or `--accept-suggestions [--code ID] [--dry-run]`';

export function registerTag(program: Command, ctx: CliContext): void {
  const command = program
    .command('tag')
    .summary('code segments and spans, interactively or with --add/--remove/--accept-suggestions')
    .description(
      'Walk the segments of the notes and pick codes for each, written back in the inline syntax (`#code` at the end of the paragraph, `[words]{#code}` for spans). Only the added or removed markup changes: line endings, BOM, trailing spaces and front matter stay byte for byte. Writes are atomic, and a note that changed on disk since it was read is never overwritten.\n\nWithout a terminal (or with --no-input) use --add, --remove or --accept-suggestions.',
    )
    .argument('[paths...]', 'notes or folders to walk (default: every note of the project)')
    .option('--add <id>', 'add this code to the segment at --at (or to --span words in it)')
    .option('--remove <id>', 'remove this code from the segment at --at (or from the --span words)')
    .option('--at <path:line>', 'the segment that holds this line of this note: open the tagger there, or edit it with --add/--remove')
    .option('--span <words>', 'exact words of the segment, to code (or uncode) as a span')
    .option('--accept-suggestions', 'apply every suggestion `fieldcode suggest` lists, as segment tags')
    .option('--code <id>', 'only this code and its descendants: suggestions to accept, or segments to visit (repeatable)', collect)
    .option('--where <var=value>', 'only notes where VAR equals VALUE (repeatable)', collect)
    .option('--all', 'visit every segment, not only those with no code yet')
    .option('--review <id>', 'visit exactly the passages `fieldcode codes split` left on this code for review (fieldcode.review.yaml)')
    .option('--dry-run', 'print a unified diff of the changes instead of writing them')
    .option('--no-input', 'never prompt; without --add/--remove/--accept-suggestions this exits 2');
  projectOptions(command);
  command.addHelpText(
    'after',
    '\nExamples:\n  $ fieldcode tag notes/de-brug/II-interview.md\n  $ fieldcode tag --all notes/de-brug/\n  $ fieldcode tag --code reciprocity\n  $ fieldcode tag --review feedback     # the passages left on feedback by \`codes split\`\n  $ fieldcode tag --at notes/de-brug/II-interview.md:23   # open at that passage (a search hit)\n  $ fieldcode tag --add feedback --at notes/de-brug/II-interview.md:23\n  $ fieldcode tag --add reciprocity --at notes/de-brug/II-interview.md:23 --span "give back"\n  $ fieldcode tag --remove feedback --at notes/de-brug/II-interview.md:23\n  $ fieldcode tag --accept-suggestions --code reciprocity --dry-run\n\nInteractive keys: type to filter the codes, ↑↓ move, space check, ⏎ save and go on,\n→ skip, ← back, tab more (code a span, write a memo on the segment, undo, quit). Ctrl-C exits 130; saved changes stay.',
  );
  command.action(async (paths: string[], options: TagOptions) => {
    const editing = options.add !== undefined || options.remove !== undefined;
    if (options.add !== undefined && options.remove !== undefined) throw new UsageError('Unexpected --add together with --remove, expected one of them');
    if (editing && options.acceptSuggestions) throw new UsageError('Unexpected --accept-suggestions together with --add or --remove, expected one of them');
    if (editing && !options.at) throw new UsageError(`Missing --at for --${options.add !== undefined ? 'add' : 'remove'}, expected \`--at PATH:LINE\``);
    if (!editing && options.at && (paths.length > 0 || options.acceptSuggestions || options.review !== undefined)) throw new UsageError('Unexpected --at with paths, --accept-suggestions or --review; `tag --at PATH:LINE` opens the tagger at that passage');
    if (!editing && options.span !== undefined) throw new UsageError('Unexpected --span without --add or --remove');
    if (editing && paths.length > 0) throw new UsageError('Unexpected paths with --add or --remove, expected the note in `--at PATH:LINE`');
    if (editing) {
      ctx.exitCode = editOne(ctx, options);
      return;
    }
    if (options.acceptSuggestions) {
      ctx.exitCode = acceptSuggestions(ctx, paths, options);
      return;
    }
    if (options.dryRun) throw new UsageError('Unexpected --dry-run without --add, --remove or --accept-suggestions');
    if (options.review !== undefined && (options.all || options.code)) throw new UsageError('Unexpected --review together with --all or --code, expected --review ID alone');
    const interactive = options.input !== false && ctx.io.stdin.isTTY === true && ctx.io.stdout.isTTY === true;
    if (!interactive) {
      const why = options.input === false ? 'with --no-input' : 'without a terminal (stdin and stdout must both be a TTY)';
      ctx.io.stderr.write(`fieldcode: cannot tag interactively ${why}; ${NON_INTERACTIVE_HINT}\n`);
      ctx.exitCode = EXIT_CANNOT_RUN;
      return;
    }
    if (options.at) {
      ctx.exitCode = await openAt(ctx, options);
      return;
    }
    const loaded = loadFor(ctx, paths[0], options);
    // The session (and inquirer with it) loads only when a session runs.
    const { runTagSession } = await import('../tag-session.js');
    ctx.exitCode = await runTagSession(ctx, loaded, selectFiles(ctx, loaded, paths), options);
  });
}

function loadFor(ctx: CliContext, path: string | undefined, options: TagOptions, only?: string): LoadedProject {
  if (path !== undefined && !existsSync(resolve(ctx.io.cwd, path))) throw new UsageError(`Cannot find \`${path}\`: no such file or folder`);
  return load(ctx, path, { ...options, quiet: true }, only ? { only } : {});
}

/** The project's notes under the given paths (all of them without paths), as editable files. */
export function selectFiles(ctx: CliContext, loaded: LoadedProject, paths: string[]): TagFile[] {
  const coder = loaded.corpus.config.coder ?? DEFAULT_CODER;
  const roots = paths.map((path) => {
    const absolute = resolve(ctx.io.cwd, path);
    if (!existsSync(absolute)) throw new UsageError(`Cannot find \`${path}\`: no such file or folder`);
    return { absolute, folder: statSync(absolute).isDirectory() };
  });
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
  roots.forEach((root, i) => {
    if (!covered.has(i) && !root.folder) throw new UsageError(`Unexpected \`${paths[i]}\`, expected one of the project's notes (see \`notes:\` in the project file)`);
  });
  return files;
}

function parseAt(at: string): { path: string; line: number } {
  const match = /^(.+):(\d+)$/.exec(at.trim());
  if (!match || Number(match[2]) < 1) throw new UsageError(`Unexpected \`--at ${at}\`, expected \`PATH:LINE\`, e.g. \`notes/interview.md:12\``);
  return { path: match[1], line: Number(match[2]) };
}

function fail(ctx: CliContext, options: TagOptions, diagnostics: Diagnostic[]): number {
  report(ctx, diagnostics, options);
  return EXIT_PROBLEMS;
}

/** `tag --at PATH:LINE` (a hit of `fieldcode search`): the tagger on that note, opened at that passage. */
async function openAt(ctx: CliContext, options: TagOptions): Promise<number> {
  const at = parseAt(options.at!);
  const loaded = loadFor(ctx, at.path, options, resolve(ctx.io.cwd, at.path));
  const [file] = selectFiles(ctx, loaded, [at.path]);
  if (!file) throw new UsageError(`Unexpected \`${at.path}\`, expected one of the project's notes`);
  const segment = segmentAtLine(file.note, at.line);
  if (!segment) {
    const next = file.note.segments.find((s) => s.range.start.line > at.line);
    const near = next ? ` (the next segment starts at line ${next.range.start.line})` : '';
    return fail(ctx, options, [{ file: file.path, line: at.line, column: 1, severity: 'error', message: `Unexpected line ${at.line} outside any segment, expected a line of a paragraph, list item, quote or table row${near}`, ruleId: 'no-segment' }]);
  }
  const { runTagSession } = await import('../tag-session.js');
  return runTagSession(ctx, loaded, [file], { ...options, all: true, startAt: segment.id });
}

/** `--add ID --at path:line [--span words]` and `--remove …`. */
function editOne(ctx: CliContext, options: TagOptions): number {
  const at = parseAt(options.at!);
  // One note, the project file and the codebook: an edit does not read the rest of the corpus.
  const loaded = loadFor(ctx, at.path, options, resolve(ctx.io.cwd, at.path));
  const [file] = selectFiles(ctx, loaded, [at.path]);
  if (!file) throw new UsageError(`Unexpected \`${at.path}\`, expected one of the project's notes`);
  const code = (options.add ?? options.remove)!;
  const positioned = (message: string, ruleId: RuleId, line = at.line, column = 1): Diagnostic => ({ file: file.path, line, column, severity: 'error', message, ruleId });
  const codebook = loaded.corpus.codebook;
  if (options.add !== undefined && !codebook.byId.has(code)) {
    return fail(ctx, options, [positioned(`Unexpected code \`${code}\`, expected a code from \`${codebook.path}\`${hint(code, codebook.byId.keys())}`, 'unknown-code')]);
  }
  const lines = file.note.text.split('\n').length;
  if (at.line > lines) return fail(ctx, options, [positioned(`Unexpected line ${at.line}, the note has ${lines} lines`, 'no-segment', lines)]);
  const segment = segmentAtLine(file.note, at.line);
  if (!segment) {
    const next = file.note.segments.find((s) => s.range.start.line > at.line);
    const near = next ? ` (the next segment starts at line ${next.range.start.line})` : '';
    return fail(ctx, options, [positioned(`Unexpected line ${at.line} outside any segment, expected a line of a paragraph, list item, quote or table row${near}`, 'no-segment')]);
  }
  let result: EditResult;
  if (options.span !== undefined) {
    const range = findWords(segment, options.span);
    if (isProblem(range)) return fail(ctx, options, [problemDiagnostic(file, range)]);
    result = options.add !== undefined ? addSpan(file.note, segment, code, range) : removeSpan(file.note, segment, code, range);
  } else {
    result = options.add !== undefined ? addSegmentTag(file.note, segment, code) : removeSegmentTag(file.note, segment, code);
  }
  if (!result.ok) return fail(ctx, options, [problemDiagnostic(file, result.problem)]);
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
  const problem = writeTagFile(file, result.text);
  if (problem) return fail(ctx, options, [problem]);
  ctx.io.stdout.write(`${where}  ${result.message}\n`);
  return EXIT_OK;
}

/** `--accept-suggestions [--code ID] [--where VAR=VALUE] [--dry-run]`. */
function acceptSuggestions(ctx: CliContext, paths: string[], options: TagOptions): number {
  const loaded = loadFor(ctx, paths[0], options);
  const { corpus } = loaded;
  const checked = parseFilters(ctx.io.argv, options, corpus);
  if (!checked.ok) return halted(ctx, checked.diagnostics, options);
  const filters = checked.value;
  const files = selectFiles(ctx, loaded, paths);
  const byPath = new Map(files.map((file) => [file.path, file]));
  // A suggestion a researcher rejected is never applied (docs/tagging.md, Rejecting suggestions).
  // A broken decisions file could hide a rejection: nothing is applied until it is fixed.
  const decisions = loadDecisions(loaded);
  if (decisions.diagnostics.some((d) => d.severity === 'error')) return fail(ctx, options, decisions.diagnostics);
  const suggestions = markRejected(suggest(corpus, filters), decisions).filter((s) => byPath.has(s.note) && !s.rejected);
  const problems: Diagnostic[] = [];
  const done: string[] = [];
  let changedFiles = 0;
  for (const file of files) {
    const mine = suggestions.filter((s) => s.note === file.path);
    if (mine.length === 0) continue;
    if (file.note.data.format === 'text') {
      if (!options.quiet) ctx.io.stderr.write(`${file.path}  skipped: a plain-text note (\`format: text\`) cannot carry inline codes\n`);
      continue;
    }
    const original = file.note.text;
    let note = file.note;
    const lines: string[] = [];
    for (const suggestion of mine) {
      const segment = note.segments.find((s) => s.id === suggestion.segments[0]);
      if (!segment) continue;
      const result = addSegmentTag(note, segment, suggestion.code);
      if (!result.ok) {
        problems.push(problemDiagnostic({ path: file.path, note }, result.problem));
        continue;
      }
      if (!result.changed) continue;
      lines.push(`${file.path}:${segment.range.start.line}  ${result.message}  (matched “${suggestion.matched ?? ''}”)`);
      note = rereadNote(file, result.text);
    }
    if (note.text === original) continue;
    if (options.dryRun) {
      ctx.io.stdout.write(unifiedDiff(file.path, original, note.text));
    } else {
      const problem = writeTagFile(file, note.text);
      if (problem) {
        problems.push(problem);
        continue;
      }
    }
    changedFiles++;
    done.push(...lines);
  }
  if (options.dryRun) {
    if (!options.quiet) ctx.io.stderr.write(`${done.length} ${done.length === 1 ? 'code' : 'codes'} would be added in ${changedFiles} ${changedFiles === 1 ? 'note' : 'notes'} (dry run: nothing written)\n`);
  } else {
    if (done.length > 0) ctx.io.stdout.write(`${done.join('\n')}\n`);
    if (!options.quiet) ctx.io.stderr.write(`${done.length} ${done.length === 1 ? 'code' : 'codes'} added in ${changedFiles} ${changedFiles === 1 ? 'note' : 'notes'}\n`);
  }
  if (problems.length > 0) {
    ctx.io.stderr.write(diagnosticsText(problems, styleFor(ctx, 'stderr', options)));
    return EXIT_PROBLEMS;
  }
  return EXIT_OK;
}

export function unifiedDiff(path: string, before: string, after: string): string {
  return createTwoFilesPatch(`a/${path}`, `b/${path}`, before, after, undefined, undefined, { context: 3 });
}

