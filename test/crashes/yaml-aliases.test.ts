// Issue 16 item 2: YAML aliases (ordinary ones, or a "billion laughs" bomb)
// in any YAML fieldcode reads are expanded under a limit; past it, the file
// gets a positioned error and the other notes go on.
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { run, tempTree } from '../helpers/cli.js';

const BOMB = [
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  ...'bcdefghi'.split('').map((name, i) => `${name}: &${name} [${Array(9).fill(`*${'abcdefgh'[i]}`).join(',')}]`),
].join('\n');

const project = tempTree;

const GOOD = '---\ngroup: b\n---\n\nFine. #reciprocity\n';

describe('YAML aliases', () => {
  test('a billion-laughs front matter is an error on that note; the other notes are counted', async () => {
    const dir = project({ 'notes/bomb.md': `---\ngroup: a\n${BOMB}\n---\n\nText #reciprocity\n`, 'notes/good.md': GOOD });
    const result = await run(['report', dir, '--format', 'csv'], { cwd: dir });
    expect(result.stderr).not.toContain('internal error');
    expect(result.stderr).toMatch(/notes\/bomb\.md:4:8 +error +Cannot parse front matter: Unexpected YAML aliases that expand to more than 1000 copies.*\[front-matter-invalid\]/);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^reciprocity,.*b,1,/m);
  }, 60_000);

  test('100 ordinary aliases in front matter are read', async () => {
    const aliases = Array.from({ length: 100 }, (_, i) => `copy${i}: *list`).join('\n');
    const dir = project({ 'notes/aliases.md': `---\ngroup: a\nlist: &list [1, 2, 3]\n${aliases}\n---\n\nText #reciprocity\n`, 'notes/good.md': GOOD });
    const result = await run(['check', dir], { cwd: dir });
    expect(result.stderr).not.toContain('internal error');
    expect(result.stderr).toContain('2 notes, 2 codings: no errors found');
    expect(result.code).toBe(0);
  }, 60_000);

  test('a bomb in a report declaration of the project file is a positioned error, exit 2', async () => {
    const config = `name: x\n${BOMB}\nreports:\n  - name: f\n    kind: frequencies\n    out: r.md\n    title: *i\n`;
    const dir = project({ 'fieldcode.yaml': config, 'notes/good.md': GOOD });
    const result = await run(['check', dir], { cwd: dir });
    expect(result.stderr).not.toContain('internal error');
    expect(result.stderr).toMatch(/fieldcode\.yaml:15:12 +(error +)?Unexpected YAML aliases that expand to more than 1000 copies/);
    expect(result.code).toBe(2);
  }, 60_000);
});
