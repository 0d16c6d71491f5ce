// The interactive loop of `fieldcode tag`: walks the chosen segments, shows
// each with its context, codes and suggestions, and writes every confirmed
// change at once (atomically, checked against the disk), so quitting or
// Ctrl-C never loses a confirmed change.
import { ExitPromptError } from '@inquirer/core';
import { input, select } from '@inquirer/prompts';
import type { Code, Coding, Note, Segment } from '../types.js';
import { compileMatchers, matchSegment, type Matcher } from '../codebook/match.js';
import { codeFamily, noteMatches } from '../core/select.js';
import { addSegmentTag, addSpan, findWords, isProblem, removeSegmentTag, sentences, type EditResult, type TextRange } from '../core/write-inline.js';
import { diagnosticsText } from '../reporters/diagnostics.js';
import type { Style } from '../reporters/style.js';
import { escapeControls, terminalSafe } from '../reporters/terminal.js';
import { truncateColumns, wrapWords } from '../reporters/wrap.js';
import { codePicker, promptTheme, type PickerChoice } from './code-picker.js';
import { halted, parseFilters, styleFor, type CliContext, type CommonOptions } from './context.js';
import { EXIT_CANCELLED, EXIT_OK, EXIT_PROBLEMS } from './exit-codes.js';
import type { LoadedProject } from './project.js';
import { readReview, REVIEW_FILE } from '../codes/review.js';
import { reloadTagFile, writeTagFile, type TagFile } from './tag-files.js';
import { problemDiagnostic } from '../tag/edit.js';
import { ok, problems, type Checked } from '../model/checked.js';
import { usageProblem } from '../model/command-line.js';
import { openEditor, writeNewMemo } from './memo-file.js';
import { projectSegmentId } from '../memos/validate.js';
import { todayDate } from '../memos/template.js';
import { displayPath } from '../pipeline/paths.js';
import { loadDecisions, recordRejection, rejectedKey, today } from './decisions.js';

export interface SessionOptions extends CommonOptions {
  all?: boolean;
  /** Visit the passages `codes split` listed for review under this code. */
  review?: string;
  /** Open at this segment (`tag --at PATH:LINE`). */
  startAt?: string;
}

export interface Stop {
  file: TagFile;
  segmentId: string;
}

/**
 * After a note is reloaded from disk, points its stops at the new segments.
 * A segment id is a hash of its text, so one whose text changed has a new id:
 * it is found again by its place among the note's segments, instead of being
 * skipped without a word. Returns how many stops moved, and how many lost
 * their segment (the note has fewer now).
 */
export function remapStops(stops: Stop[], file: TagFile, before: Segment[]): { changed: number; gone: number } {
  const now = new Set(file.note.segments.map((segment) => segment.id));
  let changed = 0;
  let gone = 0;
  for (const stop of stops) {
    if (stop.file !== file || now.has(stop.segmentId)) continue;
    const index = before.findIndex((segment) => segment.id === stop.segmentId);
    const replacement = index >= 0 ? file.note.segments[index] : undefined;
    if (replacement) {
      stop.segmentId = replacement.id;
      changed++;
    } else gone++;
  }
  return { changed, gone };
}

interface Change {
  file: TagFile;
  segmentId: string;
  before: string;
  after: string;
  summary: string;
}

/**
 * Exactly the passages `codes split` listed for review under `code`, in the
 * review list's order (note, then line); a passage whose segment is gone is
 * left out. An unknown code, or one with nothing listed, is a usage error.
 */
export function reviewStops(argv: readonly string[], loaded: LoadedProject, files: TagFile[], code: string): Checked<Stop[]> {
  const review = readReview(loaded.root);
  const entry = review.get(code);
  if (!entry) {
    const listed = [...review.keys()];
    return problems(usageProblem(argv, `Unexpected \`--review ${code}\`: ${REVIEW_FILE} lists no passages of it${listed.length ? `, expected one of ${listed.map((id) => `\`${id}\``).join(', ')}` : ' (`fieldcode codes split` writes them)'}`, '--review'));
  }
  const byPath = new Map<string, TagFile>();
  for (const file of files) {
    const entryPath = loaded.files.get(file.path)?.path;
    if (entryPath !== undefined) byPath.set(entryPath, file);
  }
  const stops: Stop[] = [];
  for (const passage of entry.passages) {
    const file = byPath.get(passage.note);
    if (file && file.note.segments.some((segment) => segment.id === passage.segment)) stops.push({ file, segmentId: passage.segment });
  }
  return ok(stops);
}

/** The segments to visit, in note order. */
export function planStops(files: TagFile[], otherCodings: Map<string, Coding[]>, matchers: Matcher[], codes: Set<string> | undefined, all: boolean): Stop[] {
  const stops: Stop[] = [];
  for (const file of files) {
    for (const segment of file.note.segments) {
      const applied = appliedCodes(file.note, segment, otherCodings);
      let visit: boolean;
      if (codes) {
        visit = [...applied].some((code) => codes.has(code)) || matchSegment(segment, matchers).some((m) => codes.has(m.code));
      } else visit = all || applied.size === 0;
      if (visit) stops.push({ file, segmentId: segment.id });
    }
  }
  return stops;
}

function appliedCodings(note: Note, segment: Segment, otherCodings: Map<string, Coding[]>): Coding[] {
  return [...note.codings.filter((c) => c.segments[0] === segment.id), ...(otherCodings.get(segment.id) ?? [])];
}

function appliedCodes(note: Note, segment: Segment, otherCodings: Map<string, Coding[]>): Set<string> {
  return new Set(appliedCodings(note, segment, otherCodings).map((c) => c.code));
}

export async function runTagSession(ctx: CliContext, loaded: LoadedProject, allFiles: TagFile[], options: SessionOptions): Promise<number> {
  const { corpus } = loaded;
  const out = ctx.io.stdout;
  const style = styleFor(ctx, 'stdout', options);
  const checked = parseFilters(ctx.io.argv, options, corpus);
  if (!checked.ok) return halted(ctx, checked.diagnostics, options);
  const filters = checked.value;
  const wanted = filters.codes.length > 0 ? new Set(filters.codes.flatMap((id) => [...codeFamily(corpus.codebook, id)])) : undefined;
  const plainText = allFiles.filter((file) => file.note.data.format === 'text');
  if (plainText.length > 0) {
    ctx.io.stderr.write(`Skipping ${escapeControls(plainText.map((file) => file.path).join(', '))}: plain-text notes (\`format: text\`) cannot carry inline codes.\n`);
  }
  const files = allFiles.filter((file) => file.note.data.format !== 'text' && noteMatches(file.note, filters.where));
  const matchers = compileMatchers(corpus.codebook);
  // Unchecking a suggested code and saving rejects the suggestion (docs/tagging.md); a broken decisions file could hide one.
  const decisions = loadDecisions(loaded);
  if (decisions.diagnostics.some((d) => d.severity === 'error')) {
    ctx.io.stderr.write(diagnosticsText(decisions.diagnostics, styleFor(ctx, 'stderr', options)));
    return EXIT_PROBLEMS;
  }

  // Standoff and imported codings do not live in the note text; keep them by segment.
  const otherCodings = new Map<string, Coding[]>();
  for (const coding of corpus.codings) {
    if (coding.origin === 'inline-tag' || coding.origin === 'inline-span') continue;
    for (const id of coding.segments) otherCodings.set(id, [...(otherCodings.get(id) ?? []), coding]);
  }

  const planned = options.review !== undefined ? reviewStops(ctx.io.argv, loaded, files, options.review) : ok(planStops(files, otherCodings, matchers, wanted, options.all === true));
  if (!planned.ok) return halted(ctx, planned.diagnostics, options);
  const stops = planned.value;
  if (stops.length === 0 && options.review !== undefined) {
    ctx.io.stderr.write(`Nothing to review: no passage of \`${escapeControls(options.review)}\` listed in ${REVIEW_FILE} is in these notes.\n`);
    return EXIT_OK;
  }
  if (stops.length === 0) {
    const why = wanted ? 'no segment where these codes are suggested or applied' : options.all ? 'no segments in these notes' : 'every segment already has a code (use --all to visit them all)';
    ctx.io.stderr.write(`Nothing to tag: ${why}.\n`);
    return EXIT_OK;
  }

  const context = { input: ctx.io.stdin, output: ctx.io.stdout };
  const columns = Math.max(40, Math.min(out.columns ?? 80, 120));
  // Header, segment and code list must fit the terminal together, or the
  // header (file, line, segment n of m) scrolls away: in 24 rows the list
  // shows 5 codes and the segment gets the lines that are left.
  const rows = Math.max(16, out.rows ?? 24);
  const pageSize = Math.min(9, rows - 19 > 4 ? rows - 19 : 4);
  const textLines = Math.max(3, rows - (pageSize + 5) - 9);
  const changes: Change[] = [];
  let saved = 0;
  // An undo takes a saved change back out of the file: it is not one more change.
  let undone = 0;
  const savedText = (): string => `${saved} ${saved === 1 ? 'change' : 'changes'}${undone > 0 ? ` (${undone} undone)` : ''}`;
  let position = Math.max(0, options.startAt ? stops.findIndex((stop) => stop.segmentId === options.startAt) : 0);
  let notice = '';

  const segmentOf = (stop: Stop): Segment | undefined => stop.file.note.segments.find((s) => s.id === stop.segmentId);
  const codedCount = (): number =>
    stops.filter((stop) => {
      const segment = segmentOf(stop);
      return segment !== undefined && appliedCodes(stop.file.note, segment, otherCodings).size > 0;
    }).length;

  /** Writes one confirmed change; on refusal says why and reloads the note from disk. */
  const commit = (stop: Stop, text: string, summary: string): boolean => {
    const before = stop.file.note.text;
    const problem = writeTagFile(stop.file, text);
    if (problem) {
      ctx.io.stderr.write(diagnosticsText([problem], styleFor(ctx, 'stderr', options)));
      reload(stop.file);
      return false;
    }
    changes.push({ file: stop.file, segmentId: stop.segmentId, before, after: text, summary });
    saved++;
    return true;
  };

  const reload = (file: TagFile): void => {
    const before = file.note.segments;
    if (!reloadTagFile(file)) return;
    const { changed, gone } = remapStops(stops, file, before);
    const moved = [
      changed > 0 ? `${changed} ${changed === 1 ? 'segment' : 'segments'} to visit changed on disk and ${changed === 1 ? 'is' : 'are'} shown as ${changed === 1 ? 'it is' : 'they are'} now` : '',
      gone > 0 ? `${gone} ${gone === 1 ? 'segment' : 'segments'} to visit no longer ${gone === 1 ? 'exists' : 'exist'} and will be skipped` : '',
    ].filter(Boolean);
    notice = `Reloaded ${file.path} from disk; what you confirm from now on applies to the new version.${moved.length ? ` ${moved.join('; ')}.` : ''}`;
  };

  try {
    while (position < stops.length) {
      const stop = stops[position];
      const segment = segmentOf(stop);
      if (!segment) {
        position++;
        continue;
      }
      const note = stop.file.note;
      out.write(screen(note, stop.file.path, segment, appliedCodings(note, segment, otherCodings), corpus.codebook.byId, position, stops.length, codedCount(), style, columns, textLines));
      if (notice) {
        out.write(`${style.yellow(notice)}\n`);
        notice = '';
      }
      const tags = new Set(note.codings.filter((c) => c.segments[0] === segment.id && c.origin === 'inline-tag').map((c) => c.code));
      const others = new Map<string, string>();
      for (const coding of appliedCodings(note, segment, otherCodings)) {
        if (coding.origin !== 'inline-tag') others.set(coding.code, coding.origin === 'inline-span' ? 'span' : coding.origin);
      }
      const suggested = suggestionsFor(segment, matchers, tags, others);
      const rejected = new Set([...suggested.keys()].filter((code) => decisions.rejected.has(rejectedKey(segment.id, code))));
      const choices = pinChecked(
        corpus.codebook.codes.map((code) => choiceFor(code, tags.has(code.id) || (suggested.has(code.id) && !rejected.has(code.id)), suggested.get(code.id), others.get(code.id), rejected.has(code.id))),
      );
      const answer = await codePicker({ message: 'Codes for this segment', choices, actions: true, style, columns, pageSize }, context);

      if (answer.type === 'skip') {
        position++;
        continue;
      }
      if (answer.type === 'back') {
        if (position === 0) notice = 'This is the first segment.';
        else position--;
        continue;
      }
      if (answer.type === 'save') {
        const wantedCodes = new Set(answer.codes);
        const add = answer.codes.filter((code) => !tags.has(code));
        // Tags with codes outside the codebook are not in the list: leave them be.
        const remove = [...tags].filter((code) => corpus.codebook.byId.has(code) && !wantedCodes.has(code));
        // A suggestion shown checked and unchecked before saving was reviewed and rejected.
        const rejecting = [...suggested.keys()].filter((code) => !rejected.has(code) && !wantedCodes.has(code));
        for (const code of rejecting) {
          const written = recordRejection(loaded, decisions, note, segment, code, stop.file.coder, today());
          if ('problem' in written) ctx.io.stderr.write(diagnosticsText([written.problem], styleFor(ctx, 'stderr', options)));
          else out.write(`${style.yellow('Rejected')} suggestion #${code} at ${escapeControls(stop.file.path)}:${segment.range.start.line}, recorded in ${escapeControls(written.path)}\n`);
        }
        if (add.length === 0 && remove.length === 0) {
          position++;
          continue;
        }
        const edited = editSegment(stop, add, remove);
        if ('error' in edited) {
          ctx.io.stderr.write(edited.error);
          continue;
        }
        const summary = [...add.map((c) => `+#${c}`), ...remove.map((c) => `−#${c}`)].join(' ');
        if (commit(stop, edited.text, summary)) {
          out.write(`${style.green('Saved')} ${escapeControls(stop.file.path)}:${segmentOf(stop)?.range.start.line ?? segment.range.start.line}  ${summary}\n`);
          position++;
        }
        continue;
      }

      // tab: more actions
      const action = await select<'span' | 'memo' | 'undo' | 'quit' | 'cancel'>(
        {
          theme: promptTheme(style),
          message: 'More',
          choices: [
            { name: 'Code a span: a sentence or exact words', value: 'span' },
            { name: 'Write a memo on this segment (in memos/, never in the note)', value: 'memo' },
            changes.length > 0
              ? { name: `Undo last change (${changes[changes.length - 1].summary} in ${changes[changes.length - 1].file.path})`, value: 'undo' as const }
              : { name: 'Undo last change', value: 'undo' as const, disabled: '(nothing to undo yet)' },
            { name: 'Quit (everything saved stays saved)', value: 'quit' },
            { name: 'Back to the codes', value: 'cancel' },
          ],
        },
        context,
      );
      if (action === 'quit') break;
      if (action === 'cancel') continue;
      if (action === 'memo') {
        notice = writeSegmentMemo(ctx, loaded, stop.file, segment);
        continue;
      }
      if (action === 'undo') {
        const last = changes.pop();
        if (!last) continue;
        if (last.file.note.text !== last.after) {
          notice = `Cannot undo: ${last.file.path} was reloaded from disk since that change.`;
          continue;
        }
        const problem = writeTagFile(last.file, last.before);
        if (problem) {
          ctx.io.stderr.write(diagnosticsText([problem], styleFor(ctx, 'stderr', options)));
          reload(last.file);
          continue;
        }
        saved--;
        undone++;
        const back = stops.findIndex((s) => s.file === last.file && s.segmentId === last.segmentId);
        if (back >= 0) position = back;
        notice = `Undone: ${last.summary} in ${last.file.path}`;
        continue;
      }
      // span
      const range = await chooseWords(segment, context, style, columns);
      if (!range) continue;
      const words = segment.text.slice(range.start, range.end);
      const inside = suggestionsFor(segment, matchers, new Set(), new Map(), range);
      const spanChoices = pinChecked(corpus.codebook.codes.map((code) => choiceFor(code, inside.has(code.id), inside.get(code.id), undefined)));
      const picked = await codePicker({ message: `Codes for “${truncate(words, 40)}”`, choices: spanChoices, actions: false, style, columns }, context);
      if (picked.type !== 'save' || picked.codes.length === 0) continue;
      let current = note;
      let failed = false;
      for (const code of picked.codes) {
        const seg = current.segments.find((s) => s.id === stop.segmentId)!;
        const result: EditResult = addSpan(current, seg, code, range, { coder: stop.file.coder });
        if (!result.ok) {
          ctx.io.stderr.write(diagnosticsText([problemDiagnostic({ path: stop.file.path, note: current }, result.problem)], styleFor(ctx, 'stderr', options)));
          failed = true;
          break;
        }
        if (result.changed) current = result.note;
      }
      if (failed || current.text === note.text) continue;
      const summary = `[${truncate(words, 30)}]{${picked.codes.map((c) => `#${c}`).join(' ')}}`;
      if (commit(stop, current.text, summary)) out.write(`${style.green('Saved')} ${escapeControls(stop.file.path)}:${segment.range.start.line}  ${summary}\n`);
    }
  } catch (error) {
    if (error instanceof ExitPromptError) {
      ctx.io.stderr.write(`\nCancelled. ${savedText()} saved before; nothing else was written.\n`);
      return EXIT_CANCELLED;
    }
    throw error;
  }
  ctx.io.stderr.write(`${position >= stops.length ? 'Done' : 'Stopped'}: ${savedText()} saved, ${codedCount()} of ${stops.length} segments coded.\n`);
  return EXIT_OK;
}

/** A memo on the segment, written from the template and opened in $EDITOR; the notice says where it went. */
function writeSegmentMemo(ctx: CliContext, loaded: LoadedProject, file: TagFile, segment: Segment): string {
  const projectPath = loaded.files.get(file.path)?.path ?? file.path;
  const about = [{ kind: 'segment' as const, id: projectSegmentId(segment.id, file.note, projectPath) }];
  const coder = loaded.corpus.config.coder;
  try {
    const path = writeNewMemo(loaded.root, loaded.corpus.config, { about, title: `Memo on ${projectPath}:${segment.range.start.line}`, date: todayDate(), ...(coder ? { author: coder } : {}) });
    openEditor(ctx.io, path);
    return `Memo written: ${escapeControls(displayPath(ctx.io.cwd, path))} (about segment:${escapeControls(about[0].id)})`;
  } catch (error) {
    return `Cannot write the memo: ${escapeControls((error as Error).message)}`;
  }
}

/** Applies tag additions and removals to one segment, re-reading between edits. */
function editSegment(stop: Stop, add: string[], remove: string[]): { text: string } | { error: string } {
  let note = stop.file.note;
  for (const [code, adding] of [...remove.map((c) => [c, false] as const), ...add.map((c) => [c, true] as const)]) {
    const segment = note.segments.find((s) => s.id === stop.segmentId);
    if (!segment) return { error: 'The segment is gone from the note.\n' };
    const result = adding ? addSegmentTag(note, segment, code, { coder: stop.file.coder }) : removeSegmentTag(note, segment, code, { coder: stop.file.coder });
    if (!result.ok) {
      const d = problemDiagnostic({ path: stop.file.path, note }, result.problem);
      return { error: `${d.file}:${d.line}:${d.column}  error  ${d.message}  [${d.ruleId}]\n` };
    }
    if (result.changed) note = result.note;
  }
  return { text: note.text };
}

/** Codes the codebook suggests for a segment (or for a range of it), not yet applied; code → matched words. */
function suggestionsFor(segment: Segment, matchers: Matcher[], tags: Set<string>, others: Map<string, string>, range?: TextRange): Map<string, string> {
  const found = new Map<string, string>();
  for (const match of matchSegment(segment, matchers)) {
    if (tags.has(match.code) || others.has(match.code) || found.has(match.code)) continue;
    if (range && (match.start < range.start || match.end > range.end)) continue;
    found.set(match.code, match.matched);
  }
  return found;
}

/** Applied and suggested codes first, so they show on the first page; the rest in codebook order. */
function pinChecked(choices: PickerChoice[]): PickerChoice[] {
  const pinned = choices.filter((c) => c.checked || c.note !== undefined).map((c) => ({ ...c, depth: 0 }));
  if (pinned.length === 0) return choices;
  return [...pinned, ...choices.filter((c) => !(c.checked || c.note !== undefined))];
}

function choiceFor(code: Code, checked: boolean, matched: string | undefined, other: string | undefined, rejected = false): PickerChoice {
  const notes: string[] = [];
  if (matched !== undefined) notes.push(`${rejected ? 'rejected suggestion' : 'suggested'}: “${truncate(matched, 30)}”`);
  if (other) notes.push(`applied as ${other}`);
  const choice: PickerChoice = { value: code.id, label: escapeControls(code.label), depth: code.depth, checked };
  if (notes.length) choice.note = notes.join(', ');
  if (code.definition) choice.description = escapeControls(code.definition);
  return choice;
}

async function chooseWords(segment: Segment, context: { input: NodeJS.ReadableStream; output: NodeJS.WritableStream }, style: Style, columns: number): Promise<TextRange | undefined> {
  const parts = sentences(segment);
  const choice = await select<number>(
    {
      theme: promptTheme(style),
      message: 'Which words?',
      choices: [
        ...parts.map((range, i) => ({ name: truncate(segment.text.slice(range.start, range.end), columns - 8), value: i })),
        { name: style.dim('Type the exact words…'), value: -1 },
        { name: style.dim('Cancel'), value: -2 },
      ],
      pageSize: 10,
    },
    context,
  );
  if (choice === -2) return undefined;
  if (choice >= 0) return parts[choice];
  const typed = await input(
    {
      theme: promptTheme(style),
      message: 'Exact words (as they read in the segment):',
      validate: (value) => {
        if (!value.trim()) return 'Type some words, or press Ctrl-C to stop.';
        const found = findWords(segment, value);
        return isProblem(found) ? found.message : true;
      },
    },
    context,
  );
  const found = findWords(segment, typed);
  return isProblem(found) ? undefined : found;
}

/** A snippet of note or codebook text for the screen: shortened, and with control bytes shown escaped. */
function truncate(text: string, width: number): string {
  const shown = escapeControls(text);
  return truncateColumns(shown, width);
}


/** What the researcher sees above the code list. */
export function screen(
  note: Note,
  path: string,
  segment: Segment,
  applied: Coding[],
  codes: Map<string, Code>,
  position: number,
  total: number,
  coded: number,
  style: Style,
  columns: number,
  textLines = Number.POSITIVE_INFINITY,
): string {
  const width = Math.max(30, Math.min(columns, 100) - 4);
  const lines: string[] = [''];
  const rule = '─'.repeat(Math.max(0, Math.min(columns, 100) - 1));
  lines.push(style.dim(rule));
  const title = typeof note.data.title === 'string' ? note.data.title : typeof note.data.id === 'string' ? note.data.id : '';
  lines.push(`${style.bold(`${path}:${segment.range.start.line}`)}${title ? `  ${style.dim(title)}` : ''}`);
  const trail = segment.headings.join(' › ');
  const who = [segment.speaker ? `speaker ${style.cyan(segment.speaker)}` : '', trail ? style.dim(trail) : ''].filter(Boolean).join('  ·  ');
  if (who) lines.push(who);
  lines.push(style.dim(`segment ${position + 1} of ${total}, ${coded} coded`));
  lines.push('');
  const previous = note.segments[segment.index - 1];
  const next = note.segments[segment.index + 1];
  const context = (s: Segment): string => `${s.speaker ? `${escapeControls(s.speaker)}: ` : ''}${truncate(s.text, width * 2)}`;
  // In a short terminal the neighbours get one line each and the segment the
  // rest, cut with … (the whole text is in the note).
  const neighbourLines = textLines >= 9 ? 3 : 1;
  const fit = (wrapped: string[], max: number): string[] => (wrapped.length <= max ? wrapped : [...wrapped.slice(0, max - 1), `${truncate(wrapped[max - 1], width - 2)} …`]);
  const before = previous ? fit(wrapWords(context(previous), width), neighbourLines) : [];
  const after = next ? fit(wrapWords(context(next), width), neighbourLines) : [];
  const body = escapeControls(`${segment.speaker ? `${segment.speaker}: ` : ''}${segment.text}`);
  for (const line of before) lines.push(`  ${style.dim(line)}`);
  for (const line of fit(wrapWords(body, width), Math.max(1, textLines - before.length - after.length))) lines.push(`${style.cyan('▌')} ${line}`);
  for (const line of after) lines.push(`  ${style.dim(line)}`);
  lines.push('');
  if (applied.length > 0) {
    const shown = applied.map((c) => {
      const label = codes.get(c.code) ? `#${c.code}` : style.red(`#${c.code} (not in codebook)`);
      return c.origin === 'inline-tag' ? label : c.origin === 'inline-span' ? `[${truncate(c.text, 30)}]{${label}}` : `${label} (${c.origin})`;
    });
    lines.push(`Applied: ${shown.join('  ')}`);
  } else lines.push(style.dim('Applied: (none yet)'));
  return terminalSafe(`${lines.join('\n')}\n`, style.color);
}
