// Issue 15 item 11: two `tag` processes editing one note. The check "the note
// did not change since I read it" and the rename run under the note's lock, so
// a slowed writer (FIELDCODE_TEST_DELAY_RENAME_MS, a test hook) cannot lose
// the other's edit: the second writer waits, sees the change and refuses.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { BIN, copyToTemp, runBin } from '../helpers/cli.js';
import { leftovers, TAG_PROJECT } from './helpers.js';

const ANNA = 'notes/anna.md';

test('a slowed writer and a second writer: no edit is lost', { timeout: 60_000 }, async () => {
  const dir = copyToTemp(TAG_PROJECT);
  const slow = spawn(process.execPath, [BIN, 'tag', '--add', 'support', '--at', `${ANNA}:13`], { cwd: dir, env: { PATH: process.env.PATH, FIELDCODE_TEST_DELAY_RENAME_MS: '3000' } });
  let slowErr = '';
  slow.stderr.on('data', (chunk) => (slowErr += chunk));
  const slowCode = new Promise<number | null>((done) => slow.on('exit', done));
  // Start the second writer once the first has checked the note and is about to rename.
  for (let i = 0; i < 400 && !readdirSync(join(dir, 'notes')).some((name) => name.endsWith('.tmp')); i++) await new Promise((done) => setTimeout(done, 50));
  expect(readdirSync(join(dir, 'notes')).some((name) => name.endsWith('.tmp'))).toBe(true);
  const fast = runBin(['tag', '--add', 'cost', '--at', `${ANNA}:15`, '--span', 'I had debts with four parties.'], { cwd: dir });
  const slowExit = await slowCode;
  const final = readFileSync(join(dir, ANNA), 'utf8');
  expect(slowErr).toBe('');
  expect(slowExit).toBe(0);
  expect(final).toContain('in the group? #support');
  // The second writer read the note before the first one's rename: it must not overwrite it.
  if (fast.code === 0) expect(final).toContain('{#cost}');
  else {
    expect(fast.code).toBe(1);
    expect(fast.stderr).toContain('[file-changed]');
    expect(final).not.toContain('{#cost}');
  }
  expect(leftovers(join(dir, 'notes'))).toEqual([]);
});
