// `fieldcode codebook diff REV1 [REV2]`: what changed in the codebook between
// two git revisions of the project (or two files, or a revision and the
// working tree). A revision is read from the object store through the
// git-revision source, as `agree --rev` does; nothing is checked out.
import { existsSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import type { Command } from 'commander';
import type { Codebook, Diagnostic } from '../../types.js';
import { readCodebook } from '../../codebook/read.js';
import { diffCodebooks, type CodebookVersion } from '../../codebook/diff.js';
import { contentHash } from '../../codebook/hash.js';
import { discover } from '../../pipeline/discover.js';
import { posixRelative } from '../../pipeline/paths.js';
import { readUtf8 } from '../../pipeline/read-file.js';
import { gitRevisionSource } from '../../pipeline/sources/git-revision.js';
import { workingTreeSource } from '../../pipeline/sources/working-tree.js';
import { codebookDiffReporters } from '../../reporters/registry.js';
import { ok, problems, type Checked } from '../../model/checked.js';
import { usageProblem } from '../../model/command-line.js';
import { emit, exitCodeFor, outputOptions, report, reportStyle, stop, type CliContext, type CommonOptions } from '../context.js';
import { EXIT_CANNOT_RUN } from '../exit-codes.js';
import { commitOf, workTreeTop } from '../git.js';
import { displayPath, locateProject } from '../project.js';

interface Read {
  codebook: Codebook;
  version: CodebookVersion;
  diagnostics: Diagnostic[];
}

export function registerCodebookDiff(parent: Command, ctx: CliContext): void {
  const command = parent
    .command('diff')
    .summary('what changed in the codebook between two git revisions or two files')
    .description(
      'List the codes added, removed, renamed, merged, split, retired and moved, and the word changes to labels, definitions, criteria, examples, keywords and patterns, between two versions of the codebook. Each version is a codebook file, or a git revision of the project (its project file names the codebook, read as it was at that revision; nothing is checked out). With one version, the other is the project’s codebook as it is now. Renames, merges and splits are read from the newer codebook’s lineage (`renamed_from`, `merged_from`, `split_from`, `retired`), so a rename is listed as a rename.',
    )
    .argument('<from>', 'older version: a git revision (HEAD~1, a tag, a commit) or a codebook file')
    .argument('[to]', 'newer version (default: the project’s codebook in the working tree)')
    .option('--strict', 'exit 1 on warnings too')
    .option('-q, --quiet', 'show no warnings on stderr')
    .option('--color', 'force colour')
    .option('--no-color', 'never use colour');
  outputOptions(command, Object.keys(codebookDiffReporters));
  command.addHelpText('after', '\nExamples:\n  $ fieldcode codebook diff HEAD~1\n  $ fieldcode codebook diff phase-1 phase-2 --format markdown --out codebook-changes.md\n  $ fieldcode codebook diff old/codebook.yaml codebook/working-components.yaml --format json');
  command.action((from: string, to: string | undefined, options: CommonOptions) => {
    const before = readVersion(ctx, from);
    if (!before.ok) return stop(ctx, before.diagnostics, options);
    const after = to === undefined ? readWorkingTree(ctx) : readVersion(ctx, to);
    if (!after.ok) return stop(ctx, after.diagnostics, options);
    const diagnostics = [...before.value.diagnostics, ...after.value.diagnostics];
    const diff = diffCodebooks(before.value.codebook, after.value.codebook, before.value.version, after.value.version);
    const format = options.format ?? 'table';
    report(ctx, diagnostics, options);
    const written = emit(ctx, codebookDiffReporters[format](diff, reportStyle(ctx, options)), options.out, options.format);
    ctx.exitCode = diagnostics.some((d) => d.ruleId === 'codebook-yaml') ? EXIT_CANNOT_RUN : exitCodeFor([...diagnostics, ...written], options.strict);
  });
}

function version(label: string, text: string, codebook: Codebook, commit?: string): CodebookVersion {
  return { label, hash: contentHash(text), ...(commit !== undefined ? { commit } : {}), name: codebook.name, version: codebook.version };
}

/** A codebook so broken that no code is left cannot be compared: a fatal diagnostic in it. */
function fromText(label: string, text: string, commit?: string): Checked<Read> {
  const { codebook, diagnostics } = readCodebook(label, text);
  const unusable = diagnostics.find((d) => d.ruleId === 'codebook-yaml' || d.ruleId === 'codebook-shape');
  if (unusable && codebook.codes.length === 0) return problems({ ...unusable, severity: 'fatal' });
  return ok({ codebook, version: version(label, text, codebook, commit), diagnostics });
}

function unreadable(shown: string, error: string): Diagnostic {
  return { file: shown, line: 1, column: 1, severity: 'fatal', message: `Cannot read codebook \`${shown}\`: ${error}`, ruleId: 'unreadable-file' };
}

function readFile(ctx: CliContext, absolute: string): Checked<Read> {
  const shown = displayPath(ctx.io.cwd, absolute);
  const file = readUtf8(absolute);
  return 'error' in file ? problems(unreadable(shown, file.error)) : fromText(shown, file.text);
}

/** The project file found from the working directory, or the fatal problems of a broken one. */
function workingProject(ctx: CliContext, missing: string, at?: string): Checked<{ root: string; configPath: string }> {
  const located = locateProject(ctx.io.cwd, {});
  if (!located.ok) return located;
  const { root, configPath } = located.value;
  return configPath ? ok({ root, configPath }) : problems(usageProblem(ctx.io.argv, missing, at));
}

/** The codebook the project in the working directory uses now. */
function readWorkingTree(ctx: CliContext): Checked<Read> {
  const located = workingProject(ctx, 'Cannot find a project file (fieldcode.yaml) here or above, expected one, or name both codebook versions', 'diff');
  if (!located.ok) return located;
  const { root, configPath } = located.value;
  const found = discover(workingTreeSource(root, { cwd: ctx.io.cwd }), { config: posixRelative(root, configPath) });
  if (!found.project) return problems(...found.diagnostics.filter((d) => d.severity === 'fatal'));
  return readFile(ctx, resolve(root, found.project.codebookPath));
}

/** A file if one is there, else a git revision of the project. */
function readVersion(ctx: CliContext, name: string): Checked<Read> {
  const asFile = resolve(ctx.io.cwd, name);
  if (existsSync(asFile) && statSync(asFile).isFile()) return readFile(ctx, asFile);
  const located = locateProject(ctx.io.cwd, {});
  if (!located.ok) return located;
  const { root, configPath } = located.value;
  const work = workTreeTop(root);
  if (!work.ok) return problems(usageProblem(ctx.io.argv, `Cannot find \`${name}\`: no such codebook file, and \`${displayPath(ctx.io.cwd, root)}\` is not in a git repository to read a revision from`, name));
  const top = work.value;
  const revision = commitOf(top, name);
  if (!revision.ok) return problems(usageProblem(ctx.io.argv, revision.reason, name, revision.cannotRun ? 'git-unavailable' : 'unknown-revision'));
  const commit = revision.value;
  if (!configPath) return problems(usageProblem(ctx.io.argv, `Cannot read a codebook at \`${name}\`: no project file (fieldcode.yaml) here or above names one, expected a project, or two codebook files`, name));
  const prefix = posixRelative(top, root) === '.' ? '' : posixRelative(top, root);
  const shownRoot = relative(top, root).split('\\').join('/');
  const source = gitRevisionSource({ top, commit, prefix, shown: (path) => `${name}:${shownRoot ? `${shownRoot}/` : ''}${path}` });
  const found = discover(source, { config: posixRelative(root, configPath) });
  if (!found.project) return problems(...found.diagnostics.filter((d) => d.severity === 'fatal'));
  const codebookPath = found.project.codebookPath;
  // The bundled codebook (no `codebook:` in the project file) is outside the repository: read it as it is installed.
  if (isAbsolute(codebookPath)) return readFile(ctx, codebookPath);
  const file = source.read(codebookPath);
  if ('error' in file) return problems(unreadable(source.shown(codebookPath), file.error));
  return fromText(source.shown(codebookPath), file.text, commit);
}
