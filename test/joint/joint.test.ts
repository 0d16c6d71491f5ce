// The joint display (issue 14.4): measures from a CSV beside a code's share,
// per group or participant × phase; bad CSVs give positioned errors and
// nothing is written; every value is escaped in HTML.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLE, run, tempTree } from '../helpers/cli.js';

describe('fieldcode joint on the example', () => {
  it('puts the fictional network size beside network-growth per group × phase', async () => {
    const result = await run(['joint', '--measure', 'network_size', '--code', 'network-growth', '--format', 'csv'], { cwd: EXAMPLE });
    expect(result.stderr).toBe('');
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toBe('group,phase,measure,value,measure_change,code,coded_segments,segments,share,share_change_points,quote_1,quote_1_source,quote_2,quote_2_source');
    expect(lines).toHaveLength(1 + 4 * 3);
    // measures/network.csv: buurtkring I 3.8, II 5.2. The share agrees with phase-change.
    const buurtII = lines.find((l) => l.startsWith('buurtkring,II,'))!;
    expect(buurtII).toMatch(/^buurtkring,II,network_size,5\.2,1\.4\d*,network-growth,2,10,0\.2000,16\.30,/);
    const change = JSON.parse((await run(['phase-change', '--format', 'json', '--code', 'network-growth'], { cwd: EXAMPLE })).stdout);
    const point = change.series.find((s: { code: string; group: { group: string } }) => s.code === 'network-growth' && s.group.group === 'buurtkring').points[1];
    expect([point.segments, point.cellSegments]).toEqual([2, 10]);
  });

  it('table, Markdown and HTML show both series, the changes and quotes', async () => {
    const table = await run(['joint', '--measure', 'contacts', '--code', 'network-growth', '--where', 'group=samen-sterk'], { cwd: EXAMPLE });
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/samen-sterk\s+II\s+8\s+\+4\s+10\.8% \(4\/37\)\s+\+4\.9 pp/);
    const markdown = await run(['joint', '--measure', 'contacts', '--code', 'network-growth', '--format', 'markdown', '--quotes', '1'], { cwd: EXAMPLE });
    expect(markdown.stdout).toContain('| group | phase | contacts | Δ contacts | share network-growth | Δ share | quotes |');
    expect(markdown.stdout).not.toContain('<br>');
    const html = await run(['joint', '--measure', 'network_size', '--code', 'network-growth', '--format', 'html'], { cwd: EXAMPLE });
    expect(html.stdout).toContain('<svg');
    expect((html.stdout.match(/<g class="panel"/g) ?? []).length).toBe(2);
    expect(html.stdout).toContain('<blockquote>');
  });

  it('refuses an unknown measure, a missing or second code', async () => {
    const unknown = await run(['joint', '--measure', 'income', '--code', 'network-growth'], { cwd: EXAMPLE });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unexpected measure `income`, expected one of `network_size`, `contacts`');
    expect((await run(['joint', '--measure', 'contacts'], { cwd: EXAMPLE })).code).toBe(2);
    expect((await run(['joint', '--measure', 'contacts', '--code', 'feedback', '--code', 'reciprocity'], { cwd: EXAMPLE })).code).toBe(2);
  });
});

function project(csv: string, join = '{ participant: participant, phase: phase }', extra = ''): string {
  const note = (phase: string, lines: string[]) => `---\ngroup: g\nphase: ${phase}\nparticipants:\n  Anna: { pseudonym: P1 }\n  Bram: { pseudonym: P2 }\n---\n\n${lines.join('\n\n')}\n`;
  return tempTree({
    'fieldcode.yaml': `notes: ["notes/*.md"]\nvariables:\n  group: { values: [g] }\n  phase: { values: [I, II], ordered: true }\nmeasures:\n  - file: measures.csv\n    join: ${join}\n${extra}`,
    'measures.csv': csv,
    // Anna speaks 2 segments in I (1 coded), 4 in II (3 coded); Bram 2 in I (0 coded), 1 in II (1 coded).
    'notes/one.md': note('I', ['**Anna:** I met new people at the market. #network-growth', '**Anna:** Nothing else.', '**Bram:** Quiet week.', '**Bram:** Still quiet.']),
    'notes/two.md': note('II', ['**Anna:** Us & them, 5 < 6 now. #network-growth', '**Anna:** The neighbours too. #network-growth', '**Anna:** And the club. #network-growth', '**Anna:** That is all.', '**Bram:** I joined the choir. #network-growth']),
  });
}

describe('a participant-level measures table', () => {
  const csv = 'participant,phase,network_size\nP1,I,3\nP1,II,6\nP2,I,4\nP2,II,\n';

  it('joins on pseudonyms and counts the segments each participant speaks', async () => {
    const dir = project(csv);
    const result = await run(['joint', '--measure', 'network_size', '--code', 'network-growth', '--format', 'csv', '--quotes', '1'], { cwd: dir });
    expect(result.stderr).toBe('');
    const rows = result.stdout.trim().split('\n').slice(1).map((line) => line.split(',').slice(0, 10).join(','));
    expect(rows).toEqual([
      'P1,I,network_size,3,,network-growth,1,2,0.5000,',
      'P1,II,network_size,6,3,network-growth,3,4,0.7500,25.00',
      'P2,I,network_size,4,,network-growth,0,2,0.0000,',
      'P2,II,network_size,,,network-growth,1,1,1.0000,100.00',
    ]);
  });

  it('escapes quotes and column names in HTML', async () => {
    const dir = project('participant,phase,<i>size</i>\nP1,I,3\nP1,II,6\n');
    const html = await run(['joint', '--measure', '<i>size</i>', '--code', 'network-growth', '--format', 'html', '--quotes', '3'], { cwd: dir });
    expect(html.code).toBe(0);
    expect(html.stdout).toContain('&lt;i&gt;size&lt;/i&gt;');
    expect(html.stdout).not.toContain('<i>size</i>');
    expect(html.stdout).toContain('Us &amp; them, 5 &lt; 6 now.');
    expect(html.stdout).not.toContain('5 < 6');
  });

  it('gives positioned errors for unknown participants and phases, non-numbers and duplicates, and writes nothing', async () => {
    const bad = 'participant,phase,network_size\nP1,I,3\nP9,I,2\nP2,IV,4\nP2,I,n/a\nP1,I,5\n';
    const dir = project(bad);
    const result = await run(['joint', '--measure', 'network_size', '--code', 'network-growth', '--out', 'joint.md'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/measures\.csv:3:1\s+error\s+Unexpected participant `P9` in column `participant`.*\[measure-unknown-value\]/);
    expect(result.stderr).toMatch(/measures\.csv:4:4\s+error\s+Unexpected phase `IV` in column `phase`, expected one of `I`, `II`.*\[measure-unknown-value\]/);
    expect(result.stderr).toMatch(/measures\.csv:5:6\s+error\s+Unexpected `n\/a` in column `network_size`, expected a number.*\[measure-not-number\]/);
    expect(result.stderr).toMatch(/measures\.csv:6:1\s+error\s+Unexpected second row for participant `P1`, phase `I`.*\(the first is on line 2\)\s+\[measure-duplicate-row\]/);
    expect(existsSync(join(dir, 'joint.md'))).toBe(false);
    const check = await run(['check'], { cwd: dir });
    expect(check.code).toBe(1);
    expect(check.stderr + check.stdout).toContain('[measure-duplicate-row]');
  });

  it('refuses a join column the CSV lacks, a join target that is no variable, and a missing file', async () => {
    const noColumn = await run(['check'], { cwd: project('person,phase,network_size\nP1,I,3\n') });
    expect(noColumn.code).toBe(1);
    expect(noColumn.stderr + noColumn.stdout).toMatch(/measures\.csv:1:1\s+error\s+Unexpected header without the join column `participant`.*\[measure-join\]/);
    const badTarget = await run(['check'], { cwd: project(csv, '{ participant: person, phase: phase }') });
    expect(badTarget.stderr + badTarget.stdout).toMatch(/fieldcode\.yaml:\d+:\d+\s+error\s+Unexpected join `participant: person`, expected a declared variable or `participant`.*\[measure-join\]/);
    const dir = project(csv);
    const missing = tempTree({ 'fieldcode.yaml': readFileSync(join(dir, 'fieldcode.yaml'), 'utf8'), 'notes/one.md': readFileSync(join(dir, 'notes', 'one.md'), 'utf8') });
    const result = await run(['check'], { cwd: missing });
    expect(result.stderr + result.stdout).toMatch(/fieldcode\.yaml:\d+:\d+\s+error\s+Cannot find measures file `measures\.csv`.*\[measure-file\]/);
  });

  it('is a declared kind; a declaration without `measure` is a positioned error', async () => {
    const good = project(csv, undefined, 'reports:\n  - name: joint\n    kind: joint\n    measure: network_size\n    codes: [network-growth]\n    out: joint.csv\n');
    expect((await run(['build'], { cwd: good })).code).toBe(0);
    expect(readFileSync(join(good, 'joint.csv'), 'utf8')).toContain('P1,II,network_size,6,3,network-growth,3,4,0.7500,25.00');
    expect((await run(['build', '--check'], { cwd: good })).code).toBe(0);
    const bad = project(csv, undefined, 'reports:\n  - name: joint\n    kind: joint\n    codes: [network-growth]\n    out: joint.csv\n');
    const result = await run(['build'], { cwd: bad });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/fieldcode\.yaml:\d+:\d+\s+error\s+report `joint`: Unexpected `measure: undefined`, expected the name of a column of a `measures:` CSV/);
  });
});
