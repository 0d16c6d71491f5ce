// The parse cache under bad input and faults (issue 10, "Bad input and
// faults"): whatever is in the cache folder, and whatever happened to the
// process that wrote it, the report is the one a run without a cache gives.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { serialize } from 'node:v8';
import { describe, expect, test } from 'vitest';
import { encodeEntry } from '../../src/pipeline/cache/entry.js';
import { BIN, copyToTemp, EXAMPLE, tempDir } from '../helpers/cli.js';
import { corpus } from './corpus.js';
import { entries, outputs, runIn } from './helpers.js';

function example(): string {
  const dir = copyToTemp(EXAMPLE);
  rmSync(join(dir, '.fieldcode'), { recursive: true, force: true });
  return dir;
}

const damage: Record<string, (path: string, index: number, all: string[]) => void> = {
  'a flipped byte in the payload': (path) => {
    const bytes = readFileSync(path);
    bytes[bytes.length - 20] ^= 0x5a;
    writeFileSync(path, bytes);
  },
  'a flipped byte in the header': (path) => {
    const bytes = readFileSync(path);
    bytes[3] ^= 0x01;
    writeFileSync(path, bytes);
  },
  'truncated to half': (path) => truncateSync(path, Math.floor(readFileSync(path).length / 2)),
  'truncated to nothing': (path) => truncateSync(path, 0),
  'foreign bytes': (path) => writeFileSync(path, 'not a fieldcode cache entry at all\n'),
  // A whole, valid entry under another note's name: its key does not match.
  'another note’s entry': (path, index, all) => writeFileSync(path, readFileSync(all[(index + 1) % all.length])),
  'another cache format': (path) => {
    const bytes = readFileSync(path);
    bytes.writeUInt32LE(999, 8);
    writeFileSync(path, bytes);
  },
  // Checksum and key right, but not the shape of a parse result (as after a forgotten CACHE_FORMAT bump).
  'a well-formed entry of the wrong shape': (path) => {
    const key = Buffer.from(path.slice(-70, -6), 'hex');
    writeFileSync(path, encodeEntry(key, serialize({ note: { path: 'x', segments: [{ id: 1 }] }, diagnostics: [] })));
  },
};

/** A project, its report and diagnostics without a cache, and a cache folder filled by one run. */
function warmed(): { dir: string; cache: string; reference: string } {
  const dir = example();
  const cache = join(tempDir(), 'cache');
  const reference = outputs(dir, ['--no-cache']);
  expect(outputs(dir, ['--cache-dir', cache])).toBe(reference);
  expect(entries(cache).length).toBeGreaterThan(Object.keys(damage).length);
  return { dir, cache, reference };
}

describe('a damaged cache is never trusted', { timeout: 180_000 }, () => {
  test('each kind of damage (one per entry, in turn): every entry is re-parsed, the reports are unchanged, the entries rewritten', () => {
    const { dir, cache, reference } = warmed();
    const all = entries(cache);
    const originals = all.map((path) => readFileSync(path));
    const kinds = Object.values(damage);
    all.forEach((path, index) => kinds[index % kinds.length](path, index, all));
    expect(all.every((path, index) => !readFileSync(path).equals(originals[index]))).toBe(true);
    expect(outputs(dir, ['--cache-dir', cache])).toBe(reference);
    // Rewritten by the first command (all misses), then read back by the two after it.
    expect(entries(cache)).toEqual(all);
    all.forEach((path, index) => expect(readFileSync(path).equals(originals[index]), path).toBe(true));
    expect(runIn(dir, ['cache', 'stats', '--cache-dir', cache]).stdout).toContain(`last run  ${all.length} hits, 0 misses`);
  });

  test('files that are not entries are left alone, also by cache clear', () => {
    const { dir, cache, reference } = warmed();
    writeFileSync(join(cache, 'notes.txt'), 'mine\n');
    mkdirSync(join(cache, 'sub'));
    expect(outputs(dir, ['--cache-dir', cache])).toBe(reference);
    expect(runIn(dir, ['cache', 'clear', '--cache-dir', cache]).code).toBe(0);
    expect(readdirSync(cache).sort()).toEqual(['CACHEDIR.TAG', 'notes.txt', 'sub']);
  });
});

describe('a cache folder that cannot be written', { timeout: 180_000 }, () => {
  const warning = (cache: string, reason: string): RegExp => new RegExp(`^fieldcode: warning: Cannot write the parse cache \`${cache.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\` \\(${reason}\\); running without it\\n$`);

  test('a read-only --cache-dir: one warning, the same report, exit 0', () => {
    const dir = example();
    const reference = runIn(dir, ['report', '--no-cache']);
    const cache = join(tempDir(), 'cache');
    mkdirSync(cache);
    chmodSync(cache, 0o555);
    const result = runIn(dir, ['report', '--cache-dir', cache]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(reference.stdout);
    expect(result.stderr).toMatch(warning(cache, 'it is read-only'));
    expect(readdirSync(cache)).toEqual([]);
    // --quiet silences it; errors would still show.
    expect(runIn(dir, ['report', '--cache-dir', cache, '--quiet']).stderr).toBe('');
  });

  test('a read-only project folder runs without a cache, silently, and writes nothing into it', () => {
    const dir = example();
    const reference = runIn(dir, ['report', '--no-cache']);
    chmodSync(dir, 0o555);
    const result = runIn(dir, ['report']);
    chmodSync(dir, 0o755);
    expect(result).toEqual({ ...reference });
    expect(existsSync(join(dir, '.fieldcode'))).toBe(false);
  });

  test('an existing .fieldcode/cache that is read-only: one warning', () => {
    const dir = example();
    const reference = runIn(dir, ['report', '--no-cache']);
    const cache = join(dir, '.fieldcode', 'cache');
    mkdirSync(cache, { recursive: true });
    chmodSync(cache, 0o555);
    const result = runIn(dir, ['report']);
    expect(result.stdout).toBe(reference.stdout);
    expect(result.stderr).toMatch(warning(cache, 'it is read-only'));
  });

  const root = process.getuid?.() === 0;
  const setpriv = root && spawnSync('setpriv', ['--version']).status === 0;
  test.skipIf(!setpriv)('permission denied on write (EACCES): one warning for the whole run, the same report', () => {
    const dir = example();
    const reference = runIn(dir, ['report', '--no-cache']);
    const cache = join(tempDir(), 'cache');
    mkdirSync(cache);
    // Owned by another user and not writable by others; root without DAC override is refused.
    chownSync(cache, 65534, 65534);
    const result = spawnSync('setpriv', ['--bounding-set=-dac_override,-dac_read_search', process.execPath, BIN, 'report', '--cache-dir', cache], { cwd: dir, encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(reference.stdout);
    expect(result.stderr).toMatch(warning(cache, 'EACCES'));
  });
});

describe('processes that die or run together', { timeout: 300_000 }, () => {
  test('kill -9 while the cache is being written, then a rerun: the report is correct', async () => {
    const dir = corpus(200);
    const cache = join(tempDir(), 'cache');
    const reference = runIn(dir, ['report', '--format', 'json', '--no-cache']).stdout;
    const child = spawn(process.execPath, [BIN, 'report', '--format', 'json', '--cache-dir', cache, '--jobs', '1'], { cwd: dir, stdio: 'ignore' });
    const ended = new Promise((done) => child.on('exit', done));
    // Kill it as soon as it has started writing entries.
    for (let i = 0; i < 6000 && child.exitCode === null; i += 1) {
      if (existsSync(cache) && readdirSync(cache).some((name) => name.endsWith('.entry'))) break;
      await new Promise((done) => setTimeout(done, 5));
    }
    child.kill('SIGKILL');
    await ended;
    const written = existsSync(cache) ? entries(cache).length : 0;
    expect(written).toBeGreaterThan(0);
    expect(written).toBeLessThan(200);
    // What a kill between writing a temp file and renaming it leaves behind, backdated to look abandoned.
    writeFileSync(join(cache, `.tmp-99999-${'0'.repeat(12)}`), readFileSync(entries(cache)[0]).subarray(0, 50));
    const old = new Date(Date.now() - 3600_000);
    utimesSync(join(cache, `.tmp-99999-${'0'.repeat(12)}`), old, old);
    expect(runIn(dir, ['report', '--format', 'json', '--cache-dir', cache]).stdout).toBe(reference);
    expect(entries(cache)).toHaveLength(200);
    expect(readdirSync(cache).filter((name) => name.startsWith('.tmp-'))).toEqual([]);
    expect(runIn(dir, ['report', '--format', 'json', '--cache-dir', cache]).stdout).toBe(reference);
  });

  test('four processes filling one cache at once all report correctly, and leave it whole', async () => {
    const dir = corpus(120);
    const cache = join(tempDir(), 'cache');
    const reference = runIn(dir, ['report', '--format', 'json', '--no-cache']).stdout;
    const runs = Array.from({ length: 4 }, () => {
      const child = spawn(process.execPath, [BIN, 'report', '--format', 'json', '--cache-dir', cache, '--jobs', '1'], { cwd: dir });
      let out = '';
      child.stdout.on('data', (chunk) => (out += chunk));
      return new Promise<{ code: number | null; out: string }>((done) => child.on('close', (code) => done({ code, out })));
    });
    for (const result of await Promise.all(runs)) expect(result).toEqual({ code: 0, out: reference });
    expect(entries(cache)).toHaveLength(120);
    expect(readdirSync(cache).filter((name) => name.startsWith('.tmp-'))).toEqual([]);
    expect(runIn(dir, ['report', '--format', 'json', '--cache-dir', cache]).stdout).toBe(reference);
    expect(runIn(dir, ['cache', 'stats', '--cache-dir', cache]).stdout).toContain('last run  120 hits, 0 misses');
  });
});
