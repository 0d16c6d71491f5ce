// Saldaña's (2003) change categories in phase-change and the phase report
// (issue 14.3): each category from a hand-made series, the thresholds as
// flags and declared keys, and the category carried into the phase report.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { categorise, CHANGE_DEFAULTS } from '../../src/core/phase-change.js';
import { EXAMPLE, run, tempTree } from '../helpers/cli.js';

const series = (...shares: number[]) => shares.map((share) => ({ share: share / 100, segments: share > 0 ? 1 : 0 }));

describe('categorise', () => {
  it.each([
    ['emerges', [0, 0, 10]],
    ['emerges', [0, 4, 30]],
    ['ceases', [20, 5, 0]],
    ['ceases', [20, 0]],
    ['increases', [10, 20]],
    ['increases', [10, 13, 16]], // no step of 5 pp, but 6 pp overall
    ['decreases', [30, 20, 12]],
    ['constant', [10, 12, 11]],
    ['constant', [10, 14.9]],
    ['idiosyncratic', [10, 30, 10]], // up and down
    ['idiosyncratic', [0, 10, 0]], // a passing appearance
    ['idiosyncratic', [10, 0, 10]], // a gap and a return
  ])('%s: %j', (category, shares) => {
    expect(categorise(series(...shares), CHANGE_DEFAULTS)).toBe(category);
  });

  it('needs two phases and a presence', () => {
    expect(categorise(series(10), CHANGE_DEFAULTS)).toBeNull();
    expect(categorise(series(0, 0, 0), CHANGE_DEFAULTS)).toBeNull();
  });

  it('moves with its thresholds', () => {
    expect(categorise(series(10, 17), { constant: 10, present: 1 })).toBe('constant');
    expect(categorise(series(10, 17), { constant: 5, present: 1 })).toBe('increases');
    // Two coded segments needed: a single one is not presence.
    expect(categorise([{ share: 0.1, segments: 1 }, { share: 0.3, segments: 3 }], { constant: 5, present: 2 })).toBe('emerges');
  });
});

function project(config = ''): string {
  const note = (name: string, phase: string, body: string) => [`notes/${name}.md`, `---\ngroup: a\nphase: ${phase}\n---\n\n${body}\n`];
  return tempTree(
    Object.fromEntries([
      ['fieldcode.yaml', `notes: ["notes/*.md"]\nvariables:\n  group: { values: [a] }\n  phase: { values: [I, II], ordered: true }\n${config}`],
      // reciprocity: 1 of 10 segments in I, 2 of 10 in II: +10 pp. feedback: 1 of 10 in both.
      note('one', 'I', ['We give back. #reciprocity', 'They said so. #feedback', ...Array.from({ length: 8 }, (_, i) => `Plain talk ${i}.`)].join('\n\n')),
      note('two', 'II', ['We give back. #reciprocity', 'We give back again. #reciprocity', 'They said so. #feedback', ...Array.from({ length: 7 }, (_, i) => `Plain talk ${i}.`)].join('\n\n')),
    ]),
  );
}

describe('phase-change categories', () => {
  it('are a column of every format, with the thresholds in words', async () => {
    const dir = project();
    const table = await run(['phase-change', '--code', 'reciprocity'], { cwd: dir });
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/reciprocity\s+a\s+10\.0% \(1\)\s+20\.0% \(2\)\s+\+10\.0 pp \(\+1\)\s+increases/);
    expect(table.stdout).toContain('category (Saldaña 2003)');
    const json = JSON.parse((await run(['phase-change', '--format', 'json'], { cwd: dir })).stdout);
    expect(json.thresholds).toEqual({ constant: 5, present: 1 });
    const find = (code: string) => json.series.find((s: { code: string }) => s.code === code);
    expect(find('reciprocity').category).toBe('increases');
    expect(find('reciprocity').points.map((p: { through: string | null }) => p.through)).toEqual([null, 'increases']);
    expect(find('feedback').category).toBe('constant');
    const csv = (await run(['phase-change', '--format', 'csv', '--code', 'feedback'], { cwd: dir })).stdout;
    expect(csv.split('\n')[0]).toMatch(/,status,category_through,category$/);
    expect(csv).toContain(',same,constant,constant');
  });

  it('--constant and --present move the categories; bad values are refused', async () => {
    const dir = project();
    const wide = JSON.parse((await run(['phase-change', '--format', 'json', '--constant', '15'], { cwd: dir })).stdout);
    expect(wide.series.find((s: { code: string }) => s.code === 'reciprocity').category).toBe('constant');
    const two = JSON.parse((await run(['phase-change', '--format', 'json', '--present', '2'], { cwd: dir })).stdout);
    expect(two.series.find((s: { code: string }) => s.code === 'reciprocity').category).toBe('emerges');
    for (const args of [['--constant', '-1'], ['--constant', 'x'], ['--present', '0'], ['--present', '1.5']]) {
      const bad = await run(['phase-change', ...args], { cwd: dir });
      expect(bad.code, args.join(' ')).toBe(2);
      expect(bad.stderr).toContain(`Unexpected \`${args[0]} ${args[1]}\``);
    }
  });

  it('declared `constant` and `present` apply, and a bad one is a positioned error', async () => {
    const dir = project('reports:\n  - name: change\n    kind: phase-change\n    constant: 15\n    out: change.json\n');
    expect((await run(['build'], { cwd: dir })).code).toBe(0);
    const built = JSON.parse(readFileSync(join(dir, 'change.json'), 'utf8'));
    expect(built.thresholds).toEqual({ constant: 15, present: 1 });
    writeFileSync(join(dir, 'fieldcode.yaml'), readFileSync(join(dir, 'fieldcode.yaml'), 'utf8').replace('constant: 15', 'present: 0'));
    const bad = await run(['build'], { cwd: dir });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/fieldcode\.yaml:\d+:\d+\s+error\s+report `change`: Unexpected `present: 0`, expected a whole number of coded segments, at least 1\s+\[report-declaration\]/);
  });

  it('are carried into the phase report, up to the section’s phase', async () => {
    const dir = project();
    const markdown = (await run(['phase-report', '--format', 'markdown', '--where', 'phase=II', '--code', 'reciprocity'], { cwd: dir })).stdout;
    expect(markdown).toContain('+10.0 pp (+1) · _increases_');
    expect(markdown).toContain('Here: up to phase II.');
    const json = JSON.parse((await run(['phase-report', '--format', 'json', '--constant', '15'], { cwd: dir })).stdout);
    expect(json.options.change).toEqual({ constant: 15, present: 1 });
    const row = json.sections[1].rows.find((r: { code: string }) => r.code === 'reciprocity');
    expect(row.cells[0].category).toBe('constant');
    const html = (await run(['phase-report', '--format', 'html'], { cwd: dir })).stdout;
    expect(html).toContain('<span class="category">increases</span>');
  });

  it('on the example: working-components in de-brug goes up and down (idiosyncratic), outcomes emerge everywhere', async () => {
    const json = JSON.parse((await run(['phase-change', '--format', 'json'], { cwd: EXAMPLE })).stdout);
    const of = (code: string, group: string) => json.series.find((s: { code: string; group: { group: string } }) => s.code === code && s.group.group === group).category;
    // 26.2% → 40.0% → 16.1%: +13.8 pp, then -23.9 pp.
    expect(of('working-components', 'de-brug')).toBe('idiosyncratic');
    for (const group of ['de-brug', 'krachtbron', 'samen-sterk', 'buurtkring']) expect(of('outcomes', group)).toBe('emerges');
  });
});
