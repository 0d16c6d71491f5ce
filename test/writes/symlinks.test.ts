// Issue 15 item 10 (the writing side): links never carry a write out of the
// project, and a linked note gets the edit itself instead of being replaced
// by a copy.
import { linkSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, renameSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { copyToTemp, run, runBin, tempDir } from '../helpers/cli.js';
import { declare, fifo, smallProject, TAG_PROJECT } from './helpers.js';

const ANNA = 'notes/anna.md';

describe('tag on a linked note', { timeout: 60_000 }, () => {
  test('a symlink inside the project is written through: the link stays, its target gets the edit', () => {
    const dir = copyToTemp(TAG_PROJECT);
    mkdirSync(join(dir, 'archive'));
    renameSync(join(dir, ANNA), join(dir, 'archive', 'anna.md'));
    symlinkSync('../archive/anna.md', join(dir, ANNA));
    const result = runBin(['tag', '--add', 'support', '--at', `${ANNA}:13`], { cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(lstatSync(join(dir, ANNA)).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(dir, ANNA))).toBe('../archive/anna.md');
    expect(readFileSync(join(dir, 'archive', 'anna.md'), 'utf8')).toContain('in the group? #support');
  });

  test('a hard-linked note is refused, and both names keep one file', () => {
    const dir = copyToTemp(TAG_PROJECT);
    mkdirSync(join(dir, 'archive'));
    linkSync(join(dir, ANNA), join(dir, 'archive', 'anna.md'));
    const before = readFileSync(join(dir, ANNA));
    const result = runBin(['tag', '--add', 'support', '--at', `${ANNA}:13`], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/notes\/anna\.md:1:1 +error +Cannot write the note \(it has 2 hard links.*\[write-failed\]/);
    expect(readFileSync(join(dir, ANNA)).equals(before)).toBe(true);
    expect(statSync(join(dir, ANNA)).ino).toBe(statSync(join(dir, 'archive', 'anna.md')).ino);
  });
});

describe('a symlinked reports/ folder pointing out of the project', { timeout: 60_000 }, () => {
  test('build refuses to write through it', async () => {
    const project = smallProject();
    const elsewhere = tempDir();
    symlinkSync(elsewhere, join(project, 'reports'));
    declare(project, '  - name: freq\n    kind: frequencies\n    out: reports/freq.md\n');
    const result = await run(['build', project]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Cannot write .*reports\/freq\.md.*outside the project/);
    expect(readdirSync(elsewhere)).toEqual([]);
  });

  test('a declared report that is a link into /dev or /proc is refused, not written into', async () => {
    // A pull request can carry `reports/f.md -> /proc/sys/kernel/core_pattern`; /dev/null stands in for it here.
    const project = smallProject();
    mkdirSync(join(project, 'reports'));
    symlinkSync('/dev/null', join(project, 'reports', 'freq.md'));
    declare(project, '  - name: freq\n    kind: frequencies\n    out: reports/freq.md\n');
    const result = await run(['build', project]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Cannot write .*reports\/freq\.md.*resolves to `\/dev\/null`, outside the project/);
  });

  test('a declared report that is a FIFO is refused instead of hanging build', async () => {
    const project = smallProject();
    mkdirSync(join(project, 'reports'));
    fifo(join(project, 'reports', 'freq.md'));
    declare(project, '  - name: freq\n    kind: frequencies\n    out: reports/freq.md\n');
    const result = await run(['build', project]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Cannot write .*reports\/freq\.md.*must be a regular file/);
    expect(lstatSync(join(project, 'reports', 'freq.md')).isFIFO()).toBe(true);
  });

  test('--out into it is refused too', async () => {
    const project = smallProject();
    const elsewhere = tempDir();
    symlinkSync(elsewhere, join(project, 'reports'));
    const result = await run(['report', '--format', 'csv', '--out', 'reports/freq.csv'], { cwd: project });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/outside the project/);
    expect(readdirSync(elsewhere)).toEqual([]);
  });
});
