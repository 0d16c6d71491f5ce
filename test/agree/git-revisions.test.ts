// `fieldcode agree --rev A --rev B`: coders as git branches, read without a checkout.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run, tempDir } from '../helpers/cli.js';
import { codebookYaml, write } from './helpers.js';
import { git } from '../helpers/git.js';


const note = (tags: [string, string, string]) => `---\nid: n1\n---\n# Visit\n\nFirst paragraph about help. ${tags[0]}\n\nSecond paragraph about feedback. ${tags[1]}\n\nThird paragraph about nothing. ${tags[2]}\n`;

function repo(extraOnB: Record<string, string> = {}): string {
  const root = tempDir();
  const project = join(root, 'study');
  git(root, 'init', '-q', '-b', 'main');
  write(project, { 'fieldcode.yaml': 'name: study\ncodebook: codebook.yaml\nnotes: ["notes/**/*.md"]\n', 'codebook.yaml': codebookYaml(['help', 'feedback']), 'notes/n1.md': note(['#help', '#feedback', '']), 'README.md': 'not a note\n' });
  git(root, 'add', '.');
  git(root, 'commit', '-q', '-m', 'coder a');
  git(root, 'checkout', '-q', '-b', 'coder-b');
  write(project, { 'notes/n1.md': note(['#help', '', '#feedback']), ...extraOnB });
  git(root, 'add', '.');
  git(root, 'commit', '-q', '-m', 'coder b');
  git(root, 'checkout', '-q', 'main');
  // The working tree has uncommitted edits: they must not be read.
  write(project, { 'notes/n1.md': note(['', '', '']) });
  return project;
}

describe('fieldcode agree --rev', () => {
  it('compares two branches from git objects, leaving the working tree alone', async () => {
    const project = repo();
    const before = readFileSync(join(project, 'notes/n1.md'), 'utf8');
    const result = await run(['agree', '--rev', 'main', '--rev', 'coder-b', '--format', 'json', '-q'], { cwd: project });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json.coders.map((c: { name: string }) => c.name)).toEqual(['main', 'coder-b']);
    expect(json.coders[1].source).toMatch(/^coder-b \([0-9a-f]{7}\)$/);
    expect(json.codes.map((c: { code: string; agreements: number; units: number }) => [c.code, c.agreements, c.units])).toEqual([
      ['help', 3, 3],
      ['feedback', 1, 3],
    ]);
    expect(json.disagreements.map((d: { path: string; line: number; verdicts: string[] }) => [d.path, d.line, d.verdicts])).toEqual([
      ['main:notes/n1.md', 8, ['applied', 'not applied']],
      ['coder-b:notes/n1.md', 10, ['not applied', 'applied']],
    ]);
    expect(readFileSync(join(project, 'notes/n1.md'), 'utf8')).toBe(before);
    expect(git(project, 'status', '--porcelain')).toContain('notes/n1.md');
  });

  it('an unknown revision is a usage error (exit 2)', async () => {
    const project = repo();
    const result = await run(['agree', '--rev', 'main', '--rev', 'nope'], { cwd: project });
    expect(result.code).toBe(2);
    // `fieldcode agree --rev main --rev ` is 33 characters: `nope` starts at column 34.
    expect(result.stderr).toMatch(/^<command line>:1:34 {2}error {2}Cannot find revision `nope` in the git repository at `[^`]+` {2}\[unknown-revision\]$/m);
    expect(result.stderr).not.toContain('fieldcode: ');
  });

  it('a revision given twice, and a project outside any repository, are placed at the flag (exit 2)', async () => {
    const twice = await run(['agree', '--rev', 'main', '--rev', 'main'], { cwd: repo() });
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain('<command line>:1:23  error  Unexpected revision `main` given twice, expected one --rev per coder  [invalid-option]');
    const plain = write(join(tempDir(), 'plain'), { 'fieldcode.yaml': 'name: plain\nnotes: ["*.md"]\n', 'n.md': 'Text. #help\n' });
    const outside = await run(['agree', '--rev', 'a', '--rev', 'b'], { cwd: plain });
    expect(outside.code).toBe(2);
    expect(outside.stderr).toMatch(/^<command line>:1:17 {2}error {2}Cannot use --rev: `[^`]+` is not inside a git repository {2}\[invalid-option\]$/m);
  });

  it('a note added on one branch only is an error', async () => {
    const project = repo({ 'notes/n2.md': 'Only on coder-b. #help\n' });
    const result = await run(['agree', '--rev', 'main', '--rev', 'coder-b'], { cwd: project });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('coder-b:notes/n2.md:1:1  error  Unexpected note `notes/n2.md` for `coder-b` only');
  });
});
