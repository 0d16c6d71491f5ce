// Recovery of a plan left by a killed `fieldcode codes`: completed when every
// file is still old or new, rolled back when one was edited since; the next
// command (any command) does it and says which on stderr.
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { run, tempTree } from '../helpers/cli.js';

const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };

function leftover(files: Record<string, string>, planned: Array<{ path: string; before: string | null; after: string }>): string {
  const dir = tempTree({ 'fieldcode.yaml': 'codebook: codebook.yaml\n', 'codebook.yaml': 'name: T\ncodes:\n  - id: a\n', ...files });
  mkdirSync(join(dir, '.fieldcode'), { recursive: true });
  writeFileSync(join(dir, '.fieldcode/plan.json'), JSON.stringify({ fieldcode: 'fieldcode-plan/1', version, operation: 'codes rename x a', files: planned }));
  return dir;
}

describe('a leftover plan', () => {
  test('is completed when every file is old or new', async () => {
    const dir = leftover({ 'notes/1.md': 'new 1\n', 'notes/2.md': 'old 2\n' }, [
      { path: 'notes/1.md', before: 'old 1\n', after: 'new 1\n' },
      { path: 'notes/2.md', before: 'old 2\n', after: 'new 2\n' },
      { path: 'fieldcode.review.yaml', before: null, after: 'review\n' },
    ]);
    const result = await run(['codebook', '-q'], { cwd: dir });
    expect(result.stderr).toBe('fieldcode: completed the interrupted `codes rename x a` from `.fieldcode/plan.json` (2 of 3 files were still to write)\n');
    expect(result.code).toBe(0);
    expect(readFileSync(join(dir, 'notes/2.md'), 'utf8')).toBe('new 2\n');
    expect(readFileSync(join(dir, 'fieldcode.review.yaml'), 'utf8')).toBe('review\n');
    expect(existsSync(join(dir, '.fieldcode/plan.json'))).toBe(false);
  });

  test('is rolled back when a file was edited since, and the edited file is left alone', async () => {
    const dir = leftover({ 'notes/1.md': 'new 1\n', 'notes/2.md': 'edited by hand\n', 'fieldcode.review.yaml': 'review\n' }, [
      { path: 'notes/1.md', before: 'old 1\n', after: 'new 1\n' },
      { path: 'notes/2.md', before: 'old 2\n', after: 'new 2\n' },
      { path: 'fieldcode.review.yaml', before: null, after: 'review\n' },
    ]);
    const result = await run(['codebook', '-q'], { cwd: dir });
    expect(result.stderr).toBe('fieldcode: rolled back the interrupted `codes rename x a` from `.fieldcode/plan.json` (2 files put back), because `notes/2.md` changed since; run it again\n');
    expect(readFileSync(join(dir, 'notes/1.md'), 'utf8')).toBe('old 1\n');
    expect(readFileSync(join(dir, 'notes/2.md'), 'utf8')).toBe('edited by hand\n');
    expect(existsSync(join(dir, 'fieldcode.review.yaml'))).toBe(false);
    expect(existsSync(join(dir, '.fieldcode/plan.json'))).toBe(false);
  });

  test('is found from a folder named on the command line', async () => {
    const dir = leftover({ 'notes/1.md': 'old 1\n' }, [{ path: 'notes/1.md', before: 'old 1\n', after: 'new 1\n' }]);
    const result = await run(['check', dir], { cwd: join(dir, '..') });
    expect(result.stderr).toContain('fieldcode: completed the interrupted `codes rename x a`');
    expect(readFileSync(join(dir, 'notes/1.md'), 'utf8')).toBe('new 1\n');
  });
});
