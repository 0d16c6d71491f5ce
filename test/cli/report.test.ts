import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { spawnSync } from 'node:child_process';
import { ROOT, run, runBin, tempDir } from '../helpers/cli.js';

const SMALL = 'test/fixtures/small-project';
const golden = (name: string) => new URL(`../golden/small-project/${name}`, import.meta.url).pathname;
const EXT: Record<string, string> = { table: 'txt', markdown: 'md', csv: 'csv', json: 'json' };

describe('output formats match their golden files', () => {
  for (const command of ['report', 'quotes', 'suggest'] as const) {
    for (const format of ['table', 'markdown', 'csv', 'json']) {
      test(`${command} --format ${format}`, async () => {
        const result = await run([command, SMALL, '--format', format]);
        expect(result.stderr).toBe('');
        expect(result.code).toBe(0);
        await expect(result.stdout).toMatchFileSnapshot(golden(`${command}.${EXT[format]}`));
      });
    }
  }

  test('codebook tree', async () => {
    const result = await run(['codebook', `${SMALL}/codebook.yaml`]);
    expect(result.code).toBe(0);
    await expect(result.stdout).toMatchFileSnapshot(golden('codebook.txt'));
  });
});

describe('fieldcode report', () => {
  test('a parent counts its descendants, each segment once; codings count references', async () => {
    const rows = JSON.parse((await run(['report', SMALL, '--format', 'json'])).stdout).rows as Array<Record<string, unknown> & { cell: Record<string, string> }>;
    const at = (code: string, group: string, phase: string) => rows.find((r) => r.code === code && r.cell.group === group && r.cell.phase === phase)!;
    // north-II: one segment holds spans for support.emotional and support.practical.
    expect(at('support', 'north', 'II')).toMatchObject({ segments: 1, codings: 2, documents: 1, speakers: 1, share: 0.5, cellSegments: 2 });
    expect(at('support.practical', 'north', 'II')).toMatchObject({ segments: 1, codings: 1 });
    // south-I: a tag on a paragraph and a tag on a list item, no speakers.
    expect(at('support', 'south', 'I')).toMatchObject({ segments: 2, codings: 2, speakers: 0, cellSegments: 3 });
  });

  test('every declared value gets its row, even at zero, in declared order', async () => {
    const csv = (await run(['report', SMALL, '--format', 'csv', '--code', 'reciprocity'])).stdout.trim().split('\n');
    expect(csv).toEqual([
      'code,group,phase,segments,documents,speakers,codings,share',
      'reciprocity,north,I,1,1,1,1,0.3333',
      'reciprocity,north,II,1,1,1,1,0.5000',
      'reciprocity,north,III,0,0,0,0,0.0000',
      'reciprocity,south,I,0,0,0,0,0.0000',
      'reciprocity,south,II,0,0,0,0,0.0000',
      'reciprocity,south,III,0,0,0,0,0.0000',
    ]);
  });

  test('--where, --by and --code narrow the report', async () => {
    const csv = (await run(['report', SMALL, '--format', 'csv', '--by', 'method', '--where', 'group=north', '--code', 'support'])).stdout.trim().split('\n');
    expect(csv).toEqual([
      'code,method,segments,documents,speakers,codings,share',
      'support,participant-observation,0,0,0,0,0.0000',
      'support,focus-group,1,1,1,1,0.3333',
      'support,interview,1,1,1,2,0.5000',
    ]);
  });

  test('--by coder splits codings per coder; --coder keeps one', async () => {
    const byCoder = (await run(['report', SMALL, '--format', 'csv', '--by', 'coder', '--code', 'reciprocity'])).stdout.trim().split('\n');
    expect(byCoder).toEqual(['code,coder,segments,documents,speakers,codings,share', 'reciprocity,kim,2,2,2,2,0.2000']);
    const nobody = (await run(['report', SMALL, '--format', 'csv', '--by', 'group', '--coder', 'someone-else', '--code', 'reciprocity'])).stdout.trim().split('\n');
    expect(nobody.slice(1)).toEqual(['reciprocity,north,0,0,0,0,0.0000', 'reciprocity,south,0,0,0,0,0.0000']);
  });

  test('without fieldcode.yaml, variables come from the front matter and the bundled codebook is used', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.md'), '---\ngroup: x\nphase: II\n---\nWe give back to each other. #reciprocity\n');
    writeFileSync(join(dir, 'b.md'), '---\ngroup: y\nphase: I\n---\nNothing coded here.\n');
    const result = await run(['report', dir, '--format', 'csv', '--code', 'reciprocity']);
    expect(result.code).toBe(0);
    expect(result.stdout.trim().split('\n')).toEqual([
      'code,group,phase,segments,documents,speakers,codings,share',
      'reciprocity,x,I,0,0,0,0,0.0000',
      'reciprocity,x,II,1,1,0,1,1.0000',
      'reciprocity,y,I,0,0,0,0,0.0000',
      'reciprocity,y,II,0,0,0,0,0.0000',
    ]);
  });

  test('data problems still give the report, on stdout, with diagnostics on stderr and exit 1', async () => {
    const result = await run(['report', 'test/fixtures/bad-data', '--format', 'csv']);
    expect(result.code).toBe(1);
    expect(result.stdout.split('\n')[0]).toBe('code,group,phase,segments,documents,speakers,codings,share');
    expect(result.stderr).toContain('[unknown-code]');
  });

  test('--out writes the file and nothing to stdout', async () => {
    const dir = tempDir();
    const result = await run(['report', SMALL, '--format', 'markdown', '--out', join(dir, 'out', 'report.md')]);
    expect(result).toEqual({ code: 0, stdout: '', stderr: '' });
  });
});

describe('the terminal', () => {
  const ANSI = /\u001b\[/;
  test('colour only in a terminal; NO_COLOR wins over FORCE_COLOR; --no-color wins over all', async () => {
    expect((await run(['report', SMALL])).stdout).not.toMatch(ANSI);
    expect((await run(['report', SMALL], { tty: true })).stdout).toMatch(ANSI);
    expect((await run(['report', SMALL], { tty: true, env: { NO_COLOR: '1' } })).stdout).not.toMatch(ANSI);
    expect((await run(['report', SMALL], { env: { FORCE_COLOR: '1' } })).stdout).toMatch(ANSI);
    expect((await run(['report', SMALL], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } })).stdout).not.toMatch(ANSI);
    expect((await run(['report', SMALL, '--no-color'], { tty: true, env: { FORCE_COLOR: '3' } })).stdout).not.toMatch(ANSI);
    expect((await run(['report', SMALL, '--format', 'csv'], { tty: true })).stdout).not.toMatch(ANSI);
  });

  test('a progress bar on long runs goes to stderr only, and only in a terminal', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'notes'));
    for (let i = 0; i < 60; i++) writeFileSync(join(dir, 'notes', `n${String(i).padStart(2, '0')}.md`), `---\ngroup: g${i % 2}\n---\nWe give back. #reciprocity\n`);
    const piped = await run(['report', dir, '--format', 'csv']);
    const terminal = await run(['report', dir, '--format', 'csv'], { tty: true });
    expect(piped.stderr).toBe('');
    expect(terminal.stderr).toContain('Reading notes [');
    expect(terminal.stderr).toContain('60/60');
    expect(terminal.stdout).toBe(piped.stdout);
    expect((await run(['report', dir, '--format', 'csv', '--quiet'], { tty: true })).stderr).toBe('');
  });
});

describe('the real bin', () => {
  test('gives byte-identical output to main() and across runs', async () => {
    const first = runBin(['report', SMALL, '--format', 'json']);
    const second = runBin(['report', SMALL, '--format', 'json']);
    expect(first.code).toBe(0);
    expect(first.stdout).toBe(second.stdout);
    expect(first.stdout).toBe((await run(['report', SMALL, '--format', 'json'])).stdout);
  });

  test('a user mistake never shows a stack trace', () => {
    const result = runBin(['report', 'no/such/folder']);
    expect(result).toEqual({ code: 2, stdout: '', stderr: 'no/such/folder:1:1  error  Cannot find `no/such/folder`: no such file or folder  [missing-file]\n\n1 error\n' });
  });

  test('a reader that stops early (| head) ends the run quietly', () => {
    // Far more output than a pipe buffer holds, so writes continue after `head` has gone.
    const dir = tempDir();
    const paragraph = 'We gave back to each other, again and again, week after week. #reciprocity\n\n';
    for (let i = 0; i < 40; i++) writeFileSync(join(dir, `n${i}.md`), `---\ngroup: g\n---\n${paragraph.repeat(50)}`);
    const piped = spawnSync('bash', ['-c', `node bin/fieldcode.js quotes "${dir}" --format json 2>"${dir}/err.txt" | head -c 20; echo; cat "${dir}/err.txt"; echo "status \${PIPESTATUS[0]}"`], { cwd: ROOT, encoding: 'utf8' });
    expect(piped.stdout).toBe('{\n  "fieldcode": "qu\nstatus 0\n');
  });

  test('--help documents exit codes and environment', () => {
    const result = runBin(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Exit codes:');
    expect(result.stdout).toContain('NO_COLOR');
  });
});
