// Issue 16 items 5 and 8: a huge note, a note of 10^6 tiny paragraphs and a
// note (or codebook) that is a symlink to /dev/zero or /dev/urandom ended in
// a V8 out-of-memory abort or were read forever. Each is now a positioned
// error naming the limit; the other notes are read. Child processes with a
// timeout, so the old behaviour fails the test instead of taking the runner down.
import { spawnSync } from 'node:child_process';
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { BIN, tempTreeIn } from '../helpers/cli.js';

const HEAD = '---\ngroup: a\n---\n\n';
const GOOD = '---\ngroup: b\n---\n\nFine. #reciprocity\n';

function cli(args: string[], cwd: string): { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: 60_000, env: { PATH: process.env.PATH ?? '' } });
  return { code: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr };
}

function project(notes: Record<string, string>): string {
  return tempTreeIn('notes', notes);
}

describe('size limits', () => {
  test('a 1.2 MiB single-line note is refused, naming the limit and the flag; the flag raises it', () => {
    const dir = project({ 'big.md': `${HEAD}${'word '.repeat(240 * 1024)}#reciprocity\n`, 'good.md': GOOD });
    const refused = cli(['report', '.', '--format', 'csv'], dir);
    expect(refused.signal).toBeNull();
    expect(refused.stderr).toContain('notes/big.md:1:1  error  Unexpected note larger than 1 MiB, expected at most 1 MiB; raise the limit with `--max-note-size <size>`  [file-too-large]');
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(/^reciprocity,b,1,1,/m);

    const raised = cli(['report', '.', '--format', 'csv', '--max-note-size', '2M'], dir);
    expect(raised.stderr).toBe('');
    expect(raised.code).toBe(0);
    expect(raised.stdout).toMatch(/^reciprocity,a,1,1,/m);
  }, 90_000);

  test('10^6 tiny paragraphs are refused before parsing, at the first paragraph past the limit', () => {
    const dir = project({ 'tiny.md': HEAD + 'a\n\n'.repeat(1_000_000), 'good.md': GOOD });
    const result = cli(['check', '.', '--max-note-size', '8M'], dir);
    expect(result.signal).toBeNull();
    expect(result.stderr).toContain('notes/tiny.md:100005:1  error  Unexpected note with more than 50,000 paragraphs, list items and table cells, expected at most that; split the note  [too-many-blocks]');
    expect(result.code).toBe(1);
    // Without the flag the size limit comes first.
    expect(cli(['check', '.'], dir).stderr).toContain('notes/tiny.md:1:1  error  Unexpected note larger than 1 MiB');
  }, 90_000);

  test('a bad --max-note-size is a usage error', () => {
    const dir = project({ 'good.md': GOOD });
    const result = cli(['check', '.', '--max-note-size', 'lots'], dir);
    expect(result.stderr).toContain('Unexpected `--max-note-size lots`, expected a size such as 2M or 500k');
    expect(result.code).toBe(2);
  }, 60_000);
});

describe('only regular files are read', () => {
  test('notes that are symlinks to /dev/zero and /dev/urandom are errors; the other notes are read', () => {
    const dir = project({ 'good.md': GOOD });
    symlinkSync('/dev/zero', join(dir, 'notes', 'zero.md'));
    symlinkSync('/dev/urandom', join(dir, 'notes', 'random.md'));
    const result = cli(['report', '.', '--format', 'csv'], dir);
    expect(result.signal).toBeNull();
    // Refused as a link out of the project (or, inside it, as not a regular file): never read.
    expect(result.stderr).toMatch(/notes\/zero\.md:1:1  error  Cannot read /);
    expect(result.stderr).toMatch(/notes\/random\.md:1:1  error  Cannot read /);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^reciprocity,b,1,1,/m);
  }, 90_000);

  test('a --codebook that is a symlink to /dev/zero cannot be used (exit 2)', () => {
    const dir = project({ 'good.md': GOOD });
    symlinkSync('/dev/zero', join(dir, 'codebook.yaml'));
    const result = cli(['check', '.', '--codebook', 'codebook.yaml'], dir);
    expect(result.signal).toBeNull();
    expect(result.stderr).toMatch(/Cannot (read|use) codebook/);
    expect(result.code).toBe(2);
  }, 90_000);
});
