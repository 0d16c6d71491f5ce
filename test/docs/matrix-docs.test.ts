// docs/matrix.md is run, not just read: every `$ fieldcode …` block is executed
// in the example project and its output compared.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { EXAMPLE, ROOT, run } from '../helpers/cli.js';

/** `$ fieldcode a b` blocks with the output shown under them (as test/docs/examples-readme.test.ts reads them). */
function consoleBlocks(markdown: string): Array<{ argv: string[]; shown: string }> {
  return [...markdown.matchAll(/```console\n\$ fieldcode ([^\n]*)\n([\s\S]*?)```/g)].map((m) => ({ argv: m[1].split(' '), shown: m[2] }));
}

describe('docs/matrix.md', () => {
  const blocks = consoleBlocks(readFileSync(join(ROOT, 'docs', 'matrix.md'), 'utf8'));
  test('has commands to run', () => expect(blocks.length).toBeGreaterThanOrEqual(4));
  for (const block of blocks) {
    test(`fieldcode ${block.argv.join(' ')}`, async () => {
      const result = await run(block.argv, { cwd: EXAMPLE });
      expect(result.code).toBe(0);
      expect(result.stdout + result.stderr).toBe(block.shown);
    }, 60_000);
  }
});
