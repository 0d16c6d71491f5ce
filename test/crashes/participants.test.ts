// Issue 16 item 12: front matter with many participants was quadratic (the
// yaml package's duplicate-key check): 50k participants took 32 s, 100k 392 s.
// The duplicate check is now one set per mapping. The timeout is the
// regression guard; the assertions check the participants were all read.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { run, tempDir } from '../helpers/cli.js';

describe('many participants', () => {
  test('50,000 participants are read, the last one a speaker with its pseudonym', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'notes'));
    const lines = ['---', 'group: a', 'participants:'];
    for (let i = 0; i < 50_000; i++) lines.push(`  Person${i}: { pseudonym: X${i}, role: participant }`);
    lines.push('---', '', 'Person49999: I gave back. #reciprocity', '');
    writeFileSync(join(dir, 'notes', 'a.md'), lines.join('\n'));
    const result = await run(['quotes', dir, '--code', 'reciprocity', '--pseudonymize', '--format', 'json', '--max-note-size', '8M'], { cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('"speaker": "X49999"');
    expect(result.stdout).not.toContain('Person49999');
  }, 120_000);

  test('a duplicate key is still an error at its line', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'notes'));
    writeFileSync(join(dir, 'notes', 'a.md'), '---\ngroup: a\nparticipants:\n  Anna: {}\n  Anna: {}\n---\n\nText.\n');
    const result = await run(['check', dir], { cwd: dir });
    expect(result.stderr).toContain('notes/a.md:5:3  error  Cannot parse front matter: Map keys must be unique  [front-matter-invalid]');
    expect(result.code).toBe(1);
  }, 60_000);
});
