// The parse cache serves every command that reads notes, not only `report`:
// `agree --rev` reads each revision's notes through it (a note unchanged
// between revisions is one entry), and `codes rename` reads the project again
// after the change through it (only the rewritten notes are parsed anew).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyToTemp, EXAMPLE, run, tempDir } from '../helpers/cli.js';
import { entries } from './helpers.js';
import { git } from '../helpers/git.js';


/** The text of every note under notes/, in path order. */
function notesText(project: string): string[] {
  const dir = join(project, 'notes');
  return (readdirSync(dir, { recursive: true }) as string[]).filter((name) => name.endsWith('.md')).sort().map((name) => readFileSync(join(dir, name), 'utf8'));
}

describe('the parse cache beyond report', { timeout: 120_000 }, () => {
  it('agree --rev reads both revisions through it: one entry per distinct note, and a second run parses nothing', async () => {
    const project = copyToTemp(EXAMPLE);
    git(project, 'init', '-q', '-b', 'main');
    git(project, 'add', '.');
    git(project, 'commit', '-q', '-m', 'a');
    git(project, 'branch', 'b');
    const cache = join(tempDir(), 'cache');
    const argv = ['agree', '--rev', 'main', '--rev', 'b', '--format', 'json', '-q', '--cache-dir', cache];
    const first = await run(argv, { cwd: project });
    expect(first.code).toBe(0);
    // The same bytes at both revisions, but shown as `main:…` and `b:…`: one entry for each revision's notes.
    const notes = (await run(['report', '--format', 'json', '-q', '--no-cache'], { cwd: project })).stdout;
    const count = JSON.parse(notes).totals.notes as number;
    expect(count).toBeGreaterThan(5);
    expect(entries(cache)).toHaveLength(2 * count);
    const second = await run(argv, { cwd: project });
    expect(second.stdout).toBe(first.stdout);
    const stats = await run(['cache', 'stats', '--cache-dir', cache], { cwd: project });
    expect(stats.stdout).toMatch(new RegExp(`^last run +${2 * count} hits, 0 misses, 0 written`, 'm'));
  });

  it('codes rename parses only the notes it rewrote when it reads the project again', async () => {
    const project = copyToTemp(EXAMPLE);
    const cache = join(tempDir(), 'cache');
    const report = await run(['report', '--format', 'json', '-q', '--cache-dir', cache], { cwd: project });
    const notes = JSON.parse(report.stdout).totals.notes as number;
    expect(entries(cache)).toHaveLength(notes);
    const before = notesText(project);
    const renamed = await run(['codes', 'rename', 'reciprocity', 'giving-back', '--date', '2026-12-02', '-q', '--cache-dir', cache], { cwd: project });
    expect(renamed.code).toBe(0);
    // The re-read after the change put each rewritten note into the cache, and parsed nothing else anew.
    const rewritten = notesText(project).filter((text, i) => text !== before[i]).length;
    expect(rewritten).toBeGreaterThan(2);
    expect(entries(cache)).toHaveLength(notes + rewritten);
  });
});
