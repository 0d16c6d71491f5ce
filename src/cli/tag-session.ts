// The interactive tagger's driver: it shows the prompt each state of the
// session (src/tag/session-state.ts) asks for, performs the writes a state
// names, and feeds what happened back to `step`. Every confirmed change is
// written at once (atomically, checked against the disk), so quitting or
// Ctrl-C never loses a confirmed change.
import { ExitPromptError } from '@inquirer/core';
import { input, select } from '@inquirer/prompts';
import type { Coding, Note, Segment } from '../types.js';
import { compileMatchers, type Matcher } from '../codebook/match.js';
import { codeFamily, noteMatches } from '../core/select.js';
import { addSegmentTag, addSpan, findWords, isProblem, removeSegmentTag, sentences, type TextRange } from '../core/write-inline.js';
import { diagnosticsText } from '../reporters/diagnostics.js';
import type { Style } from '../reporters/style.js';
import { escapeControls } from '../reporters/terminal.js';
import { ok } from '../model/checked.js';
import { REVIEW_FILE } from '../codes/review.js';
import { projectSegmentId } from '../memos/validate.js';
import { todayDate } from '../memos/template.js';
import { displayPath } from '../pipeline/paths.js';
import { problemDiagnostic } from '../tag/edit.js';
import { initialState, isFinal, step, type CodeEdit, type TagEvent, type TagState } from '../tag/session-state.js';
import { codePicker, promptTheme } from './code-picker.js';
import { halted, parseFilters, styleFor, type CliContext, type CommonOptions } from './context.js';
import { loadDecisions, recordRejection, rejectedKey, today, type Decisions } from './decisions.js';
import { EXIT_CANCELLED, EXIT_OK, EXIT_PROBLEMS } from './exit-codes.js';
import { openEditor, writeNewMemo } from './memo-file.js';
import type { LoadedProject } from './project.js';
import { choiceFor, pinChecked, screen, suggestionsFor, truncate } from './tag-screen.js';
import { appliedCodes, appliedCodings, planStops, remapStops, reviewStops, type Stop } from './tag-stops.js';
import { reloadTagFile, writeTagFile, type TagFile } from './tag-files.js';

export { planStops, remapStops, reviewStops, type Stop } from './tag-stops.js';
export { screen } from './tag-screen.js';

export interface SessionOptions extends CommonOptions {
  all?: boolean;
  /** Visit the passages `codes split` listed for review under this code. */
  review?: string;
  /** Open at this segment (`tag --at PATH:LINE`). */
  startAt?: string;
}

interface Change {
  file: TagFile;
  segmentId: string;
  before: string;
  after: string;
  summary: string;
}

/** What the driver keeps between prompts: the project, the stops, the changes written so far. */
interface Session {
  ctx: CliContext;
  loaded: LoadedProject;
  options: SessionOptions;
  stops: Stop[];
  otherCodings: Map<string, Coding[]>;
  matchers: Matcher[];
  decisions: Decisions;
  style: Style;
  prompt: { input: NodeJS.ReadableStream; output: NodeJS.WritableStream };
  columns: number;
  pageSize: number;
  textLines: number;
  changes: Change[];
  saved: number;
  /** An undo takes a saved change back out of the file: it is not one more change. */
  undone: number;
  /** The codes list as last shown: what a save compares against. */
  shown?: { tags: Set<string>; suggested: Map<string, string>; rejected: Set<string> };
}

export async function runTagSession(ctx: CliContext, loaded: LoadedProject, allFiles: TagFile[], options: SessionOptions): Promise<number> {
  const { corpus } = loaded;
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

  const out = ctx.io.stdout;
  // Header, segment and code list must fit the terminal together, or the
  // header (file, line, segment n of m) scrolls away: in 24 rows the list
  // shows 5 codes and the segment gets the lines that are left.
  const rows = Math.max(16, out.rows ?? 24);
  const pageSize = Math.min(9, rows - 19 > 4 ? rows - 19 : 4);
  const session: Session = {
    ctx,
    loaded,
    options,
    stops,
    otherCodings,
    matchers,
    decisions,
    style: styleFor(ctx, 'stdout', options),
    prompt: { input: ctx.io.stdin, output: ctx.io.stdout },
    columns: Math.max(40, Math.min(out.columns ?? 80, 120)),
    pageSize,
    textLines: Math.max(3, rows - (pageSize + 5) - 9),
    changes: [],
    saved: 0,
    undone: 0,
  };

  let state = initialState(stops.length, options.startAt ? Math.max(0, stops.findIndex((stop) => stop.segmentId === options.startAt)) : 0);
  while (!isFinal(state)) state = step(state, await perform(session, state));
  const savedText = `${session.saved} ${session.saved === 1 ? 'change' : 'changes'}${session.undone > 0 ? ` (${session.undone} undone)` : ''}`;
  if (state.phase.name === 'cancelled') {
    ctx.io.stderr.write(`\nCancelled. ${savedText} saved before; nothing else was written.\n`);
    return EXIT_CANCELLED;
  }
  ctx.io.stderr.write(`${state.phase.name === 'done' ? 'Done' : 'Stopped'}: ${savedText} saved, ${codedCount(session)} of ${stops.length} segments coded.\n`);
  return EXIT_OK;
}

/** Shows the prompt a state asks for, or performs its write; what happened is the next event. Ctrl-C is one too. */
async function perform(session: Session, state: TagState): Promise<TagEvent> {
  const stop = session.stops[state.position];
  const segment = stop && segmentOf(stop);
  if (!segment) return { type: 'gone' };
  try {
    switch (state.phase.name) {
      case 'pick-codes':
        return await pickCodes(session, state, stop, segment);
      case 'more':
        return await pickMore(session);
      case 'pick-words':
        return { type: 'words', range: await chooseWords(segment, session.prompt, session.style, session.columns) };
      case 'pick-span-codes':
        return await pickSpanCodes(session, segment, state.phase.range);
      case 'save-codes':
        return saveCodes(session, stop, segment, state.phase.edit);
      case 'save-span':
        return saveSpan(session, stop, segment, state.phase.range, state.phase.codes);
      case 'write-memo':
        return { type: 'noted', notice: writeSegmentMemo(session.ctx, session.loaded, stop.file, segment) };
      case 'undo':
        return undo(session);
      default:
        return { type: 'quit' };
    }
  } catch (error) {
    if (error instanceof ExitPromptError) return { type: 'interrupt' };
    throw error;
  }
}

function segmentOf(stop: Stop): Segment | undefined {
  return stop.file.note.segments.find((s) => s.id === stop.segmentId);
}

function codedCount(session: Session): number {
  return session.stops.filter((stop) => {
    const segment = segmentOf(stop);
    return segment !== undefined && appliedCodes(stop.file.note, segment, session.otherCodings).size > 0;
  }).length;
}

/** The segment with its context, then the code list: applied and suggested codes checked, rejected ones marked. */
async function pickCodes(session: Session, state: TagState, stop: Stop, segment: Segment): Promise<TagEvent> {
  const { style, columns } = session;
  const { corpus } = session.loaded;
  const out = session.ctx.io.stdout;
  const note = stop.file.note;
  out.write(screen(note, stop.file.path, segment, appliedCodings(note, segment, session.otherCodings), corpus.codebook.byId, state.position, session.stops.length, codedCount(session), style, columns, session.textLines));
  if (state.notice) out.write(`${style.yellow(state.notice)}\n`);
  const tags = new Set(note.codings.filter((c) => c.segments[0] === segment.id && c.origin === 'inline-tag').map((c) => c.code));
  const others = new Map<string, string>();
  for (const coding of appliedCodings(note, segment, session.otherCodings)) {
    if (coding.origin !== 'inline-tag') others.set(coding.code, coding.origin === 'inline-span' ? 'span' : coding.origin);
  }
  const suggested = suggestionsFor(segment, session.matchers, tags, others);
  const rejected = new Set([...suggested.keys()].filter((code) => session.decisions.rejected.has(rejectedKey(segment.id, code))));
  const choices = pinChecked(corpus.codebook.codes.map((code) => choiceFor(code, tags.has(code.id) || (suggested.has(code.id) && !rejected.has(code.id)), suggested.get(code.id), others.get(code.id), rejected.has(code.id))));
  const answer = await codePicker({ message: 'Codes for this segment', choices, actions: true, style, columns, pageSize: session.pageSize }, session.prompt);
  if (answer.type === 'skip') return { type: 'skip' };
  if (answer.type === 'back') return { type: 'back' };
  if (answer.type !== 'save') return { type: 'more' };
  const wantedCodes = new Set(answer.codes);
  const edit: CodeEdit = {
    add: answer.codes.filter((code) => !tags.has(code)),
    // Tags with codes outside the codebook are not in the list: leave them be.
    remove: [...tags].filter((code) => corpus.codebook.byId.has(code) && !wantedCodes.has(code)),
    // A suggestion shown checked and unchecked before saving was reviewed and rejected.
    reject: [...suggested.keys()].filter((code) => !rejected.has(code) && !wantedCodes.has(code)),
  };
  return { type: 'save', edit };
}

async function pickMore(session: Session): Promise<TagEvent> {
  const last = session.changes[session.changes.length - 1];
  const action = await select<'span' | 'memo' | 'undo' | 'quit' | 'cancel'>(
    {
      theme: promptTheme(session.style),
      message: 'More',
      choices: [
        { name: 'Code a span: a sentence or exact words', value: 'span' },
        { name: 'Write a memo on this segment (in memos/, never in the note)', value: 'memo' },
        last ? { name: `Undo last change (${last.summary} in ${last.file.path})`, value: 'undo' as const } : { name: 'Undo last change', value: 'undo' as const, disabled: '(nothing to undo yet)' },
        { name: 'Quit (everything saved stays saved)', value: 'quit' },
        { name: 'Back to the codes', value: 'cancel' },
      ],
    },
    session.prompt,
  );
  return { type: action };
}

async function pickSpanCodes(session: Session, segment: Segment, range: TextRange): Promise<TagEvent> {
  const words = segment.text.slice(range.start, range.end);
  const inside = suggestionsFor(segment, session.matchers, new Set(), new Map(), range);
  const choices = pinChecked(session.loaded.corpus.codebook.codes.map((code) => choiceFor(code, inside.has(code.id), inside.get(code.id), undefined)));
  const picked = await codePicker({ message: `Codes for “${truncate(words, 40)}”`, choices, actions: false, style: session.style, columns: session.columns }, session.prompt);
  return { type: 'span-codes', codes: picked.type === 'save' ? picked.codes : [] };
}

/** Records the rejected suggestions, then writes the segment's new tags. */
function saveCodes(session: Session, stop: Stop, segment: Segment, edit: CodeEdit): TagEvent {
  const { ctx, style } = session;
  for (const code of edit.reject) {
    const written = recordRejection(session.loaded, session.decisions, stop.file.note, segment, code, stop.file.coder, today());
    if ('problem' in written) ctx.io.stderr.write(diagnosticsText([written.problem], styleFor(ctx, 'stderr', session.options)));
    else ctx.io.stdout.write(`${style.yellow('Rejected')} suggestion #${code} at ${escapeControls(stop.file.path)}:${segment.range.start.line}, recorded in ${escapeControls(written.path)}\n`);
  }
  if (edit.add.length === 0 && edit.remove.length === 0) return { type: 'saved' };
  const edited = editSegment(stop, edit.add, edit.remove);
  if ('error' in edited) {
    ctx.io.stderr.write(edited.error);
    return { type: 'not-saved' };
  }
  const summary = [...edit.add.map((c) => `+#${c}`), ...edit.remove.map((c) => `−#${c}`)].join(' ');
  const refused = commit(session, stop, edited.note, summary);
  if (refused !== undefined) return { type: 'not-saved', notice: refused };
  ctx.io.stdout.write(`${style.green('Saved')} ${escapeControls(stop.file.path)}:${segmentOf(stop)?.range.start.line ?? segment.range.start.line}  ${summary}\n`);
  return { type: 'saved' };
}

/** Codes the chosen words as a span with each picked code, then writes the note once. */
function saveSpan(session: Session, stop: Stop, segment: Segment, range: TextRange, codes: string[]): TagEvent {
  const { ctx } = session;
  const note = stop.file.note;
  let current = note;
  for (const code of codes) {
    const seg = current.segments.find((s) => s.id === stop.segmentId)!;
    const result = addSpan(current, seg, code, range, { coder: stop.file.coder });
    if (!result.ok) {
      ctx.io.stderr.write(diagnosticsText([problemDiagnostic({ path: stop.file.path, note: current }, result.problem)], styleFor(ctx, 'stderr', session.options)));
      return { type: 'not-saved' };
    }
    if (result.changed) current = result.note;
  }
  if (current.text === note.text) return { type: 'not-saved' };
  const words = segment.text.slice(range.start, range.end);
  const summary = `[${truncate(words, 30)}]{${codes.map((c) => `#${c}`).join(' ')}}`;
  const refused = commit(session, stop, current, summary);
  if (refused !== undefined) return { type: 'not-saved', notice: refused };
  ctx.io.stdout.write(`${session.style.green('Saved')} ${escapeControls(stop.file.path)}:${segment.range.start.line}  ${summary}\n`);
  return { type: 'saved' };
}

/** Takes the last change back out of its file, unless the file was reloaded since; the tagger goes back to it. */
function undo(session: Session): TagEvent {
  const last = session.changes.pop();
  if (!last) return { type: 'undone' };
  if (last.file.note.text !== last.after) return { type: 'undone', notice: `Cannot undo: ${last.file.path} was reloaded from disk since that change.` };
  const problem = writeTagFile(last.file, last.before);
  if (problem) {
    session.ctx.io.stderr.write(diagnosticsText([problem], styleFor(session.ctx, 'stderr', session.options)));
    return { type: 'undone', notice: reload(session, last.file) };
  }
  session.saved--;
  session.undone++;
  const back = session.stops.findIndex((s) => s.file === last.file && s.segmentId === last.segmentId);
  return { type: 'undone', notice: `Undone: ${last.summary} in ${last.file.path}`, ...(back >= 0 ? { position: back } : {}) };
}

/** Writes one confirmed change; on refusal says why, reloads the note from disk and returns the notice about it. */
function commit(session: Session, stop: Stop, edited: Note, summary: string): string | undefined {
  const before = stop.file.note.text;
  const problem = writeTagFile(stop.file, edited.text, edited);
  if (problem) {
    session.ctx.io.stderr.write(diagnosticsText([problem], styleFor(session.ctx, 'stderr', session.options)));
    return reload(session, stop.file) ?? '';
  }
  session.changes.push({ file: stop.file, segmentId: stop.segmentId, before, after: edited.text, summary });
  session.saved++;
  return undefined;
}

/** Reads a note again from disk and points its stops at the new segments; the notice says what moved. */
function reload(session: Session, file: TagFile): string | undefined {
  const before = file.note.segments;
  if (!reloadTagFile(file)) return undefined;
  const { changed, gone } = remapStops(session.stops, file, before);
  const moved = [
    changed > 0 ? `${changed} ${changed === 1 ? 'segment' : 'segments'} to visit changed on disk and ${changed === 1 ? 'is' : 'are'} shown as ${changed === 1 ? 'it is' : 'they are'} now` : '',
    gone > 0 ? `${gone} ${gone === 1 ? 'segment' : 'segments'} to visit no longer ${gone === 1 ? 'exists' : 'exist'} and will be skipped` : '',
  ].filter(Boolean);
  return `Reloaded ${file.path} from disk; what you confirm from now on applies to the new version.${moved.length ? ` ${moved.join('; ')}.` : ''}`;
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

/** Applies tag additions and removals to one segment, each edit on the note the one before returned. */
function editSegment(stop: Stop, add: string[], remove: string[]): { note: Note } | { error: string } {
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
  return { note };
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
