// End to end through the CLI (in-process `main()` and the real bin): standoff
// codings beside a note are read by check, report and quotes; moved text is
// re-anchored, lost text is an orphan error with its location.
import { existsSync, linkSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, run, runBin, tempDir } from '../helpers/cli.js';
import { serializeStandoff, standoffCodingFromSpan, type StandoffDocument } from '../../src/standoff/format.js';

const CODEBOOK = `name: Test codebook
version: "1"
codes:
  - id: mechanisms
    label: Mechanisms
    codes:
      - id: reciprocity
        label: Reciprocity
      - id: feedback
        label: Feedback
`;

const NOTE = `---
id: anna
group: de-brug
phase: I
---
Anna: We always help each other 😀 at harvest, it is how it goes.

Ben: Reciprocity is expected here, nobody keeps score.

Anna: You tell me when I am wrong, and I tell you.
`;

function span(text: string, quote: string, code: string, coder?: string, memo?: string) {
  const at = text.indexOf(quote);
  const start = [...text.slice(0, at)].length;
  return standoffCodingFromSpan(text, start, start + [...quote].length, { code, coder, memo })!;
}

function project(): { dir: string; standoff: StandoffDocument } {
  const dir = join(tempDir(), 'proj');
  mkdirSync(join(dir, 'notes'), { recursive: true });
  writeFileSync(join(dir, 'fieldcode.yaml'), 'name: t\ncodebook: codebook.yaml\nnotes: ["notes/**/*.md"]\ncoder: me\nvariables:\n  group: {}\n  phase: {}\n');
  writeFileSync(join(dir, 'codebook.yaml'), CODEBOOK);
  writeFileSync(join(dir, 'notes', 'anna.md'), NOTE);
  const standoff: StandoffDocument = {
    version: 'standoff/1',
    note: 'anna.md',
    coder: 'rater-1',
    codings: [
      span(NOTE, 'help each other 😀 at harvest', 'reciprocity', undefined, 'giving back'),
      span(NOTE, 'harvest, it is how it goes.\n\nBen: Reciprocity is expected', 'reciprocity', 'rater-2'),
      span(NOTE, 'Reciprocity is expected here', 'feedback', 'rater-2'),
      span(NOTE, 'You tell me when I am wrong', 'feedback'),
    ],
  };
  writeFileSync(join(dir, 'notes', 'anna.codings.yaml'), serializeStandoff(standoff));
  return { dir, standoff };
}

interface Row {
  code: string;
  cell: Record<string, string>;
  codings: number;
  segments: number;
}

describe('standoff codings through the CLI', () => {
  it('check, report and quotes see standoff codings from several coders', async () => {
    const { dir } = project();
    const check = await run(['check', dir]);
    expect(check.stderr).toContain('4 codings: no errors found');
    expect(check.code).toBe(0);

    const report = await run(['report', dir, '--format', 'json', '--by', 'coder']);
    expect(report.code).toBe(0);
    const rows = (JSON.parse(report.stdout) as { rows: Row[] }).rows;
    const get = (code: string, coder: string) => rows.find((r) => r.code === code && r.cell.coder === coder);
    expect(get('reciprocity', 'rater-1')!.codings).toBe(1);
    expect(get('reciprocity', 'rater-2')!.codings).toBe(1);
    expect(get('reciprocity', 'rater-2')!.segments).toBe(2); // crosses a paragraph break
    expect(get('feedback', 'rater-2')!.codings).toBe(1);
    expect(get('feedback', 'rater-1')!.codings).toBe(1);

    const onlyTwo = JSON.parse((await run(['report', dir, '--format', 'json', '--coder', 'rater-2'])).stdout) as { totals: { codings: number } };
    expect(onlyTwo.totals.codings).toBe(2);

    const quotes = await run(['quotes', dir, '--code', 'reciprocity', '--format', 'json']);
    expect(quotes.code).toBe(0);
    expect(quotes.stdout).toContain('help each other 😀 at harvest');
  });

  it('re-anchors codings when the note was edited above them', async () => {
    const { dir } = project();
    writeFileSync(join(dir, 'notes', 'anna.md'), NOTE.replace('---\nAnna: We always', '---\nInterviewer: Tell me 🌾 about the group.\n\nAnna: We always'));
    const check = await run(['check'], { cwd: dir });
    expect(check.code).toBe(0);
    expect(check.stderr).toMatch(/^notes\/anna\.codings\.yaml:\d+:5 +info +Re-anchored coding `reciprocity`/m);
    expect(check.stderr).toContain('4 codings: no errors found');
    const quotes = await run(['quotes', dir, '--code', 'feedback', '--format', 'json']);
    expect(quotes.stdout).toContain('You tell me when I am wrong');
  });

  it('reports an orphaned coding as an error at its entry, exit 1', async () => {
    const { dir } = project();
    writeFileSync(join(dir, 'notes', 'anna.md'), NOTE.replace('You tell me when I am wrong', 'You say so when I err'));
    const yaml = readFileSync(join(dir, 'notes', 'anna.codings.yaml'), 'utf8');
    const check = await run(['check'], { cwd: dir });
    expect(check.code).toBe(1);
    const orphan = check.stderr.split('\n').find((l) => l.includes('orphaned-coding'))!;
    expect(orphan).toMatch(/^notes\/anna\.codings\.yaml:\d+:5 +error +Orphaned coding `feedback` \(rater-1, \d+–\d+\): its quote "You tell me when I am wrong" is no longer in notes\/anna\.md +\[orphaned-coding\]$/);
    const reported = Number(/:(\d+):5/.exec(orphan)![1]);
    expect(yaml.split('\n')[reported - 1]).toBe('  - code: feedback');
    expect(yaml.split('\n')[reported]).toMatch(/^ {4}start: \d+$/);
    const report = await run(['report', dir, '--format', 'json']);
    expect(report.code).toBe(1);
  });

  it('reports a bad standoff file with its position and never a stack trace', async () => {
    const { dir } = project();
    writeFileSync(join(dir, 'notes', 'anna.codings.yaml'), 'fieldcode: standoff/9\nnote: anna.md\ncodings: []\n');
    const check = await run(['check'], { cwd: dir });
    expect(check.code).toBe(1);
    expect(check.stderr).toMatch(/^notes\/anna\.codings\.yaml:1:12 +error +Unknown standoff version `standoff\/9`.*\[standoff-version\]/m);
    writeFileSync(join(dir, 'notes', 'anna.codings.yaml'), 'fieldcode: standoff/1\nnote: anna.md\ncodings:\n  - code: reciprocity\n    start: 10\n    end: 4\n    quote: x\n');
    const bad = await run(['check'], { cwd: dir });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^notes\/anna\.codings\.yaml:6:10 +error +Coding #1 ends at 4, not after its start 10 +\[standoff-bad-offsets\]/m);
    writeFileSync(join(dir, 'notes', 'anna.codings.yaml'), 'fieldcode: standoff/1\nnote: gone.md\ncodings: []\n');
    const missing = await run(['check', dir]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('standoff-note-missing');
  });
});

describe('fieldcode import: bad input', () => {
  const sources = (): string => {
    const dir = join(tempDir(), 'src');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'anna.md'), NOTE);
    return dir;
  };

  it('a row with an unknown document: error with CSV line:col, exit 1, nothing written', async () => {
    const src = sources();
    const csv = join(src, '..', 'codings.csv');
    writeFileSync(csv, 'doc,coder,code,start,end\nanna,r1,Reciprocity,0,4\nanne,r1,Reciprocity,0,4\n');
    const into = join(src, '..', 'out');
    const result = await run(['import', csv, '--sources', src, '--into', into]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/codings\.csv:3:1 +error +Unknown document `anne` \(did you mean `anna`\?\).*\[unknown-document\]/);
    expect(existsSync(into)).toBe(false);
  });

  it('bad flags and missing files exit 2', async () => {
    const src = sources();
    const csv = join(src, '..', 'codings.csv');
    writeFileSync(csv, 'doc,coder,code,start,end\nanna,r1,x,0,4\n');
    expect((await run(['import', csv, '--into', join(src, '..', 'o'), '--offsets', 'bytes'])).code).toBe(2);
    const missing = await run(['import', join(src, 'nope.csv'), '--into', join(src, '..', 'o')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Cannot find');
    const noSources = await run(['import', csv, '--into', join(src, '..', 'empty')]);
    expect(noSources.code).toBe(2);
    expect(noSources.stderr).toContain('--sources');
  });

  it('imports a codebook-only CSV and an indented list', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'codes.csv'), 'path,memo\nMechanisms,Top\nMechanisms > Give back,\n');
    const csv = await run(['import', join(dir, 'codes.csv'), '--into', join(dir, 'a')]);
    expect(csv.code).toBe(0);
    expect(readFileSync(join(dir, 'a', 'codebook.yaml'), 'utf8')).toContain('- id: give-back\n        label: Give back');
    writeFileSync(join(dir, 'codes.txt'), 'Mechanisms\n  Give back\n');
    const list = await run(['import', join(dir, 'codes.txt'), '--into', join(dir, 'b')]);
    expect(list.code).toBe(0);
    const check = await run(['codebook', '--help']);
    expect(check.code).toBe(0);
    expect(readdirSync(join(dir, 'b'))).toEqual(['codebook.yaml']);
    // A codebook-only import may leave out --into: it writes into the current folder.
    mkdirSync(join(dir, 'c'));
    const here = await run(['import', join(dir, 'codes.txt')], { cwd: join(dir, 'c') });
    expect(here.code).toBe(0);
    expect(readdirSync(join(dir, 'c'))).toEqual(['codebook.yaml']);
    // A codings CSV may not.
    writeFileSync(join(dir, 'codings.csv'), 'doc,coder,code,start,end\na,r,x,0,1\n');
    const missing = await run(['import', join(dir, 'codings.csv')], { cwd: join(dir, 'c') });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Missing --into');
  });

  it.skipIf(!existsSync(join(BIN, '..', '..', 'dist', 'cli', 'main.js')))('the real bin: exit 1 and a one-line diagnostic, no stack trace', () => {
    const src = sources();
    const csv = join(src, '..', 'codings.csv');
    writeFileSync(csv, 'doc,coder,code,start,end,text\nanna,r1,Reciprocity,0,4,Anna\nanna,r1,Reciprocity,0,9999,x\n');
    const result = runBin(['import', csv, '--sources', src, '--into', join(src, '..', 'out')], { cwd: join(src, '..') });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^codings\.csv:3:\d+ +error +Offsets 0–9999 lie outside the body of notes\/anna\.md/m);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(src, '..', 'out'))).toBe(false);
  });
});

describe('fieldcode standoff [--fix]', () => {
  async function standoff(argv: string[], cwd: string) {
    const { Command } = await import('commander');
    const { registerStandoff } = await import('../../src/cli/commands/standoff.js');
    const { PassThrough } = await import('node:stream');
    let stdout = '';
    let stderr = '';
    const out = Object.assign(new PassThrough(), { write: (c: string) => ((stdout += c), true) });
    const err = Object.assign(new PassThrough(), { write: (c: string) => ((stderr += c), true) });
    const ctx = { io: { argv, env: {}, cwd, stdin: new PassThrough(), stdout: out, stderr: err } as never, exitCode: 0 };
    const program = new Command('fieldcode').exitOverride();
    registerStandoff(program, ctx);
    await program.parseAsync(argv, { from: 'user' });
    return { code: ctx.exitCode, stdout, stderr };
  }

  it('--fix that cannot write a file is a fatal write-failed diagnostic at it, exit 2', async () => {
    const { dir } = project();
    const edited = NOTE.replace('---\nAnna: We always', '---\nInterviewer: Tell me about it.\n\nAnna: We always');
    writeFileSync(join(dir, 'notes', 'anna.md'), edited);
    // A second hard link: rewriting the file would split it from its twin, so the write is refused (even for root).
    linkSync(join(dir, 'notes', 'anna.codings.yaml'), join(dir, 'twin.yaml'));
    const before = readFileSync(join(dir, 'notes', 'anna.codings.yaml'), 'utf8');
    const fix = await run(['standoff', '--fix'], { cwd: dir });
    expect(fix.code).toBe(2);
    expect(fix.stdout).toBe('');
    expect(fix.stderr).toMatch(/^notes\/anna\.codings\.yaml:1:1  error  Cannot write `notes\/anna\.codings\.yaml`: .*  \[write-failed\]\n/m);
    expect(readFileSync(join(dir, 'notes', 'anna.codings.yaml'), 'utf8')).toBe(before);
  });

  it('lists anchoring per file, and --fix writes re-anchored offsets back', async () => {
    const { dir } = project();
    const before = readFileSync(join(dir, 'notes', 'anna.codings.yaml'), 'utf8');
    const clean = await standoff(['standoff'], dir);
    expect(clean.code).toBe(0);
    expect(await run(['standoff'], { cwd: dir })).toMatchObject({ code: 0, stdout: clean.stdout });
    expect(clean.stdout).toBe('notes/anna.codings.yaml  4 codings: 4 in place, 0 re-anchored, 0 orphaned\n');

    const edited = NOTE.replace('---\nAnna: We always', '---\nInterviewer: Tell me 🌾 about it.\n\nAnna: We always').replace('You tell me when I am wrong', 'You say so when I err');
    writeFileSync(join(dir, 'notes', 'anna.md'), edited);
    const status = await standoff(['standoff'], dir);
    expect(status.code).toBe(1);
    expect(status.stdout).toBe('notes/anna.codings.yaml  4 codings: 0 in place, 3 re-anchored, 1 orphaned\n');
    expect(status.stderr).toContain('[orphaned-coding]');
    expect(readFileSync(join(dir, 'notes', 'anna.codings.yaml'), 'utf8')).toBe(before);

    const fix = await standoff(['standoff', '--fix'], dir);
    expect(fix.code).toBe(1); // the orphan remains for a person to resolve
    expect(fix.stdout).toContain('3 re-anchored, 1 orphaned (fixed)');
    const after = readFileSync(join(dir, 'notes', 'anna.codings.yaml'), 'utf8');
    expect(after).not.toBe(before);
    expect(after).toContain('quote: You tell me when I am wrong'); // orphan kept as it was
    const again = await standoff(['standoff'], dir);
    expect(again.stdout).toBe('notes/anna.codings.yaml  4 codings: 3 in place, 0 re-anchored, 1 orphaned\n');
    // The rewritten file still round-trips through check with the same codings.
    const check = await run(['check'], { cwd: dir });
    expect(check.stderr).not.toContain('reanchored-coding');
    expect(check.stderr).toContain('[orphaned-coding]');
  });
});

describe('standoff files anywhere, one per coder', () => {
  it('reads several files for one note, from another folder', async () => {
    const { dir, standoff } = project();
    const { rmSync } = await import('node:fs');
    rmSync(join(dir, 'notes', 'anna.codings.yaml'));
    mkdirSync(join(dir, 'codings'));
    const one: StandoffDocument = { version: 'standoff/1', note: '../notes/anna.md', coder: 'ana', codings: standoff.codings.slice(0, 2).map(({ coder: _c, ...c }) => c) };
    const two: StandoffDocument = { version: 'standoff/1', note: '../notes/anna.md', coder: 'bo', codings: standoff.codings.slice(1).map(({ coder: _c, ...c }) => c) };
    writeFileSync(join(dir, 'codings', 'anna-ana.codings.yaml'), serializeStandoff(one));
    writeFileSync(join(dir, 'codings', 'anna-bo.codings.yaml'), serializeStandoff(two));
    const report = await run(['report', '--format', 'json', '--by', 'coder'], { cwd: dir });
    expect(report.code).toBe(0);
    const rows = (JSON.parse(report.stdout) as { rows: Row[] }).rows;
    const count = (code: string, coder: string) => rows.find((r) => r.code === code && r.cell.coder === coder)?.codings ?? 0;
    expect([count('reciprocity', 'ana'), count('feedback', 'ana'), count('reciprocity', 'bo'), count('feedback', 'bo')]).toEqual([2, 0, 1, 2]);
  });
});
