// The `--about` flags of `memo new` and `memo list`: targets parsed and
// checked against the project, each problem placed at its `--about` on the
// command line.
import { relative } from 'node:path';
import type { Diagnostic, Memo, MemoTarget } from '../types.js';
import type { LoadedProject } from '../cli/project.js';
import { ok, problems, type Checked } from '../model/checked.js';
import { usageProblem } from '../model/command-line.js';
import { parseTargetString } from './target.js';
import { validateMemos } from './validate.js';

const asFlag = (message: string): string => message.replace(/^Unexpected memo target/, 'Unexpected `--about`');

/** `--about` values as targets; one that is not a target is a problem placed at it on the command line. */
export function parseTargets(argv: readonly string[], values: string[]): Checked<MemoTarget[]> {
  const targets: MemoTarget[] = [];
  const found: Diagnostic[] = [];
  for (const value of values) {
    const parsed = parseTargetString(value);
    if ('error' in parsed) found.push(usageProblem(argv, asFlag(parsed.error), value));
    else targets.push(parsed.target);
  }
  return found.length > 0 ? problems(...found) : ok(targets);
}

/** A new memo names only what the project has: checked as `check` will check it, each problem placed at its `--about`. */
export function checkTargets(argv: readonly string[], loaded: Pick<LoadedProject, 'corpus' | 'files' | 'root'>, about: MemoTarget[]): Diagnostic[] {
  const draft: Memo = { path: '--about', projectPath: '', title: '', about, aboutAt: about.map((_, index) => ({ line: 1, column: index + 1 })), tags: [], body: '', bodyLine: 1 };
  const files = loaded.files;
  const found = validateMemos([draft], { codebook: loaded.corpus.codebook, notes: loaded.corpus.notes, variables: loaded.corpus.variables, projectPath: (note) => files.get(note.path)?.path ?? relative(loaded.root, note.path) });
  const values = argv.filter((_, i) => argv[i - 1] === '--about');
  // aboutAt's column numbers the targets, so a problem names the --about it is about.
  return found.map((d) => usageProblem(argv, asFlag(d.message), values[d.column - 1] ?? '--about'));
}

