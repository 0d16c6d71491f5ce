import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run, ROOT } from '../helpers/cli.js';
import { folderProject, standoffProject, write } from './helpers.js';

const FIXTURE = join(ROOT, 'test', 'fixtures', 'agree', 'folders');

interface Json {
  unit: string;
  coders: Array<{ name: string; source: string }>;
  codes: Array<{ code: string; units: number; coded: number; agreements: number; percent: { value: number | null }; percentCoded: { value: number | null }; kappa: { value: number | null; degenerate?: string; kind: string }; brennanPrediger: { value: number | null }; alpha: { value: number | null; degenerate?: string }; alphaInterval?: { value: number | null } }>;
  overall: Json['codes'][number];
  disagreements: Array<{ code: string; note: string; path: string; line: number; quote: string; verdicts: string[]; values: number[] }>;
  notCompared: { notes: unknown[]; segments: Array<{ path: string; line: number; text: string; codes: string[] }>; codings: unknown[] };
  warnings: string[];
}

async function agreeJson(argv: string[], cwd = ROOT): Promise<{ code: number; json: Json; stderr: string }> {
  const result = await run(['agree', ...argv, '--format', 'json'], { cwd });
  return { code: result.code, json: JSON.parse(result.stdout) as Json, stderr: result.stderr };
}

describe('fieldcode agree: folders of inline-coded copies', () => {
  it('computes per-code and overall coefficients that match a hand count', async () => {
    const { code, json } = await agreeJson([join(FIXTURE, 'anna'), join(FIXTURE, 'ben'), '-q']);
    expect(code).toBe(0);
    expect(json.coders.map((c) => c.name)).toEqual(['anna', 'ben']);
    // 4 + 3 paragraphs (the heading is not a segment).
    const feedback = json.codes.find((c) => c.code === 'feedback')!;
    expect(feedback.units).toBe(7);
    // anna: feedback on visit-2 ¶1; ben: on visit-1 ¶3 and visit-2 ¶1. Table [[5,1],[0,1]].
    expect(feedback.agreements).toBe(6);
    expect(feedback.percent.value).toBeCloseTo(6 / 7, 12);
    // p_e = (6·5 + 1·2)/49 = 32/49 → κ = (42 − 32)/(49 − 32) = 10/17.
    expect(feedback.kappa.value).toBeCloseTo(10 / 17, 12);
    expect(feedback.kappa.kind).toBe('cohen');
    expect(feedback.brennanPrediger.value).toBeCloseTo(2 * (6 / 7) - 1, 12);
    // α: 14 values, nine... zeros = 11, ones = 3, one disagreeing unit → 1 − 13·1/(11·3).
    expect(feedback.alpha.value).toBeCloseTo(1 - 13 / 33, 12);
    expect(json.overall.units).toBe(28);
    expect(json.overall.agreements).toBe(26);
  });

  it('lists every disagreement with the quote, path:line and who applied what', async () => {
    const { json } = await agreeJson([join(FIXTURE, 'anna'), join(FIXTURE, 'ben'), '-q']);
    expect(json.disagreements).toHaveLength(2);
    const [feedback, emotional] = json.disagreements;
    expect(feedback).toMatchObject({ code: 'feedback', note: 'visit-1', line: 10, verdicts: ['not applied', 'applied'] });
    expect(feedback.path).toMatch(/ben\/visit-1\.md$/);
    expect(feedback.quote).toBe('Anna explains the energy bill to Mirjam, and Mirjam later helps Anna with her CV.');
    expect(emotional).toMatchObject({ code: 'mutual-support.emotional', line: 8, verdicts: ['applied', 'not applied'] });
  });

  it('prints the table with use_when / not_when and the inflation warning', async () => {
    const result = await run(['agree', join(FIXTURE, 'anna'), join(FIXTURE, 'ben')]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('κ Cohen');
    expect(result.stdout).toMatch(/feedback\s+7\s+2\s+6\s+85\.7%\s+50\.0%\s+0\.588/);
    expect(result.stdout).toContain('use when');
    expect(result.stdout).toContain('not when');
    expect(result.stdout).toMatch(/visit-1\.md:10 {2}anna: not applied · ben: applied/);
    expect(result.stderr).toMatch(/warning {2}Agreement inflated by uncoded text: 78\.6% .*\[agreement-inflated\]/);
    expect(result.stdout).not.toMatch(/NaN/);
  });

  it('--code compares the requested codes, also one nobody used (zero variance: n/a and 1†)', async () => {
    const { json } = await agreeJson([join(FIXTURE, 'anna'), join(FIXTURE, 'ben'), '--code', 'network-growth', '--code', 'feedback', '-q']);
    expect(json.codes.map((c) => c.code)).toEqual(['feedback', 'network-growth']);
    const unused = json.codes[1];
    expect([unused.units, unused.agreements, unused.percent.value]).toEqual([7, 7, 1]);
    expect(unused.kappa).toEqual({ value: null, degenerate: 'no-variation', kind: 'cohen' });
    expect(unused.alpha).toEqual({ value: 1, degenerate: 'no-variation' });
    expect(json.overall.units).toBe(14);
  });

  it('writes a markdown report for the team discussion', async () => {
    const result = await run(['agree', join(FIXTURE, 'anna'), join(FIXTURE, 'ben'), '--format', 'markdown', '-q']);
    expect(result.stdout).toContain('| `feedback` | 7 | 2 | 6 | 85.7% | 50.0% | 0.588 | 0.714 | 0.606 |');
    expect(result.stdout).toContain('| **overall** | 28 | 6 | 26 | 92.9% | 66.7% | 0.757 | 0.857 | 0.761 |');
    expect(result.stdout).toContain('## Disagreements (2)');
    expect(result.stdout).toMatch(/### `feedback` — Feedback from peers \(1\)\n\n- \*\*Use when:\*\* /);
    expect(result.stdout).toContain('- **Not when:** ');
    expect(result.stdout).toMatch(/- `[^`]*ben\/visit-1\.md:10` — anna: not applied · ben: applied\n {2}> Anna explains the energy bill/);
  });

  it('gives byte-identical output on repeated runs, and a CSV summary', async () => {
    const a = await run(['agree', join(FIXTURE, 'anna'), join(FIXTURE, 'ben'), '--format', 'csv', '-q']);
    const b = await run(['agree', join(FIXTURE, 'anna'), join(FIXTURE, 'ben'), '--format', 'csv', '-q']);
    expect(a.stdout).toBe(b.stdout);
    const lines = a.stdout.trim().split('\n');
    expect(lines[0]).toBe('unit,code,units,coded,agreements,percent,percent_coded,kappa,kappa_kind,brennan_prediger,alpha,alpha_interval,degenerate,coded_by:anna,coded_by:ben');
    expect(lines.at(-1)).toMatch(/^segment,\*,28,6,26,/);
    const disagreements = await run(['agree', join(FIXTURE, 'anna'), join(FIXTURE, 'ben'), '--format', 'csv', '--show', 'disagreements', '-q']);
    expect(disagreements.stdout.split('\n')[0]).toBe('code,note,path,line,column,quote,anna,ben');
    expect(disagreements.stdout.trim().split('\n')).toHaveLength(3);
  });

  it('aligns copies whose tags differ and reports a segment one coder changed, without dropping it silently', async () => {
    const root = folderProject(
      ['a', 'b'],
      [{ id: 'n1', paragraphs: ['One two three.', 'Four five six.', 'Seven eight nine.'], applied: { a: [['x'], [], ['x']], b: [['x'], ['x'], []] } }],
      ['x'],
    );
    // b edited the last paragraph: it no longer aligns.
    write(root, { 'b/n1.md': '---\nid: n1\n---\nOne two three. #x\n\nFour five six. #x\n\nSeven eight nine, ten.\n' });
    const { code, json, stderr } = await agreeJson(['a', 'b', '--codebook', 'codebook.yaml'], root);
    expect(code).toBe(0);
    expect(json.overall.units).toBe(2);
    expect(json.notCompared.segments.map((s) => [s.path, s.line, s.codes])).toEqual([
      ['a/n1.md', 8, ['x']],
      ['b/n1.md', 8, []],
    ]);
    expect(stderr).toMatch(/a\/n1\.md:8:1 {2}warning {2}Segment not found in the copy of `b`; left out of the comparison\. 1 coding on it is not compared\. {2}\[agree-unaligned-segment\]/);
  });

  it('compares three coders with Fleiss’ kappa', async () => {
    const root = folderProject(
      ['a', 'b', 'c'],
      [{ id: 'n1', paragraphs: ['P one.', 'P two.', 'P three.'], applied: { a: [['x'], ['x'], []], b: [['x'], [], []], c: [['x'], ['x'], []] } }],
      ['x'],
    );
    const { json } = await agreeJson(['a', 'b', 'c', '--codebook', 'codebook.yaml', '-q'], root);
    const x = json.codes[0];
    // Counts (no, yes) per segment: (0,3), (1,2), (3,0): P̄ = (1 + 1/3 + 1)/3 = 7/9; p = (4/9, 5/9); P_e = 41/81.
    expect(x.kappa.kind).toBe('fleiss');
    expect(x.kappa.value).toBeCloseTo((7 / 9 - 41 / 81) / (1 - 41 / 81), 12);
    expect(x.percent.value).toBeCloseTo(7 / 9, 12);
  });
});

describe('fieldcode agree: bad input', () => {
  it('a note present for only one coder: error, exit 1, the shared notes still compared', async () => {
    const root = folderProject(['a', 'b'], [{ id: 'n1', paragraphs: ['Text one.'], applied: { a: [['x']], b: [['x']] } }], ['x']);
    write(root, { 'a/extra.md': '---\nid: extra\n---\nOnly a has this. #x\n' });
    const result = await run(['agree', 'a', 'b', '--codebook', 'codebook.yaml'], { cwd: root });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('a/extra.md:1:1  error  Unexpected note `extra` for `a` only, expected a copy for every coder (missing for `b`); coders must code the same notes  [agree-note-not-shared]');
    expect(result.stdout).toContain('note extra: only a (a/extra.md); missing for b');
  });

  it('coders with different note sets: every unshared note is an error', async () => {
    const root = folderProject(['a', 'b'], [{ id: 'n1', paragraphs: ['Text one.'], applied: { a: [['x']], b: [[]] } }], ['x']);
    write(root, { 'a/only-a.md': 'Alpha text. #x\n', 'b/only-b.md': 'Bravo text. #x\n' });
    const result = await run(['agree', 'a', 'b', '--codebook', 'codebook.yaml'], { cwd: root });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('a/only-a.md:1:1  error  Unexpected note `only-a.md` for `a` only');
    expect(result.stderr).toContain('b/only-b.md:1:1  error  Unexpected note `only-b.md` for `b` only');
  });

  it('two notes with one id in a folder: error, exit 1', async () => {
    const root = folderProject(['a', 'b'], [{ id: 'n1', paragraphs: ['Text one.'], applied: { a: [['x']], b: [['x']] } }], ['x']);
    write(root, { 'a/copy.md': '---\nid: n1\n---\nText one. #x\n' });
    const result = await run(['agree', 'a', 'b', '--codebook', 'codebook.yaml'], { cwd: root });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/a\/n1\.md:2:1 {2}error {2}Unexpected duplicate note id `n1`, already used by `a\/copy\.md` {2}\[duplicate-note-id\]/);
  });

  it('a code missing from the codebook: error with the code, exit 1', async () => {
    const root = folderProject(['a', 'b'], [{ id: 'n1', paragraphs: ['Text one.'], applied: { a: [['x']], b: [['nope']] } }], ['x']);
    const result = await run(['agree', 'a', 'b', '--codebook', 'codebook.yaml'], { cwd: root });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/b\/n1\.md:4:\d+ {2}error {2}Unexpected code `nope`, expected a code from `codebook\.yaml`.*\[unknown-code\]/);
    expect(result.stdout).toMatch(/nope \(not in codebook\)/);
  });

  it('a single coder: clear message, exit 1', async () => {
    const root = standoffProject(['a'], [{ id: 'd1', length: 50, spans: [{ code: 'a', coder: 'only-me', start: 0, end: 10 }] }]);
    const result = await run(['agree'], { cwd: root });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('error  Cannot compare coders: only `only-me` has codings, expected two or more coders');
  });

  it('zero variance (nobody coded anything): the documented convention, never NaN, exit 1', async () => {
    const root = folderProject(['a', 'b'], [{ id: 'n1', paragraphs: ['Text one.', 'Text two.'], applied: {} }], ['x', 'y']);
    const result = await run(['agree', 'a', 'b', '--codebook', 'codebook.yaml'], { cwd: root });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('No coder applied any code in the 1 compared note: nothing to agree or disagree on');
    expect(result.stdout).toMatch(/overall\s+4\s+0\s+4\s+100\.0%\s+n\/a\s+n\/a\s+1\.000\s+1\.000†/);
    expect(result.stdout).not.toMatch(/NaN/);
    const json = await agreeJson(['a', 'b', '--codebook', 'codebook.yaml'], root);
    expect(json.json.overall.kappa).toEqual({ value: null, degenerate: 'no-variation', kind: 'cohen' });
    expect(json.json.overall.alpha).toEqual({ value: 1, degenerate: 'no-variation' });
    // The gate does not pass on a conventional 1.
    const gated = await run(['agree', 'a', 'b', '--codebook', 'codebook.yaml', '--min-alpha', '0.5'], { cwd: root });
    expect(gated.stderr).toContain("Overall Krippendorff's alpha is 1.000† (undefined for these data), below --min-alpha 0.5");
  });

  it('flags: one --rev, a bad threshold, --min without overlap exit 2', async () => {
    expect((await run(['agree', '--rev', 'main'])).code).toBe(2);
    expect((await run(['agree', '--min-kappa', 'high'])).stderr).toContain('<command line>:1:17  error  Unexpected `--min-kappa high`, expected a number from -1 to 1');
    expect((await run(['agree', '--min', '0.8'])).code).toBe(2);
    expect((await run(['agree', '--unit', 'overlap', '--min-alpha', '0.8'])).code).toBe(2);
  });
});

describe('fieldcode agree: thresholds for CI', () => {
  it('--min-kappa and --min-alpha exit 1 below the threshold and 0 at or above it', async () => {
    const args = [join(FIXTURE, 'anna'), join(FIXTURE, 'ben'), '-q', '--show', 'summary'];
    const below = await run(['agree', ...args, '--min-kappa', '0.8']);
    expect(below.code).toBe(1);
    expect(below.stderr).toContain("error  Overall Cohen's kappa is 0.757, below --min-kappa 0.8  [agreement-below-threshold]");
    expect((await run(['agree', ...args, '--min-kappa', '0.75'])).code).toBe(0);
    expect((await run(['agree', ...args, '--min-alpha', '0.77'])).code).toBe(1);
    expect((await run(['agree', ...args, '--min-alpha', '0.76'])).code).toBe(0);
    expect((await run(['agree', ...args, '--min-agreement', '0.95'])).code).toBe(1);
  });
});

describe('fieldcode agree: coders in one project (standoff)', () => {
  it('leaves out notes only one coder coded, with a warning, and compares the rest', async () => {
    const root = standoffProject(['a', 'b'], [
      { id: 'd1', length: 100, spans: [{ code: 'a', coder: 'r1', start: 0, end: 20 }, { code: 'a', coder: 'r2', start: 0, end: 20 }] },
      { id: 'd2', length: 100, spans: [{ code: 'b', coder: 'r1', start: 0, end: 20 }] },
    ]);
    const result = await run(['agree', '--format', 'json'], { cwd: root });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('notes/d2.md:1:1  warning  Note `notes/d2.md` has codings by `r1` only; left out of the comparison (pass --all-notes if r2 coded it and found nothing)  [agree-note-not-shared]');
    expect((JSON.parse(result.stdout) as Json).overall.units).toBe(1);
    const all = JSON.parse((await run(['agree', '--format', 'json', '--all-notes', '--unit', 'document'], { cwd: root })).stdout) as Json;
    expect(all.codes.map((c) => [c.code, c.units, c.agreements])).toEqual([
      ['a', 2, 2],
      ['b', 2, 1],
    ]);
  });

  it('--coders picks coders and rejects unknown ones', async () => {
    const root = standoffProject(['a'], [{ id: 'd1', length: 100, spans: ['r1', 'r2', 'r3'].map((coder) => ({ code: 'a', coder, start: 0, end: 20 })) }]);
    const json = JSON.parse((await run(['agree', '--coders', 'r1,r3', '--format', 'json'], { cwd: root })).stdout) as Json;
    expect(json.coders.map((c) => c.name)).toEqual(['r1', 'r3']);
    const bad = await run(['agree', '--coders', 'r1,r9'], { cwd: root });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('<command line>:1:17  error  Unexpected coder `r9` in --coders, expected one of `r1`, `r2`, `r3`  [invalid-option]');
  });
});

describe('fieldcode agree: units', () => {
  const docs = [
    {
      id: 'd1',
      length: 200,
      spans: [
        { code: 'a', coder: 'c1', start: 0, end: 100 },
        { code: 'a', coder: 'c2', start: 5, end: 100 },
        { code: 'b', coder: 'c1', start: 120, end: 180 },
        { code: 'b', coder: 'c2', start: 150, end: 180 },
        { code: 'b', coder: 'c2', start: 190, end: 200 },
      ],
    },
  ];

  it('overlap: a span matches when |A ∩ B| / |A ∪ B| reaches --min; unmatched spans are the disagreements', async () => {
    const root = standoffProject(['a', 'b'], docs);
    const strict = JSON.parse((await run(['agree', '--unit', 'overlap', '--format', 'json'], { cwd: root })).stdout) as Json;
    // a: 95/100 both ways (2 matches of 2); b: 30/60 and nothing for [190,200): 0 of 3.
    expect(strict.codes.map((c) => [c.code, c.units, c.agreements])).toEqual([
      ['a', 2, 2],
      ['b', 3, 0],
    ]);
    expect(strict.overall.percent.value).toBeCloseTo(2 / 5, 12);
    expect(strict.overall.kappa.degenerate).toBe('not-defined');
    // MAXQDA's kappa, chance 1/2 (two codes compared): (2/5 − 1/2)/(1/2) = −1/5.
    expect(strict.overall.brennanPrediger.value).toBeCloseTo(-0.2, 12);
    const percent = JSON.parse((await run(['agree', '--unit', 'overlap', '--min-overlap', '50', '--format', 'json'], { cwd: root })).stdout) as Json;
    // 4 of 5 checks match at 50%: (4/5 − 1/2)/(1/2) = 3/5.
    expect(percent.overall.brennanPrediger.value).toBeCloseTo(0.6, 12);
    expect((await run(['agree', '--unit', 'overlap', '--min-overlap', '0.5'], { cwd: root })).code).toBe(0);
    expect((await run(['agree', '--unit', 'overlap', '--min-overlap', '150'], { cwd: root })).code).toBe(2);
    expect((await run(['agree', '--min-overlap', '90'], { cwd: root })).code).toBe(2);
    expect(strict.disagreements.map((d) => d.verdicts)).toEqual([
      ['coded this span', 'overlaps only 50%'],
      ['overlaps only 50%', 'coded this span'],
      ['did not code it', 'coded this span'],
    ]);
    const loose = JSON.parse((await run(['agree', '--unit', 'overlap', '--min', '0.5', '--format', 'json'], { cwd: root })).stdout) as Json;
    expect(loose.overall.agreements).toBe(4);
  });

  it('character: NVivo counts per code over all characters', async () => {
    const root = standoffProject(['a', 'b'], docs);
    const json = JSON.parse((await run(['agree', '--unit', 'character', '--format', 'json'], { cwd: root })).stdout) as Json;
    const a = json.codes[0];
    // both 95, only c1 5, neither 100: κ = (N·Σdiag − Σmargins)/(N² − Σmargins).
    const n = 200;
    const margins = 100 * 95 + 100 * 105;
    expect(a.units).toBe(200);
    expect(a.kappa.value).toBeCloseTo((n * 195 - margins) / (n * n - margins), 12);
    expect(a.percent.value).toBeCloseTo(195 / 200, 12);
  });

  it('three coders at every unit: Fleiss’ kappa where defined, no NaN anywhere', async () => {
    const root = standoffProject(['a'], [
      { id: 'd1', length: 100, spans: [{ code: 'a', coder: 'c1', start: 0, end: 50 }, { code: 'a', coder: 'c2', start: 0, end: 50 }, { code: 'a', coder: 'c3', start: 10, end: 50 }] },
    ]);
    for (const unit of ['segment', 'document', 'document-frequency', 'overlap', 'character']) {
      const result = await run(['agree', '--unit', unit, '--format', 'json', '-q'], { cwd: root });
      expect(result.stdout, unit).not.toContain('NaN');
      const json = JSON.parse(result.stdout) as Json;
      expect(json.coders, unit).toHaveLength(3);
      expect(json.overall.kappa.kind, unit).toBe('fleiss');
    }
    const character = JSON.parse((await run(['agree', '--unit', 'character', '--format', 'json'], { cwd: root })).stdout) as Json;
    // 10 characters coded by two of three, 40 by all, 50 by none: P̄ = (10·1/3 + 90)/100.
    const pBar = (10 / 3 + 90) / 100;
    const p1 = (10 * 2 + 40 * 3) / 300;
    const pe = p1 * p1 + (1 - p1) * (1 - p1);
    expect(character.codes[0].kappa.value).toBeCloseTo((pBar - pe) / (1 - pe), 12);
    const overlap = JSON.parse((await run(['agree', '--unit', 'overlap', '--format', 'json'], { cwd: root })).stdout) as Json;
    // Each span is checked against two coders: c1↔c2 match (1.0), c3's [10,50) shares 0.8 with both.
    expect([overlap.overall.units, overlap.overall.agreements]).toEqual([6, 2]);
  });

  it('document and document-frequency', async () => {
    const root = standoffProject(['a', 'b'], [...docs, { id: 'd2', length: 50, spans: [{ code: 'a', coder: 'c1', start: 0, end: 10 }, { code: 'b', coder: 'c2', start: 0, end: 10 }] }]);
    const doc = JSON.parse((await run(['agree', '--unit', 'document', '--format', 'json'], { cwd: root })).stdout) as Json;
    expect(doc.codes.map((c) => [c.code, c.units, c.agreements])).toEqual([
      ['a', 2, 1],
      ['b', 2, 1],
    ]);
    expect(doc.overall.percentCoded.value).toBeCloseTo(2 / 4, 12);
    const freq = JSON.parse((await run(['agree', '--unit', 'document-frequency', '--format', 'json'], { cwd: root })).stdout) as Json;
    // b in d1: c1 once, c2 twice → disagreement on the count.
    expect(freq.codes[1].agreements).toBe(0);
    expect(freq.disagreements.find((d) => d.code === 'b' && d.note === 'notes/d1.md')!.verdicts).toEqual(['1×', '2×']);
    expect(freq.overall.alphaInterval).toBeDefined();
  });
});
