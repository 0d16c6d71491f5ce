// docs/memos.md and docs/search.md: every `$ fieldcode …` block is run on the
// example project and its output compared.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { EXAMPLE, ROOT, run } from '../helpers/cli.js';

/** `$ fieldcode a "b c"` blocks of a Markdown file, with the output shown under them (as in examples-readme.test.ts). */
function consoleBlocks(markdown: string): Array<{ argv: string[]; shown: string }> {
  return [...markdown.matchAll(/```console\n\$ fieldcode ([^\n]*)\n([\s\S]*?)```/g)].map((match) => ({
    argv: [...match[1].matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]),
    shown: match[2],
  }));
}

for (const doc of ['docs/memos.md', 'docs/search.md']) {
  describe(doc, () => {
    const blocks = consoleBlocks(readFileSync(join(ROOT, doc), 'utf8'));
    test('has commands to run', () => expect(blocks.length).toBeGreaterThan(0));
    for (const block of blocks) {
      test(`fieldcode ${block.argv.join(' ')}`, async () => {
        const result = await run(block.argv, { cwd: EXAMPLE });
        expect(result.code).toBe(0);
        expect(result.stdout + result.stderr).toBe(block.shown);
      }, 60_000);
    }
  });
}
