// A project as it is at a git revision, read straight from the object store
// (`git ls-tree`, `git cat-file`): nothing is checked out, the working tree is
// never touched. The same glob matcher as every other source selects the files.
import { spawnSync } from 'node:child_process';
import { pathMatcher } from '../glob.js';
import { decodeUtf8 } from '../read-file.js';
import type { Source } from '../source.js';

export interface GitRevisionOptions {
  /** Top of the git work tree. */
  top: string;
  /** The commit the revision names (resolved by the caller). */
  commit: string;
  /** The project folder inside the work tree, POSIX, '' for the top. */
  prefix: string;
  /** How a path (relative to the project folder) is shown, e.g. `main:notes/a.md`. */
  shown(path: string): string;
}

function git(top: string, args: string[]): { ok: boolean; stdout: Buffer; stderr: string } {
  const result = spawnSync('git', args, { cwd: top, maxBuffer: 512 * 1024 * 1024 });
  if (result.error) return { ok: false, stdout: Buffer.alloc(0), stderr: (result.error as NodeJS.ErrnoException).code ?? result.error.message };
  return { ok: result.status === 0, stdout: result.stdout, stderr: result.stderr.toString('utf8').trim() };
}

export function gitRevisionSource(options: GitRevisionOptions): Source {
  const { top, commit, prefix } = options;
  const inRepo = (path: string): string => (prefix ? `${prefix}/${path}` : path);
  let files: { paths: string[]; error?: string } | undefined;
  const all = (): { paths: string[]; error?: string } => {
    if (files) return files;
    const args = ['ls-tree', '-r', '-z', '--name-only', '--full-tree', commit];
    if (prefix) args.push('--', `${prefix}/`);
    const result = git(top, args);
    const paths = result.ok
      ? result.stdout
          .toString('utf8')
          .split('\0')
          .filter((path) => path.length > 0)
          .map((path) => (prefix ? path.slice(prefix.length + 1) : path))
          .sort()
      : [];
    files = result.ok ? { paths } : { paths, error: result.stderr || 'git ls-tree failed' };
    return files;
  };
  return {
    projectFile: true,
    commit,
    list(globs, ignore) {
      const { paths, error } = all();
      return { paths: paths.filter(pathMatcher(globs, ignore)), unreadable: error ? [{ path: '', reason: error }] : [] };
    },
    read(path) {
      const result = git(top, ['cat-file', 'blob', `${commit}:${inRepo(path)}`]);
      if (!result.ok) return { error: `Cannot read file at ${commit.slice(0, 7)}: ${result.stderr}` };
      return decodeUtf8(result.stdout);
    },
    exists: (path) => all().paths.includes(path),
    shown: options.shown,
  };
}
