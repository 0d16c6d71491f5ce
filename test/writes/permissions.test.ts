// Issue 15 item 9: rewriting a file never widens its permissions or changes its
// owner, even when killed mid-write; a killed write's temp file is private and
// removed by the next write to that folder.
import { spawn } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { BIN, copyToTemp, run, runBin, tempDir } from '../helpers/cli.js';
import { serializeStandoff, standoffCodingFromSpan } from '../../src/standoff/format.js';
import { declare, IS_ROOT, leftovers, mode, smallProject, TAG_PROJECT } from './helpers.js';

const ANNA = 'notes/anna.md';

describe('a 0600 file stays 0600', { timeout: 60_000 }, () => {
  test('report --out', async () => {
    const project = smallProject();
    const out = join(project, 'private.csv');
    writeFileSync(out, 'old\n', { mode: 0o600 });
    const result = await run(['report', '--format', 'csv', '--out', out, project]);
    expect(result.code).toBe(0);
    expect(readFileSync(out, 'utf8')).not.toBe('old\n');
    expect(mode(out)).toBe(0o600);
  });

  test('build', async () => {
    const project = smallProject();
    declare(project, '  - name: freq\n    kind: frequencies\n    out: reports/freq.md\n');
    mkdirSync(join(project, 'reports'));
    writeFileSync(join(project, 'reports', 'freq.md'), 'old\n', { mode: 0o600 });
    const result = await run(['build', project]);
    expect(result.code).toBe(0);
    expect(readFileSync(join(project, 'reports', 'freq.md'), 'utf8')).toContain('support');
    expect(mode(join(project, 'reports', 'freq.md'))).toBe(0o600);
  });

  test('standoff --fix', async () => {
    const dir = join(tempDir(), 'proj');
    mkdirSync(join(dir, 'notes'), { recursive: true });
    writeFileSync(join(dir, 'fieldcode.yaml'), 'name: t\ncodebook: codebook.yaml\nnotes: ["notes/**/*.md"]\ncoder: me\n');
    writeFileSync(join(dir, 'codebook.yaml'), 'name: c\nversion: "1"\ncodes:\n  - id: help\n    label: Help\n');
    const before = 'Anna: We always help each other at harvest.\n';
    const at = before.indexOf('help each');
    const coding = standoffCodingFromSpan(before, at, at + 'help each other'.length, { code: 'help' })!;
    writeFileSync(join(dir, 'notes', 'anna.codings.yaml'), serializeStandoff({ version: 'standoff/1', note: 'anna.md', coder: 'me', codings: [coding] }), { mode: 0o600 });
    // The text moves, so --fix rewrites the standoff file with new offsets.
    writeFileSync(join(dir, 'notes', 'anna.md'), `Intro line.\n\n${before}`);
    const standoff = join(dir, 'notes', 'anna.codings.yaml');
    const old = readFileSync(standoff, 'utf8');
    const result = await run(['standoff', '--fix', dir]);
    expect(result.stdout).toContain('(fixed)');
    expect(readFileSync(standoff, 'utf8')).not.toBe(old);
    expect(mode(standoff)).toBe(0o600);
  });

  test('import --force', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'codes.txt'), 'help\n  practical help\nsupport\n');
    const into = join(dir, 'project');
    mkdirSync(into);
    writeFileSync(join(into, 'codebook.yaml'), 'old\n', { mode: 0o600 });
    const result = await run(['import', join(dir, 'codes.txt'), '--into', into, '--force']);
    expect(result.stderr).toContain('Imported');
    expect(readFileSync(join(into, 'codebook.yaml'), 'utf8')).toContain('practical');
    expect(mode(join(into, 'codebook.yaml'))).toBe(0o600);
  });

  test('tag', () => {
    const dir = copyToTemp(TAG_PROJECT);
    chmodSync(join(dir, ANNA), 0o600);
    const result = runBin(['tag', '--add', 'support', '--at', `${ANNA}:13`], { cwd: dir });
    expect(result.code).toBe(0);
    expect(mode(join(dir, ANNA))).toBe(0o600);
  });
});

describe('a write killed before its rename', { timeout: 60_000 }, () => {
  test('leaves the note as it was, its temp file private, and the next write cleans up', async () => {
    const dir = copyToTemp(TAG_PROJECT);
    const note = join(dir, ANNA);
    chmodSync(note, 0o600);
    const original = readFileSync(note);
    const writer = spawn(process.execPath, [BIN, 'tag', '--add', 'support', '--at', `${ANNA}:13`], { cwd: dir, env: { PATH: process.env.PATH, FIELDCODE_TEST_DELAY_RENAME_MS: '30000' }, stdio: 'ignore' });
    const exited = new Promise((done) => writer.on('exit', done));
    const temps = await waitFor(() => readdirSync(join(dir, 'notes')).filter((name) => name.endsWith('.tmp')));
    // The temp file holds the whole transcript: it must be as private as the note from its first byte.
    expect(temps).toHaveLength(1);
    expect(mode(join(dir, 'notes', temps[0]))).toBe(0o600);
    writer.kill('SIGKILL');
    await exited;
    expect(readFileSync(note).equals(original)).toBe(true);
    expect(mode(note)).toBe(0o600);
    expect(leftovers(join(dir, 'notes')).length).toBeGreaterThan(0);
    const again = runBin(['tag', '--add', 'support', '--at', `${ANNA}:13`], { cwd: dir });
    expect(again.stderr).toBe('');
    expect(again.code).toBe(0);
    expect(leftovers(join(dir, 'notes'))).toEqual([]);
    expect(mode(note)).toBe(0o600);
  });
});

describe.skipIf(!IS_ROOT)('run as root', { timeout: 60_000 }, () => {
  test('a note owned by another user keeps its owner', () => {
    const dir = copyToTemp(TAG_PROJECT);
    const note = join(dir, ANNA);
    chownSync(note, 4321, 4322);
    chmodSync(note, 0o640);
    const result = runBin(['tag', '--add', 'support', '--at', `${ANNA}:13`], { cwd: dir });
    expect(result.code).toBe(0);
    expect(statSync(note).uid).toBe(4321);
    expect(statSync(note).gid).toBe(4322);
    expect(mode(note)).toBe(0o640);
  });
});

/** Polls until `probe` returns a non-empty list (the spawned writer reached its rename). */
async function waitFor(probe: () => string[]): Promise<string[]> {
  for (let i = 0; i < 400; i++) {
    const found = probe();
    if (found.length > 0) return found;
    await new Promise((done) => setTimeout(done, 100));
  }
  return [];
}
