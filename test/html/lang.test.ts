// HTML pages declare the language of the project: the codebook's first language.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLE, run, tempDir } from '../helpers/cli.js';

function dutchProject(languages: string): string {
  const dir = tempDir();
  mkdirSync(join(dir, 'notes'));
  writeFileSync(join(dir, 'fieldcode.yaml'), 'name: Buurt\ncodebook: codebook.yaml\nnotes: ["notes/**/*.md"]\n');
  writeFileSync(join(dir, 'codebook.yaml'), `name: Buurt\nversion: "1"\nlanguages: ${languages}\ncodes:\n  - id: steun\n    label: Steun\n    definition: Mensen helpen elkaar.\n`);
  writeFileSync(join(dir, 'notes', 'a.md'), '---\ngroup: noord\n---\nWe helpen elkaar met de brieven. #steun\n');
  return dir;
}

describe('the lang of HTML pages', () => {
  it('is the codebook’s first language, for every kind', async () => {
    const dir = dutchProject('[nl, en]');
    for (const command of [['report'], ['quotes', '--code', 'steun'], ['cooccurrence'], ['phase-change', '--phase', 'group'], ['phase-report', '--phase', 'group']]) {
      const result = await run([...command, '--format', 'html'], { cwd: dir });
      expect(result.stdout, command.join(' ')).toContain('<html lang="nl">');
    }
  });

  it('is en without languages, or for a value that is not a language tag', async () => {
    expect((await run(['report', '--format', 'html'], { cwd: dutchProject('[]') })).stdout).toContain('<html lang="en">');
    expect((await run(['report', '--format', 'html'], { cwd: dutchProject('["nl\\" onload=\\"x"]') })).stdout).toContain('<html lang="en">');
    expect((await run(['report', '--format', 'html'], { cwd: EXAMPLE })).stdout).toContain('<html lang="en">');
  });
});
