// `agree --rev` where CI runs it: in a clone, where other coders' branches are
// remote-tracking refs, and in the depth-1 checkout actions/checkout makes.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBin, tempDir } from '../helpers/cli.js';
import { codebookYaml, write } from './helpers.js';

function git(cwd: string, ...args: string[]): string {
  const result = spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.org', ...args], { cwd, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

const note = (tags: [string, string]) => `---\nid: n1\n---\nFirst paragraph about help. ${tags[0]}\n\nSecond paragraph about feedback. ${tags[1]}\n`;

/** A team repository with the coders' work on `main` and `coder-b`; returns its path. */
function origin(): string {
  const root = join(tempDir(), 'origin');
  git(tempDir(), 'init', '-q', '-b', 'main', root);
  write(root, { 'fieldcode.yaml': 'name: study\ncodebook: codebook.yaml\nnotes: ["notes/**/*.md"]\n', 'codebook.yaml': codebookYaml(['help', 'feedback']), 'notes/n1.md': note(['#help', '#feedback']) });
  git(root, 'add', '.');
  git(root, 'commit', '-q', '-m', 'coder a');
  git(root, 'checkout', '-q', '-b', 'coder-b');
  write(root, { 'notes/n1.md': note(['#help', '']) });
  git(root, 'commit', '-q', '-am', 'coder b');
  git(root, 'checkout', '-q', 'main');
  return root;
}

function clone(from: string, ...flags: string[]): string {
  const into = join(tempDir(), 'checkout');
  git(tempDir(), 'clone', '-q', ...flags, `file://${from}`, into);
  return into;
}

describe('agree --rev in CI checkouts', () => {
  it('a depth-1 checkout: exit 2, and the message says to set fetch-depth: 0', () => {
    const checkout = clone(origin(), '--depth', '1');
    const result = runBin(['agree', '--rev', 'main', '--rev', 'coder-b'], { cwd: checkout });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('<command line>:1:34  error  Cannot find revision `coder-b`');
    expect(result.stderr).toContain('[unknown-revision]');
    expect(result.stderr).toContain('this clone is shallow (a depth-1 checkout, the actions/checkout default)');
    expect(result.stderr).toContain('set `fetch-depth: 0` on actions/checkout, or run `git fetch --unshallow`');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('a full clone: a branch name points at its remote-tracking ref, which works', () => {
    const checkout = clone(origin());
    const bare = runBin(['agree', '--rev', 'main', '--rev', 'coder-b'], { cwd: checkout });
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain('<command line>:1:34  error  Cannot find revision `coder-b` in the git repository at');
    expect(bare.stderr).toContain('(did you mean `origin/coder-b`?)');
    const result = runBin(['agree', '--rev', 'origin/main', '--rev', 'origin/coder-b', '--format', 'json', '-q'], { cwd: checkout });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).coders.map((c: { name: string }) => c.name)).toEqual(['origin/main', 'origin/coder-b']);
  });
});
