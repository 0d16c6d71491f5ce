// What `fieldcode codes rename|merge|move|retire|split` changes: the new text
// of every file that names the codes — the codebook (with the lineage), every
// note's inline tags and spans, every standoff codings file, the `codes:` of
// declared reports, practice keys — computed in memory, checked, and handed to
// the journal to be written all or nothing. Nothing here writes a file.
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { globSync } from 'tinyglobby';
import type { Codebook, Diagnostic } from '../types.js';
import { ok, problems, type Checked } from '../model/checked.js';
import type { LoadedProject } from '../cli/project.js';
import { CODE_ID } from '../model/grammar.js';
import { hint } from '../core/did-you-mean.js';
import { readNote } from '../core/note.js';
import { recodeInline } from '../core/write-inline.js';
import { parseYamlDocument } from '../model/yaml.js';
import { descendantsAndSelf, readCodebook } from '../codebook/read.js';
import { describeLineage, formerIds } from '../codebook/lineage.js';
import { STANDOFF_SUFFIX } from '../standoff/format.js';
import { CodebookText } from './codebook-edit.js';
import { recodeDecisions, recodeProjectFile, recodeStandoff } from './yaml-lists.js';
import { DECISIONS_SUFFIX } from '../core/decisions.js';
import { reviewFileWith, REVIEW_FILE } from './review.js';
import { isRefused, refuse, type FileChange, type Refused } from './change.js';
import { recodeMemo, recodeSummaries } from './memos-summaries.js';
import { memoGlob } from '../memos/load.js';
import { SUMMARIES_FOLDER } from '../core/summaries.js';
import { corpusAfter, refuseNewProblems, reportChanges } from './reports.js';

export type CodesOperation =
  | { kind: 'rename'; from: string; to: string }
  | { kind: 'merge'; sources: string[]; into: string }
  | { kind: 'move'; code: string; parent: string | undefined }
  | { kind: 'retire'; code: string; replacedBy?: string }
  | { kind: 'split'; code: string; into: string[] };

export { type FileChange, type FileRole } from './change.js';

/** The planned changes; binary reports (xlsx) that would change are added to `binaryLeft` for `fieldcode build`. */
/**
 * Every file the operation changes, or the reason it cannot be made (an
 * unknown code, a cycle, an id in use, a file it would break) as the
 * diagnostic `refused` makes of it. Nothing is written.
 */
export function planOperation(loaded: LoadedProject, operation: CodesOperation, date: string, refused: (message: string) => Diagnostic, binaryLeft: string[] = []): Checked<FileChange[]> {
  const planned = plan(loaded, operation, date, binaryLeft);
  // The steps below stop at the first refusal deep in the recoding; it ends here, as a diagnostic.
  return isRefused(planned) ? problems(refused(planned.refused)) : ok(planned);
}

function plan(loaded: LoadedProject, operation: CodesOperation, date: string, binaryLeft: string[]): FileChange[] | Refused {
  const { corpus, root } = loaded;
  const codebook = corpus.codebook;
  const unreadable = refuseUnreadable(loaded);
  if (unreadable) return unreadable;
  const codebookPath = loaded.codebookPath;
  if (!inside(root, codebookPath)) return refuse(`Cannot change the codebook \`${codebookPath}\`: it is outside the project; copy it into the project and name it under \`codebook:\` in fieldcode.yaml first`);
  const bookBefore = readFileSync(codebookPath, 'utf8');
  const book = new CodebookText(bookBefore);
  const mapping = new Map<string, string | null>();
  const review: { code: string; into: string[] } | undefined = operation.kind === 'split' ? { code: operation.code, into: operation.into } : undefined;

  {
    switch (operation.kind) {
      case 'rename': {
        const why = known(codebook, operation.from) ?? freshId(codebook, operation.to, 'rename to');
        if (why) return why;
        book.renameId(operation.from, operation.to);
        book.addEvent(operation.to, 'renamed_from', operation.from, date);
        book.renameMentions(operation.from, operation.to);
        mapping.set(operation.from, operation.to);
        break;
      }
      case 'merge': {
        for (const source of operation.sources) {
          const unknown = known(codebook, source);
          if (unknown) return unknown;
        }
        if (new Set(operation.sources).size !== operation.sources.length) return refuse(`Unexpected code given twice in \`merge ${operation.sources.join(' ')}\`, expected each code once`);
        const into = operation.into;
        const exists = codebook.byId.has(into);
        const fresh = exists ? undefined : freshId(codebook, into, 'merge into');
        if (fresh) return fresh;
        for (const source of operation.sources) {
          if (source !== into && exists && descendantsAndSelf(codebook, source).includes(into)) {
            return refuse(`Cannot merge \`${source}\` into \`${into}\`: \`${into}\` is one of its descendants, and would go with it; move \`${into}\` out first (\`fieldcode codes move ${into} --parent …\`)`);
          }
        }
        const others = operation.sources.filter((source) => source !== into);
        if (others.length === 0) return refuse(`Unexpected \`merge ${into} --into ${into}\`, expected other codes to merge into \`${into}\``);
        // Deepest first, so a code merged together with its parent still has somewhere to be cut from.
        const ordered = [...others].sort((a, b) => codebook.byId.get(b)!.depth - codebook.byId.get(a)!.depth);
        let target = into;
        if (!exists) {
          const first = others[0];
          book.renameId(first, into);
          book.addEvent(into, 'merged_from', first, date);
          book.renameMentions(first, into);
          mapping.set(first, into);
          target = into;
        }
        for (const source of ordered) {
          if (mapping.has(source)) continue;
          for (const child of codebook.byId.get(source)!.children) {
            if (operation.sources.includes(child)) continue;
            book.paste(target, book.cut(child));
          }
          const code = codebook.byId.get(source)!;
          book.cut(source);
          // Its own former ids now stand for the code it went into.
          for (const step of [...(code.renamedFrom ?? []), ...(code.mergedFrom ?? [])]) book.addEvent(target, 'merged_from', step.id, step.date);
          book.addEvent(target, 'merged_from', source, date);
          book.renameMentions(source, target);
          mapping.set(source, target);
        }
        break;
      }
      case 'move': {
        const unknown = known(codebook, operation.code);
        if (unknown) return unknown;
        const parent = operation.parent;
        if (parent !== undefined) {
          const unknownParent = known(codebook, parent);
          if (unknownParent) return unknownParent;
          if (descendantsAndSelf(codebook, operation.code).includes(parent)) {
            return refuse(`Cannot move \`${operation.code}\` under \`${parent}\`: ${parent === operation.code ? 'a code cannot be its own parent' : `\`${parent}\` is one of its descendants, which would make a cycle`}`);
          }
        }
        if (codebook.byId.get(operation.code)!.parent === parent) return refuse(`Unexpected move: \`${operation.code}\` is already ${parent ? `under \`${parent}\`` : 'a top-level code'}`);
        book.paste(parent, book.cut(operation.code));
        break;
      }
      case 'retire': {
        const unknown = known(codebook, operation.code);
        if (unknown) return unknown;
        const code = codebook.byId.get(operation.code)!;
        if (code.children.length > 0) return refuse(`Cannot retire \`${operation.code}\`: it has child codes (${code.children.map((c) => `\`${c}\``).join(', ')}); move or retire them first`);
        if (operation.replacedBy !== undefined) {
          const unknownReplacement = known(codebook, operation.replacedBy);
          if (unknownReplacement) return unknownReplacement;
          if (operation.replacedBy === operation.code) return refuse(`Unexpected \`retire ${operation.code} --replaced-by ${operation.code}\`, expected another code`);
        }
        book.retire(operation.code, date, operation.replacedBy);
        if (operation.replacedBy !== undefined) book.renameMentions(operation.code, operation.replacedBy);
        mapping.set(operation.code, operation.replacedBy ?? null);
        break;
      }
      case 'split': {
        const unknown = known(codebook, operation.code);
        if (unknown) return unknown;
        if (operation.into.length < 2) return refuse(`Unexpected \`split ${operation.code} --into ${operation.into.join(',')}\`, expected two or more new codes, comma-separated`);
        if (new Set(operation.into).size !== operation.into.length) return refuse('Unexpected code given twice in `--into`, expected each new code once');
        for (const child of operation.into) {
          const fresh = freshId(codebook, child, 'split into');
          if (fresh) return fresh;
          book.addChild(operation.code, child, [`split_from: { id: ${operation.code}, date: ${date} }`]);
          // The first refusal is the one reported: an edit refused stops before the next id is checked.
          if (book.refused !== undefined) break;
        }
        break;
      }
    }
  }
  if (book.refused !== undefined) return refuse(book.refused);

  const changes: FileChange[] = [];
  const checked = readCodebook(loaded.codebookPath, book.text);
  const problem = checked.diagnostics.find((d) => d.severity === 'error' && !readCodebook(loaded.codebookPath, bookBefore).diagnostics.some((b) => b.message === d.message));
  if (problem) return refuse(`Cannot make this change: the codebook would not be valid (${problem.line}:${problem.column} ${problem.message}); nothing was written`);
  changes.push({ path: rel(root, codebookPath), role: 'codebook', before: bookBefore, after: book.text, recoded: 1 });

  if (mapping.size > 0) {
    for (const note of corpus.notes) {
      const file = loaded.files.get(note.path);
      if (!file) continue;
      const result = recodeInline(note, mapping);
      if (!result.ok) return refuse(`Cannot recode \`${note.path}\`: ${result.problem.message}; nothing was written`);
      if (!result.changed) continue;
      const before = readFileSync(file.absolute, 'utf8');
      if (before !== (note.bom ? '\uFEFF' : '') + note.text) return refuse(`Cannot recode \`${note.path}\`: it changed on disk while fieldcode was reading it; nothing was written. Run the command again`);
      changes.push({ path: file.path, role: 'note', before, after: (note.bom ? '\uFEFF' : '') + result.text, recoded: result.recoded });
    }
    for (const path of loaded.source.list([`**/*${STANDOFF_SUFFIX}`], ['**/node_modules/**']).paths) {
      const before = readFileSync(join(root, path), 'utf8');
      const result = recodeStandoff(before, mapping);
      if (result.recoded > 0) changes.push({ path, role: 'standoff codings', before, after: result.text, recoded: result.recoded });
    }
    for (const path of loaded.source.list([`**/*${DECISIONS_SUFFIX}`], ['**/node_modules/**']).paths) {
      const before = readFileSync(join(root, path), 'utf8');
      const result = recodeDecisions(before, mapping);
      if (result.recoded > 0) changes.push({ path, role: 'decisions', before, after: result.text, recoded: result.recoded });
    }
    if (loaded.configPath) {
      const before = readFileSync(loaded.configPath, 'utf8');
      const result = recodeProjectFile(before, mapping);
      if (result.recoded > 0) changes.push({ path: rel(root, loaded.configPath), role: 'project file', before, after: result.text, recoded: result.recoded });
    }
    const keys = practiceKeys(root, codebookPath, mapping);
    if (isRefused(keys)) return keys;
    changes.push(...keys);
    for (const path of loaded.source.list([memoGlob(corpus.config)], ['**/node_modules/**']).paths) {
      const before = readFileSync(join(root, path), 'utf8');
      const result = recodeMemo(before, mapping);
      if (result.recoded > 0) changes.push({ path, role: 'memo', before, after: result.text, recoded: result.recoded });
    }
    for (const path of loaded.source.list([`${SUMMARIES_FOLDER}/*.md`], []).paths) {
      const before = readFileSync(join(root, path), 'utf8');
      const result = recodeSummaries(path, before, mapping);
      if (isRefused(result)) return result;
      if (result.recoded > 0) changes.push({ path, role: 'matrix summaries', before, after: result.text, recoded: result.recoded });
    }
  }
  if (review) {
    const path = join(root, REVIEW_FILE);
    let before: string | null = null;
    try {
      before = readFileSync(path, 'utf8');
    } catch {
      before = null;
    }
    const passages = corpus.codings.filter((coding) => coding.code === review.code && coding.segments.length > 0);
    const { text, count } = reviewFileWith(before, review.code, review.into, date, passages, loaded);
    changes.push({ path: REVIEW_FILE, role: 'review list', before, after: text, recoded: count });
  }
  const planned = changes.filter((change) => change.before !== change.after);
  const after = corpusAfter(loaded, planned);
  const broken = refuseNewProblems(corpus, after);
  if (broken) return broken;
  const reports = reportChanges(loaded, after, binaryLeft);
  return isRefused(reports) ? reports : [...planned, ...reports];
}

/** Notes that cannot be read cannot be recoded: the change would miss them. */
function refuseUnreadable(loaded: LoadedProject): Refused | undefined {
  const unreadable = loaded.corpus.diagnostics.find((d) => ['unreadable-file', 'file-too-large', 'too-many-blocks', 'nesting-too-deep', 'outside-project', 'standoff-syntax'].includes(d.ruleId));
  if (unreadable) return refuse(`Cannot change codes: \`${unreadable.file}\` cannot be read (${unreadable.message}), so its codes could not be changed with the rest; fix it first. Nothing was written`);
  return undefined;
}

/** Every exercise of the project whose key is coded with this codebook: its key notes. */
function practiceKeys(root: string, codebookPath: string, mapping: ReadonlyMap<string, string | null>): FileChange[] | Refused {
  const changes: FileChange[] = [];
  for (const exercise of globSync('**/exercise.yaml', { cwd: root, ignore: ['**/node_modules/**', '.git/**', '.fieldcode/**'] }).sort()) {
    const dir = join(root, dirname(exercise));
    const doc = parseYamlDocument(readFileSync(join(root, exercise), 'utf8'));
    const named = doc.errors.length === 0 ? doc.get('codebook') : undefined;
    if (typeof named !== 'string' || resolve(dir, named) !== resolve(codebookPath)) continue;
    for (const key of globSync('key/**/*.md', { cwd: dir }).sort()) {
      const absolute = join(dir, key);
      const before = readFileSync(absolute, 'utf8');
      const bom = before.startsWith('\uFEFF');
      const { note } = readNote(rel(root, absolute), bom ? before.slice(1) : before, bom, { coder: 'key' });
      const result = recodeInline(note, mapping);
      if (!result.ok) return refuse(`Cannot recode the practice key \`${note.path}\`: ${result.problem.message}; nothing was written`);
      if (result.changed) changes.push({ path: rel(root, absolute), role: 'practice key', before, after: (bom ? '\uFEFF' : '') + result.text, recoded: result.recoded });
    }
  }
  return changes;
}

function known(codebook: Codebook, id: string): Refused | undefined {
  if (codebook.byId.has(id)) return undefined;
  const lineage = describeLineage(codebook, id);
  if (lineage) return refuse(`Unexpected code \`${id}\`: it was ${lineage}`);
  return refuse(`Unexpected code \`${id}\`, expected a code of \`${codebook.path}\`${hint(id, codebook.byId.keys())}`);
}

function freshId(codebook: Codebook, id: string, what: string): Refused | undefined {
  if (!CODE_ID.test(id)) return refuse(`Unexpected id \`${id}\` to ${what}, expected a lowercase letter followed by lowercase letters, digits, \`-\`, \`_\` or \`.\``);
  if (codebook.byId.has(id)) return refuse(`Cannot ${what} \`${id}\`: a code \`${id}\` already exists (to combine two codes, use \`fieldcode codes merge\`)`);
  if (formerIds(codebook).has(id) || codebook.retired?.some((code) => code.id === id)) {
    return refuse(`Cannot ${what} \`${id}\`: the codebook records \`${id}\` as ${describeLineage(codebook, id) ?? 'a former id'}, and one id must keep one meaning across revisions`);
  }
  return undefined;
}

function inside(root: string, path: string): boolean {
  const relative_ = relative(root, path);
  return relative_ !== '' && !relative_.startsWith('..') && !isAbsolute(relative_);
}

function rel(root: string, absolute: string): string {
  return relative(root, absolute).split(sep).join('/');
}
