// README "From recording to notes" is run, not just read: its commands run in
// a copy of the example project, the note it shows is the note written, and
// each output shown is the output of the command above it.
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ROOT, run, tempDir } from '../helpers/cli.js';

function section(markdown: string, heading: string): string {
  const start = markdown.indexOf(`\n## ${heading}\n`);
  const end = markdown.indexOf('\n## ', start + 1);
  return markdown.slice(start, end);
}

/** `fieldcode a "b c"` as argv. */
function argv(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]).slice(1);
}

describe('README: From recording to notes', () => {
  const text = section(readFileSync(join(ROOT, 'README.md'), 'utf8'), 'From recording to notes');
  const blocks = [...text.matchAll(/```(sh|text|markdown)\n([\s\S]*?)```/g)].map((m) => ({ kind: m[1], body: m[2] }));

  test('the walkthrough runs in the example project and prints what it shows', async () => {
    expect(blocks.filter((b) => b.kind === 'sh').length).toBeGreaterThanOrEqual(3);
    const work = tempDir();
    cpSync(join(ROOT, 'examples'), join(work, 'examples'), { recursive: true });
    const cwd = join(work, 'examples', 'peer-groups');
    let last = '';
    let ran = 0;
    for (const block of blocks) {
      if (block.kind === 'sh') {
        for (const line of block.body.split('\n').filter((l) => l.startsWith('fieldcode '))) {
          const result = await run(argv(line), { cwd });
          expect(result.code, `${line}\n${result.stderr}`).toBe(0);
          expect(result.stderr, line).not.toMatch(/ error /);
          last = result.stdout;
          ran++;
        }
      } else if (block.kind === 'text') {
        expect(last).toBe(block.body);
      } else {
        expect(readFileSync(join(cwd, 'notes', 'de-brug', 'de-brug-ii-focus-group.md'), 'utf8').startsWith(block.body)).toBe(true);
      }
    }
    expect(ran).toBe(6);
  });
});
