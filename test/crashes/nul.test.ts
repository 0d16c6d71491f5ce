// Issue 16 item 7: NUL bytes silently became U+FFFD in quotes, and
// `tag --remove` gave a message the user could not act on.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { run, tempDir } from '../helpers/cli.js';

const NOTE = '---\ngroup: a\n---\n\nShe said \0 [hello\0 there]{#reciprocity} ok.\n';

function project(): string {
  const dir = tempDir();
  mkdirSync(join(dir, 'notes'));
  writeFileSync(join(dir, 'notes', 'a.md'), NOTE);
  return dir;
}

describe('NUL bytes', () => {
  test('are a positioned warning at the first one; --strict fails', async () => {
    const dir = project();
    const check = await run(['check', dir], { cwd: dir });
    expect(check.stderr).toContain('notes/a.md:5:10  warning  Unexpected 2 NUL bytes, the first here (U+0000), expected text: it reads as `\uFFFD` in quotes and reports; remove them  [nul-character]');
    expect(check.code).toBe(0);
    expect((await run(['check', dir, '--strict'], { cwd: dir })).code).toBe(1);
  }, 60_000);

  test('tag --remove says why the span words cannot be typed, and writes nothing', async () => {
    const dir = project();
    const note = join(dir, 'notes', 'a.md');
    const remove = await run(['tag', '--at', `${note}:5`, '--remove', 'reciprocity'], { cwd: dir });
    expect(remove.stderr).toMatch(/notes\/a\.md:5:\d+ +error +Cannot remove `#reciprocity`: .*only a span .*; use --span with its words \(the text holds a NUL byte or U\+FFFD, .*remove it from the note first/);
    expect(remove.code).toBe(1);
    const span = await run(['tag', '--at', `${note}:5`, '--remove', 'reciprocity', '--span', 'hello there'], { cwd: dir });
    expect(span.stderr).toMatch(/Cannot find the words `hello there` in the segment, .*\(the text holds a NUL byte or U\+FFFD/);
    expect(readFileSync(note, 'utf8')).toBe(NOTE);
  }, 60_000);
});
