// Where `fieldcode agree` and `fieldcode practice score` get their coders:
// - one project, coders told apart by the `coder` of each coding (standoff
//   codings with a coder, or notes whose front matter names a coder);
// - two or more folders of inline-coded copies of the same notes;
// - two or more git revisions of the project, read with `git cat-file`.
import { existsSync, statSync } from 'node:fs';
import { basename, join, posix, relative, resolve, sep } from 'node:path';
import { globSync } from 'tinyglobby';
import type { Codebook, Coding, Diagnostic, Note } from '../types.js';
import type { CoderInput } from '../agreement/align.js';
import { CONFIG_NAME } from '../core/config.js';
import { readNote } from '../core/note.js';
import { validateCodings, validateNoteIds } from '../core/validate.js';
import { parseStandoff, STANDOFF_SUFFIX } from '../standoff/format.js';
import { anchorCodings } from '../standoff/anchor.js';
import { globToRegExp, gitTopLevel, listFilesAt, readFileAt, resolveRevision } from './git.js';
import { readUtf8, UsageError } from './io.js';
import { BUNDLED_CODEBOOK, DEFAULT_CODER, displayPath, loadProject, readCodebookFile } from './project.js';

export interface CoderSources {
  mode: 'coders' | 'folders' | 'revisions';
  inputs: CoderInput[];
  codebook: Codebook;
  diagnostics: Diagnostic[];
  /** Display path of the project or the first folder, for messages not tied to a file. */
  where: string;
}

export interface SourceOptions {
  config?: string;
  codebook?: string;
}

/** The key that matches copies of one note: its front matter `id`, else its path inside the coder's folder. */
export function noteKey(note: Note, pathInFolder: string): string {
  const id = note.data.id;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : pathInFolder;
}

function toPosix(path: string): string {
  return path.split(sep).join('/');
}

/**
 * One project; each coder is a `coder` value among its codings. A coder's
 * notes are the notes where they have codings, or every note with `allNotes`.
 */
export function codersFromProject(cwd: string, dir: string | undefined, options: SourceOptions & { coders?: string[]; allNotes?: boolean }): CoderSources {
  const { corpus, root, files } = loadProject(cwd, { dir, config: options.config, codebook: options.codebook });
  const codings = corpus.codings.filter((coding) => coding.origin !== 'suggestion');
  const found = [...new Set(codings.map((coding) => coding.coder))].sort();
  const coders = options.coders && options.coders.length > 0 ? options.coders : found;
  for (const coder of coders) {
    if (!found.includes(coder)) throw new UsageError(`Unexpected coder \`${coder}\` in --coders, expected one of ${found.map((c) => `\`${c}\``).join(', ') || '(no coder has codings)'}`);
  }
  const keyOf = (note: Note) => noteKey(note, toPosix(relative(root, files.get(note.path)?.absolute ?? resolve(cwd, note.path))));
  const inputs: CoderInput[] = coders.map((coder) => {
    const own = codings.filter((coding) => coding.coder === coder);
    const coded = new Set(own.map((coding) => coding.note));
    const notes = corpus.notes.filter((note) => options.allNotes || coded.has(note.path)).map((note) => ({ key: keyOf(note), note }));
    return { coder, source: displayPath(cwd, root), notes, codings: own };
  });
  return { mode: 'coders', inputs, codebook: corpus.codebook, diagnostics: corpus.diagnostics, where: displayPath(cwd, root) };
}

/** Two or more folders, one per coder, each holding a coded copy of the same notes. */
export function codersFromFolders(cwd: string, dirs: string[], options: SourceOptions): CoderSources {
  const diagnostics: Diagnostic[] = [];
  let codebook: Codebook | undefined;
  const explicit = options.codebook ? resolve(cwd, options.codebook) : undefined;
  const inputs: CoderInput[] = [];
  const absolutes = dirs.map((dir) => resolve(cwd, dir));
  // A coder is named after their folder; the full path when two folders share a name.
  const bases = absolutes.map((absolute) => basename(absolute));
  const unique = new Set(bases).size === bases.length && !bases.includes('');
  const names = new Set<string>();
  dirs.forEach((dir, i) => {
    const absolute = absolutes[i];
    if (!existsSync(absolute) || !statSync(absolute).isDirectory()) throw new UsageError(`Cannot find folder \`${dir}\``);
    const shown = displayPath(cwd, absolute);
    if (names.has(shown)) throw new UsageError(`Unexpected folder \`${dir}\` given twice, expected one folder per coder`);
    names.add(shown);
    const folder = readFolder(cwd, absolute, explicit);
    diagnostics.push(...folder.diagnostics);
    codebook ??= folder.codebook;
    inputs.push({ coder: unique ? bases[i] : shown, source: shown, notes: folder.notes, codings: folder.codings });
  });
  // Every folder's codings are checked against the one codebook used for the report.
  const book = codebook!;
  const own = diagnostics.filter((d) => d.ruleId !== 'unknown-code');
  for (const input of inputs) own.push(...validateCodings(input.codings, book));
  return { mode: 'folders', inputs, codebook: book, diagnostics: own, where: inputs[0]?.source ?? '.' };
}

/**
 * A folder's notes and codings. A folder with its own `fieldcode.yaml` is read
 * as that project; any other folder is read as `**\/*.md` plus the standoff
 * codings beside them, with the given or the bundled codebook.
 */
export function readFolder(cwd: string, absolute: string, codebookPath: string | undefined): { notes: Array<{ key: string; note: Note }>; codings: Coding[]; codebook: Codebook; diagnostics: Diagnostic[] } {
  if (existsSync(join(absolute, CONFIG_NAME))) {
    const { corpus, root, files } = loadProject(cwd, { dir: absolute, config: join(absolute, CONFIG_NAME), codebook: codebookPath });
    const notes = corpus.notes.map((note) => ({ key: noteKey(note, toPosix(relative(root, files.get(note.path)!.absolute))), note }));
    return { notes, codings: corpus.codings, codebook: corpus.codebook, diagnostics: corpus.diagnostics };
  }
  const { codebook, diagnostics } = readCodebookFile(cwd, codebookPath ?? BUNDLED_CODEBOOK);
  const paths = globSync(['**/*.md'], { cwd: absolute, ignore: ['**/node_modules/**', 'reports/**'], absolute: true, onlyFiles: true }).sort();
  const sources = paths.map((path) => ({ path: toPosix(relative(absolute, path)), shown: displayPath(cwd, path), read: () => readUtf8(path) }));
  const standoff = globSync([`**/*${STANDOFF_SUFFIX}`], { cwd: absolute, ignore: ['**/node_modules/**'], absolute: true }).sort();
  const result = readNotes(
    sources,
    standoff.map((path) => ({ path: toPosix(relative(absolute, path)), shown: displayPath(cwd, path), read: () => readUtf8(path) })),
  );
  return { ...result, codebook, diagnostics: [...diagnostics, ...result.diagnostics] };
}

interface SourceFile {
  /** Path inside the coder's folder (POSIX). */
  path: string;
  /** Path shown in messages. */
  shown: string;
  read(): { text: string; bom: boolean } | { error: string; line?: number; column?: number };
}

function readNotes(noteFiles: SourceFile[], standoffFiles: SourceFile[]): { notes: Array<{ key: string; note: Note }>; codings: Coding[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const notes: Array<{ key: string; note: Note }> = [];
  const codings: Coding[] = [];
  const byPath = new Map<string, Note>();
  for (const file of noteFiles) {
    const read = file.read();
    if ('error' in read) {
      diagnostics.push({ file: file.shown, line: read.line ?? 1, column: read.column ?? 1, severity: 'error', message: read.error, ruleId: 'unreadable-file' });
      continue;
    }
    const { note, diagnostics: own } = readNote(file.shown, read.text, read.bom, { coder: DEFAULT_CODER });
    diagnostics.push(...own);
    notes.push({ key: noteKey(note, file.path), note });
    codings.push(...note.codings);
    byPath.set(file.path, note);
  }
  for (const file of standoffFiles) {
    const read = file.read();
    if ('error' in read) {
      diagnostics.push({ file: file.shown, line: read.line ?? 1, column: read.column ?? 1, severity: 'error', message: read.error, ruleId: 'unreadable-file' });
      continue;
    }
    const parsed = parseStandoff(file.shown, read.text);
    diagnostics.push(...parsed.diagnostics);
    if (!parsed.document) continue;
    const target = posix.normalize(posix.join(posix.dirname(file.path), parsed.document.note));
    const note = byPath.get(target);
    if (!note) {
      diagnostics.push({ file: file.shown, line: 1, column: 1, severity: 'error', message: `Cannot find note \`${parsed.document.note}\` of these codings`, ruleId: 'standoff-note-missing' });
      continue;
    }
    const anchored = anchorCodings(parsed.document, note, file.shown, { defaultCoder: DEFAULT_CODER });
    diagnostics.push(...anchored.diagnostics);
    codings.push(...anchored.codings);
  }
  // Two notes with one `id` would be merged by the alignment: an error, as in every project.
  diagnostics.push(...validateNoteIds(notes.map((entry) => entry.note)));
  return { notes, codings, diagnostics };
}

/** Two or more git revisions of the project in `dir`; each revision is a coder. */
export function codersFromRevisions(cwd: string, dir: string | undefined, revs: string[], options: SourceOptions): CoderSources {
  // The working tree gives the project file and the codebook; the notes come from each revision.
  const { corpus, root, configPath, codebookPath } = loadProject(cwd, { dir, config: options.config, codebook: options.codebook });
  const top = gitTopLevel(root);
  const prefix = toPosix(relative(top, root));
  if (prefix.startsWith('..')) throw new UsageError(`Cannot use --rev: the project \`${displayPath(cwd, root)}\` is outside the git work tree \`${top}\``);
  const include = corpus.config.notes.map(globToRegExp);
  const ignore = ['**/node_modules/**', 'reports/**', ...corpus.config.reports.map((r) => String(r.out))].map(globToRegExp);
  const shownRoot = displayPath(cwd, root);
  // Only the working tree's project file and codebook count; its notes are not compared.
  const own = new Set([displayPath(cwd, codebookPath), ...(configPath ? [displayPath(cwd, configPath)] : [])]);
  const diagnostics: Diagnostic[] = corpus.diagnostics.filter((d) => own.has(d.file));
  const inputs: CoderInput[] = [];
  const seen = new Set<string>();
  for (const rev of revs) {
    if (seen.has(rev)) throw new UsageError(`Unexpected revision \`${rev}\` given twice, expected one --rev per coder`);
    seen.add(rev);
    const commit = resolveRevision(top, rev);
    const files = listFilesAt(top, commit, prefix).map((path) => (prefix ? path.slice(prefix.length + 1) : path));
    const shown = (path: string) => `${rev}:${shownRoot === '.' ? '' : `${shownRoot}/`}${path}`;
    const read = (path: string) => () => {
      const bytes = readFileAt(top, commit, prefix ? `${prefix}/${path}` : path);
      const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
      try {
        return { text: new TextDecoder('utf-8', { fatal: true }).decode(bom ? bytes.subarray(3) : bytes), bom };
      } catch {
        return { error: 'Cannot decode file as UTF-8, expected UTF-8 text' };
      }
    };
    const noteFiles = files.filter((path) => !path.endsWith(STANDOFF_SUFFIX) && include.some((re) => re.test(path)) && !ignore.some((re) => re.test(path)));
    const standoff = files.filter((path) => path.endsWith(STANDOFF_SUFFIX) && !ignore.some((re) => re.test(path)));
    const result = readNotes(
      noteFiles.map((path) => ({ path, shown: shown(path), read: read(path) })),
      standoff.map((path) => ({ path, shown: shown(path), read: read(path) })),
    );
    diagnostics.push(...result.diagnostics, ...validateCodings(result.codings, corpus.codebook));
    inputs.push({ coder: rev, source: `${rev} (${commit.slice(0, 7)})`, notes: result.notes, codings: result.codings });
  }
  return { mode: 'revisions', inputs, codebook: corpus.codebook, diagnostics, where: shownRoot };
}
