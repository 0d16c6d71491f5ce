// `fieldcode practice class`: the teacher's roll-up over a folder of submissions.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run, tempDir } from '../helpers/cli.js';

function tag(path: string, start: string, code: string): void {
  const text = readFileSync(path, 'utf8');
  const at = text.indexOf(start);
  const end = text.indexOf('\n', at);
  writeFileSync(path, `${text.slice(0, end)} #${code}${text.slice(end)}`);
}

describe('practice class', () => {
  it('rolls up which codes, passages and mix-ups students get wrong most', async () => {
    const cwd = tempDir();
    for (const student of ['alice', 'bob', 'carol']) expect((await run(['practice', 'start', 'first-round', `class/${student}`], { cwd })).code).toBe(0);
    const note = (student: string) => join(cwd, 'class', student, 'notes', 'de-brug-I-observation.md');
    tag(note('alice'), 'Rosa immediately says', 'reciprocity');
    tag(note('bob'), 'Rosa immediately says', 'reciprocity');
    tag(note('alice'), 'During the break Rosa tells me', 'handling-resistance');
    const json = JSON.parse((await run(['practice', 'class', 'class', '--format', 'json'], { cwd })).stdout);
    expect(json.students).toEqual(['alice', 'bob', 'carol']);
    const reciprocity = json.codes.find((c: any) => c.code === 'reciprocity');
    // The key has reciprocity twice (samen-sterk); every student misses both; alice and bob add it once.
    expect(reciprocity).toEqual({ code: 'reciprocity', missed: 6, added: 2, studentsMissed: 3, studentsAdded: 2 });
    expect(json.codes.find((c: any) => c.code === 'handling-resistance')).toMatchObject({ missed: 3 * 3 - 1, studentsMissed: 3 });
    const rosa = json.passages.find((p: any) => p.kind === 'added' && p.code === 'reciprocity');
    expect(rosa).toMatchObject({ note: 'brug-I-obs', students: ['alice', 'bob'] });
    expect(rosa.quote).toMatch(/^Rosa immediately says/);
    expect(json.passages[0].students).toEqual(['alice', 'bob', 'carol']);
    expect(json.confusions).toEqual([{ used: 'reciprocity', key: 'mutual-support.practical', students: ['alice', 'bob'] }]);
    const text = await run(['practice', 'class', 'class', '--top', '3'], { cwd, env: { NO_COLOR: '1' } });
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Class roll-up: First round');
    expect(text.stdout).toContain('3 students');
    expect(text.stdout).toContain('Passages most students got wrong (top 3 of');
    expect(text.stdout).toContain('  2/3  reciprocity for mutual-support.practical  (alice, bob)');
    const md = await run(['practice', 'class', 'class', '--format', 'markdown'], { cwd });
    expect(md.stdout).toContain('| `reciprocity` | 6 | 2 | 3/3 | 2/3 |');
  });

  it('bad input: no submissions, a bad --top', async () => {
    const cwd = tempDir();
    expect((await run(['practice', 'class', 'nowhere'], { cwd })).code).toBe(2);
    expect((await run(['practice', 'class', '.'], { cwd })).code).toBe(2);
  });
});
