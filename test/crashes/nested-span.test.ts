// Issue 16 item 13: `tag --remove` of a span nested inside another span over
// the same words failed to find its `{#…}` block.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { run, tempDir } from '../helpers/cli.js';

function note(body: string): { dir: string; path: string } {
  const dir = tempDir();
  mkdirSync(join(dir, 'notes'));
  const path = join(dir, 'notes', 'a.md');
  writeFileSync(path, `---\ngroup: a\n---\n\n${body}\n`);
  return { dir, path };
}

describe('tag --remove with nested spans', () => {
  test('the outer of two spans over the same words', async () => {
    const { dir, path } = note('[[her bike]{#mutual-support.practical}]{#reciprocity} ok.');
    const result = await run(['tag', '--at', `${path}:5`, '--remove', 'reciprocity', '--span', 'her bike'], { cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(readFileSync(path, 'utf8')).toBe('---\ngroup: a\n---\n\n[her bike]{#mutual-support.practical} ok.\n');
  }, 60_000);

  test('the inner one, and a span inside a longer one', async () => {
    const { dir, path } = note('[I fixed [her bike]{#mutual-support.practical} today]{#reciprocity} ok.');
    const inner = await run(['tag', '--at', `${path}:5`, '--remove', 'mutual-support.practical', '--span', 'her bike'], { cwd: dir });
    expect(inner.code).toBe(0);
    expect(readFileSync(path, 'utf8')).toContain('\n[I fixed her bike today]{#reciprocity} ok.\n');
  }, 60_000);
});
