// `tag --add` on one note reads that note, the project file and the codebook,
// and parses the note at most twice: once as read, once to verify the edit.
// The verified note is the one kept after the write (issue 10, item 5).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { parseCount } from '../../src/core/parse.js';
import { copyToTemp, run } from '../helpers/cli.js';

const PROJECT = fileURLToPath(new URL('../fixtures/tag/project/', import.meta.url));
const ANNA = 'notes/anna.md';

async function parsesOf(argv: string[], cwd: string): Promise<{ parses: number; code: number; stdout: string; stderr: string }> {
  const before = parseCount();
  const result = await run(argv, { cwd });
  return { parses: parseCount() - before, ...result };
}

describe('tag parses each note it edits as few times as it can', { timeout: 60_000 }, () => {
  test('--add on one note: two parses (the note as read, the edit verified), no other note', async () => {
    const dir = copyToTemp(PROJECT);
    const add = await parsesOf(['tag', '--add', 'support', '--at', `${ANNA}:13`, '--no-cache'], dir);
    expect(add).toMatchObject({ code: 0, stderr: '', stdout: `${ANNA}:13  added #support\n` });
    // Before: five (read, verify before and after, the paragraph's end, again after the write).
    expect(add.parses).toBe(2);
    expect(readFileSync(join(dir, ANNA), 'utf8')).toContain('in the group? #support');
  });

  test('--add --span and --remove: two parses each', async () => {
    const dir = copyToTemp(PROJECT);
    const span = await parsesOf(['tag', '--add', 'cost', '--at', `${ANNA}:15`, '--span', 'I had debts with four parties.', '--no-cache'], dir);
    expect(span).toMatchObject({ code: 0, parses: 2 });
    const remove = await parsesOf(['tag', '--remove', 'feedback', '--at', `${ANNA}:19`, '--no-cache'], dir);
    expect(remove).toMatchObject({ code: 0, parses: 2 });
  });

  test('--add with a warm parse cache: only the edit is parsed', async () => {
    const dir = copyToTemp(PROJECT);
    const env = { FIELDCODE_CACHE_DIR: join(dir, '.cache') };
    // Fill the cache without changing anything (a dry run).
    expect((await run(['tag', '--add', 'support', '--at', `${ANNA}:13`, '--dry-run'], { cwd: dir, env })).code).toBe(0);
    const before = parseCount();
    const warm = await run(['tag', '--add', 'support', '--at', `${ANNA}:13`], { cwd: dir, env });
    expect(warm.code).toBe(0);
    expect(parseCount() - before).toBe(1);
  });

  test('--accept-suggestions: each note once, then once per code added', async () => {
    const dir = copyToTemp(PROJECT);
    const accept = await parsesOf(['tag', '--accept-suggestions', '--no-cache'], dir);
    expect(accept.code).toBe(0);
    expect(accept.stderr).toContain('3 codes added in 2 notes');
    expect(accept.parses).toBe(2 + 3);
  });
});
