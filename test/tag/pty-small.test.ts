// The interactive tagger in an 80×24 terminal: with a long segment, the header
// (file, line, segment n of m) and the code list stay on one screen.
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, copyToTemp } from '../helpers/cli.js';

const PROJECT = fileURLToPath(new URL('../fixtures/tag/project/', import.meta.url));
const hasTmux = spawnSync('tmux', ['-V']).status === 0;
const inCI = process.env.CI === 'true' || process.env.CI === '1';
const SOCKET = `fieldcode-small-${process.pid}`;
const tmux = (...args: string[]): string => spawnSync('tmux', ['-L', SOCKET, ...args], { encoding: 'utf8' }).stdout;

describe.skipIf(!hasTmux && !inCI)('fieldcode tag in 80×24', () => {
  afterAll(() => {
    spawnSync('tmux', ['-L', SOCKET, 'kill-server']);
  });

  it('keeps the header on screen above a long segment and the code list', async () => {
    const dir = copyToTemp(PROJECT);
    const long = Array.from({ length: 40 }, (_, i) => `Sentence ${i + 1} of a long account of the week at the group.`).join(' ');
    writeFileSync(join(dir, 'notes', 'long.md'), `---\nid: long-1\ngroup: south\nphase: II\nmethod: participant-observation\n---\nA short first paragraph.\n\n${long}\n\nA short last paragraph.\n`);
    const exitFile = join(dir, '..', 'exit-code');
    tmux('new-session', '-d', '-s', 'small', '-x', '80', '-y', '24', `cd '${dir}' && env NO_COLOR=1 '${process.execPath}' '${BIN}' tag notes/long.md; echo $? > '${exitFile}'`);
    tmux('set-option', '-t', 'small', 'remain-on-exit', 'on');
    const waitFor = async (test: (screen: string) => boolean): Promise<string> => {
      const until = Date.now() + 30_000;
      for (;;) {
        const screen = tmux('capture-pane', '-p', '-t', 'small');
        if (test(screen)) return screen;
        if (Date.now() > until) throw new Error(`Timed out; the screen shows:\n${screen}`);
        await new Promise((done) => setTimeout(done, 50));
      }
    };
    await waitFor((s) => s.includes('segment 1 of 3'));
    // Move on to the long segment.
    tmux('send-keys', '-t', 'small', 'Right');
    const screen = await waitFor((s) => s.includes('segment 2 of 3') && s.includes('(type to filter)') && s.includes('space check'));
    expect(screen).toContain('notes/long.md:9');
    expect(screen).toContain('Sentence 1 of a long account');
    expect(screen).not.toContain('Sentence 40 of');
    tmux('send-keys', '-t', 'small', 'C-c');
    const until = Date.now() + 20_000;
    while (!existsSync(exitFile) && Date.now() < until) await new Promise((done) => setTimeout(done, 50));
  });
});
