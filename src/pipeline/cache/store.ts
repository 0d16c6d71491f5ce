// The parse cache folder: one file per entry, named by its key. Every write
// goes to a temp file in the same folder and is renamed into place, so a
// reader (this process or another) sees a whole entry or none, and a process
// killed mid-write leaves only a temp file that no reader opens. Readers
// never trust a file: entry.ts checks it against the key and a checksum.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, utimesSync, writeFileSync, type Stats } from 'node:fs';
import { dirname, join } from 'node:path';
import { decodeEntry, encodeEntry } from './entry.js';

/** The default size bound: old entries (least recently used first) are removed past it. */
export const DEFAULT_CACHE_MAX_BYTES = 1024 * 1024 * 1024;
const ENTRY = /^[0-9a-f]{64}\.entry$/;
const TEMP = /^\.tmp-\d+-[0-9a-f]{12}$/;
/** A temp file this old was left by a killed process, not one still writing. */
const STALE_TEMP_MS = 10 * 60 * 1000;
const STATS_FILE = 'last-run.json';
const TAG_FILE = 'CACHEDIR.TAG';

export interface CacheSettings {
  dir: string;
  maxBytes?: number;
  /** Named by `--cache-dir` or FIELDCODE_CACHE_DIR: failing to write it is worth a warning. */
  explicit?: boolean;
  /** Told once when the cache cannot be written and the run goes on without it. */
  warn?: (message: string) => void;
}

export interface LastRun {
  hits: number;
  misses: number;
  written: number;
  evicted: number;
}

export class ParseCache {
  readonly dir: string;
  readonly maxBytes: number;
  readonly counts: LastRun = { hits: 0, misses: 0, written: 0, evicted: 0 };
  private writable: boolean;
  private readonly explicit: boolean;
  private readonly warn?: (message: string) => void;

  constructor(settings: CacheSettings) {
    this.dir = settings.dir;
    this.maxBytes = settings.maxBytes ?? DEFAULT_CACHE_MAX_BYTES;
    this.explicit = settings.explicit ?? false;
    this.warn = settings.warn;
    this.writable = !readOnlyByMode(this.dir);
    // A folder marked read-only (a shared drive, an archive) is left alone even by root;
    // only a cache folder the user chose or made is worth a word.
    if (!this.writable && (this.explicit || exists(this.dir))) this.disable('it is read-only');
  }

  /** The payload stored for `key`, or undefined (absent, or not trustworthy: then it is removed). */
  get(key: Buffer): Buffer | undefined {
    const path = this.entryPath(key);
    let bytes: Buffer;
    try {
      bytes = readFileSync(path);
    } catch {
      this.counts.misses += 1;
      return undefined;
    }
    const payload = decodeEntry(key, bytes);
    if (!payload) {
      this.counts.misses += 1;
      this.remove(path);
      return undefined;
    }
    this.counts.hits += 1;
    // The modification time records use, for least-recently-used eviction.
    if (this.writable) touch(path);
    return payload;
  }

  /** Called by the parse stage when a stored payload failed the shape check. */
  reject(key: Buffer): void {
    this.counts.hits -= 1;
    this.counts.misses += 1;
    this.remove(this.entryPath(key));
  }

  put(key: Buffer, payload: Uint8Array): void {
    if (!this.writable) return;
    try {
      this.prepare();
      const temp = join(this.dir, `.tmp-${process.pid}-${randomBytes(6).toString('hex')}`);
      writeFileSync(temp, encodeEntry(key, payload), { flag: 'wx' });
      renameSync(temp, this.entryPath(key));
      this.counts.written += 1;
    } catch (error) {
      this.disable((error as NodeJS.ErrnoException).code ?? (error as Error).message);
    }
  }

  /** After a run: keep the size bound, sweep what killed processes left, record the counts. */
  finish(): void {
    if (!this.writable) return;
    try {
      if (this.counts.written > 0) this.counts.evicted = this.evict();
      if (this.counts.hits + this.counts.misses > 0) this.writeAtomic(STATS_FILE, `${JSON.stringify(this.counts)}\n`);
    } catch (error) {
      this.disable((error as NodeJS.ErrnoException).code ?? (error as Error).message);
    }
  }

  private evict(): number {
    const entries: Array<{ path: string; size: number; used: number }> = [];
    const now = Date.now();
    for (const name of readdirSync(this.dir)) {
      const path = join(this.dir, name);
      const stat = statOrUndefined(path);
      if (!stat) continue;
      if (TEMP.test(name) && now - stat.mtimeMs > STALE_TEMP_MS) this.remove(path);
      else if (ENTRY.test(name)) entries.push({ path, size: stat.size, used: stat.mtimeMs });
    }
    let total = entries.reduce((sum, entry) => sum + entry.size, 0);
    let evicted = 0;
    entries.sort((a, b) => a.used - b.used || (a.path < b.path ? -1 : 1));
    for (const entry of entries) {
      if (total <= this.maxBytes) break;
      this.remove(entry.path);
      total -= entry.size;
      evicted += 1;
    }
    return evicted;
  }

  private prepare(): void {
    mkdirSync(this.dir, { recursive: true });
    // The standard mark of a cache folder (bford.info/cachedir): backup tools skip it.
    if (!exists(join(this.dir, TAG_FILE))) this.writeAtomic(TAG_FILE, 'Signature: 8a477f597d28d172789f06886806bc55\n# fieldcode parse cache: safe to delete (fieldcode cache clear)\n');
  }

  private writeAtomic(name: string, text: string): void {
    const temp = join(this.dir, `.tmp-${process.pid}-${randomBytes(6).toString('hex')}`);
    writeFileSync(temp, text, { flag: 'wx' });
    renameSync(temp, join(this.dir, name));
  }

  private entryPath(key: Buffer): string {
    return join(this.dir, `${key.toString('hex')}.entry`);
  }

  private remove(path: string): void {
    if (!this.writable) return;
    try {
      unlinkSync(path);
    } catch {
      // Gone already (another process evicted it) or not ours to remove: either way not read again.
    }
  }

  private disable(reason: string): void {
    const wasWritable = this.writable;
    this.writable = false;
    if (wasWritable || this.explicit || exists(this.dir)) this.warnOnce(reason);
  }

  private warned = false;
  private warnOnce(reason: string): void {
    if (this.warned) return;
    this.warned = true;
    this.warn?.(`Cannot write the parse cache \`${this.dir}\` (${reason}); running without it`);
  }
}

/** Entry count and bytes of a cache folder, and the counts of the last run that used it. */
export function cacheStats(dir: string): { entries: number; bytes: number; lastRun?: LastRun } {
  let entries = 0;
  let bytes = 0;
  for (const name of listOrEmpty(dir)) {
    if (!ENTRY.test(name)) continue;
    const stat = statOrUndefined(join(dir, name));
    if (!stat) continue;
    entries += 1;
    bytes += stat.size;
  }
  let lastRun: LastRun | undefined;
  try {
    lastRun = JSON.parse(readFileSync(join(dir, STATS_FILE), 'utf8')) as LastRun;
  } catch {
    lastRun = undefined;
  }
  return { entries, bytes, lastRun };
}

/** Removes fieldcode's files only (a `--cache-dir` may name a folder that holds others); returns how many entries. */
export function clearCache(dir: string): number {
  let removed = 0;
  for (const name of listOrEmpty(dir)) {
    if (!ENTRY.test(name) && !TEMP.test(name) && name !== STATS_FILE) continue;
    try {
      unlinkSync(join(dir, name));
      if (ENTRY.test(name)) removed += 1;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  return removed;
}

/** True when the folder (or, before it exists, the nearest folder above it) has no write permission bit at all. */
function readOnlyByMode(dir: string): boolean {
  for (let at = dir; ; at = dirname(at)) {
    const stat = statOrUndefined(at);
    if (stat) return (stat.mode & 0o222) === 0;
    if (dirname(at) === at) return false;
  }
}

function exists(path: string): boolean {
  return statOrUndefined(path) !== undefined;
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

function listOrEmpty(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

function touch(path: string): void {
  try {
    const now = new Date();
    utimesSync(path, now, now);
  } catch {
    // Evicted meanwhile: the next run re-parses it.
  }
}
