// `fieldcode reconcile`: a bad --as, --coders or --decisions is a fatal
// diagnostic at that flag on the command line (exit 2), and nothing is written.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../helpers/cli.js';
import { reconcileProject } from './helpers.js';

/** `fieldcode reconcile ` is 20 characters: the first flag after it starts at column 21. */
const FIRST = 21;

async function fails(root: string, argv: string[], column: number, message: string, rule = 'invalid-option'): Promise<void> {
  const r = await run(['reconcile', ...argv], { cwd: root });
  expect(r.code, r.stderr).toBe(2);
  expect(r.stderr).toContain(`<command line>:1:${column}  error  ${message}`);
  expect(r.stderr).toContain(`[${rule}]`);
  expect(r.stderr).not.toContain('fieldcode: ');
  expect(existsSync(join(root, 'reconcile-log.txt'))).toBe(false);
}

describe('fieldcode reconcile: problems with what was typed', () => {
  it('--as, --coders and --decisions', async () => {
    const root = reconcileProject();
    await fails(root, ['--as', '../x'], FIRST, "Unexpected `--as ../x`, expected a coder name of letters, digits, '.', '_' or '-'");
    await fails(root, ['--coders', 'anna'], FIRST, 'Unexpected 1 coder in --coders, expected exactly two (e.g. --coders anna,ben)');
    await fails(root, ['--coders', 'anna,zoe'], FIRST, 'Unexpected coder `zoe` in --coders, expected one of `anna`, `ben`');
    await fails(root, ['--coders', 'anna,anna'], FIRST, 'Unexpected the same coder twice in --coders, expected two different coders');
    await fails(root, ['--coders', 'anna,ben', '--decisions', 'gone.yaml'], FIRST + '--coders anna,ben '.length, 'Cannot read `gone.yaml`: ', 'unreadable-file');
  });

  it('a project with one coder, without --coders, is placed at the start of the command line', async () => {
    const root = reconcileProject({ 'notes/visit.codings.yaml': 'fieldcode: standoff/1\nnote: visit.md\ncodings: []\n' });
    await fails(root, ['--list'], 1, 'Cannot reconcile: no coder has codings, expected two; name them with --coders A,B');
  });

  it('a consensus that cannot be written is a fatal write-failed at its file, and nothing is written', async () => {
    const root = reconcileProject({ 'd.yaml': 'fieldcode: decisions/1\ndecisions:\n  - at: notes/visit.md:6\n    take: a\n  - at: notes/visit.md:8\n    take: neither\n' });
    // A log outside the project folder is refused by the staged write.
    const r = await run(['reconcile', '--decisions', 'd.yaml', '--log', '../log.txt'], { cwd: root });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^\.\.\/log\.txt:1:1 {2}error {2}Cannot write the consensus: .+; nothing written {2}\[write-failed\]$/m);
    expect(existsSync(join(root, 'notes/visit.consensus.codings.yaml'))).toBe(false);
    expect(existsSync(join(root, '..', 'log.txt'))).toBe(false);
  });
});
