// Issue 16 item 4: a codebook pattern with catastrophic backtracking hung
// `suggest` and `tag`. Patterns run on RE2 (linear time); syntax RE2 lacks is
// an `invalid-pattern` error at its line in the codebook.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { BIN, run, tempDir } from '../helpers/cli.js';

const CODEBOOK = [
  'name: hostile',
  'version: "1"',
  'codes:',
  '  - id: evil',
  '    label: Evil',
  '    patterns: ["(a+)+$", "(?<=a)b"]',
  '  - id: fine',
  '    label: Fine',
  '    patterns: ["\\\\bhelp(ed)? (him|her)\\\\b"]',
  '',
].join('\n');

function project(): string {
  const dir = tempDir();
  mkdirSync(join(dir, 'notes'));
  writeFileSync(join(dir, 'codebook.yaml'), CODEBOOK);
  writeFileSync(join(dir, 'notes', 'a.md'), `---\ngroup: a\n---\n\n${'a'.repeat(40)}!\n\nShe helped him move.\n\n${'a'.repeat(30)}\n`);
  return dir;
}

describe('codebook patterns', () => {
  test('`(a+)+$` on 40 characters does not hang suggest (a child process, so a hang fails instead of blocking)', () => {
    const dir = project();
    const result = spawnSync(process.execPath, [BIN, 'suggest', dir, '--codebook', join(dir, 'codebook.yaml'), '--format', 'json'], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    expect(result.signal).toBeNull();
    expect(result.stderr).toMatch(/codebook\.yaml:6:26 +error +Cannot compile pattern of `evil`: .*\(patterns are RE2: no lookaround or backreferences\) +\[invalid-pattern\]/);
    const suggestions = JSON.parse(result.stdout) as unknown;
    const text = JSON.stringify(suggestions);
    // The linear engine still matches: `(a+)+$` matches the 30 a's that end the last paragraph, and the fine pattern its words.
    expect(text).toContain('helped him');
    expect(text).toContain('"evil"');
  }, 90_000);

  test('the rule is in the codebook docs', async () => {
    const { readFileSync } = await import('node:fs');
    const readme = readFileSync(new URL('../../codebook/README.md', import.meta.url), 'utf8');
    expect(readme).toMatch(/## Patterns[\s\S]*RE2[\s\S]*lookbehind/);
    const dir = project();
    const check = await run(['check', dir, '--codebook', join(dir, 'codebook.yaml')], { cwd: dir });
    expect(check.stderr).toMatch(/codebook\.yaml:6:26 +error .*\[invalid-pattern\]/);
  }, 60_000);
});
