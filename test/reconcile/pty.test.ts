// `fieldcode reconcile` in a real terminal (tmux), as a team would use it:
// the disagreement and its criteria on screen, a letter, the criterion, a reason.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN } from '../helpers/cli.js';
import { reconcileProject } from './helpers.js';

const hasTmux = spawnSync('tmux', ['-V']).status === 0;
const inCI = process.env.CI === 'true' || process.env.CI === '1';
const SOCKET = `fieldcode-reconcile-${process.pid}`;
const tmux = (...args: string[]): string => spawnSync('tmux', ['-L', SOCKET, ...args], { encoding: 'utf8' }).stdout;

async function session(name: string, dir: string, argv: string): Promise<{ waitFor: (text: string, times?: number) => Promise<string>; keys: (...k: string[]) => void; exit: () => Promise<string> }> {
  const exitFile = join(dir, `exit-${name}`);
  tmux('new-session', '-d', '-s', name, '-x', '120', '-y', '40', `cd '${dir}' && env NO_COLOR=1 SOURCE_DATE_EPOCH=1764583200 '${process.execPath}' '${BIN}' ${argv}; echo $? > '${exitFile}'; sleep 30`);
  // capture-pane drops trailing spaces, so prompts are matched without theirs.
  const waitFor = async (text: string, times = 1): Promise<string> => {
    const until = Date.now() + 30_000;
    for (;;) {
      const screen = tmux('capture-pane', '-p', '-t', name, '-S', '-60');
      if (screen.split(text).length > times) return screen;
      if (Date.now() > until) throw new Error(`Timed out waiting for ${JSON.stringify(text)}; the screen shows:\n${screen}`);
      await new Promise((done) => setTimeout(done, 50));
    }
  };
  const keys = (...k: string[]) => void tmux('send-keys', '-t', name, ...k);
  const exit = async () => {
    const until = Date.now() + 30_000;
    while (!existsSync(exitFile) && Date.now() < until) await new Promise((done) => setTimeout(done, 50));
    return readFileSync(exitFile, 'utf8').trim();
  };
  return { waitFor, keys, exit };
}

describe.skipIf(!hasTmux && !inCI)('fieldcode reconcile in a terminal', () => {
  afterAll(() => {
    spawnSync('tmux', ['-L', SOCKET, 'kill-server']);
  });

  it('decides each disagreement with the criteria on screen and writes the consensus and the log', async () => {
    const dir = reconcileProject();
    const s = await session('decide', dir, 'reconcile --who jane');
    const first = await s.waitFor('[q] quit >');
    expect(first).toContain('Disagreement 1 of 2');
    expect(first).toContain('notes/visit.md:6  “Nobody trusted the new coordinator.”');
    expect(first).toContain('mistrust.use_when.1  Use mistrust when it fits.');
    expect(first).toContain('trust.not_when.1  Not trust otherwise.');
    s.keys('a', 'Enter');
    await s.waitFor('criterion that decides it');
    s.keys('mistrust.use_when.9', 'Enter');
    await s.waitFor('has 1 use_when line');
    s.keys('mistrust.use_when.1', 'Enter');
    await s.waitFor('reason (Enter for none) >');
    s.keys('about distrust', 'Enter');
    await s.waitFor('Disagreement 2 of 2');
    s.keys('e', 'Enter');
    await s.waitFor('codes for the passage');
    s.keys('reciprocity', 'Enter');
    await s.waitFor('criterion that decides it', 3);
    s.keys('Enter');
    s.keys('Enter');
    expect(await s.exit()).toBe('0');
    const log = readFileSync(join(dir, 'reconcile-log.txt'), 'utf8').split('\n');
    expect(log[3]).toBe('2025-12-01T10:00:00Z\tjane\tnotes/visit.md:6\ta\tmistrust\ttrust\tmistrust\tmistrust.use_when.1 "Use mistrust when it fits."\tabout distrust');
    expect(log[4]).toBe('2025-12-01T10:00:00Z\tjane\tnotes/visit.md:8\tedit\t-\ttrust\treciprocity\t\t');
    expect(readFileSync(join(dir, 'notes/visit.consensus.codings.yaml'), 'utf8')).toContain('coder: consensus');
  }, 90_000);

  it('q quits and writes nothing', async () => {
    const dir = reconcileProject();
    const s = await session('quit', dir, 'reconcile');
    await s.waitFor('[q] quit >');
    s.keys('q', 'Enter');
    expect(await s.exit()).toBe('1');
    expect(existsSync(join(dir, 'reconcile-log.txt'))).toBe(false);
    expect(existsSync(join(dir, 'notes/visit.consensus.codings.yaml'))).toBe(false);
  }, 90_000);
});
