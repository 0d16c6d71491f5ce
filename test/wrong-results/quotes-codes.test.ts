// Issue 16 item 16: a passage with several codes of the requested family is
// one quote that names every one of them, in every format.
import { describe, expect, test } from 'vitest';
import { parse } from 'csv-parse/sync';
import { EXAMPLE, run } from '../helpers/cli.js';

// samen-sterk/I-observation.md:45 ends in `#mutual-support.practical #reciprocity`;
// both codes are children of working-components.
const ARGS = ['quotes', EXAMPLE, '--code', 'working-components', '--where', 'group=samen-sterk', '--where', 'phase=I', '--by', 'phase'];
const RUBEN = 'I-observation.md:45';

describe('quotes of a parent code show every applied code of a passage', () => {
  test('table and Markdown name both codes, once', async () => {
    for (const format of ['table', 'markdown']) {
      const { stdout, code } = await run([...ARGS, '--format', format]);
      expect(code).toBe(0);
      const attribution = stdout.split('\n').filter((line) => line.includes(RUBEN));
      expect(attribution).toHaveLength(1);
      // Markdown escapes `#` so that it is not read as a tag again.
      expect(attribution[0].replaceAll('\\#', '#')).toContain('#reciprocity #mutual-support.practical');
    }
  });

  test('CSV has a list column of the applied codes', async () => {
    const { stdout } = await run([...ARGS, '--format', 'csv']);
    const rows = parse(stdout, { columns: true }) as Record<string, string>[];
    const ruben = rows.filter((row) => row.note.endsWith('samen-sterk/I-observation.md') && row.line === '45');
    expect(ruben).toHaveLength(1);
    expect(ruben[0].applied_codes).toBe('reciprocity;mutual-support.practical');
  });

  test('JSON lists the codes', async () => {
    const { stdout } = await run([...ARGS, '--format', 'json']);
    const quotes = JSON.parse(stdout).sections[0].groups.flatMap((g: { quotes: unknown[] }) => g.quotes) as Array<{ note: string; line: number; codes: string[] }>;
    const ruben = quotes.filter((q) => q.note.endsWith('samen-sterk/I-observation.md') && q.line === 45);
    expect(ruben).toHaveLength(1);
    expect(ruben[0].codes).toEqual(['reciprocity', 'mutual-support.practical']);
  });

  test('HTML names both codes', async () => {
    const { stdout } = await run([...ARGS, '--format', 'html']);
    const footer = stdout.split('\n').find((line) => line.includes('<footer>') && line.includes(RUBEN));
    expect(footer).toContain('#reciprocity #mutual-support.practical');
  });

  test('a quote of a code itself stays unlabelled', async () => {
    const { stdout } = await run(['quotes', EXAMPLE, '--code', 'reciprocity', '--where', 'group=samen-sterk', '--where', 'phase=I', '--format', 'markdown']);
    const line = stdout.split('\n').find((l) => l.includes(RUBEN));
    expect(line).toBeDefined();
    expect(line).not.toContain('#');
  });
});
