// `agree --by round`: agreement per coding round, from a front-matter `round`.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run, tempTree } from '../helpers/cli.js';
import { serializeStandoff, standoffCodingFromSpan } from '../../src/standoff/format.js';
import { codebookYaml } from './helpers.js';
import { git } from '../helpers/git.js';

function note(id: string, round: number | undefined, text: string): string {
  return `---\nid: ${id}\n${round === undefined ? '' : `round: ${round}\n`}---\n${text}\n`;
}

function project(): string {
  const files: Record<string, string> = {
    'fieldcode.yaml': 'name: rounds\ncodebook: codebook.yaml\nnotes: ["notes/**/*.md"]\n',
    'codebook.yaml': codebookYaml(['a', 'b']),
  };
  // Round 1: anna and ben differ on both notes; round 2: they agree on both; one note has no round.
  const plan: Array<[string, number | undefined, string, string]> = [
    ['n1', 1, 'a', 'b'],
    ['n2', 1, 'a', 'b'],
    ['n3', 2, 'a', 'a'],
    ['n4', 2, 'b', 'b'],
    ['n5', undefined, 'a', 'a'],
  ];
  for (const [id, round, anna, ben] of plan) {
    const text = note(id, round, `The words of note ${id} for the coders.`);
    const start = text.indexOf('The words');
    const end = text.indexOf('.', start) + 1;
    files[`notes/${id}.md`] = text;
    files[`notes/${id}.codings.yaml`] = serializeStandoff({
      version: 'standoff/1',
      note: `${id}.md`,
      codings: [standoffCodingFromSpan(text, start, end, { code: anna, coder: 'anna' })!, standoffCodingFromSpan(text, start, end, { code: ben, coder: 'ben' })!],
    });
  }
  return tempTree(files);
}

describe('agree --by round', () => {
  it('one overall row per round, in order', async () => {
    const cwd = project();
    const json = JSON.parse((await run(['agree', '--by', 'round', '--format', 'json', '-q'], { cwd })).stdout);
    expect(json.rounds.map((r: any) => [r.round, r.notes, r.units, r.agreements])).toEqual([
      ['1', 2, 4, 0],
      ['2', 2, 4, 4],
    ]);
    expect(json.rounds[0].percent.value).toBe(0);
    expect(json.rounds[1].percent.value).toBe(1);
    // Round 2: (n3, a) and (n4, b) applied by both, (n3, b) and (n4, a) by neither: κ = 1.
    expect(json.rounds[1].kappa.value).toBeCloseTo(1, 12);
    expect(json.untagged).toBe(1);
    const text = await run(['agree', '--by', 'round'], { cwd, env: { NO_COLOR: '1' } });
    expect(text.code).toBe(0);
    expect(text.stdout.split('\n').slice(0, 5)).toEqual([
      'Agreement by round (segment unit, all codes)',
      '',
      'round  notes  units  agree      PA       κ    κ BP       α',
      '1          2      4      0    0.0%  -1.000  -1.000  -0.750',
      '2          2      4      4  100.0%   1.000   1.000   1.000',
    ]);
    expect(text.stdout).toContain('1 note has no `round` and is left out.');
  });

  it('a variable no note has is a usage error', async () => {
    const r = await run(['agree', '--by', 'wave'], { cwd: project() });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('<command line>:1:17  error  Unexpected `--by wave`: no compared note has `wave:` in its front matter, expected a variable such as `round: 1` on the notes  [invalid-option]');
  });
});


describe('agree --rounds (git tags)', () => {
  it('compares the project’s coders at each tagged round', async () => {
    const cwd = project();
    git(cwd, 'init', '-q', '-b', 'main');
    // Round 1 as tagged: on n3 ben still had b.
    const path = join(cwd, 'notes', 'n3.codings.yaml');
    const agreed = readFileSync(path, 'utf8');
    writeFileSync(path, agreed.replace(/code: a\n(\s+)coder: ben/, 'code: b\n$1coder: ben'));
    git(cwd, 'add', '.');
    git(cwd, 'commit', '-q', '-m', 'round 1');
    git(cwd, 'tag', 'round-1');
    writeFileSync(path, agreed);
    git(cwd, 'commit', '-q', '-am', 'round 2');
    git(cwd, 'tag', 'round-2');
    const r = await run(['agree', '--rounds', 'round-1,round-2', '--format', 'json', '-q'], { cwd });
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout);
    // All five notes each round; round 1 disagrees on n1, n2 and n3 (2 units each), round 2 on n1 and n2.
    expect(json.rounds.map((x: any) => [x.round, x.notes, x.units, x.agreements])).toEqual([
      ['round-1', 5, 10, 4],
      ['round-2', 5, 10, 6],
    ]);
    expect((await run(['agree', '--rounds', 'round-1,no-such-tag'], { cwd })).code).toBe(2);
  });
});
