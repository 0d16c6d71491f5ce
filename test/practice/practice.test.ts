import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { EXAMPLE, ROOT, run, runBin, tempDir } from '../helpers/cli.js';
import { loadProject } from '../../src/cli/project.js';
import { readFolder } from '../../src/cli/agree-sources.js';
import { write } from '../agree/helpers.js';

const EXERCISE = join(EXAMPLE, 'exercises', 'first-round');

/** Adds `#code` to the end of the paragraph that starts with `start`. */
function tag(path: string, start: string, code: string): void {
  const text = readFileSync(path, 'utf8');
  const at = text.indexOf(start);
  expect(at, start).toBeGreaterThanOrEqual(0);
  const end = text.indexOf('\n', at);
  writeFileSync(path, `${text.slice(0, end)} #${code}${text.slice(end)}`);
}

interface ScoreJson {
  notes: number;
  segments: number;
  summary: string[];
  codes: Array<{ code: string; key: number; you: number; found: number; missed: number; added: number; kappa: { value: number | null } }>;
  overall: { key: number; you: number; found: number; missed: number; added: number; kappa: { value: number | null } };
  items: Array<{ kind: string; code: string; path: string; line: number; quote: string }>;
}

describe('the bundled exercise', () => {
  it('has uncoded notes that match the key paragraph for paragraph, outside the example project’s notes', () => {
    const uncoded = readFolder(ROOT, join(EXERCISE, 'notes'), undefined);
    const key = readFolder(ROOT, join(EXERCISE, 'key'), undefined);
    expect(uncoded.notes).toHaveLength(2);
    expect(uncoded.codings).toEqual([]);
    expect(key.codings).toHaveLength(14);
    const norm = (t: string) => t.replace(/\s+/g, ' ').trim();
    for (const [i, { note }] of key.notes.entries()) expect(uncoded.notes[i].note.segments.map((s) => norm(s.text))).toEqual(note.segments.map((s) => norm(s.text)));
    // The example project does not pick up exercise files.
    const project = loadProject(ROOT, { dir: EXAMPLE });
    expect(project.corpus.notes.some((n) => n.path.includes('exercises'))).toBe(false);
    const exercise = parseYaml(readFileSync(join(EXERCISE, 'exercise.yaml'), 'utf8')) as { title: string; codebook: string };
    expect(existsSync(join(EXERCISE, exercise.codebook))).toBe(true);
    expect(readdirSync(join(EXERCISE, 'key')).sort()).toEqual(readdirSync(join(EXERCISE, 'notes')).sort());
  });
});

describe('fieldcode practice (real CLI)', () => {
  it('list, start, code by hand, score: found, missed and added with quotes and guidance', () => {
    const cwd = tempDir();
    const list = runBin(['practice', 'list'], { cwd });
    expect(list.stdout).toContain('first-round  First round');

    const start = runBin(['practice', 'start', 'first-round', 'mine'], { cwd });
    expect(start.code).toBe(0);
    expect(start.stdout).toContain('2 notes to code in mine/notes');
    expect(start.stdout).toContain('fieldcode practice score mine');
    expect(readdirSync(join(cwd, 'mine')).sort()).toEqual(['codebook.yaml', 'fieldcode.yaml', 'notes', 'practice.yaml']);

    // Nothing coded yet: encouragement, and the key is not given away.
    const empty = runBin(['practice', 'score', 'mine'], { cwd });
    expect(empty.code).toBe(0);
    expect(empty.stdout).toContain('You have not coded anything yet');
    expect(empty.stdout).not.toContain('missed');

    const obs = join(cwd, 'mine', 'notes', 'de-brug-I-observation.md');
    tag(obs, 'Rosa immediately says', 'mutual-support.practical'); // in the key
    tag(obs, 'Femke asks the group what Mirjam', 'feedback'); // in the key
    tag(obs, 'The group meets in the back room', 'mutual-support.practical'); // not in the key
    const result = runBin(['practice', 'score', 'mine', '--format', 'json'], { cwd });
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as ScoreJson;
    expect(json.notes).toBe(2);
    expect(json.overall).toMatchObject({ key: 14, you: 3, found: 2, missed: 12, added: 1 });
    expect(json.summary[0]).toBe("You found 2 of the key's 14 codings (14%), and added 1 coding the key does not have.");
    const practical = json.codes.find((c) => c.code === 'mutual-support.practical')!;
    expect(practical).toMatchObject({ key: 2, you: 2, found: 1, missed: 1, added: 1 });
    const added = json.items.find((i) => i.kind === 'added')!;
    expect(added).toMatchObject({ code: 'mutual-support.practical', path: 'mine/notes/de-brug-I-observation.md', line: 22 });
    expect(added.quote.startsWith('The group meets in the back room of the community centre')).toBe(true);
    expect(json.items.filter((i) => i.kind === 'found').map((i) => [i.code, i.line])).toEqual([
      ['feedback', 38],
      ['mutual-support.practical', 30],
    ]);

    const text = runBin(['practice', 'score', 'mine'], { cwd });
    expect(text.stdout).toContain('Well spotted');
    expect(text.stdout).toMatch(/✓ feedback: mine\/notes\/de-brug-I-observation\.md:38/);
    expect(text.stdout).toContain('Worth a second look');
    expect(text.stdout).toMatch(/added \(you have it, the key does not\) {2}mine\/notes\/de-brug-I-observation\.md:22/);
    // The code's definition, use_when, not_when and examples are shown with the differences.
    expect(text.stdout).toMatch(/mutual-support\.practical — Practical support\n {2}definition: Concrete help between participants/);
    expect(text.stdout).toContain('not when:   The help is explicitly returned or traded');
    expect(text.stdout).toContain('example:    “Marco came with me to the housing office');
    expect(text.stdout).not.toMatch(/NaN/);
  }, 60_000);

  it('a perfect score, and markdown output', async () => {
    const cwd = tempDir();
    expect((await run(['practice', 'start', 'first-round', 'p'], { cwd })).code).toBe(0);
    // Copy the key's files over the working copies: same text, same tags.
    for (const name of readdirSync(join(EXERCISE, 'key'))) writeFileSync(join(cwd, 'p', 'notes', name), readFileSync(join(EXERCISE, 'key', name)));
    const json = JSON.parse((await run(['practice', 'score', 'p', '--format', 'json'], { cwd })).stdout) as ScoreJson;
    expect(json.overall).toMatchObject({ key: 14, you: 14, found: 14, missed: 0, added: 0, kappa: { value: 1 } });
    const md = await run(['practice', 'score', 'p', '--format', 'markdown'], { cwd });
    expect(md.stdout).toContain('You match the key on every paragraph. Excellent work!');
    expect(md.stdout).toContain('| **all codes** | 14 | 14 | 14 | 0 | 0 | 1.000 |');
  });

  it("with the student's own instructor's key (--key DIR): start strips the tags, score compares", async () => {
    const cwd = tempDir();
    write(cwd, {
      'instructor/week1.md': '---\nid: week1\n---\nShe fixed my bike, so now I do her forms. #reciprocity\n\nWe meet on Tuesdays.\n\nJan told me my CV undersold me. #feedback\n',
    });
    const start = await run(['practice', 'start', '--key', 'instructor', 'student'], { cwd });
    expect(start.code).toBe(0);
    expect(readFileSync(join(cwd, 'student', 'notes', 'week1.md'), 'utf8')).toBe('---\nid: week1\n---\nShe fixed my bike, so now I do her forms.\n\nWe meet on Tuesdays.\n\nJan told me my CV undersold me.\n');
    tag(join(cwd, 'student', 'notes', 'week1.md'), 'She fixed my bike', 'reciprocity');
    tag(join(cwd, 'student', 'notes', 'week1.md'), 'We meet on Tuesdays', 'network-growth');
    // The key's path is remembered in practice.yaml; --key also works explicitly.
    for (const argv of [['practice', 'score', 'student', '--format', 'json'], ['practice', 'score', 'student', '--key', 'instructor', '--format', 'json']]) {
      const json = JSON.parse((await run(argv, { cwd })).stdout) as ScoreJson;
      expect(json.overall).toMatchObject({ key: 2, you: 2, found: 1, missed: 1, added: 1 });
      // Units: 3 paragraphs × 3 codes; table [[6,1],[1,1]]: κ = (9·7 − (7·7 + 2·2))/(81 − 53) = 10/28.
      expect(json.overall.kappa.value).toBeCloseTo(10 / 28, 12);
    }
  });

  it('bad input: unknown exercise and non-empty folder exit 2; a missing note and a typo in a code exit 1', async () => {
    const cwd = tempDir();
    const flag = await run(['practice', 'score', '--bogus'], { cwd });
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain("unknown option '--bogus'");
    const unknown = await run(['practice', 'start', 'nope'], { cwd });
    expect(unknown.code).toBe(2);
    // `fieldcode practice start ` is 25 characters: the name starts at column 26.
    expect(unknown.stderr).toContain('<command line>:1:26  error  Cannot find exercise `nope`, expected one of `first-round`');
    expect((await run(['practice', 'start', 'first-round', 'p'], { cwd })).code).toBe(0);
    const again = await run(['practice', 'start', 'first-round', 'p'], { cwd });
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/^<command line>:1:38 {2}error {2}Cannot start in `p`: it exists and is not empty \(pass --force to write into it\) {2}\[invalid-option\]$/m);

    tag(join(cwd, 'p', 'notes', 'de-brug-I-observation.md'), 'Rosa immediately says', 'mutual-suport.practical');
    const typo = await run(['practice', 'score', 'p'], { cwd });
    expect(typo.code).toBe(1);
    expect(typo.stderr).toMatch(/p\/notes\/de-brug-I-observation\.md:30:\d+ {2}error {2}Unexpected code `mutual-suport\.practical`.*\[unknown-code\]/);

    const { rmSync } = await import('node:fs');
    rmSync(join(cwd, 'p', 'notes', 'samen-sterk-II-focus-group.md'));
    const missing = await run(['practice', 'score', 'p'], { cwd });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('error  Missing note `samen-II-fg` in your folder');
  });
});
