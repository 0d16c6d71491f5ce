// Where memos show: under a quote of their segment, under their code in the
// codebook, in the phase report (phase and cell memos), in the declared memo
// trail (by date, then path), and pseudonymised with the report.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { copyToTemp, EXAMPLE, ROOT, run } from '../helpers/cli.js';

const SMALL = join(ROOT, 'test/fixtures/small-project');

describe('memos on the example project', () => {
  test('a memo on a segment shows under its quote, in every format', async () => {
    const args = ['quotes', '--code', 'reciprocity', '--where', 'group=krachtbron', '--where', 'phase=II'];
    const table = await run(args, { cwd: EXAMPLE });
    expect(table.stdout).toContain('      — Fatima · focus-group · notes/krachtbron/II-focus-group.md:59\n      Memo: Cooking as giving back (2024-10-02, researcher-a, memos/2024-10-02-cooking-as-giving-back.md)\n');
    const json = JSON.parse((await run([...args, '--format', 'json'], { cwd: EXAMPLE })).stdout);
    expect(json.sections[0].groups[0].quotes[0].memos).toEqual([{ path: 'memos/2024-10-02-cooking-as-giving-back.md', title: 'Cooking as giving back', date: '2024-10-02', author: 'researcher-a' }]);
    const markdown = await run([...args, '--format', 'markdown'], { cwd: EXAMPLE });
    expect(markdown.stdout).toContain('Memo: Cooking as giving back (2024-10-02, researcher-a, memos/2024-10-02-cooking-as-giving-back.md)');
    // A quote on another segment has none.
    const other = JSON.parse((await run(['quotes', '--code', 'reciprocity', '--where', 'group=de-brug', '--format', 'json'], { cwd: EXAMPLE })).stdout);
    expect(other.sections[0].groups[0].quotes[0].memos).toBeUndefined();
  });

  test('the codebook lists each code’s memos', async () => {
    const tree = await run(['codebook'], { cwd: EXAMPLE });
    expect(tree.stdout).toContain('      memo: Feedback at De Brug goes through the leader (2024-09-24, researcher-a, memos/2024-09-24-feedback-goes-through-the-leader.md)\n');
    const json = JSON.parse((await run(['codebook', '--format', 'json'], { cwd: EXAMPLE })).stdout);
    const reciprocity = json.codes[0].codes.find((c: { id: string }) => c.id === 'reciprocity');
    expect(reciprocity.memos.map((m: { title: string }) => m.title)).toEqual(['Wederkerigheid als werkzaam bestanddeel']);
    const markdown = await run(['codebook', '--format', 'markdown'], { cwd: EXAMPLE });
    expect(markdown.stdout).toContain('**Memos**\n\n- Wederkerigheid als werkzaam bestanddeel (2024-04-03, researcher-a, memos/2024-04-03-wederkerigheid-als-werkzaam-bestanddeel.md)\n');
  });

  test('the phase report shows memos on the phase and on cells in it, per group and phase too', async () => {
    const two = await run(['phase-report', '--where', 'phase=II', '--format', 'json'], { cwd: EXAMPLE });
    const section = JSON.parse(two.stdout).sections[0];
    expect(section.memos.map((m: { title: string }) => m.title)).toEqual(['Feedback at De Brug goes through the leader', 'Samen Sterk, fase II: omgaan met weerstand']);
    const three = await run(['phase-report', '--where', 'phase=III', '--format', 'markdown'], { cwd: EXAMPLE });
    expect(three.stdout).toContain('## Memos\n\n### Phase III: networks reach beyond the group\n\n2025-03-18, researcher-b · about phase:III, code:network-growth');
    const cells = JSON.parse((await run(['phase-report', '--where', 'phase=II', '--per', 'group-phase', '--format', 'json'], { cwd: EXAMPLE })).stdout);
    const titles = Object.fromEntries(cells.sections.map((s: { group: string; memos?: Array<{ title: string }> }) => [s.group, (s.memos ?? []).map((m) => m.title)]));
    expect(titles).toEqual({ 'de-brug': ['Feedback at De Brug goes through the leader'], krachtbron: [], 'samen-sterk': ['Samen Sterk, fase II: omgaan met weerstand'], buurtkring: [] });
  });

  test('the declared memo trail holds every memo by date and is up to date', async () => {
    const trail = readFileSync(join(EXAMPLE, 'reports/memo-trail.md'), 'utf8');
    const headings = [...trail.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
    expect(headings).toEqual([
      '2024-04-03: Wederkerigheid als werkzaam bestanddeel',
      '2024-09-24: Feedback at De Brug goes through the leader',
      '2024-09-26: Samen Sterk, fase II: omgaan met weerstand',
      '2024-10-02: Cooking as giving back',
      '2025-03-18: Phase III: networks reach beyond the group',
    ]);
    const check = await run(['build', '--check'], { cwd: EXAMPLE });
    expect(check.code).toBe(0);
  });
});

describe('memo trail kind', () => {
  test('orders by date then path, undated last; `codes:` and `where:` select; a wrong key is a declaration error', async () => {
    const dir = copyToTemp(SMALL);
    mkdirSync(join(dir, 'memos'));
    const memo = (about: string, date?: string): string => `---\nabout: ${about}\n${date ? `date: ${date}\n` : ''}---\n\n# ${about}\n\nText with <b>tags</b>.\n`;
    writeFileSync(join(dir, 'memos/b.md'), memo('code:reciprocity', '2024-02-01'));
    writeFileSync(join(dir, 'memos/a.md'), memo('code:support.practical', '2024-02-01'));
    writeFileSync(join(dir, 'memos/c.md'), memo('phase:II'));
    writeFileSync(join(dir, 'memos/d.md'), memo('{cell: {group: north, phase: I}}', '2023-12-31'));
    const config = readFileSync(join(dir, 'fieldcode.yaml'), 'utf8');
    writeFileSync(
      join(dir, 'fieldcode.yaml'),
      `${config}reports:\n  - { name: trail, kind: memo-trail, out: reports/trail.json }\n  - { name: support, kind: memo-trail, codes: [support], out: reports/support.md }\n  - { name: north, kind: memo-trail, where: { group: north }, out: reports/north.html, title: North }\n`,
    );
    expect((await run(['build'], { cwd: dir })).code).toBe(0);
    const trail = JSON.parse(readFileSync(join(dir, 'reports/trail.json'), 'utf8'));
    expect(trail.memos.map((m: { path: string }) => m.path)).toEqual(['memos/d.md', 'memos/a.md', 'memos/b.md', 'memos/c.md']);
    expect(readFileSync(join(dir, 'reports/support.md'), 'utf8')).toContain('1 memo, oldest first.\n\n## 2024-02-01: code:support.practical');
    const html = readFileSync(join(dir, 'reports/north.html'), 'utf8');
    expect(html).toContain('<h1>North</h1>');
    expect(html).toContain('&lt;b&gt;tags&lt;/b&gt;');
    expect(html).not.toContain('<b>tags');
    writeFileSync(join(dir, 'fieldcode.yaml'), `${config}reports:\n  - { name: trail, kind: memo-trail, by: [group], out: reports/trail.md }\n`);
    const bad = await run(['check'], { cwd: dir });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('Unexpected `by` for kind memo-trail');
  });

  test('a pseudonymised report shows memos without the names they mention', async () => {
    const dir = copyToTemp(SMALL);
    mkdirSync(join(dir, 'memos'));
    writeFileSync(join(dir, 'memos/a.md'), '---\nabout: phase:I\ndate: 2024-01-01\n---\n\n# What Anna said\n\nAnna gave Ben a lift.\n');
    const result = await run(['phase-report', '--where', 'phase=I', '--pseudonymize', '--format', 'markdown'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('### What P01 said');
    expect(result.stdout).toContain('P01 gave P02 a lift.');
    expect(result.stdout).not.toMatch(/Anna|Ben\b/);
  });
});
