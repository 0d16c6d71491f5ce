import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyToTemp, run, tempDir } from '../helpers/cli.js';
import { checkQdpx } from '../../src/refi/semantic-check.js';
import { EXAMPLE, QC_DEMO, TRICKY } from './helpers.js';
import { USES_SHARED } from '../helpers/shared.js';

describe('fieldcode export', () => {
  it('writes a .qdpx atomically, byte-identical on a second run', async () => {
    const dir = tempDir();
    const out = join(dir, 'peer-groups.qdpx');
    const first = await run(['export', EXAMPLE, '--out', out]);
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(/^Exported \d+ notes, \d+ codes, \d+ codings to .*peer-groups\.qdpx\n$/);
    const bytes = readFileSync(out);
    expect(checkQdpx(new Uint8Array(bytes), { selectionNames: true })).toEqual([]);
    expect((await run(['export', EXAMPLE, '--format', 'qdpx', '--out', out, '-q'])).code).toBe(0);
    expect(readFileSync(out).equals(bytes)).toBe(true);
    expect(readdirSync(dir)).toEqual(['peer-groups.qdpx']); // no temp files left behind
  });

  it('writes a .qdc to stdout or to --out', async () => {
    const stdout = await run(['export', TRICKY, '--format', 'qdc']);
    expect(stdout.code).toBe(0);
    expect(stdout.stdout.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="fieldcode ')).toBe(true);
    const out = join(tempDir(), 'codebook.qdc');
    expect((await run(['export', TRICKY, '--out', out, '-q'])).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(stdout.stdout);
  });

  it('exits 2 without a format, or without --out for a .qdpx', async () => {
    const none = await run(['export', TRICKY]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('--format qdc');
    const noOut = await run(['export', TRICKY, '--format', 'qdpx']);
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toContain('--out FILE.qdpx');
    const bad = await run(['export', TRICKY, '--format', 'zip', '--out', 'x.zip']);
    expect(bad.code).toBe(2);
  });

  it('exits 1 and writes nothing when the project has errors', async () => {
    const project = copyToTemp(TRICKY);
    writeFileSync(join(project, 'notes', 'broken.md'), '---\ngroup: [unclosed\n---\nText.\n');
    const out = join(tempDir(), 'x.qdpx');
    const result = await run(['export', project, '--out', out]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/broken\.md:\d+:\d+ +error/);
    expect(result.stderr).toContain('nothing exported');
    expect(existsSync(out)).toBe(false);
  });

  it('exits 2 when --out cannot be written', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'taken.qdpx'));
    const result = await run(['export', TRICKY, '--out', join(dir, 'taken.qdpx')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Cannot write');
  });

  it('can leave out cases', async () => {
    const out = join(tempDir(), 'x.qdpx');
    expect((await run(['export', TRICKY, '--out', out, '--no-cases', '-q'])).code).toBe(0);
    const { unzipSync } = await import('fflate');
    const xml = new TextDecoder().decode(unzipSync(new Uint8Array(readFileSync(out)))['project.qde']);
    expect(xml).not.toContain('<Cases>');
    expect(xml).toContain('<Variables>');
  });
});

describe('fieldcode import of REFI-QDA files', () => {
  it('imports a real .qdpx into a project that exports again', USES_SHARED, async () => {
    const into = join(tempDir(), 'qc');
    const result = await run(['import', join(QC_DEMO, 'demo_2024-04.qdpx'), '--into', into, '-q']);
    expect(result.code).toBe(0);
    expect(readdirSync(join(into, 'notes')).sort()).toEqual(['admin.codings.yaml', 'admin.md', 'board_member.codings.yaml', 'board_member.md', 'teacher.codings.yaml', 'teacher.md']);
    const check = await run(['check', into]);
    expect(check.code).toBe(0);
    const out = join(tempDir(), 'again.qdpx');
    expect((await run(['export', into, '--out', out, '-q'])).code).toBe(0);
  });

  it('writes nothing for a bad .qdpx and exits 1', async () => {
    const dir = tempDir();
    const bad = join(dir, 'bad.qdpx');
    writeFileSync(bad, 'not a zip');
    const into = join(dir, 'out');
    const result = await run(['import', bad, '--into', into]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/bad\.qdpx:1:1 +error +.*zip.*\[qdpx-not-zip\]/);
    expect(existsSync(into) ? readdirSync(into) : []).toEqual([]);
  });
});

describe('a project through REFI-QDA and back', () => {
  it('gives the same report: segments, documents, codings and shares per code, group and phase', async () => {
    const dir = tempDir();
    const qdpx = join(dir, 'pg.qdpx');
    const into = join(dir, 'pg');
    expect((await run(['export', EXAMPLE, '--out', qdpx, '-q'])).code).toBe(0);
    expect((await run(['import', qdpx, '--into', into, '-q'])).code).toBe(0);
    const before = await run(['report', EXAMPLE, '--format', 'csv', '-q']);
    const after = await run(['report', into, '--format', 'csv', '-q']);
    expect(after.code).toBe(0);
    // Code ids become slugs of the labels, and speakers depend on `participants`,
    // which REFI-QDA cannot carry; every other column must be equal, row by row.
    const columns = (csv: string): string[] => csv.trim().split('\n').map((row) => row.split(',').filter((_, i) => i !== 0 && i !== 5).join(','));
    expect(columns(after.stdout)).toEqual(columns(before.stdout));
    expect(after.stdout.split('\n').length).toBeGreaterThan(100);
  });
});
