// All or nothing for changes that touch many files (`fieldcode codes`): the
// plan — every file's old and new content — is written first, atomically, to
// `.fieldcode/plan.json`; then each file is replaced atomically; then the plan
// is removed. A kill at any moment leaves either no plan (and no file
// changed) or a plan, from which the next fieldcode command completes the
// change or, when a file has been edited since, rolls it back. Either way
// every file is entirely old or entirely new.
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { writeFileAtomic, WriteRefused } from '../cli/write-file.js';

const pkg = createRequire(import.meta.url)('../../package.json') as { version: string };

export const PLAN_FORMAT = 'fieldcode-plan/1';
export { PLAN_PATH } from './recover.js';
import { PLAN_PATH } from './recover.js';
import { ok, problems, type Checked } from '../model/checked.js';

export interface PlannedFile {
  /** Project-relative POSIX path. */
  path: string;
  /** The content before the change; null when the change creates the file. */
  before: string | null;
  after: string;
}

interface Plan {
  fieldcode: string;
  version: string;
  /** The command, as the user would type it, for the recovery message. */
  operation: string;
  files: PlannedFile[];
}

/** A change that cannot be made or recovered as planned; nothing (more) was written. `refused` says why. */
export interface PlanProblem {
  refused: string;
  /** The project path the problem is in: the plan, or a file it would change. */
  file: string;
}

function planProblem(refused: string, file: string = PLAN_PATH): PlanProblem {
  return { refused, file };
}

function isProblem(value: unknown): value is PlanProblem {
  return typeof value === 'object' && value !== null && 'refused' in value;
}

/**
 * Writes `files` all or nothing. Each file must still hold its `before`
 * content when the plan is made and when it is replaced; a file changed in
 * between stops the change, and files already written are put back.
 * Returns why it stopped, or undefined when every file was written.
 */
export function applyPlan(root: string, operation: string, files: PlannedFile[]): PlanProblem | undefined {
  for (const file of files) {
    const now = read(root, file.path);
    if (isProblem(now)) return now;
    if (now !== file.before) return changedSince(file.path);
  }
  const planPath = join(root, PLAN_PATH);
  if (existsSync(planPath)) return planProblem(`Cannot start \`${operation}\`: \`${PLAN_PATH}\` holds another unfinished change; run any fieldcode command to finish it first`);
  const plan: Plan = { fieldcode: PLAN_FORMAT, version: pkg.version, operation, files };
  writeFileAtomic(planPath, `${JSON.stringify(plan)}\n`, { within: root });
  const written: PlannedFile[] = [];
  // Why a write was cancelled under its lock; the cancel itself is the write module's WriteRefused.
  let stopped: PlanProblem | undefined;
  try {
    for (const file of files) {
      writeFileAtomic(join(root, file.path), file.after, {
        within: root,
        // Checked under the file's lock, just before the rename: an editor's save in between is not overwritten.
        verify: () => {
          const now = read(root, file.path);
          stopped = isProblem(now) ? now : now !== file.before ? changedSince(file.path) : undefined;
          if (stopped) throw new WriteRefused(stopped.refused);
        },
      });
      written.push(file);
    }
  } catch (error) {
    for (const file of written.reverse()) restore(root, file);
    rmSync(planPath, { force: true });
    if (stopped) return stopped;
    throw error;
  }
  rmSync(planPath, { force: true });
  return undefined;
}

export type Recovery = { done: 'completed' | 'rolled back'; operation: string; message: string } | undefined;

/**
 * `recoverPlan`, with a plan that cannot be finished as a fatal `codes-plan`
 * diagnostic at the file it is about (`shown` makes a project path printable).
 */
export function finishPlan(root: string, shown: (path: string) => string): Checked<Recovery> {
  const recovered = recoverPlan(root);
  if (isProblem(recovered)) return problems({ file: shown(recovered.file), line: 1, column: 1, severity: 'fatal', message: recovered.refused, ruleId: 'codes-plan' });
  return ok(recovered);
}

/**
 * Finishes a change a killed process left half done: completes it when every
 * file is still either old or new, else puts the new ones back to old.
 * Returns what it did, for a line on stderr; undefined when there was no plan.
 * A plan this version cannot read is a PlanProblem, and nothing is touched.
 */
export function recoverPlan(root: string): Recovery | PlanProblem {
  const planPath = join(root, PLAN_PATH);
  if (!existsSync(planPath) || !statSync(planPath).isFile()) return undefined;
  let plan: Plan;
  try {
    plan = JSON.parse(readFileSync(planPath, 'utf8')) as Plan;
  } catch {
    return planProblem(`Cannot read the unfinished change in \`${PLAN_PATH}\`: it is not valid JSON; nothing was changed. Check \`git status\`, then delete the file`);
  }
  if (plan?.fieldcode !== PLAN_FORMAT || plan.version !== pkg.version || !Array.isArray(plan.files) || !plan.files.every(isPlannedFile)) {
    const from = typeof plan?.version === 'string' ? `fieldcode ${plan.version}` : 'another program';
    return planProblem(`Cannot finish the unfinished change in \`${PLAN_PATH}\`: it was written by ${from} (format \`${String(plan?.fieldcode)}\`), and this is fieldcode ${pkg.version} (format \`${PLAN_FORMAT}\`); nothing was changed. Finish it with that version, or check \`git status\` and delete the file`);
  }
  const states: Array<'new' | 'old' | 'other'> = [];
  for (const file of plan.files) {
    const now = read(root, file.path);
    if (isProblem(now)) return now;
    states.push(now === file.after ? 'new' : now === file.before ? 'old' : 'other');
  }
  const operation = String(plan.operation);
  const edited = plan.files.filter((_, i) => states[i] === 'other').map((file) => `\`${file.path}\``);
  if (edited.length === 0) {
    const left = plan.files.filter((_, i) => states[i] === 'old');
    for (const file of left) writeFileAtomic(join(root, file.path), file.after, { within: root });
    rmSync(planPath, { force: true });
    return { done: 'completed', operation, message: `completed the interrupted \`${operation}\` from \`${PLAN_PATH}\` (${left.length} of ${plan.files.length} files were still to write)` };
  }
  const back = plan.files.filter((_, i) => states[i] === 'new');
  for (const file of back) restore(root, file);
  rmSync(planPath, { force: true });
  return { done: 'rolled back', operation, message: `rolled back the interrupted \`${operation}\` from \`${PLAN_PATH}\` (${back.length} file${back.length === 1 ? '' : 's'} put back), because ${edited.join(', ')} changed since; run it again` };
}

function isPlannedFile(value: unknown): value is PlannedFile {
  const file = value as PlannedFile;
  return typeof file?.path === 'string' && typeof file.after === 'string' && (file.before === null || typeof file.before === 'string') && !file.path.split('/').includes('..');
}

function restore(root: string, file: PlannedFile): void {
  if (file.before === null) rmSync(join(root, file.path), { force: true });
  else writeFileAtomic(join(root, file.path), file.before, { within: root });
}

/** The file's text now; null when it does not exist. Unreadable is a problem, not "absent". */
function read(root: string, path: string): string | null | PlanProblem {
  const absolute = resolve(root, path);
  try {
    return readFileSync(absolute, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    return planProblem(`Cannot read \`${path}\` (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); nothing was written`, path);
  }
}

function changedSince(path: string): PlanProblem {
  return planProblem(`Cannot change \`${path}\`: it changed on disk since fieldcode read it. Nothing was written; run the command again`, path);
}
