// `build --check` on what a team really has: a checkout with CRLF line endings
// (core.autocrlf=true), and a stale report shown as a unified diff (--diff).
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyToTemp, EXAMPLE, runBin, tempDir } from '../helpers/cli.js';
import { withLfRule } from '../../src/init/scaffold.js';

function git(cwd: string, ...args: string[]): string {
  const result = spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.org', '-c', 'init.defaultBranch=main', ...args], { cwd, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

/** The example committed to a fresh repository, then cloned with core.autocrlf=true. */
function crlfClone(withAttributes: boolean): string {
  const repo = copyToTemp(EXAMPLE, 'notes-repo');
  if (!withAttributes) rmSync(join(repo, '.gitattributes'));
  git(repo, 'init', '-q');
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', 'notes and reports');
  const clone = join(tempDir(), 'clone');
  git(repo, '-c', 'core.autocrlf=true', 'clone', '-q', '--config', 'core.autocrlf=true', repo, clone);
  return clone;
}

describe('build --check in a checkout with core.autocrlf=true', () => {
  it('with the example’s .gitattributes, reports are checked out with LF and up to date', () => {
    const clone = crlfClone(true);
    expect(readFileSync(join(clone, 'reports', 'frequencies.md'), 'utf8')).not.toContain('\r\n');
    const result = runBin(['build', '--check'], { cwd: clone });
    expect(result.stderr).toMatch(/^\d+ reports are up to date\n$/);
    expect(result.code).toBe(0);
  });

  it('without it, reports are checked out with CRLF and still count as up to date', () => {
    const clone = crlfClone(false);
    expect(readFileSync(join(clone, 'reports', 'frequencies.md'), 'utf8')).toContain('\r\n');
    const result = runBin(['build', '--check'], { cwd: clone });
    expect(result.stderr).toMatch(/^\d+ reports are up to date\n$/);
    expect(result.code).toBe(0);
    // And `build` rewrites nothing: git would see no change anyway.
    expect(runBin(['build'], { cwd: clone }).stderr).toMatch(/, 0 written, /);
  });

  it('the example ships the same .gitattributes as `fieldcode init` writes', () => {
    expect(readFileSync(join(EXAMPLE, '.gitattributes'), 'utf8')).toBe(withLfRule(''));
  });
});

describe('build --check --diff', () => {
  it('prints a unified diff of a stale report to stdout, and still exits 1', () => {
    const dir = copyToTemp(EXAMPLE, 'peer-groups');
    const path = join(dir, 'reports', 'frequencies.md');
    const original = readFileSync(path, 'utf8');
    const line = original.split('\n').find((l) => l.includes('reciprocity'))!;
    writeFileSync(path, original.replace(line, `${line} (edited by hand)`));
    const result = runBin(['build', '--check', '--diff', '--only', 'frequencies'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('reports/frequencies.md  stale  report `frequencies` differs from what would be generated');
    expect(result.stdout).toMatch(/^--- a\/reports\/frequencies\.md\n\+\+\+ b\/reports\/frequencies\.md\n@@ -\d+,\d+ \+\d+,\d+ @@\n/);
    expect(result.stdout).toContain(`\n-${line} (edited by hand)\n+${line}\n`);
    // The diff applies: `patch` turns the committed file into the generated one.
    const applied = spawnSync('patch', ['-p1', '-s'], { cwd: dir, input: result.stdout, encoding: 'utf8' });
    expect(applied.status, applied.stderr).toBe(0);
    expect(readFileSync(path, 'utf8')).toBe(original);
  });

  it('shows a missing report as new, and needs --check', () => {
    const dir = copyToTemp(EXAMPLE, 'peer-groups');
    rmSync(join(dir, 'reports', 'frequencies.csv'));
    const result = runBin(['build', '--check', '--diff', '--only', 'frequencies-csv'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^--- \/dev\/null\n\+\+\+ b\/reports\/frequencies\.csv\n@@ -0,0 \+1,\d+ @@\n\+/);
    const alone = runBin(['build', '--diff'], { cwd: dir });
    expect(alone).toMatchObject({ code: 2, stderr: expect.stringContaining('Unexpected `--diff` without `--check`, expected `build --check --diff`') });
  });
});
