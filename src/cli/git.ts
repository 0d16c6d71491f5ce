// The git revisions named on the command line (`--rev`): finding the work tree
// and resolving each revision to a commit. Reading files at a revision is the
// git-revision source of the pipeline (src/pipeline/sources/git-revision.ts).
import { spawnSync } from 'node:child_process';
import { UsageError } from './io.js';

function git(cwd: string, args: string[]): { ok: boolean; stdout: Buffer; stderr: string } {
  const result = spawnSync('git', args, { cwd, maxBuffer: 512 * 1024 * 1024 });
  if (result.error) throw new UsageError(`Cannot run git: ${(result.error as NodeJS.ErrnoException).code ?? result.error.message}`);
  return { ok: result.status === 0, stdout: result.stdout, stderr: result.stderr.toString('utf8').trim() };
}

/** Absolute path of the top of the work tree that holds `dir`. */
export function gitTopLevel(dir: string): string {
  const result = git(dir, ['rev-parse', '--show-toplevel']);
  if (!result.ok) throw new UsageError(`Cannot use --rev: \`${dir}\` is not inside a git repository`);
  return result.stdout.toString('utf8').trim();
}

/** The commit a revision names; throws a usage error for an unknown revision. */
export function resolveRevision(top: string, rev: string): string {
  if (rev.startsWith('-')) throw new UsageError(`Unexpected revision \`${rev}\`, expected a branch, tag or commit`);
  const result = git(top, ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`]);
  if (!result.ok) throw new UsageError(`Cannot find revision \`${rev}\` in the git repository at \`${top}\`${missingRevisionHint(top, rev)}`);
  return result.stdout.toString('utf8').trim();
}

/** Why a revision may be missing in a CI checkout, and what to do about it. */
function missingRevisionHint(top: string, rev: string): string {
  // A clone has other people's branches only as remote-tracking refs (`origin/coder-b`).
  const remote = git(top, ['for-each-ref', '--format=%(refname:short)', `refs/remotes/*/${rev}`]);
  const candidates = remote.ok ? remote.stdout.toString('utf8').split('\n').filter(Boolean) : [];
  if (candidates.length > 0) return ` (did you mean ${candidates.map((c) => `\`${c}\``).join(' or ')}?)`;
  // actions/checkout fetches one commit of one branch unless told otherwise.
  const shallow = git(top, ['rev-parse', '--is-shallow-repository']);
  if (shallow.ok && shallow.stdout.toString('utf8').trim() === 'true') {
    return ': this clone is shallow (a depth-1 checkout, the actions/checkout default) and has only part of the history; set `fetch-depth: 0` on actions/checkout, or run `git fetch --unshallow`, then name other branches as `origin/NAME`';
  }
  return '';
}
