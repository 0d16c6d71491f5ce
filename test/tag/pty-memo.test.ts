// `fieldcode tag --at PATH:LINE` opens the tagger at that passage, and the
// tagger's "more" menu (tab) writes a memo on the current segment: in memos/,
// about `segment:<id>`, never touching the note. Real keystrokes in tmux, as
// in pty.test.ts; skipped without tmux outside CI.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { BIN, copyToTemp, run } from '../helpers/cli.js';

const PROJECT = fileURLToPath(new URL('../fixtures/tag/project/', import.meta.url));
const hasTmux = spawnSync('tmux', ['-V']).status === 0;
const inCI = process.env.CI === 'true' || process.env.CI === '1';
const skip = !hasTmux && !inCI;
const SOCKET = `fieldcode-memo-test-${process.pid}`;
const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));
const tmux = (...args: string[]): string => spawnSync('tmux', ['-L', SOCKET, ...args], { encoding: 'utf8' }).stdout ?? '';

function start(dir: string, args: string[]): { screen: () => string; waitFor: (text: string) => Promise<string>; keys: (...k: string[]) => void; type: (t: string) => void; exited: () => Promise<number> } {
  const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;
  const exitFile = join(dir, '..', 'exit-code');
  tmux('new-session', '-d', '-s', 'memo', '-x', '120', '-y', '50', `cd ${quote(dir)} && env -u EDITOR -u VISUAL NO_COLOR=1 ${quote(process.execPath)} ${quote(BIN)} ${args.map(quote).join(' ')}; echo $? > ${quote(exitFile)}`);
  tmux('set-option', '-t', 'memo', 'remain-on-exit', 'on');
  const screen = (): string => tmux('capture-pane', '-p', '-J', '-t', 'memo');
  return {
    screen,
    async waitFor(text) {
      const until = Date.now() + 30_000;
      for (;;) {
        const now = screen();
        if (now.includes(text)) return now;
        if (Date.now() > until) throw new Error(`Timed out waiting for ${JSON.stringify(text)}; the screen shows:\n${now}`);
        await sleep(50);
      }
    },
    keys: (...k) => void tmux('send-keys', '-t', 'memo', ...k),
    type: (t) => void tmux('send-keys', '-t', 'memo', '-l', t),
    async exited() {
      const until = Date.now() + 30_000;
      while (!existsSync(exitFile) || readFileSync(exitFile, 'utf8').trim() === '') {
        if (Date.now() > until) throw new Error(`Timed out waiting for the exit; the screen shows:\n${screen()}`);
        await sleep(50);
      }
      return Number(readFileSync(exitFile, 'utf8').trim());
    },
  };
}

describe.skipIf(skip)('tag --at and the memo key', { timeout: 90_000 }, () => {
  afterAll(() => void spawnSync('tmux', ['-L', SOCKET, 'kill-server']));

  test('opens at the passage of the line, and tab → memo writes a memo on that segment and nothing else', async () => {
    const dir = copyToTemp(PROJECT);
    const note = readFileSync(join(dir, 'notes/anna.md'));
    const t = start(dir, ['tag', '--at', 'notes/anna.md:17']);
    const first = await t.waitFor('Codes for this segment');
    expect(first).toContain('notes/anna.md:17');
    expect(first).toContain('segment 3 of 4');
    t.keys('Tab');
    await t.waitFor('Back to the codes');
    t.type('Write');
    await t.waitFor('❯ Write a memo on this segment');
    t.keys('Enter');
    const after = await t.waitFor('Memo written: memos/');
    expect(after).toContain('(about segment:notes/anna.md#');
    t.keys('C-c');
    expect(await t.exited()).toBe(130);
    expect(readFileSync(join(dir, 'notes/anna.md')).equals(note)).toBe(true);
    const [name] = readdirSync(join(dir, 'memos'));
    const memo = readFileSync(join(dir, 'memos', name), 'utf8');
    expect(memo).toMatch(/^---\nabout:\n {2}- segment:notes\/anna\.md#[0-9a-f]{8}\nauthor: tester\ndate: \d{4}-\d{2}-\d{2}\ntags: \[\]\n---\n\n# Memo on notes\/anna\.md:17\n\n$/);
    // The memo names a real segment: check is clean, and quotes show it under the passage.
    expect((await run(['check'], { cwd: dir })).code).toBe(0);
  });
});

describe('tag --at without a terminal', () => {
  test('says why and exits 2, writing nothing', async () => {
    const dir = copyToTemp(PROJECT);
    const result = await run(['tag', '--at', 'notes/anna.md:17'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('<command line>:1:1  error  Cannot tag interactively without a terminal (stdin and stdout must both be a TTY)');
    expect(existsSync(join(dir, 'memos'))).toBe(false);
  });
});
