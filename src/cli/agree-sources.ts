// Where `fieldcode agree` and `fieldcode practice score` get their coders:
// - one project, coders told apart by the `coder` of each coding (standoff
//   codings with a coder, or notes whose front matter names a coder);
// - two or more folders of inline-coded copies of the same notes;
// - two or more git revisions of the project, read with `git cat-file`.
import { existsSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { Codebook, Coding, Diagnostic, Note } from '../types.js';
import type { CoderInput } from '../agreement/align.js';
import { CONFIG_NAME } from '../core/config.js';
import { validateCodings } from '../core/validate.js';
import { discover } from '../pipeline/discover.js';
import { runPipeline } from '../pipeline/run.js';
import { posixRelative } from '../pipeline/paths.js';
import { gitRevisionSource } from '../pipeline/sources/git-revision.js';
import { workingTreeSource } from '../pipeline/sources/working-tree.js';
import { gitTopLevel, resolveRevision } from './git.js';
import { UsageError } from './io.js';
import { displayPath, loadProject, locateProject, usageErrorFor, type LoadOptions } from './project.js';

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

/**
 * One project; each coder is a `coder` value among its codings. A coder's
 * notes are the notes where they have codings, or every note with `allNotes`.
 */
export function codersFromProject(cwd: string, dir: string | undefined, options: SourceOptions & { coders?: string[]; allNotes?: boolean; parsing?: LoadOptions['parsing'] }): CoderSources {
  const { corpus, root, files } = loadProject(cwd, { dir, config: options.config, codebook: options.codebook, parsing: options.parsing });
  const codings = corpus.codings.filter((coding) => coding.origin !== 'suggestion');
  const found = [...new Set(codings.map((coding) => coding.coder))].sort();
  const coders = options.coders && options.coders.length > 0 ? options.coders : found;
  for (const coder of coders) {
    if (!found.includes(coder)) throw new UsageError(`Unexpected coder \`${coder}\` in --coders, expected one of ${found.map((c) => `\`${c}\``).join(', ') || '(no coder has codings)'}`);
  }
  const keyOf = (note: Note) => noteKey(note, files.get(note.path)?.path ?? posixRelative(root, resolve(cwd, note.path)));
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
  const asProject = existsSync(join(absolute, CONFIG_NAME));
  const { corpus, files } = asProject
    ? loadProject(cwd, { dir: absolute, config: join(absolute, CONFIG_NAME), codebook: codebookPath })
    : loadProject(cwd, { dir: absolute, plainFolder: true, codebook: codebookPath, checkVariables: false });
  const notes = corpus.notes.map((note) => ({ key: noteKey(note, files.get(note.path)!.path), note }));
  return { notes, codings: corpus.codings, codebook: corpus.codebook, diagnostics: corpus.diagnostics };
}

/**
 * The project in `dir` for reading git revisions: the working tree gives the
 * project file and the codebook; `read(rev)` loads the notes of one revision,
 * selected by the same globs and ignore rules as every other command.
 */
function revisionsOf(cwd: string, dir: string | undefined, options: SourceOptions, flag: string) {
  const { root, configPath } = locateProject(cwd, { dir, config: options.config });
  const found = discover(workingTreeSource(root, { cwd }), { config: configPath ? posixRelative(root, configPath) : undefined, codebook: options.codebook ? resolve(cwd, options.codebook) : undefined });
  if (!found.project) throw usageErrorFor(found.diagnostics.find((d) => d.severity === 'fatal')!);
  const project = found.project;
  const top = gitTopLevel(root);
  const prefix = posixRelative(top, root);
  if (prefix.startsWith('..')) throw new UsageError(`Cannot use ${flag}: the project \`${displayPath(cwd, root)}\` is outside the git work tree \`${top}\``);
  const shownRoot = displayPath(cwd, root);
  const read = (rev: string) => {
    const commit = resolveRevision(top, rev);
    const source = gitRevisionSource({ top, commit, prefix, shown: (path) => `${rev}:${shownRoot === '.' ? '' : `${shownRoot}/`}${path}` });
    return { commit, result: runPipeline(source, { project, checkVariables: false, mapFormerIds: true }) };
  };
  return { project, found, shownRoot, read };
}

/** Two or more git revisions of the project in `dir`; each revision is a coder. */
export function codersFromRevisions(cwd: string, dir: string | undefined, revs: string[], options: SourceOptions): CoderSources {
  const { project, found, shownRoot, read } = revisionsOf(cwd, dir, options, '--rev');
  const diagnostics: Diagnostic[] = [...found.diagnostics];
  const inputs: CoderInput[] = [];
  const seen = new Set<string>();
  for (const rev of revs) {
    if (seen.has(rev)) throw new UsageError(`Unexpected revision \`${rev}\` given twice, expected one --rev per coder`);
    seen.add(rev);
    const { commit, result } = read(rev);
    diagnostics.push(...result.diagnostics);
    const notes = result.corpus.notes.map((note) => ({ key: noteKey(note, result.files.get(note.path)!.path), note }));
    inputs.push({ coder: rev, source: `${rev} (${commit.slice(0, 7)})`, notes, codings: result.corpus.codings });
  }
  return { mode: 'revisions', inputs, codebook: project.codebook, diagnostics, where: shownRoot };
}

/**
 * Coding rounds kept as git tags (or any revisions): the project at each
 * revision, its coders compared within it, as `codersFromProject` does in the
 * working tree. One entry per revision, in the order given.
 */
export function roundsFromRevisions(cwd: string, dir: string | undefined, revs: string[], options: SourceOptions & { coders?: string[]; allNotes?: boolean }): Array<{ round: string; sources: CoderSources }> {
  const { project, shownRoot, read } = revisionsOf(cwd, dir, options, '--rounds');
  if (new Set(revs).size !== revs.length) throw new UsageError('Unexpected revision given twice in --rounds, expected each round once');
  return revs.map((rev) => {
    const { commit, result } = read(rev);
    const codings = result.corpus.codings.filter((coding) => coding.origin !== 'suggestion');
    const found = [...new Set(codings.map((coding) => coding.coder))].sort();
    const coders = options.coders && options.coders.length > 0 ? options.coders.filter((c) => found.includes(c)) : found;
    const inputs: CoderInput[] = coders.map((coder) => {
      const own = codings.filter((coding) => coding.coder === coder);
      const coded = new Set(own.map((coding) => coding.note));
      const notes = result.corpus.notes.filter((note) => options.allNotes || coded.has(note.path)).map((note) => ({ key: noteKey(note, result.files.get(note.path)!.path), note }));
      return { coder, source: `${rev} (${commit.slice(0, 7)})`, notes, codings: own };
    });
    return { round: rev, sources: { mode: 'coders', inputs, codebook: project.codebook, diagnostics: [...result.diagnostics], where: `${rev}:${shownRoot}` } };
  });
}
