// Issue 15 item 6: `--out` onto something that is not a regular file. A device
// or FIFO is written into, never replaced; a symlink is written through (the
// link stays); a dangling link, a hard-linked file or a folder is refused.
import { chmodSync, linkSync, lstatSync, mkdirSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { execFileSync, spawn } from 'node:child_process';
import { ROOT, run, tempDir } from '../helpers/cli.js';
import { charDevice, fifo, IS_ROOT, leftovers, smallProject } from './helpers.js';

let project: string;
let expected: string;

beforeAll(async () => {
  project = smallProject();
  expected = (await run(['report', '--format', 'csv', project])).stdout;
  expect(expected).toContain('code');
}, 120_000);

describe.skipIf(!IS_ROOT)('--out onto a device node (as root)', () => {
  test('a null device is written into and stays a device', async () => {
    const dir = tempDir();
    const device = join(dir, 'null');
    charDevice(device, 1, 3);
    const result = await run(['report', '--format', 'csv', '--out', device, project]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(lstatSync(device).isCharacterDevice()).toBe(true);
    expect(leftovers(dir)).toEqual([]);
  });

  test('a full device reports the error and stays a device', async () => {
    const dir = tempDir();
    const device = join(dir, 'full');
    charDevice(device, 1, 7);
    const result = await run(['report', '--format', 'csv', '--out', device, project]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Cannot write .*full.*ENOSPC/);
    expect(lstatSync(device).isCharacterDevice()).toBe(true);
    expect(leftovers(dir)).toEqual([]);
  });

  test('a block device is refused', async () => {
    const dir = tempDir();
    const device = join(dir, 'loop');
    execFileSync('mknod', [device, 'b', '7', '200']);
    const result = await run(['report', '--format', 'csv', '--out', device, project]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/block device/);
    expect(lstatSync(device).isBlockDevice()).toBe(true);
  });
});

describe('--out onto a FIFO, a link, a folder', () => {
  test('a FIFO is written into: the reader gets the report and the FIFO stays', async () => {
    const dir = tempDir();
    const pipe = join(dir, 'pipe');
    fifo(pipe);
    const reader = spawn('cat', [pipe]);
    let read = '';
    reader.stdout.on('data', (chunk) => (read += chunk));
    const closed = new Promise((done) => reader.on('close', done));
    const result = await run(['report', '--format', 'csv', '--out', pipe, project]);
    // A FIFO replaced by a file would leave the reader waiting for ever.
    if (!lstatSync(pipe).isFIFO()) reader.kill();
    await closed;
    expect(result.code).toBe(0);
    expect(read).toBe(expected);
    expect(lstatSync(pipe).isFIFO()).toBe(true);
    expect(leftovers(dir)).toEqual([]);
  }, 60_000);

  test('a symlink is written through: the link stays, its target gets the report and keeps its mode', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'real'));
    const target = join(dir, 'real', 'report.csv');
    writeFileSync(target, 'old\n');
    chmodSync(target, 0o640);
    const link = join(dir, 'link.csv');
    symlinkSync('real/report.csv', link);
    const result = await run(['report', '--format', 'csv', '--out', link, project]);
    expect(result.code).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe('real/report.csv');
    expect(readFileSync(target, 'utf8')).toBe(expected);
    expect(statSync(target).mode & 0o777).toBe(0o640);
    expect(leftovers(dir)).toEqual([]);
    expect(leftovers(join(dir, 'real'))).toEqual([]);
  });

  test('a link to /proc/self/fd/1 is written into the process’s stdout, not replaced', () => {
    const dir = tempDir();
    const link = join(dir, 'stdout');
    symlinkSync('/proc/self/fd/1', link);
    const redirected = join(dir, 'redirected.csv');
    // stdout redirected to a file, as `fieldcode report --out /dev/stdout > file` does.
    execFileSync('sh', ['-c', '"$0" "$1" report --format csv --out "$2" "$3" > "$4"', process.execPath, join(ROOT, 'bin', 'fieldcode.js'), link, project, redirected]);
    expect(readFileSync(redirected, 'utf8')).toBe(expected);
    expect(readlinkSync(link)).toBe('/proc/self/fd/1');
    expect(leftovers(dir)).toEqual([]);
  }, 60_000);

  test('a dangling symlink is refused and nothing is created', async () => {
    const dir = tempDir();
    const link = join(dir, 'dangling.csv');
    symlinkSync('missing/report.csv', link);
    const result = await run(['report', '--format', 'csv', '--out', link, project]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/symbolic link .*does not exist/);
    expect(readlinkSync(link)).toBe('missing/report.csv');
    expect(leftovers(dir)).toEqual([]);
  });

  test('a hard-linked file is refused, so both names keep one content', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.csv'), 'old\n');
    linkSync(join(dir, 'a.csv'), join(dir, 'b.csv'));
    const result = await run(['report', '--format', 'csv', '--out', join(dir, 'b.csv'), project]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/2 hard links/);
    expect(statSync(join(dir, 'a.csv')).ino).toBe(statSync(join(dir, 'b.csv')).ino);
  });

  test('a folder is refused', async () => {
    const dir = tempDir();
    const result = await run(['report', '--format', 'csv', '--out', dir, project]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/is a folder/);
    expect(leftovers(dir)).toEqual([]);
  });
});
