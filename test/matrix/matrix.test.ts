// The framework matrix on the example project: summaries tied to quotes,
// stale summaries failing `build --check`, refresh, scaffold, bad input, xlsx.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { copyToTemp, EXAMPLE, run, tempDir, tempTree } from '../helpers/cli.js';

const SUMMARIES = 'summaries/framework.md';
const NOTE = 'notes/de-brug/I-focus-group.md';
const QUOTED = 'And you hear it from people who did it themselves.';
const CITED = 'notes/de-brug/I-focus-group.md#4bb03608';
const FRAMEWORK = ['--only', 'framework', '--only', 'framework-html', '--only', 'framework-xlsx'];

function edit(dir: string, path: string, change: (text: string) => string): void {
  const file = join(dir, path);
  const before = readFileSync(file, 'utf8');
  const after = change(before);
  expect(after).not.toBe(before);
  writeFileSync(file, after);
}

const lineOf = (dir: string, text: string): number => readFileSync(join(dir, SUMMARIES), 'utf8').split('\n').findIndex((line) => line.includes(text)) + 1;

describe('stale summaries', () => {
  it('an edited quote cited by a summary fails build --check, naming the cell and the quote; matrix --refresh makes it pass', async () => {
    const dir = copyToTemp(EXAMPLE);
    expect((await run(['build', '--check'], { cwd: dir })).code).toBe(0);
    edit(dir, NOTE, (t) => t.replace(QUOTED, 'And you hear it from people who have done it themselves.'));
    const line = lineOf(dir, CITED);
    const stale = await run(['build', '--check'], { cwd: dir });
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain(`summaries/framework.md:${line}:1  warning  Summary of cell \`de-brug × feedback × I\` cites quote \`${CITED}\`, whose words changed since the summary was written (now notes/de-brug/I-focus-group.md:50)`);
    expect(stale.stderr).toContain('[summary-stale]');
    expect(stale.stderr).toContain('1 change in the quotes of matrix summaries; re-read them and run `fieldcode matrix --name framework --refresh`\n');
    // check warns; --strict makes it an error.
    const check = await run(['check'], { cwd: dir });
    expect(check.code).toBe(0);
    expect(check.stderr).toContain('[summary-stale]');
    expect((await run(['check', '--strict'], { cwd: dir })).code).toBe(1);

    const notes = readFileSync(join(dir, NOTE), 'utf8');
    const refreshed = await run(['matrix', '--name', 'framework', '--refresh'], { cwd: dir });
    expect(refreshed.code, refreshed.stderr).toBe(0);
    expect(refreshed.stderr).toContain('summaries/framework.md  1 section refreshed');
    expect(readFileSync(join(dir, NOTE), 'utf8')).toBe(notes);
    const after = await run(['build', '--check', ...FRAMEWORK], { cwd: dir });
    expect(after.stderr).toBe('3 reports are up to date\n');
    expect(after.code).toBe(0);
    expect((await run(['check', '--strict'], { cwd: dir })).code).toBe(0);
    // The summary's own words are kept.
    expect(readFileSync(join(dir, SUMMARIES), 'utf8')).toContain('Feedback comes from peers who went through the same trouble');
  }, 120_000);

  it('a recoded, a vanished and a new passage are each named', async () => {
    const dir = copyToTemp(EXAMPLE);
    edit(dir, NOTE, (t) => t.replace(`${QUOTED} When Henk says "call them before the deadline, not after", I believe him, because he got the fine. #feedback`, `${QUOTED} When Henk says "call them before the deadline, not after", I believe him, because he got the fine.`));
    edit(dir, NOTE, (t) => t.replace(/\*\*Sietse:\*\* Femke asks good questions[^\n]*\n\n/, ''));
    edit(dir, 'notes/de-brug/I-observation.md', (t) => `${t}\nKarim tells Mirjam straight that her plan is too big; she agrees. #feedback\n`);
    const result = await run(['check', '--strict'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`cites quote \`${CITED}\`, which is no longer coded \`feedback\` in this cell`);
    expect(result.stderr).toMatch(/cites quote `notes\/de-brug\/I-focus-group\.md#2e330ac0`, which is no longer in the notes/);
    expect(result.stderr).toMatch(/Summary of cell `de-brug × feedback × I` does not cite the coded passage `notes\/de-brug\/I-observation\.md#[0-9a-f]{8}` \(now notes\/de-brug\/I-observation\.md:\d+\), which arrived since/);
  }, 120_000);
});

describe('scaffold', () => {
  it('adds no section where one exists, never changes written summaries or notes', async () => {
    const dir = copyToTemp(EXAMPLE);
    const before = readFileSync(join(dir, SUMMARIES), 'utf8');
    const notes = readFileSync(join(dir, NOTE), 'utf8');
    const again = await run(['matrix', '--name', 'framework', '--scaffold'], { cwd: dir });
    expect(again.code).toBe(0);
    expect(again.stderr).toBe('summaries/framework.md  unchanged: 0 sections added\n');
    expect(readFileSync(join(dir, SUMMARIES), 'utf8')).toBe(before);
    // A newly coded cell gets a section at the end; the rest of the file stays.
    edit(dir, 'notes/de-brug/I-observation.md', (t) => `${t}\nThe group agrees to swap recipes every week. #reciprocity\n`);
    const grown = await run(['matrix', '--name', 'framework', '--scaffold'], { cwd: dir });
    expect(grown.stderr).toBe('summaries/framework.md  updated: 1 section added\n');
    const after = readFileSync(join(dir, SUMMARIES), 'utf8');
    expect(after.startsWith(before)).toBe(true);
    expect(after.slice(before.length)).toMatch(/^\n## de-brug × reciprocity × I\n\n<!-- fieldcode:quotes\nnotes\/de-brug\/I-observation\.md#[0-9a-f]{8} [0-9a-f]{8}\n-->\n$/);
    expect(readFileSync(join(dir, NOTE), 'utf8')).toBe(notes);
  }, 120_000);

  it('needs a name, and writes a new file for an ad-hoc matrix', async () => {
    const dir = copyToTemp(EXAMPLE);
    const nameless = await run(['matrix', '--rows', 'group', '--cols', 'feedback', '--scaffold'], { cwd: dir });
    expect(nameless.code).toBe(2);
    expect(nameless.stderr).toContain('without `--name`');
    const named = await run(['matrix', '--rows', 'leadership', '--cols', 'feedback', '--name', 'lead', '--scaffold'], { cwd: dir });
    expect(named.code, named.stderr).toBe(0);
    expect(readFileSync(join(dir, 'summaries', 'lead.md'), 'utf8')).toContain('## professional × feedback\n');
  }, 120_000);
});

describe('bad input', () => {
  it('a section naming an unknown cell is a positioned error in check and build', async () => {
    const dir = copyToTemp(EXAMPLE);
    edit(dir, SUMMARIES, (t) => `${t}\n## de-brug × feedbak × I\n\nA typo.\n\n## de-brug × feedback × IV\n\nNo such phase.\n`);
    const lines = readFileSync(join(dir, SUMMARIES), 'utf8').split('\n');
    const typo = lines.indexOf('## de-brug × feedbak × I') + 1;
    const phase = lines.indexOf('## de-brug × feedback × IV') + 1;
    const check = await run(['check'], { cwd: dir });
    expect(check.code).toBe(1);
    expect(check.stderr).toContain(`summaries/framework.md:${typo}:1  error  Unexpected section \`de-brug × feedbak × I\` in the summaries of matrix \`framework\`: no column \`feedbak\` (did you mean \`feedback\`?)  [summary-unknown-cell]`);
    expect(check.stderr).toContain(`summaries/framework.md:${phase}:1  error  Unexpected section \`de-brug × feedback × IV\` in the summaries of matrix \`framework\`: no phase \`IV\``);
    expect((await run(['build', '--check'], { cwd: dir })).code).toBe(1);
  }, 120_000);

  it('a matrix over an undeclared variable: a usage error on the command line, a positioned declaration error in check', async () => {
    const cli = await run(['matrix', '--rows', 'colour', '--cols', 'feedback'], { cwd: EXAMPLE });
    expect(cli.code).toBe(2);
    expect(cli.stderr).toContain('Unexpected `--rows colour`, expected a declared variable, `participant` or a participant attribute');
    const per = await run(['matrix', '--rows', 'group', '--per', 'wave'], { cwd: EXAMPLE });
    expect(per.stderr).toContain('Unexpected `--per wave`, expected a declared variable');
    const code = await run(['matrix', '--cols', 'nope'], { cwd: EXAMPLE });
    expect(code.stderr).toContain('Unexpected code `nope` in `--cols`');
    const dir = copyToTemp(EXAMPLE);
    edit(dir, 'fieldcode.yaml', (t) => `${t}  - name: bad-matrix\n    kind: matrix\n    rows: colour\n    out: reports/bad.md\n`);
    const line = readFileSync(join(dir, 'fieldcode.yaml'), 'utf8').split('\n').indexOf('  - name: bad-matrix') + 1;
    const check = await run(['check'], { cwd: dir });
    expect(check.code).toBe(1);
    expect(check.stderr).toMatch(new RegExp(`fieldcode\\.yaml:${line}:\\d+  error  report \`bad-matrix\`: Unexpected \`rows: colour\`, expected a declared variable`));
  }, 120_000);
});

describe('formats', () => {
  it('the xlsx file reads back with exceljs, cell for cell, and is byte-identical when written again', async () => {
    const dir = tempDir();
    const out = join(dir, 'framework.xlsx');
    const first = await run(['matrix', '--name', 'framework', '--format', 'xlsx', '--out', out], { cwd: EXAMPLE });
    expect(first.code, first.stderr).toBe(0);
    const bytes = readFileSync(out);
    expect(readFileSync(join(EXAMPLE, 'reports', 'framework.xlsx')).equals(bytes)).toBe(true);
    const json = JSON.parse((await run(['matrix', '--name', 'framework', '--format', 'json'], { cwd: EXAMPLE })).stdout);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['phase I', 'phase II', 'phase III', 'presence']);
    const sheet = workbook.getWorksheet('phase II')!;
    expect(sheet.getRow(1).values).toEqual([undefined, 'group', 'turns', 'words', 'coded', 'Reciprocity', 'Feedback from peers', 'Mutual support', 'Growth of the social network']);
    const table = json.tables[1];
    table.rows.forEach((row: { value: string; turns: number; words: number; cells: { segments: number; documents: number; summary?: string }[] }, i: number) => {
      const cells = sheet.getRow(i + 2);
      expect(cells.getCell(1).value).toBe(row.value);
      expect(cells.getCell(2).value).toBe(row.turns);
      expect(cells.getCell(3).value).toBe(row.words);
      row.cells.forEach((cell, c) => {
        const text = String(cells.getCell(5 + c).value);
        expect(text.startsWith(cell.segments === 0 ? '–' : `${cell.segments} segment`)).toBe(true);
        if (cell.summary) expect(text).toContain(cell.summary);
      });
    });
    const samen = sheet.getRow(table.rows.findIndex((r: { value: string }) => r.value === 'samen-sterk') + 2).getCell(5).value;
    expect(String(samen)).toContain('Reciprocity has become the group');
    expect(String(samen)).toContain('— P18 · notes/samen-sterk/II-focus-group.md:65');
    const presence = workbook.getWorksheet('presence')!;
    expect(presence.getRow(1).values).toEqual([undefined, 'case', 'code', 'phase', 'present', 'segments', 'documents', 'case_segments']);
    expect(presence.getRow(2).values).toEqual([undefined, 'de-brug', 'reciprocity', 'I', 0, 0, 0, 42]);
  }, 120_000);

  it('HTML escapes summaries and links cells to their quotes; a pseudonymised matrix never shows a name', async () => {
    const dir = copyToTemp(EXAMPLE);
    edit(dir, SUMMARIES, (t) => t.replace('Feedback comes from peers', '<script>alert(1)</script> & Feedback comes from peers'));
    const html = await run(['matrix', '--name', 'framework', '--format', 'html'], { cwd: dir });
    expect(html.code).toBe(0);
    expect(html.stdout).not.toContain('<script>');
    expect(html.stdout).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; Feedback');
    expect(html.stdout).toContain('<a href="#cell-de-brug-feedback-I">3 / 2 ✎</a>');
    expect(html.stdout).toContain('<section id="cell-de-brug-feedback-I">');
    expect(html.stdout).not.toMatch(/\b(Anna|Henk|Karim|Sietse)\b/);
    // A summary that names a participant is refused in a pseudonymised report.
    edit(dir, SUMMARIES, (t) => t.replace('Feedback comes from peers', 'Henk says feedback comes from peers'));
    const leak = await run(['build', '--only', 'framework'], { cwd: dir });
    expect(leak.code).toBe(1);
    const heading = readFileSync(join(dir, SUMMARIES), 'utf8').split('\n').indexOf('## de-brug × feedback × I') + 1;
    expect(leak.stderr).toContain(`summaries/framework.md:${heading}:1  error  Unexpected real name in the summary of cell \`de-brug × feedback × I\` of a pseudonymised matrix`);
    expect(readFileSync(join(dir, 'reports', 'framework.md'), 'utf8')).not.toContain('Henk');
  }, 120_000);
});

describe('the summaries folder', () => {
  it('is never read as notes, even with the default `**/*.md`, and a refresh keeps its BOM and CRLF', async () => {
    const dir = tempTree({
      'fieldcode.yaml': 'name: t\nvariables:\n  group: {}\n',
      'a.md': '---\nid: a\ngroup: north\n---\n\nWe swap jobs. #reciprocity\n',
      'summaries/m.md': '\uFEFF# Summaries\r\n\r\n## north × reciprocity\r\n\r\n<!-- fieldcode:quotes\r\na.md#00000000 00000000\r\n-->\r\n\r\nThey swap. #not-a-code\r\n',
    });
    const check = await run(['check'], { cwd: dir });
    expect(check.stderr).toContain('1 note,');
    const refreshed = await run(['matrix', '--rows', 'group', '--cols', 'reciprocity', '--name', 'm', '--refresh'], { cwd: dir });
    expect(refreshed.code, refreshed.stderr).toBe(0);
    const text = readFileSync(join(dir, 'summaries', 'm.md'), 'utf8');
    expect(text).toMatch(/^\uFEFF# Summaries\r\n\r\n## north × reciprocity\r\n\r\n<!-- fieldcode:quotes\r\na\.md#[0-9a-f]{8} [0-9a-f]{8}\r\n-->\r\n\r\nThey swap\. #not-a-code\r\n$/);
    expect(text).not.toContain('a.md#00000000');
  }, 60_000);
});
