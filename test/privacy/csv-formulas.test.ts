// Issue 15.4: a cell that starts with =, +, -, @ must not run as a formula
// when a researcher opens a fieldcode CSV in a spreadsheet.
import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { run } from '../helpers/cli.js';
import { project } from './helpers.js';

const NOTE = `---
group: "=HYPERLINK(\\"http://evil.example/\\",\\"x\\")"
phase: I
---
[=1+2]{#support} and [+SUM(A1)]{#support}.

[-2+3+cmd|' /C calc'!A0]{#feedback} then [@SUM(1)]{#support.x}.
`;

function rows(csv: string): string[][] {
  return parse(csv, { relax_column_count: true }) as string[][];
}

const DANGEROUS = /^[=+\-@\t\r]/;

describe('CSV output escapes formulas', () => {
  const dir = project({ 'notes/a.md': NOTE.replace('{#support.x}', '{#support}') });

  it('quotes --format csv prefixes every formula-like cell with a quote', async () => {
    const result = await run(['quotes', dir, '--format', 'csv']);
    expect(result.stderr).toBe('');
    const cells = rows(result.stdout).flat();
    expect(cells.filter((cell) => DANGEROUS.test(cell))).toEqual([]);
    expect(cells).toContain(`'=1+2`);
    expect(cells).toContain(`'+SUM(A1)`);
    expect(cells).toContain(`'-2+3+cmd|' /C calc'!A0`);
    expect(cells).toContain(`'@SUM(1)`);
    expect(cells).toContain(`'=HYPERLINK("http://evil.example/","x")`);
  });

  it('report --format csv escapes a group value but keeps numbers', async () => {
    const result = await run(['report', dir, '--format', 'csv', '--by', 'group']);
    const table = rows(result.stdout);
    expect(table[0]).toEqual(['code', 'group', 'segments', 'documents', 'speakers', 'codings', 'share']);
    expect(table.slice(1).every((row) => row[1] === `'=HYPERLINK("http://evil.example/","x")`)).toBe(true);
    expect(table[1][6]).toMatch(/^\d\.\d{4}$/);
  });

  it('phase-change and cooccurrence CSV escape the group, not a negative change', async () => {
    const two = project({
      'notes/a.md': '---\ngroup: "@evil"\nphase: I\n---\nOne #support\n\nTwo #support\n',
      'notes/b.md': '---\ngroup: "@evil"\nphase: II\n---\nThree #feedback #support\n',
    });
    const change = rows((await run(['phase-change', two, '--format', 'csv'])).stdout);
    const groupColumn = change[0].indexOf('group');
    expect(change.slice(1).every((row) => row[groupColumn] === `'@evil`)).toBe(true);
    const changeColumn = change[0].indexOf('change_segments');
    expect(change.slice(1).map((row) => row[changeColumn])).toContain('-1');
    const cooc = rows((await run(['cooccurrence', two, '--format', 'csv', '--by', 'group'])).stdout);
    expect(cooc.slice(1).every((row) => row[0] === `'@evil`)).toBe(true);
  });
});
