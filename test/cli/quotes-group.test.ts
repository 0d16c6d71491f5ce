// `quotes --by phase` still says which group each quote comes from.
import { describe, expect, it } from 'vitest';
import { EXAMPLE, run } from '../helpers/cli.js';

describe('quote attributions name the group', () => {
  it('--by phase: table, Markdown and HTML attributions carry the group', async () => {
    const table = await run(['quotes', '--code', 'reciprocity', '--by', 'phase', '--pseudonymize'], { cwd: EXAMPLE });
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('      — P22 · buurtkring · focus-group · notes/buurtkring/I-focus-group.md:42\n');
    const markdown = await run(['quotes', '--code', 'reciprocity', '--by', 'phase', '--pseudonymize', '--format', 'markdown'], { cwd: EXAMPLE });
    expect(markdown.stdout).toContain('> — P22 · buurtkring · focus-group · ');
    const html = await run(['quotes', '--code', 'reciprocity', '--by', 'phase', '--pseudonymize', '--format', 'html'], { cwd: EXAMPLE });
    expect(html.stdout).toMatch(/P22 · buurtkring · focus-group/);
  });

  it('--by group does not repeat it', async () => {
    const table = await run(['quotes', '--code', 'reciprocity', '--by', 'group', '--pseudonymize'], { cwd: EXAMPLE });
    expect(table.stdout).toContain('      — P22 · focus-group · notes/buurtkring/I-focus-group.md:42\n');
  });
});
