// The git revisions named on the command line (`--rev`): finding the work tree
// and resolving each revision to a commit. Reading files at a revision is the
// git-revision source of the pipeline (src/pipeline/sources/git-revision.ts).
// A missing git, a folder outside a repository or an unknown revision is the
// user's to fix, so each comes back as the reason why, never as a throw.
import { spawnSync } from 'node:child_process';

/** What git answered, or the sentence that says why there is no answer. */
export type GitAnswer = { ok: true; value: string } | { ok: false; reason: string; cannotRun?: boolean };

type Run = { ok: true; status: boolean; stdout: Buffer } | { ok: false; reason: string };

function git(cwd: string, args: string[]): Run {
  const result = spawnSync('git', args, { cwd, maxBuffer: 512 * 1024 * 1024 });
  if (result.error) return { ok: false, reason: `Cannot run git: ${(result.error as NodeJS.ErrnoException).code ?? result.error.message}` };
  return { ok: true, status: result.status === 0, stdout: result.stdout };
}

/** Absolute path of the top of the work tree that holds `dir`; `flag` names the option in the message. */
export function workTreeTop(dir: string, flag = '--rev'): GitAnswer {
  const result = git(dir, ['rev-parse', '--show-toplevel']);
  if (!result.ok) return { ok: false, reason: result.reason, cannotRun: true };
  if (!result.status) return { ok: false, reason: `Cannot use ${flag}: \`${dir}\` is not inside a git repository` };
  return { ok: true, value: result.stdout.toString('utf8').trim() };
}

/** The commit a revision names. */
export function commitOf(top: string, rev: string): GitAnswer {
  if (rev.startsWith('-')) return { ok: false, reason: `Unexpected revision \`${rev}\`, expected a branch, tag or commit` };
  const result = git(top, ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`]);
  if (!result.ok) return { ok: false, reason: result.reason, cannotRun: true };
  if (!result.status) return { ok: false, reason: `Cannot find revision \`${rev}\` in the git repository at \`${top}\`${missingRevisionHint(top, rev)}` };
  return { ok: true, value: result.stdout.toString('utf8').trim() };
}

/** Why a revision may be missing in a CI checkout, and what to do about it. */
function missingRevisionHint(top: string, rev: string): string {
  // A clone has other people's branches only as remote-tracking refs (`origin/coder-b`).
  const remote = git(top, ['for-each-ref', '--format=%(refname:short)', `refs/remotes/*/${rev}`]);
  const candidates = remote.ok && remote.status ? remote.stdout.toString('utf8').split('\n').filter(Boolean) : [];
  if (candidates.length > 0) return ` (did you mean ${candidates.map((c) => `\`${c}\``).join(' or ')}?)`;
  // actions/checkout fetches one commit of one branch unless told otherwise.
  const shallow = git(top, ['rev-parse', '--is-shallow-repository']);
  if (shallow.ok && shallow.status && shallow.stdout.toString('utf8').trim() === 'true') {
    return ': this clone is shallow (a depth-1 checkout, the actions/checkout default) and has only part of the history; set `fetch-depth: 0` on actions/checkout, or run `git fetch --unshallow`, then name other branches as `origin/NAME`';
  }
  return '';
}
