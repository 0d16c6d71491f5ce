// Where `fieldcode agree` and `fieldcode practice score` get their coders:
// - one project, coders told apart by the `coder` of each coding (standoff
//   codings with a coder, or notes whose front matter names a coder);
// - two or more folders of inline-coded copies of the same notes;
// - two or more git revisions of the project, read with `git cat-file`.
import { existsSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { Codebook, Coding, Diagnostic, Note } from '../types.js';
import type { CoderInput } from '../agreement/align.js';
import type { CoderSources } from '../agreement/coder-agreement.js';
import { CONFIG_NAME } from '../core/config.js';
import { validateCodings } from '../core/validate.js';
import { discover } from '../pipeline/discover.js';
import { runPipeline } from '../pipeline/run.js';
import { posixRelative } from '../pipeline/paths.js';
import { gitRevisionSource } from '../pipeline/sources/git-revision.js';
import { workingTreeSource } from '../pipeline/sources/working-tree.js';
import { commitOf, workTreeTop } from './git.js';
import { displayPath, loadProject, locateProject, type LoadOptions } from './project.js';
import { ok, problems, type Checked } from '../model/checked.js';
import { usageProblem } from '../model/command-line.js';
import type { RuleId } from '../model/rules.js';

export type { CoderSources };

export interface SourceOptions {
  config?: string;
  codebook?: string;
  /** The command line as typed, to place a problem with a flag or argument on it. */
  argv: readonly string[];
  /** The parse cache and workers for a project rooted at a folder (`--no-cache`, `--jobs`; see cli/parse-options.ts). */
  parsing?: LoadOptions['parsing'];
}

/** A project file or codebook that stops the run, as the fatal diagnostics it gave. */
function fatalOf(diagnostics: Diagnostic[]): { ok: false; diagnostics: Diagnostic[] } | undefined {
  const fatal = diagnostics.filter((d) => d.severity === 'fatal');
  return fatal.length > 0 ? problems(...fatal) : undefined;
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
export function codersFromProject(cwd: string, dir: string | undefined, options: SourceOptions & { coders?: string[]; allNotes?: boolean; parsing?: LoadOptions['parsing'] }): Checked<CoderSources> {
  const { corpus, root, files } = loadProject(cwd, { dir, config: options.config, codebook: options.codebook, parsing: options.parsing });
  const fatal = fatalOf(corpus.diagnostics);
  if (fatal) return fatal;
  const codings = corpus.codings.filter((coding) => coding.origin !== 'suggestion');
  const found = [...new Set(codings.map((coding) => coding.coder))].sort();
  const coders = options.coders && options.coders.length > 0 ? options.coders : found;
  const unknown = coders.filter((coder) => !found.includes(coder));
  if (unknown.length > 0) return problems(...unknown.map((coder) => usageProblem(options.argv, `Unexpected coder \`${coder}\` in --coders, expected one of ${found.map((c) => `\`${c}\``).join(', ') || '(no coder has codings)'}`, '--coders')));
  const keyOf = (note: Note) => noteKey(note, files.get(note.path)?.path ?? posixRelative(root, resolve(cwd, note.path)));
  const inputs: CoderInput[] = coders.map((coder) => {
    const own = codings.filter((coding) => coding.coder === coder);
    const coded = new Set(own.map((coding) => coding.note));
    const notes = corpus.notes.filter((note) => options.allNotes || coded.has(note.path)).map((note) => ({ key: keyOf(note), note }));
    return { coder, source: displayPath(cwd, root), notes, codings: own };
  });
  return ok({ mode: 'coders', inputs, codebook: corpus.codebook, diagnostics: corpus.diagnostics, where: displayPath(cwd, root) });
}

/** Two or more folders, one per coder, each holding a coded copy of the same notes. */
export function codersFromFolders(cwd: string, dirs: string[], options: SourceOptions): Checked<CoderSources> {
  const diagnostics: Diagnostic[] = [];
  let codebook: Codebook | undefined;
  const explicit = options.codebook ? resolve(cwd, options.codebook) : undefined;
  const inputs: CoderInput[] = [];
  const absolutes = dirs.map((dir) => resolve(cwd, dir));
  // A coder is named after their folder; the full path when two folders share a name.
  const bases = absolutes.map((absolute) => basename(absolute));
  const unique = new Set(bases).size === bases.length && !bases.includes('');
  const names = new Set<string>();
  for (const [i, dir] of dirs.entries()) {
    const absolute = absolutes[i];
    if (!existsSync(absolute) || !statSync(absolute).isDirectory()) return problems(usageProblem(options.argv, `Cannot find folder \`${dir}\``, dir));
    const shown = displayPath(cwd, absolute);
    if (names.has(shown)) return problems(usageProblem(options.argv, `Unexpected folder \`${dir}\` given twice, expected one folder per coder`, dir));
    names.add(shown);
    const folder = readFolder(cwd, absolute, explicit, options.parsing);
    const fatal = fatalOf(folder.diagnostics);
    if (fatal) return fatal;
    diagnostics.push(...folder.diagnostics);
    codebook ??= folder.codebook;
    inputs.push({ coder: unique ? bases[i] : shown, source: shown, notes: folder.notes, codings: folder.codings });
  }
  // Every folder's codings are checked against the one codebook used for the report.
  const book = codebook!;
  const own = diagnostics.filter((d) => d.ruleId !== 'unknown-code');
  for (const input of inputs) own.push(...validateCodings(input.codings, book));
  return ok({ mode: 'folders', inputs, codebook: book, diagnostics: own, where: inputs[0]?.source ?? '.' });
}

/**
 * A folder's notes and codings. A folder with its own `fieldcode.yaml` is read
 * as that project; any other folder is read as `**\/*.md` plus the standoff
 * codings beside them, with the given or the bundled codebook. A project file
 * or codebook that stops the run is among the diagnostics, as a fatal one.
 */
export function readFolder(cwd: string, absolute: string, codebookPath: string | undefined, parsing?: LoadOptions['parsing']): { notes: Array<{ key: string; note: Note }>; codings: Coding[]; codebook: Codebook; diagnostics: Diagnostic[] } {
  const asProject = existsSync(join(absolute, CONFIG_NAME));
  const { corpus, files } = asProject
    ? loadProject(cwd, { dir: absolute, config: join(absolute, CONFIG_NAME), codebook: codebookPath, parsing })
    : // A plain folder is no project of anyone's: nothing (no cache) is written into it.
      loadProject(cwd, { dir: absolute, plainFolder: true, codebook: codebookPath, checkVariables: false, parsing: parsing && ((root) => ({ ...parsing(root), cache: undefined })) });
  const notes = corpus.notes.map((note) => ({ key: noteKey(note, files.get(note.path)!.path), note }));
  return { notes, codings: corpus.codings, codebook: corpus.codebook, diagnostics: corpus.diagnostics };
}

/**
 * The project in `dir` for reading git revisions: the working tree gives the
 * project file and the codebook; `read(rev)` loads the notes of one revision,
 * selected by the same globs and ignore rules as every other command. A
 * revision that does not exist is placed on the command line where it is named.
 */
function revisionsOf(cwd: string, dir: string | undefined, options: SourceOptions, flag: string) {
  const located = locateProject(cwd, { dir, config: options.config });
  if (!located.ok) return problems(...located.diagnostics);
  const { root, configPath } = located.value;
  const found = discover(workingTreeSource(root, { cwd }), { config: configPath ? posixRelative(root, configPath) : undefined, codebook: options.codebook ? resolve(cwd, options.codebook) : undefined });
  if (!found.project) return fatalOf(found.diagnostics)!;
  const project = found.project;
  const top = workTreeTop(root, flag);
  if (!top.ok) return problems(usageProblem(options.argv, top.reason, flag, top.cannotRun ? 'git-unavailable' : 'invalid-option'));
  const prefix = posixRelative(top.value, root);
  if (prefix.startsWith('..')) return problems(usageProblem(options.argv, `Cannot use ${flag}: the project \`${displayPath(cwd, root)}\` is outside the git work tree \`${top.value}\``, flag));
  const shownRoot = displayPath(cwd, root);
  const parsing = options.parsing?.(root);
  const read = (rev: string): Checked<{ commit: string; result: ReturnType<typeof runPipeline> }> => {
    const commit = commitOf(top.value, rev);
    if (!commit.ok) {
      const rule: RuleId = commit.cannotRun ? 'git-unavailable' : 'unknown-revision';
      // `--rev NAME` is placed at NAME; a name inside `--rounds a,b` at the flag.
      return problems(usageProblem(options.argv, commit.reason, options.argv.includes(rev) ? rev : flag, rule));
    }
    const source = gitRevisionSource({ top: top.value, commit: commit.value, prefix, shown: (path) => `${rev}:${shownRoot === '.' ? '' : `${shownRoot}/`}${path}` });
    // A note unchanged between revisions (or the working tree) is the same bytes at the same shown path: a cache hit.
    return ok({ commit: commit.value, result: runPipeline(source, { project, checkVariables: false, mapFormerIds: true, ...(parsing ? { parsing } : {}) }) });
  };
  return ok({ project, found, shownRoot, read });
}

/** Two or more git revisions of the project in `dir`; each revision is a coder. */
export function codersFromRevisions(cwd: string, dir: string | undefined, revs: string[], options: SourceOptions): Checked<CoderSources> {
  const revisions = revisionsOf(cwd, dir, options, '--rev');
  if (!revisions.ok) return revisions;
  const { project, found, shownRoot, read } = revisions.value;
  const diagnostics: Diagnostic[] = [...found.diagnostics];
  const inputs: CoderInput[] = [];
  const seen = new Set<string>();
  for (const rev of revs) {
    if (seen.has(rev)) return problems(usageProblem(options.argv, `Unexpected revision \`${rev}\` given twice, expected one --rev per coder`, rev));
    seen.add(rev);
    const revision = read(rev);
    if (!revision.ok) return revision;
    const { commit, result } = revision.value;
    diagnostics.push(...result.diagnostics);
    const notes = result.corpus.notes.map((note) => ({ key: noteKey(note, result.files.get(note.path)!.path), note }));
    inputs.push({ coder: rev, source: `${rev} (${commit.slice(0, 7)})`, notes, codings: result.corpus.codings });
  }
  return ok({ mode: 'revisions', inputs, codebook: project.codebook, diagnostics, where: shownRoot });
}

/**
 * Coding rounds kept as git tags (or any revisions): the project at each
 * revision, its coders compared within it, as `codersFromProject` does in the
 * working tree. One entry per revision, in the order given.
 */
export function roundsFromRevisions(cwd: string, dir: string | undefined, revs: string[], options: SourceOptions & { coders?: string[]; allNotes?: boolean }): Checked<Array<{ round: string; sources: CoderSources }>> {
  const revisions = revisionsOf(cwd, dir, options, '--rounds');
  if (!revisions.ok) return revisions;
  const { project, shownRoot, read } = revisions.value;
  if (new Set(revs).size !== revs.length) return problems(usageProblem(options.argv, 'Unexpected revision given twice in --rounds, expected each round once', '--rounds'));
  const rounds: Array<{ round: string; sources: CoderSources }> = [];
  for (const rev of revs) {
    const revision = read(rev);
    if (!revision.ok) return revision;
    const { commit, result } = revision.value;
    const codings = result.corpus.codings.filter((coding) => coding.origin !== 'suggestion');
    const found = [...new Set(codings.map((coding) => coding.coder))].sort();
    const coders = options.coders && options.coders.length > 0 ? options.coders.filter((c) => found.includes(c)) : found;
    const inputs: CoderInput[] = coders.map((coder) => {
      const own = codings.filter((coding) => coding.coder === coder);
      const coded = new Set(own.map((coding) => coding.note));
      const notes = result.corpus.notes.filter((note) => options.allNotes || coded.has(note.path)).map((note) => ({ key: noteKey(note, result.files.get(note.path)!.path), note }));
      return { coder, source: `${rev} (${commit.slice(0, 7)})`, notes, codings: own };
    });
    rounds.push({ round: rev, sources: { mode: 'coders', inputs, codebook: project.codebook, diagnostics: [...result.diagnostics], where: `${rev}:${shownRoot}` } });
  }
  return ok(rounds);
}
