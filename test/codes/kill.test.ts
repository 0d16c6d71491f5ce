// All or nothing under SIGKILL: a rename over 200 notes (and standoff files)
// is killed at random points, 50 times in a row; after the next fieldcode
// command every file is entirely old or entirely new, and the project as a
// whole is either before or after the rename, never between.
//
// No timing is asserted. The kill points are seeded; most are taken once the
// plan file has appeared (the process is then writing files, each rename held
// back a few milliseconds by FIELDCODE_TEST_DELAY_RENAME_MS), some from the
// start (before the plan exists).
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { BIN, tempDir } from '../helpers/cli.js';

const NOTES = 200;
const KILLS = 50;
const PLAN = join('.fieldcode', 'plan.json');

/** mulberry32: a small seeded generator, so every run kills at the same points. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function fixture(dir: string): void {
  mkdirSync(join(dir, 'notes'), { recursive: true });
  writeFileSync(join(dir, 'fieldcode.yaml'), 'codebook: codebook.yaml\nnotes: ["notes/**/*.md"]\n');
  writeFileSync(join(dir, 'codebook.yaml'), '# kill test\nname: K\ncodes:\n  - id: feedback\n    label: Feedback\n  - id: support # kept\n');
  for (let i = 0; i < NOTES; i++) {
    const id = String(i).padStart(3, '0');
    const text = `---\nid: n${id}\n---\n\n# Visit ${id}\n\nShe told me straight what she thought. #feedback\n\nHe lent me [twenty euros]{#support #feedback} for the bus.\n\nNothing coded here, only words about feedback.\n\nWe helped each other. #support #feedback\n`;
    writeFileSync(join(dir, 'notes', `n${id}.md`), text);
    if (i % 20 === 0) {
      const quote = 'Nothing coded here';
      const start = [...text].join('').indexOf(quote);
      writeFileSync(join(dir, 'notes', `n${id}.codings.yaml`), `fieldcode: standoff/1\nnote: n${id}.md\ncoder: second\ncodings:\n  - code: feedback\n    start: ${start}\n    end: ${start + quote.length}\n    quote: ${quote}\n`);
    }
  }
}

/** The project's files, path → text, without fieldcode's own temp files and locks. */
function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (folder: string): void => {
    for (const name of readdirSync(folder).sort()) {
      const path = join(folder, name);
      // fieldcode's cache (.fieldcode/cache/) is not part of the project; the plan is checked by name.
      if (statSync(path).isDirectory()) {
        if (relative(dir, path) !== join('.fieldcode', 'cache')) walk(path);
      } else if (!/\.fieldcode-(?:\d+-[0-9a-f]+\.tmp|lock)$/.test(name)) out.set(relative(dir, path), readFileSync(path, 'utf8'));
    }
  };
  walk(dir);
  return out;
}

const RENAME = ['codes', 'rename', 'feedback', 'peer-feedback', '--date', '2026-12-02'];
const env = { PATH: process.env.PATH ?? '', FIELDCODE_TEST_DELAY_RENAME_MS: '3' };

interface Killed {
  planSeenBeforeKill: boolean;
  exited: boolean;
}

/** Runs the rename and SIGKILLs it: `afterPlan` ms after the plan appears, or `fromStart` ms after the start. */
function killRename(cwd: string, when: { afterPlan?: number; fromStart?: number }): Promise<Killed> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...RENAME], { cwd, env, stdio: 'ignore' });
    let exited = false;
    let planSeenBeforeKill = false;
    child.on('exit', () => {
      exited = true;
      resolve({ planSeenBeforeKill, exited: true });
    });
    const kill = (): void => {
      if (exited) return;
      planSeenBeforeKill = existsSync(join(cwd, PLAN));
      child.kill('SIGKILL');
    };
    if (when.fromStart !== undefined) {
      setTimeout(kill, when.fromStart);
      return;
    }
    const poll = (): void => {
      if (exited) return;
      if (existsSync(join(cwd, PLAN))) setTimeout(kill, when.afterPlan);
      else setTimeout(poll, 5);
    };
    poll();
  });
}

describe('codes rename under SIGKILL', () => {
  let template: string;
  let old: Map<string, string>;
  let renamed: Map<string, string>;

  beforeAll(() => {
    template = join(tempDir(), 'project');
    fixture(template);
    old = snapshot(template);
    const done = join(tempDir(), 'project');
    cpSync(template, done, { recursive: true });
    const result = spawnSync(process.execPath, [BIN, ...RENAME], { cwd: done, env: { PATH: env.PATH }, encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    renamed = snapshot(done);
    // The rename touches the codebook, every note and every standoff file.
    expect([...renamed.keys()].filter((path) => renamed.get(path) !== old.get(path)).length).toBe(1 + NOTES + NOTES / 20);
  }, 120_000);

  test(`${KILLS} kills in a row leave every file entirely old or entirely new`, async () => {
    const next = random(20261202);
    const outcomes = { completed: 0, untouched: 0, finished: 0 };
    for (let i = 0; i < KILLS; i++) {
      const dir = join(tempDir(), 'project');
      cpSync(template, dir, { recursive: true });
      // Four in five kills while files are being written (211 renames of at least 3 ms each); the rest from the start.
      const when = i % 5 === 4 ? { fromStart: Math.floor(next() * 1500) } : { afterPlan: Math.floor(next() * 600) };
      const killed = await killRename(dir, when);
      const leftPlan = existsSync(join(dir, PLAN));
      // Any command finishes an interrupted change first; `codebook` reads no notes, so it is quick.
      const after = spawnSync(process.execPath, [BIN, 'codebook', '-q'], { cwd: dir, env: { PATH: env.PATH }, encoding: 'utf8' });
      expect(after.status, after.stderr).toBe(0);
      if (leftPlan) expect(after.stderr).toMatch(/^fieldcode: completed the interrupted `codes rename feedback peer-feedback` from `\.fieldcode\/plan\.json` \(\d+ of 211 files were still to write\)\n/);
      else expect(after.stderr).toBe('');
      if (killed.planSeenBeforeKill && leftPlan) outcomes.completed++;
      const now = snapshot(dir);
      expect(existsSync(join(dir, PLAN))).toBe(false);
      for (const [path, text] of now) {
        const state = text === old.get(path) ? 'old' : text === renamed.get(path) ? 'new' : 'between';
        expect(state, `kill ${i}: ${path}`).not.toBe('between');
      }
      expect([...now.keys()].sort(), `kill ${i}: the same files`).toEqual([...old.keys()].sort());
      const allOld = [...now].every(([path, text]) => text === old.get(path));
      const allNew = [...now].every(([path, text]) => text === renamed.get(path));
      expect(allOld || allNew, `kill ${i}: the project is entirely before or entirely after the rename`).toBe(true);
      if (allOld) outcomes.untouched++;
      else if (!leftPlan) outcomes.finished++;
    }
    // For the record in the test log (not asserted: how the kills fall depends on the machine).
    console.log(`kills: ${KILLS}; completed from the plan: ${outcomes.completed}, killed before any change: ${outcomes.untouched}, finished before the kill: ${outcomes.finished}`);
  }, 900_000);
});
