// The parse cache (issue 10, item 1): a warm run reports byte for byte what a
// cold one does; the flags and the variable choose or turn off the folder;
// `cache stats` and `cache clear` work; `init` keeps the cache out of git.
import { appendFileSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { copyToTemp, EXAMPLE, tempDir } from '../helpers/cli.js';
import { entries, outputs, runIn } from './helpers.js';

/** Every note of a project, as absolute paths. */
function notesOf(dir: string): string[] {
  return (readdirSync(join(dir, 'notes'), { recursive: true }) as string[]).filter((name) => name.endsWith('.md')).map((name) => join(dir, 'notes', name));
}

function example(): string {
  const dir = copyToTemp(EXAMPLE);
  rmSync(join(dir, '.fieldcode'), { recursive: true, force: true });
  return dir;
}

describe('parse cache', { timeout: 120_000 }, () => {
  test('a warm run is byte-identical to a cold one, and to --no-cache', () => {
    const dir = example();
    const uncached = outputs(dir, ['--no-cache']);
    expect(existsSync(join(dir, '.fieldcode'))).toBe(false);
    const cold = outputs(dir);
    const cache = join(dir, '.fieldcode', 'cache');
    const notes = notesOf(dir).length;
    expect(entries(cache)).toHaveLength(notes);
    const warm = outputs(dir);
    expect(cold).toBe(uncached);
    expect(warm).toBe(cold);
    const stats = runIn(dir, ['cache', 'stats']);
    expect(stats.code).toBe(0);
    expect(stats.stdout).toContain('cache     .fieldcode/cache\n');
    expect(stats.stdout).toContain(`entries   ${notes}\n`);
    expect(stats.stdout).toContain(`last run  ${notes} hits, 0 misses, 0 written, 0 evicted\n`);
  });

  test('an edited note is parsed again; the others come from the cache', () => {
    const dir = example();
    runIn(dir, ['report', '--format', 'json']);
    const note = notesOf(dir)[0];
    appendFileSync(note, '\nOne more paragraph about money. #reciprocity\n');
    const warm = runIn(dir, ['report', '--format', 'json']);
    expect(runIn(dir, ['cache', 'stats']).stdout).toMatch(/last run {2}\d+ hits, 1 misses, 1 written/);
    expect(warm.stdout).toBe(runIn(dir, ['report', '--format', 'json', '--no-cache']).stdout);
  });

  test('the codebook is not in the key, the project coder is: both give the report a run without a cache gives', () => {
    const dir = example();
    runIn(dir, ['report']);
    const notes = notesOf(dir).length;
    // A code the notes use leaves the codebook: every note is still a hit, and unknown-code is still found.
    const codebook = join(dir, 'codebook', 'working-components.yaml');
    writeFileSync(codebook, readFileSync(codebook, 'utf8').replace(/- id: feedback\n/, '- id: feedback-renamed\n'));
    const check = runIn(dir, ['check', '--format', 'json']);
    expect(runIn(dir, ['cache', 'stats']).stdout).toContain(`last run  ${notes} hits, 0 misses`);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('unknown-code');
    expect(check).toEqual(runIn(dir, ['check', '--format', 'json', '--no-cache']));
    // The default coder goes into the inline codings of notes that name none: another one is another key.
    const project = join(dir, 'fieldcode.yaml');
    writeFileSync(project, readFileSync(project, 'utf8').replace('coder: researcher-a', 'coder: researcher-z'));
    const byCoder = runIn(dir, ['report', '--by', 'coder', '--format', 'json']);
    expect(runIn(dir, ['cache', 'stats']).stdout).toContain(`last run  0 hits, ${notes} misses`);
    expect(byCoder).toEqual(runIn(dir, ['report', '--by', 'coder', '--format', 'json', '--no-cache']));
  });

  test('--cache-dir and FIELDCODE_CACHE_DIR choose the folder; cache clear empties it', () => {
    const dir = example();
    const flag = join(tempDir(), 'by-flag');
    const variable = join(tempDir(), 'by-variable');
    runIn(dir, ['report', '--cache-dir', flag]);
    runIn(dir, ['report'], { FIELDCODE_CACHE_DIR: variable });
    expect(existsSync(join(dir, '.fieldcode'))).toBe(false);
    expect(entries(flag).length).toBeGreaterThan(0);
    expect(entries(variable).map((path) => path.slice(variable.length))).toEqual(entries(flag).map((path) => path.slice(flag.length)));
    const cleared = runIn(dir, ['cache', 'clear', '--cache-dir', flag]);
    expect(cleared.code).toBe(0);
    expect(cleared.stdout).toMatch(/^removed \d+ entries from /);
    expect(entries(flag)).toEqual([]);
    // The folder's own mark stays: clear removes only entries, temp files and the counts.
    expect(readdirSync(flag)).toEqual(['CACHEDIR.TAG']);
    expect(runIn(dir, ['cache', 'stats'], { FIELDCODE_CACHE_DIR: variable }).stdout).toContain(`entries   ${entries(variable).length}\n`);
  });

  test('a small size bound evicts the least recently used entries', () => {
    const dir = example();
    const cache = join(tempDir(), 'small');
    runIn(dir, ['report', '--cache-dir', cache], { FIELDCODE_CACHE_MAX_SIZE: '40k' });
    const kept = entries(cache);
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.length).toBeLessThan(notesOf(dir).length);
    expect(runIn(dir, ['cache', 'stats', '--cache-dir', cache]).stdout).toMatch(/[1-9]\d* evicted/);
    expect(runIn(dir, ['report', '--cache-dir', cache], { FIELDCODE_CACHE_MAX_SIZE: '40k' }).stdout).toBe(runIn(dir, ['report', '--no-cache']).stdout);
  });

  test('--jobs takes a whole number of 1 or more', () => {
    const result = runIn(example(), ['report', '--jobs', '0']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Unexpected `--jobs 0`, expected a whole number of 1 or more');
  });
});
