// `fieldcode saturation` (issue 14.1): figures checked by hand on a corpus
// whose notes add a known sequence of new codes, for two parameter settings;
// missing dates, --order id, --by over an undeclared variable and --min.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run, tempTree } from '../helpers/cli.js';

const codebook = `name: Test codes\nversion: "1"\ncodes:\n${Array.from({ length: 12 }, (_, i) => `  - id: c${String(i + 1).padStart(2, '0')}\n    label: Code ${i + 1}\n`).join('')}`;

// In date order: the codes of each note. Ids run against the date order, so
// ordering by id would give other figures; notes 5 and 6 share a date (then id).
const SEQUENCE: Array<{ id: string; date: string; codes: string[] }> = [
  { id: 'k', date: '2024-01-01', codes: ['c01', 'c02', 'c03', 'c04', 'c05'] }, // 5 new, 5
  { id: 'j', date: '2024-01-02', codes: ['c01', 'c06', 'c07'] }, // 2 new, 7
  { id: 'i', date: '2024-01-03', codes: ['c08', 'c09'] }, // 2 new, 9
  { id: 'h', date: '2024-01-04', codes: ['c02', 'c10'] }, // 1 new, 10
  { id: 'a1', date: '2024-01-05', codes: ['c11'] }, // 1 new, 11
  { id: 'a2', date: '2024-01-05', codes: ['c01'] }, // 0 new, 11
  { id: 'g', date: '2024-01-07', codes: ['c03'] }, // 0 new, 11
  { id: 'f', date: '2024-01-08', codes: ['c12'] }, // 1 new, 12
  { id: 'e', date: '2024-01-09', codes: ['c04'] }, // 0 new, 12
  { id: 'd', date: '2024-01-10', codes: ['c05'] }, // 0 new, 12
];

function note(id: string, group: string, codes: string[], date?: string): string {
  return `---\nid: ${id}\ngroup: ${group}\nphase: I\n${date ? `date: ${date}\n` : ''}---\n\n${codes.map((c) => `Something was said here. #${c}`).join('\n\n')}\n`;
}

function project(extra: Record<string, string> = {}, config = ''): string {
  const files: Record<string, string> = {
    'fieldcode.yaml': `codebook: codebook.yaml\nnotes: ["notes/*.md"]\ncoder: kim\nvariables:\n  group: { values: [north, south] }\n  phase: { values: [I, II], ordered: true }\n${config}`,
    'codebook.yaml': codebook,
    'notes/south-1.md': note('s1', 'south', ['c01'], '2024-01-01'),
    ...extra,
  };
  // File names sort apart from both orders, so neither falls out of the listing.
  SEQUENCE.forEach((n, i) => (files[`notes/${String.fromCharCode(120 - i)}.md`] = note(n.id, 'north', n.codes, n.date)));
  return tempTree(files);
}

async function json(dir: string, args: string[]) {
  const result = await run(['saturation', '--format', 'json', ...args], { cwd: dir });
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout);
}

describe('fieldcode saturation', () => {
  it('with the paper’s defaults (base 4, run 2, ≤5%): saturated at 5 notes, confirmed by notes 6–7', async () => {
    const report = await json(project(), []);
    expect(report.by).toEqual(['group', 'phase']);
    expect(report.options).toEqual({ base: 4, run: 2, threshold: 0.05, order: 'date' });
    const north = report.cells.find((c: { cell: Record<string, string> }) => c.cell.group === 'north' && c.cell.phase === 'I');
    expect(north.steps.map((s: { id: string }) => s.id)).toEqual(SEQUENCE.map((n) => n.id));
    expect(north.steps.map((s: { newCodes: string[] }) => s.newCodes.length)).toEqual([5, 2, 2, 1, 1, 0, 0, 1, 0, 0]);
    expect(north.steps.map((s: { cumulative: number }) => s.cumulative)).toEqual([5, 7, 9, 10, 11, 11, 11, 12, 12, 12]);
    // Base: 10 distinct codes in notes 1–4. Run 5–6 adds 1 (10% > 5%); run 6–7 adds 0 (0%).
    expect(north.baseCodes).toBe(10);
    expect(north.runs).toEqual([
      { from: 5, to: 6, newCodes: 1, share: 0.1 },
      { from: 6, to: 7, newCodes: 0, share: 0 },
    ]);
    expect(north.saturatedAt).toBe(5);
    expect(north.statement).toBe('reached at 5 notes: notes 6–7 added 0 new codes (0% of the base’s 10)');
    const south = report.cells.find((c: { cell: Record<string, string> }) => c.cell.group === 'south' && c.cell.phase === 'I');
    expect(south.saturatedAt).toBeNull();
    expect(south.statement).toBe('not assessable: 1 note, fewer than base + run = 6');
  });

  it('with base 2, run 3, threshold 20%: saturated at 4 notes, confirmed by notes 5–7', async () => {
    const report = await json(project(), ['--base', '2', '--run', '3', '--threshold', '20', '--where', 'group=north', '--by', 'group']);
    const [north] = report.cells;
    // Base: 7 codes in notes 1–2. Runs: 3–5 add 4 (57.1%), 4–6 add 2 (28.6%), 5–7 add 1 (14.3% ≤ 20%).
    expect(north.baseCodes).toBe(7);
    expect(north.runs.map((r: { newCodes: number }) => r.newCodes)).toEqual([4, 2, 1]);
    expect(north.runs[2].share).toBeCloseTo(1 / 7, 6);
    expect(north.saturatedAt).toBe(4);
    expect(north.confirmedBy).toMatchObject({ from: 5, to: 7, newCodes: 1 });
  });

  it('threshold 0 with base 3, run 3: never reached, and the table and Markdown say so', async () => {
    const dir = project();
    const report = await json(dir, ['--base', '3', '--run', '3', '--threshold', '0', '--where', 'group=north', '--by', 'group']);
    expect(report.cells[0].runs.map((r: { newCodes: number }) => r.newCodes)).toEqual([2, 1, 1, 1, 1]);
    expect(report.cells[0].saturatedAt).toBeNull();
    const table = await run(['saturation', '--base', '3', '--run', '3', '--threshold', '0', '--where', 'group=north', '--by', 'group'], { cwd: dir });
    expect(table.stdout).toContain('not reached in 10 notes: every run added more than the threshold (last, notes 8–10: 1 new code, 11.1% of the base’s 9)');
    expect(table.stdout).toContain('code saturation (no new codes turn up), not meaning saturation');
    const markdown = await run(['saturation', '--format', 'markdown', '--by', 'group'], { cwd: dir });
    expect(markdown.stdout).toContain('| group north | 10 | 12 | 10 | reached at 5 notes: notes 6–7 added 0 new codes (0% of the base’s 10) |');
    expect(markdown.stdout).toContain('Guest, Namey \\& Chen (2020)');
  });

  it('writes the cumulative curve as SVG and HTML, with every value escaped', async () => {
    const dir = project();
    const svg = await run(['saturation', '--by', 'group', '--out', 'curve.svg'], { cwd: dir });
    expect(svg.code).toBe(0);
    const text = readFileSync(join(dir, 'curve.svg'), 'utf8');
    expect(text.startsWith('<?xml')).toBe(true);
    expect(text).toContain('<polyline');
    const html = await run(['saturation', '--by', 'group', '--format', 'html', '--title', '<b>x</b>'], { cwd: dir });
    expect(html.stdout).toContain('&lt;b&gt;x&lt;/b&gt;');
    expect(html.stdout).not.toContain('<b>x</b>');
  });

  it('names every note without a date, writes nothing, and orders by id only with --order id', async () => {
    const dir = project({ 'notes/undated-a.md': note('u1', 'north', ['c01']), 'notes/undated-b.md': note('u2', 'south', ['c02']) });
    const result = await run(['saturation', '--out', 'out.md'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/notes\/undated-a\.md:1:1\s+error\s+Unexpected note without `date`.*\[missing-date\]/);
    expect(result.stderr).toContain('notes/undated-b.md:1:1');
    expect(existsSync(join(dir, 'out.md'))).toBe(false);
    const byId = await json(dir, ['--order', 'id', '--where', 'group=north', '--by', 'group']);
    expect(byId.cells[0].steps.map((s: { id: string }) => s.id)).toEqual(['a1', 'a2', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'u1']);
  });

  it('refuses a --by over an undeclared variable, and a bad parameter', async () => {
    const dir = project();
    const by = await run(['saturation', '--by', 'wave'], { cwd: dir });
    expect(by.code).toBe(2);
    expect(by.stderr).toContain('Unexpected variable `wave` in `--by`');
    for (const args of [['--base', '0'], ['--run', 'x'], ['--threshold', '150'], ['--order', 'size']]) {
      const bad = await run(['saturation', ...args], { cwd: dir });
      expect(bad.code, args.join(' ')).toBe(2);
      expect(bad.stderr).toContain(`Unexpected \`${args[0]} ${args[1]}\``);
    }
  });

  it('--min fails (exit 1) while a declared cell is not saturated, and passes when each is', async () => {
    const dir = project();
    const failing = await run(['saturation', '--min'], { cwd: dir });
    expect(failing.code).toBe(1);
    expect(failing.stdout).toContain('Code saturation per group × phase');
    // south × I has one note; north × II and south × II are declared but have none.
    expect(failing.stderr).toMatch(/notes\/south-1\.md:1:1\s+error\s+Unexpected unsaturated group south × phase I \(1 note\).*\[not-saturated\]/);
    expect(failing.stderr).toContain('fieldcode.yaml:1:1  error  Unexpected unsaturated group north × phase II (0 notes)');
    expect(failing.stderr).not.toContain('group north × phase I ');
    const passing = await run(['saturation', '--min', '--where', 'group=north', '--where', 'phase=I'], { cwd: dir });
    expect(passing.stderr).toBe('');
    expect(passing.code).toBe(0);
  });

  it('is a declared kind: build writes it, build --check holds, a bad key or variable is positioned', async () => {
    const config = 'reports:\n  - name: saturation\n    kind: saturation\n    by: [group]\n    base: 2\n    run: 3\n    threshold: 20\n    out: reports/saturation.json\n';
    const dir = project({}, config);
    expect((await run(['build'], { cwd: dir })).code).toBe(0);
    const written = JSON.parse(readFileSync(join(dir, 'reports', 'saturation.json'), 'utf8'));
    expect(written.cells[0].saturatedAt).toBe(4);
    expect((await run(['build', '--check'], { cwd: dir })).code).toBe(0);
    writeFileSync(join(dir, 'fieldcode.yaml'), readFileSync(join(dir, 'fieldcode.yaml'), 'utf8').replace('by: [group]', 'by: [wave]'));
    const badBy = await run(['build'], { cwd: dir });
    expect(badBy.code).toBe(1);
    expect(badBy.stderr).toMatch(/fieldcode\.yaml:\d+:\d+\s+error\s+report `saturation`: Unexpected variable `wave` in `by`/);
    writeFileSync(join(dir, 'fieldcode.yaml'), readFileSync(join(dir, 'fieldcode.yaml'), 'utf8').replace('by: [wave]', 'by: [group]').replace('run: 3', 'run: 0'));
    const badRun = await run(['build'], { cwd: dir });
    expect(badRun.stderr).toContain('report `saturation`: Unexpected `run: 0`, expected a whole number of notes, at least 1');
  });

  it('a declared report over undated notes fails at its declaration, naming them', async () => {
    const dir = project({ 'notes/undated-a.md': note('u1', 'north', ['c01']) }, 'reports:\n  - name: sat\n    kind: saturation\n    out: reports/sat.md\n');
    const result = await run(['build'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/fieldcode\.yaml:\d+:\d+\s+error\s+report `sat`: Cannot order notes by `date`: `notes\/undated-a\.md` has no `date`/);
    expect(existsSync(join(dir, 'reports', 'sat.md'))).toBe(false);
  });
});
