// `practice score --submission`: another tool's coding of the exercise, as a
// CSV of codings (e.g. an LLM run) or a REFI-QDA .qdpx, scored against the key.
import { cpSync, existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { EXAMPLE, run, tempDir } from '../helpers/cli.js';

const KEY = join(EXAMPLE, 'exercises', 'first-round', 'key');

function bodySpan(note: string, words: string): [number, number] {
  const body = note.slice(note.indexOf('\n---\n', 3) + 5);
  const at = body.indexOf(words);
  expect(at).toBeGreaterThanOrEqual(0);
  const end = body.indexOf('\n', at);
  return [[...body.slice(0, at)].length, [...body.slice(0, end)].length];
}

const temps = () => readdirSync(tmpdir()).filter((n) => n.startsWith('fieldcode-submission-')).length;

describe('practice score --submission', () => {
  it('a CSV of codings (an LLM run) is scored like a student, and its temporary copy is removed', async () => {
    const cwd = tempDir();
    expect((await run(['practice', 'start', 'first-round', 'mine'], { cwd })).code).toBe(0);
    const note = readFileSync(join(cwd, 'mine', 'notes', 'de-brug-I-observation.md'), 'utf8');
    const [s1, e1] = bodySpan(note, 'Rosa immediately says');
    const [s2, e2] = bodySpan(note, 'Mirjam says quietly');
    writeFileSync(join(cwd, 'run.csv'), `doc,coder,code,start,end\nde-brug-I-observation,llm,reciprocity,${s1},${e1}\nde-brug-I-observation,llm,mutual-support.emotional,${s2},${e2}\n`);
    const before = temps();
    const r = await run(['practice', 'score', 'mine', '--submission', 'run.csv', '--format', 'json'], { cwd });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.overall).toMatchObject({ found: 1, added: 1, key: 14 });
    expect(json.items.find((i: any) => i.kind === 'found')).toMatchObject({ code: 'mutual-support.emotional', path: 'run.csv:notes/de-brug-I-observation.md' });
    expect(json.confusions.map((c: any) => [c.used, c.key])).toEqual([['reciprocity', 'mutual-support.practical']]);
    expect(temps()).toBe(before);
    // The practice folder itself is untouched.
    expect(readFileSync(join(cwd, 'mine', 'notes', 'de-brug-I-observation.md'), 'utf8')).toBe(note);
  });

  it('a .qdpx exported from the key scores as a perfect match', async () => {
    const cwd = tempDir();
    expect((await run(['practice', 'start', 'first-round', 'mine'], { cwd })).code).toBe(0);
    // The key as another tool would have it: a project exported to REFI-QDA.
    cpSync(KEY, join(cwd, 'other', 'notes'), { recursive: true });
    cpSync(join(cwd, 'mine', 'codebook.yaml'), join(cwd, 'other', 'codebook.yaml'));
    writeFileSync(join(cwd, 'other', 'fieldcode.yaml'), 'name: other tool\ncodebook: codebook.yaml\nnotes: ["notes/**/*.md"]\n');
    const exported = await run(['export', 'other', '-o', 'other.qdpx', '-q'], { cwd });
    expect(exported.code, exported.stderr).toBe(0);
    expect(existsSync(join(cwd, 'other.qdpx'))).toBe(true);
    const r = await run(['practice', 'score', 'mine', '--submission', 'other.qdpx', '--format', 'json'], { cwd });
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.overall).toMatchObject({ key: 14, found: 14, missed: 0, added: 0 });
  });

  it('bad input: another extension exits 2; a CSV naming an unknown note is a positioned error', async () => {
    const cwd = tempDir();
    expect((await run(['practice', 'start', 'first-round', 'mine'], { cwd })).code).toBe(0);
    writeFileSync(join(cwd, 'run.txt'), 'x');
    const txt = await run(['practice', 'score', 'mine', '--submission', 'run.txt'], { cwd });
    expect(txt.code).toBe(2);
    expect(txt.stderr).toContain('<command line>:1:31  error  Unexpected `--submission run.txt`, expected a REFI-QDA project (.qdpx) or a CSV of codings');
    const qdpx = await run(['practice', 'score', 'mine', '--submission', 'gone.qdpx'], { cwd });
    expect(qdpx.code).toBe(2);
    expect(qdpx.stderr).toMatch(/^<command line>:1:31 {2}error {2}Cannot read `gone\.qdpx`: ENOENT {2}\[unreadable-file\]$/m);
    expect(qdpx.stderr).not.toMatch(/\n\s+at /);
    writeFileSync(join(cwd, 'run.csv'), 'doc,coder,code,start,end\nno-such-note,llm,reciprocity,0,10\n');
    const r = await run(['practice', 'score', 'mine', '--submission', 'run.csv'], { cwd });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^run\.csv:2:1 +error/m);
  });
});
