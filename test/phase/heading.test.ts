// A Markdown phase report of one phase says which phase once, in its title.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLE, run } from '../helpers/cli.js';

const headings = (markdown: string) => markdown.split('\n').filter((line) => line.startsWith('#'));

describe('Markdown phase report headings', () => {
  it('one phase: the title names it, and its parts are the next level down', async () => {
    const result = await run(['phase-report', EXAMPLE, '--where', 'phase=II', '--pseudonymize']);
    expect(result.code).toBe(0);
    const lines = headings(result.stdout);
    expect(lines.filter((line) => /phase II\b/.test(line))).toEqual(['# Phase report: phase II']);
    expect(lines.slice(0, 4)).toEqual(['# Phase report: phase II', '## Which codes showed up', '## Change since phase I', '## Codes that occur together']);
    // The committed example report, built by `fieldcode build`, too.
    expect(headings(readFileSync(join(EXAMPLE, 'reports', 'phase-II.md'), 'utf8'))).toEqual(lines);
  });

  it('several phases keep a heading each', async () => {
    const result = await run(['phase-report', EXAMPLE, '--pseudonymize']);
    expect(headings(result.stdout).filter((line) => line.startsWith('## '))).toEqual(['## phase I', '## phase II', '## phase III']);
  });
});
