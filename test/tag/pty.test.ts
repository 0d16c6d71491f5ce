// Interactive `fieldcode tag` in a real pseudo-terminal: tmux runs the real
// bin/fieldcode.js, the test sends real keystrokes and polls the screen for
// what it expects (bounded waits, no fixed sleeps), then compares the note
// byte for byte. Needs the Debian package `tmux`; in CI (CI=true) these tests
// always run, elsewhere they are skipped with a reason when tmux is missing.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import { BIN, copyToTemp } from '../helpers/cli.js';

const PROJECT = fileURLToPath(new URL('../fixtures/tag/project/', import.meta.url));
const ANNA = 'notes/anna.md';
const hasTmux = spawnSync('tmux', ['-V']).status === 0;
const inCI = process.env.CI === 'true' || process.env.CI === '1';
const skip = !hasTmux && !inCI;
if (skip) console.warn('Skipping the pseudo-terminal tests of `fieldcode tag`: tmux is not installed (apt-get install tmux). They always run when CI=true.');

const SOCKET = `fieldcode-test-${process.pid}`;
let counter = 0;
const sessions: string[] = [];

function tmux(...args: string[]): string {
  const result = spawnSync('tmux', ['-L', SOCKET, ...args], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`tmux ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout;
}

interface Terminal {
  dir: string;
  exitFile: string;
  screen(): string;
  /** Polls the screen until `wanted` shows (string or test), at most `ms`. */
  waitFor(wanted: string | ((screen: string) => boolean), ms?: number): Promise<string>;
  type(text: string): void;
  keys(...names: string[]): void;
  /** Waits for the process to end and returns its exit code. */
  exitCode(ms?: number): Promise<number>;
}

const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

function start(args: string[], env: Record<string, string> = { NO_COLOR: '1' }, dir = copyToTemp(PROJECT)): Terminal {
  const name = `tag${++counter}`;
  const exitFile = join(dir, '..', `exit-code-${name}`);
  const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;
  const vars = Object.entries(env).map(([k, v]) => (v ? `${k}=${quote(v)}` : `-u ${k}`)).join(' ');
  const command = `cd ${quote(dir)} && env ${vars} ${quote(process.execPath)} ${quote(BIN)} ${args.map(quote).join(' ')}; echo $? > ${quote(exitFile)}`;
  tmux('new-session', '-d', '-s', name, '-x', '120', '-y', '50', command);
  // Keep the pane after fieldcode exits, so its last lines can still be read.
  tmux('set-option', '-t', name, 'remain-on-exit', 'on');
  sessions.push(name);
  const screen = (): string => {
    try {
      return tmux('capture-pane', '-p', '-J', '-t', name);
    } catch {
      return '';
    }
  };
  return {
    dir,
    exitFile,
    screen,
    async waitFor(wanted, ms = 20_000) {
      const ok = typeof wanted === 'string' ? (s: string) => s.includes(wanted) : wanted;
      const until = Date.now() + ms;
      for (;;) {
        const now = screen();
        if (ok(now)) return now;
        if (Date.now() > until) throw new Error(`Timed out waiting for ${typeof wanted === 'string' ? JSON.stringify(wanted) : 'the screen'}; the screen shows:\n${now}`);
        await sleep(50);
      }
    },
    type(text) {
      tmux('send-keys', '-t', name, '-l', text);
    },
    keys(...names) {
      tmux('send-keys', '-t', name, ...names);
    },
    async exitCode(ms = 20_000) {
      const until = Date.now() + ms;
      while (!existsSync(exitFile) || readFileSync(exitFile, 'utf8').trim() === '') {
        if (Date.now() > until) throw new Error(`Timed out waiting for fieldcode to exit; the screen shows:\n${screen()}`);
        await sleep(50);
      }
      return Number(readFileSync(exitFile, 'utf8').trim());
    },
  };
}

/** The fixture's bytes with `insert` placed right after the first `after`. */
function inserted(original: Buffer, after: string, insert: string): Buffer {
  const at = original.indexOf(Buffer.from(after, 'utf8'));
  if (at < 0) throw new Error(`fixture lacks ${after}`);
  const end = at + Buffer.byteLength(after);
  return Buffer.concat([original.subarray(0, end), Buffer.from(insert, 'utf8'), original.subarray(end)]);
}

const original = (path: string): Buffer => readFileSync(join(PROJECT, path));

/** Picks a code in the picker: type to filter, wait for it, check it, clear the filter. */
async function pick(t: Terminal, filter: string, code: string): Promise<void> {
  t.type(filter);
  await t.waitFor(`filter: ${filter}`);
  await t.waitFor((s) => new RegExp(`❯◯ +${code.replace(/\./g, '\\.')}\\b`).test(s));
  t.keys('Space');
  await t.waitFor((s) => new RegExp(`❯◉ +${code.replace(/\./g, '\\.')}\\b`).test(s));
  for (let i = 0; i < filter.length; i++) t.keys('BSpace');
  await t.waitFor('(type to filter)');
}

/** Opens the "more" menu and chooses an entry by its first letters. */
async function more(t: Terminal, entry: string): Promise<void> {
  t.keys('Tab');
  await t.waitFor('Back to the codes');
  t.type(entry);
  await t.waitFor((s) => s.split('\n').some((line) => line.startsWith(`❯ ${entry}`)));
  t.keys('Enter');
}

describe.skipIf(skip)('fieldcode tag in a pseudo-terminal', { timeout: 90_000 }, () => {
  afterEach(() => {
    for (const name of sessions.splice(0)) spawnSync('tmux', ['-L', SOCKET, 'kill-session', '-t', name]);
  });
  afterAll(() => {
    spawnSync('tmux', ['-L', SOCKET, 'kill-server']);
  });

  test('pick two codes and save: written at once, byte for byte', async () => {
    const t = start(['tag', ANNA]);
    const first = await t.waitFor('Codes for this segment');
    expect(first).toContain(`${ANNA}:13`);
    expect(first).toContain('speaker Interviewer');
    expect(first).toContain('Interview with Anna');
    expect(first).toContain('segment 1 of 3, 0 coded');
    expect(first).toContain('How did you end up in the group?');
    // NO_COLOR=1: not one colour or style escape on the screen.
    expect(tmux('capture-pane', '-p', '-e', '-t', `tag${counter}`)).not.toMatch(/\u001b\[/);
    await pick(t, 'feed', 'feedback');
    await pick(t, 'supp', 'support');
    t.keys('Enter');
    const second = await t.waitFor('segment 2 of 3, 1 coded');
    expect(second).toContain(`Saved ${ANNA}:13  +#feedback +#support`);
    // Written before quitting.
    expect(readFileSync(join(t.dir, ANNA)).equals(inserted(original(ANNA), 'in the group?', ' #feedback #support'))).toBe(true);
    // The debts turn comes with its suggestion pre-checked and marked.
    await t.waitFor((s) => /◉ cost\s+Cost of living\s+suggested: “debts”/.test(s));
    await more(t, 'Quit');
    expect(await t.exitCode()).toBe(0);
    expect(readFileSync(join(t.dir, ANNA)).equals(inserted(original(ANNA), 'in the group?', ' #feedback #support'))).toBe(true);
  });

  test('code a span: a chosen sentence, then typed words', async () => {
    const t = start(['tag', ANNA]);
    await t.waitFor('segment 1 of 3');
    t.keys('Right');
    await t.waitFor('segment 2 of 3');
    await more(t, 'Code a span');
    await t.waitFor('Which words?');
    await t.waitFor('❯ Through the neighbourhood team.');
    t.keys('Down');
    await t.waitFor('❯ I had debts with four parties.');
    t.keys('Enter');
    await t.waitFor((s) => /Codes for “I had debts with four parties\.”/.test(s) && /◉ cost\s+Cost of living\s+suggested: “debts”/.test(s));
    t.keys('Enter');
    await t.waitFor(`Saved ${ANNA}:15  [I had debts with four parties.]{#cost}`);
    await t.waitFor((s) => s.includes('segment 2 of 3, 1 coded') && s.includes('Codes for this segment'));
    t.keys('Right');
    await t.waitFor('segment 3 of 3');
    await more(t, 'Code a span');
    await t.waitFor('Which words?');
    t.type('Type');
    await t.waitFor('❯ Type the exact words');
    t.keys('Enter');
    await t.waitFor('Exact words');
    t.type('fixed her bike');
    t.keys('Enter');
    await t.waitFor('Cannot find the words `fixed her bike`');
    for (let i = 0; i < 'fixed her bike'.length; i++) t.keys('BSpace');
    t.type('give back');
    t.keys('Enter');
    await t.waitFor((s) => /Codes for “give back”/.test(s) && /❯◉ reciprocity\s+suggested: “give back”/.test(s));
    t.keys('Enter');
    await t.waitFor(`Saved ${ANNA}:17  [give back]{#reciprocity}`);
    await t.waitFor('Codes for this segment');
    await more(t, 'Quit');
    expect(await t.exitCode()).toBe(0);
    const expected = original(ANNA)
      .toString('utf8')
      .replace('I had debts with four parties.   \r\n', '[I had debts with four parties.]{#cost}   \r\n')
      .replace('want to give back to', 'want to [give back]{#reciprocity} to');
    expect(readFileSync(join(t.dir, ANNA)).equals(Buffer.from(expected, 'utf8'))).toBe(true);
  });

  test('without NO_COLOR the terminal gets colour', async () => {
    const t = start(['tag', ANNA], { NO_COLOR: '', FORCE_COLOR: '' });
    await t.waitFor('Codes for this segment');
    expect(tmux('capture-pane', '-p', '-e', '-t', `tag${counter}`)).toMatch(/\u001b\[/);
    t.keys('C-c');
    expect(await t.exitCode()).toBe(130);
  });

  test('Ctrl-C midway: exit 130, the confirmed change kept, nothing half-written', async () => {
    const t = start(['tag', ANNA]);
    await t.waitFor('segment 1 of 3');
    await pick(t, 'feed', 'feedback');
    t.keys('Enter');
    await t.waitFor('segment 2 of 3, 1 coded');
    await t.waitFor('Codes for this segment');
    // Unconfirmed choices on the next segment are not written.
    await pick(t, 'supp', 'support');
    t.keys('C-c');
    expect(await t.exitCode()).toBe(130);
    expect(readFileSync(join(t.dir, ANNA)).equals(inserted(original(ANNA), 'in the group?', ' #feedback'))).toBe(true);
    expect(readdirSync(join(t.dir, 'notes')).sort()).toEqual(['anna.md', 'field.md']);
  });

  test('unchecking a suggested code and saving rejects it: the next session shows it unchecked, marked rejected', async () => {
    const t = start(['tag', ANNA]);
    await t.waitFor('segment 1 of 3');
    t.keys('Right');
    await t.waitFor((s) => s.includes('segment 2 of 3') && /◉ cost\s+Cost of living\s+suggested: “debts”/.test(s));
    t.type('cost');
    await t.waitFor((s) => /❯◉ +cost\b/.test(s));
    t.keys('Space');
    await t.waitFor((s) => /❯◯ +cost\b/.test(s));
    for (let i = 0; i < 'cost'.length; i++) t.keys('BSpace');
    await t.waitFor('(type to filter)');
    t.keys('Enter');
    await t.waitFor(`Rejected suggestion #cost at ${ANNA}:15, recorded in notes/anna.decisions.yaml`);
    await t.waitFor('segment 3 of 3');
    await more(t, 'Quit');
    expect(await t.exitCode()).toBe(0);
    // The note is untouched; the decision is in the file beside it.
    expect(readFileSync(join(t.dir, ANNA)).equals(original(ANNA))).toBe(true);
    expect(readFileSync(join(t.dir, 'notes', 'anna.decisions.yaml'), 'utf8')).toMatch(/^fieldcode: decisions\/1\nnote: anna\.md\nrejected:\n  - code: cost\n    segment: "?[0-9a-f]{8}"?\n/);

    const again = start(['tag', ANNA], { NO_COLOR: '1' }, t.dir);
    await again.waitFor('segment 1 of 3');
    again.keys('Right');
    await again.waitFor((s) => s.includes('segment 2 of 3') && /◯ cost\s+Cost of living\s+rejected suggestion: “debts”/.test(s));
    // Saving without it records nothing new.
    again.keys('Enter');
    await again.waitFor('segment 3 of 3');
    expect(again.screen()).not.toContain('Rejected suggestion');
    await more(again, 'Quit');
    expect(await again.exitCode()).toBe(0);
    expect(readFileSync(join(t.dir, ANNA)).equals(original(ANNA))).toBe(true);
  });

  test('undo the last change restores the original bytes', async () => {
    const t = start(['tag', ANNA]);
    await t.waitFor('segment 1 of 3');
    await pick(t, 'feed', 'feedback');
    t.keys('Enter');
    await t.waitFor('segment 2 of 3, 1 coded');
    expect(readFileSync(join(t.dir, ANNA)).equals(original(ANNA))).toBe(false);
    await more(t, 'Undo');
    await t.waitFor('Undone: +#feedback');
    await t.waitFor('segment 1 of 3, 0 coded');
    expect(readFileSync(join(t.dir, ANNA)).equals(original(ANNA))).toBe(true);
    t.keys('C-c');
    expect(await t.exitCode()).toBe(130);
    // The summary does not count the undo as a saved change.
    expect(await t.waitFor('Cancelled. 0 changes (1 undone) saved before; nothing else was written.')).toBeTruthy();
    expect(readFileSync(join(t.dir, ANNA)).equals(original(ANNA))).toBe(true);
  });

  test('a note changed on disk while tagging is not overwritten', async () => {
    const t = start(['tag', ANNA]);
    await t.waitFor('segment 1 of 3');
    const theirs = `${original(ANNA).toString('utf8')}\r\n**Anna:** Added in another editor.\r\n`;
    writeFileSync(join(t.dir, ANNA), theirs);
    await pick(t, 'feed', 'feedback');
    t.keys('Enter');
    await t.waitFor((s) => s.includes('changed on disk') && s.includes('not written'));
    await t.waitFor('Reloaded notes/anna.md from disk');
    expect(readFileSync(join(t.dir, ANNA), 'utf8')).toBe(theirs);
    await t.waitFor('Codes for this segment');
    t.keys('C-c');
    expect(await t.exitCode()).toBe(130);
    expect(readFileSync(join(t.dir, ANNA), 'utf8')).toBe(theirs);
  });
});
