// Load stage: find the project file, read the codebook, then stream the notes
// (read, parse, segment, drop the tree) and the standoff codings beside them.
import { existsSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { globSync } from 'tinyglobby';
import type { Codebook, Coding, Corpus, Diagnostic, Note, ProjectConfig } from '../types.js';
import { CONFIG_NAME, DEFAULT_NOTE_GLOBS, readConfig } from '../core/config.js';
import { readNote } from '../core/note.js';
import { readCodebook } from '../codebook/read.js';
import { inferVariables } from '../core/variables.js';
import { validateCodings, validateNoteIds, validateVariables } from '../core/validate.js';
import { parseStandoff, STANDOFF_SUFFIX, type StandoffDocument } from '../standoff/format.js';
import { anchorCodings } from '../standoff/anchor.js';
import { readUtf8, UsageError } from './io.js';

export const BUNDLED_CODEBOOK = fileURLToPath(new URL('../../codebook/working-components.yaml', import.meta.url));
export const DEFAULT_CODER = 'default';

export interface LoadOptions {
  /** Folder (or a file inside it) to start from; defaults to the working directory. */
  dir?: string;
  config?: string;
  codebook?: string;
  /** Called after each note, for progress display. */
  progress?: (done: number, total: number) => void;
}

export interface LoadedProject {
  corpus: Corpus;
  /** Absolute folder the note globs are relative to. */
  root: string;
  /** Absolute path of the project file, if any. */
  configPath?: string;
  codebookPath: string;
  /** Absolute path of every note, keyed by its display path. */
  files: Map<string, { absolute: string; stamp: string }>;
}

/** POSIX path relative to the working directory: how every path is shown. */
export function displayPath(cwd: string, absolute: string): string {
  const rel = relative(cwd, absolute);
  return (rel === '' ? '.' : rel).split(sep).join('/');
}

export function findConfig(start: string): string | undefined {
  let dir = start;
  for (;;) {
    const candidate = join(dir, CONFIG_NAME);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

export function readCodebookFile(cwd: string, path: string): { codebook: Codebook; diagnostics: Diagnostic[] } {
  const shown = displayPath(cwd, path);
  const file = readUtf8(path);
  if ('error' in file) throw new UsageError(`Cannot read codebook \`${shown}\`: ${file.error}`);
  const result = readCodebook(shown, file.text);
  const fatal = result.diagnostics.filter((d) => d.ruleId === 'codebook-yaml' || d.ruleId === 'codebook-shape');
  if (fatal.length > 0 && result.codebook.codes.length === 0) {
    const first = fatal[0];
    throw new UsageError(`Cannot use codebook: ${first.file}:${first.line}:${first.column}  ${first.message}  [${first.ruleId}]`);
  }
  return result;
}

export function loadProject(cwd: string, options: LoadOptions): LoadedProject {
  const start = resolve(cwd, options.dir ?? '.');
  if (!existsSync(start)) throw new UsageError(`Cannot find \`${options.dir}\`: no such file or folder`);
  const startDir = statSync(start).isDirectory() ? start : dirname(start);

  const diagnostics: Diagnostic[] = [];
  let config: ProjectConfig = { notes: DEFAULT_NOTE_GLOBS, variables: [], reports: [] };
  let configPath: string | undefined;
  if (options.config) {
    configPath = resolve(cwd, options.config);
    if (!existsSync(configPath)) throw new UsageError(`Cannot find project file \`${options.config}\``);
  } else configPath = findConfig(startDir);
  let root = startDir;
  if (configPath) {
    root = dirname(configPath);
    const file = readUtf8(configPath);
    if ('error' in file) throw new UsageError(`Cannot read project file \`${displayPath(cwd, configPath)}\`: ${file.error}`);
    const result = readConfig(displayPath(cwd, configPath), file.text);
    const fatal = result.diagnostics.find((d) => d.severity === 'error');
    if (fatal) throw new UsageError(`Cannot use project file: ${fatal.file}:${fatal.line}:${fatal.column}  ${fatal.message}  [${fatal.ruleId}]`);
    diagnostics.push(...result.diagnostics);
    config = result.config;
  }

  const codebookPath = options.codebook ? resolve(cwd, options.codebook) : config.codebook ? resolve(root, config.codebook) : BUNDLED_CODEBOOK;
  if (!existsSync(codebookPath)) throw new UsageError(`Cannot find codebook \`${displayPath(cwd, codebookPath)}\``);
  const { codebook, diagnostics: codebookDiagnostics } = readCodebookFile(cwd, codebookPath);
  diagnostics.push(...codebookDiagnostics);

  // Notes: the globs, without the codebook's folder, reports and node_modules.
  const ignore = ['**/node_modules/**', 'reports/**', '**/*.codings.yaml'];
  // A declared output such as `reports/phase-{phase}.md` is a family of files.
  for (const report of config.reports) if (typeof report.out === 'string') ignore.push(report.out.replace(/\{[^}]+\}/g, '*'));
  const codebookDir = relative(root, dirname(codebookPath));
  if (codebookDir && !codebookDir.startsWith('..') && !isAbsolute(codebookDir)) ignore.push(`${codebookDir.split(sep).join('/')}/**`);
  const scope = startDir !== root && !configPath ? startDir : root;
  const absolutes = globSync(config.notes, { cwd: scope, ignore, absolute: true, onlyFiles: true }).sort();

  const defaultCoder = config.coder ?? DEFAULT_CODER;
  const notes: Note[] = [];
  const codings: Coding[] = [];
  const files = new Map<string, { absolute: string; stamp: string }>();
  absolutes.forEach((absolute, index) => {
    const shown = displayPath(cwd, absolute);
    const file = readUtf8(absolute);
    if ('error' in file) {
      diagnostics.push({ file: shown, line: file.line ?? 1, column: file.column ?? 1, severity: 'error', message: file.error, ruleId: 'unreadable-file' });
    } else {
      const { note, diagnostics: noteDiagnostics } = readNote(shown, file.text, file.bom, { coder: defaultCoder });
      diagnostics.push(...noteDiagnostics);
      notes.push(note);
      codings.push(...note.codings);
      files.set(shown, { absolute, stamp: file.stamp });
    }
    options.progress?.(index + 1, absolutes.length);
  });

  codings.push(...loadStandoff(cwd, scope, notes, defaultCoder, diagnostics));

  const variables = config.variables.length > 0 ? config.variables : inferVariables(notes);
  diagnostics.push(...validateCodings(codings, codebook), ...validateVariables(notes, variables), ...validateNoteIds(notes));
  const corpus: Corpus = { config, codebook, notes, codings, variables, diagnostics };
  return { corpus, root, configPath, codebookPath, files };
}

/** A standoff codings file, read and parsed, with the note it annotates. */
export interface StandoffFile {
  absolute: string;
  shown: string;
  stamp: string;
  document: StandoffDocument;
  note: Note;
}

/**
 * Finds and parses every `*.codings.yaml` under `scope` and pairs it with its
 * note. Problems (unreadable, unparsable, note missing) go to `diagnostics`.
 */
export function readStandoffFiles(cwd: string, scope: string, notes: Note[], diagnostics: Diagnostic[]): StandoffFile[] {
  const byAbsolute = new Map(notes.map((note) => [resolve(cwd, note.path), note]));
  const files: StandoffFile[] = [];
  const paths = globSync([`**/*${STANDOFF_SUFFIX}`], { cwd: scope, ignore: ['**/node_modules/**'], absolute: true }).sort();
  for (const absolute of paths) {
    const shown = displayPath(cwd, absolute);
    const file = readUtf8(absolute);
    if ('error' in file) {
      diagnostics.push({ file: shown, line: file.line ?? 1, column: file.column ?? 1, severity: 'error', message: file.error, ruleId: 'unreadable-file' });
      continue;
    }
    const parsed = parseStandoff(shown, file.text);
    diagnostics.push(...parsed.diagnostics);
    if (!parsed.document) continue;
    const note = byAbsolute.get(resolve(dirname(absolute), parsed.document.note));
    if (!note) {
      diagnostics.push({ file: shown, line: 1, column: 1, severity: 'error', message: `Cannot find note \`${parsed.document.note}\` of these codings among the project's notes`, ruleId: 'standoff-note-missing' });
      continue;
    }
    files.push({ absolute, shown, stamp: file.stamp, document: parsed.document, note });
  }
  return files;
}

function loadStandoff(cwd: string, scope: string, notes: Note[], defaultCoder: string, diagnostics: Diagnostic[]): Coding[] {
  const codings: Coding[] = [];
  for (const file of readStandoffFiles(cwd, scope, notes, diagnostics)) {
    const anchored = anchorCodings(file.document, file.note, file.shown, { defaultCoder });
    diagnostics.push(...anchored.diagnostics);
    codings.push(...anchored.codings);
  }
  return codings;
}
