// The pipeline: discover → list → read, parse, segment and code each note →
// anchor standoff codings → validate. Each stage is one function; problems are
// collected as diagnostics and never thrown, so a library user gets the same
// corpus and messages as the CLI.
import { posix } from 'node:path';
import type { Codebook, Coding, Corpus, Diagnostic, Note } from '../types.js';
import { DEFAULT_NOTE_GLOBS } from '../core/config.js';
import { SUMMARIES_FOLDER } from '../core/summaries.js';
import { parseNotes, type ParseStageOptions, type ReadText } from './parse-stage.js';
import { DEFAULT_MAX_NOTE_SIZE } from '../core/limits.js';
import { inferVariables } from '../core/variables.js';
import { mapMemoTargets, mapThroughLineage } from '../codebook/lineage.js';
import { validateCodings, validateNoteIds, validateVariables } from '../core/validate.js';
import { parseStandoff, STANDOFF_SUFFIX, type StandoffDocument } from '../standoff/format.js';
import { anchorCodings } from '../standoff/anchor.js';
import { discover, type DiscoverOptions, type Project } from './discover.js';
import { pathMatcher, positiveGlobs } from './glob.js';
import type { Source } from './source.js';
import { outsideDiagnostics } from './confine.js';
import type { ReadFailure } from './read-file.js';
import { readMemos } from '../memos/load.js';
import { readMeasures, readReconcileLog } from '../measures/load.js';
import { validateMemos } from '../memos/validate.js';

export interface PipelineOptions extends DiscoverOptions {
  /** A project already discovered elsewhere (for a git revision: the working tree's project file and codebook). */
  project?: Project;
  /** Check front matter against the declared variables (default true). */
  checkVariables?: boolean;
  /** Called after each note, for progress display. */
  progress?: (done: number, total: number) => void;
  /** Largest note in bytes (`--max-note-size`); default DEFAULT_MAX_NOTE_SIZE. */
  maxNoteSize?: number;
  /**
   * Read ids the codebook records as renamed, merged or retired as the code
   * they are now (an older git revision read with today's codebook), instead
   * of reporting them as `retired-code`.
   */
  mapFormerIds?: boolean;
  /**
   * Read only the listed notes this accepts (a source path), and only the
   * standoff codings of those notes: `tag --add` on one note needs that note,
   * its codings, the project file and the codebook, not the whole corpus. Listing still runs, so a path that is not
   * one of the project's notes is still told apart.
   */
  only?: (path: string) => boolean;
  /** The parse cache and worker threads (none and the default by default). */
  parsing?: ParseStageOptions;
}

/** Where a note came from: its path in the source, and on disk when it has one. */
export interface NoteFile {
  path: string;
  absolute?: string;
  stamp?: string;
}

export interface PipelineResult {
  corpus: Corpus;
  diagnostics: Diagnostic[];
  /** Undefined when discovery failed with a fatal diagnostic. */
  project?: Project;
  /** Each note's origin, keyed by the note's shown path (`Note.path`). */
  files: Map<string, NoteFile>;
}

/** A standoff codings file, read and parsed, with the note it annotates. */
export interface StandoffFile {
  path: string;
  shown: string;
  stamp?: string;
  document: StandoffDocument;
  note: Note;
}

export function runPipeline(source: Source, options: PipelineOptions = {}): PipelineResult {
  const found = options.project ? { project: options.project, diagnostics: [] } : discover(source, options);
  const diagnostics = [...found.diagnostics];
  const project = found.project;
  if (!project) return { corpus: emptyCorpus(diagnostics), diagnostics, files: new Map() };

  const listed = listNotes(source, project, diagnostics);
  const paths = options.only ? listed.filter(options.only) : listed;
  const { notes, files } = readNotes(source, paths, project.defaultCoder, diagnostics, options.progress, options.maxNoteSize, options.parsing);
  const codings = notes.flatMap((note) => note.codings);
  const skipped = options.only ? new Set(listed.filter((path) => !options.only!(path))) : undefined;
  for (const file of readStandoffFiles(source, notes, files, diagnostics, skipped)) {
    const anchored = anchorCodings(file.document, file.note, file.shown, { defaultCoder: project.defaultCoder });
    diagnostics.push(...anchored.diagnostics);
    codings.push(...anchored.codings);
  }
  const config = project.config;
  const variables = config.variables.length > 0 ? config.variables : inferVariables(notes);
  if (options.mapFormerIds) mapThroughLineage(codings, project.codebook);
  diagnostics.push(...validateCodings(codings, project.codebook));
  if (options.checkVariables !== false) diagnostics.push(...validateVariables(notes, variables));
  diagnostics.push(...validateNoteIds(notes));
  const memos = readMemos(source, config, diagnostics);
  if (options.mapFormerIds) mapMemoTargets(memos, project.codebook);
  diagnostics.push(...validateMemos(memos, { codebook: project.codebook, notes, variables, projectPath: (note) => files.get(note.path)?.path ?? note.path }));
  const measures = readMeasures(source, config, project.configPath, notes, variables, diagnostics);
  const corpus: Corpus = { config, codebook: project.codebook, notes, codings, variables, diagnostics, memos, ...(config.measures ? { measures } : {}) };
  if (project.configPath) corpus.summaries = readSummaryFiles(source, diagnostics);
  const log = readReconcileLog(source, project.configPath);
  if (log) corpus.reconcileLog = log;
  return { corpus, diagnostics, project, files };
}

/** The matrix summaries of a project (`summaries/*.md`); an unreadable one is a positioned error. */
export function readSummaryFiles(source: Source, diagnostics: Diagnostic[]): Array<{ path: string; shown: string; text: string }> {
  const found: Array<{ path: string; shown: string; text: string }> = [];
  for (const path of source.list([`${SUMMARIES_FOLDER}/*.md`], []).paths) {
    const file = source.read(path);
    if ('error' in file) diagnostics.push(readFailure(source.shown(path), file));
    // A byte order mark is kept in the text, so that a rewrite of the file keeps it.
    else found.push({ path, shown: source.shown(path), text: `${file.bom ? '\uFEFF' : ''}${file.text}` });
  }
  return found;
}

/** The notes' paths; an unreadable folder, or a declared glob that matches nothing, is fatal. */
export function listNotes(source: Source, project: Project, diagnostics: Diagnostic[]): string[] {
  const listing = source.list(project.notes, project.ignore);
  diagnostics.push(...outsideDiagnostics(source, listing));
  for (const folder of listing.unreadable) {
    const shown = source.shown(folder.path || '.');
    diagnostics.push({ file: shown, line: 1, column: 1, severity: 'fatal', message: `Cannot read folder \`${shown}\` (${folder.reason})`, ruleId: 'unreadable-folder' });
  }
  // Only globs the project file declares: a folder without notes is not a mistake in itself.
  if (project.config.notes !== DEFAULT_NOTE_GLOBS && listing.unreadable.length === 0) {
    const negations = project.notes.filter((glob) => glob.startsWith('!'));
    positiveGlobs(project.notes).forEach((glob) => {
      const matches = pathMatcher([glob, ...negations], project.ignore);
      if (listing.paths.some(matches)) return;
      const at = project.config.notesAt?.[project.notes.indexOf(glob)] ?? { line: 1, column: 1 };
      const file = project.configPath ? source.shown(project.configPath) : '.';
      diagnostics.push({ file, ...at, severity: 'fatal', message: `Unexpected \`notes\` glob \`${glob}\` that matches no note, expected a glob that finds at least one file`, ruleId: 'no-matching-notes' });
    });
  }
  return listing.paths;
}

export function readNotes(source: Source, paths: string[], coder: string, diagnostics: Diagnostic[], progress?: (done: number, total: number) => void, maxNoteSize = DEFAULT_MAX_NOTE_SIZE, parsing: ParseStageOptions = {}): { notes: Note[]; files: Map<string, NoteFile> } {
  const files = new Map<string, NoteFile>();
  // Read every file first, so the parse stage sees all the cold text at once (and can spread it over workers).
  const read: Array<ReadText | Diagnostic> = paths.map((path) => {
    const shown = source.shown(path);
    const file = source.read(path, { maxBytes: maxNoteSize, note: true });
    if ('error' in file) return readFailure(shown, file);
    files.set(shown, { path, absolute: source.absolute?.(path), stamp: file.stamp });
    return { shown, text: file.text, bom: file.bom };
  });
  const texts = read.filter((entry): entry is ReadText => 'text' in entry);
  const failed = read.length - texts.length;
  const parsed = parseNotes(texts, { coder, maxNoteSize }, parsing, progress && ((done) => progress(failed + done, paths.length)));
  const notes: Note[] = [];
  let next = 0;
  // Diagnostics in path order, as when each note was read and parsed in turn.
  for (const entry of read) {
    if (!('text' in entry)) {
      diagnostics.push(entry);
      continue;
    }
    const { note, diagnostics: own } = parsed[next++];
    diagnostics.push(...own);
    notes.push(note);
  }
  return { notes, files };
}

/**
 * Every `*.codings.yaml` of the source, parsed and paired with its note.
 * Problems (unreadable, unparsable, note missing) go to `diagnostics`. Files
 * for the notes in `skipped` (listed, but not read this run) are left out.
 */
export function readStandoffFiles(source: Source, notes: Note[], files: Map<string, NoteFile>, diagnostics: Diagnostic[], skipped?: Set<string>): StandoffFile[] {
  const byPath = new Map(notes.map((note) => [files.get(note.path)?.path, note]));
  const found: StandoffFile[] = [];
  const listing = source.list([`**/*${STANDOFF_SUFFIX}`], ['**/node_modules/**']);
  diagnostics.push(...outsideDiagnostics(source, listing));
  for (const path of listing.paths) {
    const shown = source.shown(path);
    const file = source.read(path);
    if ('error' in file) {
      diagnostics.push(readFailure(shown, file));
      continue;
    }
    const parsed = parseStandoff(shown, file.text);
    diagnostics.push(...parsed.diagnostics);
    if (!parsed.document) continue;
    const notePath = posix.normalize(posix.join(posix.dirname(path), parsed.document.note));
    const note = byPath.get(notePath);
    // The codings of a note this run does not read (`only`) are not missing: they are not asked for.
    if (!note && skipped?.has(notePath)) continue;
    if (!note) {
      diagnostics.push({ file: shown, line: 1, column: 1, severity: 'error', message: `Cannot find note \`${parsed.document.note}\` of these codings among the project's notes`, ruleId: 'standoff-note-missing' });
      continue;
    }
    found.push({ path, shown, stamp: file.stamp, document: parsed.document, note });
  }
  return found;
}

/** A file the source could not read (missing, too large, outside the project, not UTF-8), at its position. */
function readFailure(shown: string, failure: ReadFailure): Diagnostic {
  return { file: shown, line: failure.line ?? 1, column: failure.column ?? 1, severity: 'error', message: failure.error, ruleId: failure.ruleId ?? 'unreadable-file' };
}

export function emptyCorpus(diagnostics: Diagnostic[]): Corpus {
  const codebook: Codebook = { path: '', name: '', version: '', languages: [], codes: [], byId: new Map() };
  const codings: Coding[] = [];
  return { config: { notes: DEFAULT_NOTE_GLOBS, variables: [], reports: [] }, codebook, notes: [], codings, variables: [], diagnostics };
}
