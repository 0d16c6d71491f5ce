// The one way fieldcode writes a file. A regular file is replaced atomically:
// a temp file beside it, created private (0600), given the target's mode and
// owner before the rename, so a kill at any moment leaves either the old file
// or the new one and never a wider-open copy. Everything else is handled by
// what it is: a device or FIFO is written into (replacing `/dev/null` with a
// regular file broke the machine), a symlink is written through to its target,
// a hard-linked file, a folder or a block device is refused. Writers to one
// file are serialised by a lock file beside it, so a check made under the lock
// ("the note did not change since I read it") still holds at the rename.
import { closeSync, constants, fchmodSync, fchownSync, fsyncSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, readlinkSync, realpathSync, renameSync, rmdirSync, rmSync, statSync, writeSync, type Stats } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { randomBytes } from 'node:crypto';

/** A write fieldcode refuses to make; the message says why, in words for the user. */
export class WriteRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WriteRefused';
  }
}

export interface WriteOptions {
  /**
   * The project folder: the real path of the file (after links) must stay
   * inside it. A hostile project's `reports -> /etc` is refused, not followed.
   */
  within?: string;
  /** Run under the file's lock just before writing; throw to cancel. */
  verify?: () => void;
  /** Refuse devices and FIFOs too: a declared report must be a file (a FIFO from a hostile archive would hang `build`). */
  regularOnly?: boolean;
  /** Files never to write over (real absolute path → what it is, "a note"), however the path reaches them. */
  inputs?: Map<string, string>;
}

/** A file written beside its target but not yet renamed into place. */
export interface StagedWrite {
  /** The path the data goes to (the link's target when the path was a link). */
  target: string;
  commit(): void;
  abort(): void;
}

const TEMP = /^\.(.+)\.fieldcode-(\d+)-[0-9a-f]{12}\.tmp$/;
const LOCK_SUFFIX = '.fieldcode-lock';
const LOCK_WAIT_MS = 15_000;
/** Pseudo file systems whose files are written into, never renamed over. */
const KERNEL_DIRS = ['/dev/', '/proc/', '/sys/'];

/** Writes `data` to `path` as described at the top of this file. */
export function writeFileAtomic(path: string, data: string | Uint8Array, options: WriteOptions = {}): void {
  stageFile(path, data, options).commit();
}

/**
 * Prepares a write: checks the target, takes its lock and writes the temp file
 * beside it. `commit()` renames it into place; `abort()` leaves no trace
 * (temp file, lock and the folders it created are removed). Use it to write
 * several files all or nothing.
 */
export function stageFile(path: string, data: string | Uint8Array, options: WriteOptions = {}): StagedWrite {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const absolute = resolve(path);
  const found = inspect(absolute, options.within);
  if (found.kind === 'into' && options.regularOnly) throw new WriteRefused('it is a device or FIFO, and a declared report must be a regular file');
  const input = options.inputs?.get(found.path) ?? options.inputs?.get(absolute);
  if (input) throw new WriteRefused(`it is ${input} of the project, and fieldcode never writes output over its inputs`);
  if (found.kind === 'into') {
    options.verify?.();
    return { target: found.path, commit: () => writeInto(found.path, bytes), abort: () => undefined };
  }
  const target = found.path;
  const dir = dirname(target);
  const created = makeFolders(dir, options.within);
  removeStaleFiles(dir);
  const release = lock(target);
  let temp: string | undefined;
  try {
    options.verify?.();
    temp = writeTemp(target, bytes, found.stat);
  } catch (error) {
    release();
    removeFolders(created);
    throw error;
  }
  const staged = temp;
  let done = false;
  return {
    target,
    commit: () => {
      if (done) return;
      done = true;
      try {
        delayForTests();
        renameSync(staged, target);
      } catch (error) {
        rmSync(staged, { force: true });
        removeFolders(created);
        throw error;
      } finally {
        release();
      }
    },
    abort: () => {
      if (done) return;
      done = true;
      rmSync(staged, { force: true });
      release();
      removeFolders(created);
    },
  };
}

type Found = { kind: 'into'; path: string } | { kind: 'replace'; path: string; stat?: Stats };

/** What the path is, after links: where the bytes go and how. Throws WriteRefused. */
function inspect(absolute: string, within: string | undefined): Found {
  if (KERNEL_DIRS.some((prefix) => absolute.startsWith(prefix))) {
    checkWithin(absolute, within);
    return existingInto(absolute);
  }
  let link: Stats | undefined;
  try {
    link = lstatSync(absolute);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  if (!link) {
    checkWithin(absolute, within);
    return { kind: 'replace', path: absolute };
  }
  let target = absolute;
  if (link.isSymbolicLink()) {
    // `/dev/stdout` and links to `/proc/self/fd/1` name an open file: write into it.
    const hops = linkChain(absolute);
    // A project's output never leads out of it, not even into /proc/sys or /dev (a hostile link in a pull request).
    for (const hop of hops) checkWithin(hop, within);
    if (hops.some((hop) => KERNEL_DIRS.some((prefix) => hop.startsWith(prefix)))) return existingInto(absolute);
    try {
      target = realpathSync(absolute);
    } catch {
      throw new WriteRefused(`it is a symbolic link to \`${readlinkSync(absolute)}\`, which does not exist; fieldcode writes through a link only to an existing file`);
    }
  }
  const stat = statSync(target);
  if (stat.isCharacterDevice() || stat.isFIFO()) return { kind: 'into', path: target };
  if (stat.isDirectory()) throw new WriteRefused('it is a folder, expected a file');
  if (stat.isBlockDevice()) throw new WriteRefused('it is a block device');
  if (!stat.isFile()) throw new WriteRefused('it is not a regular file, a character device or a FIFO');
  if (stat.nlink > 1) throw new WriteRefused(`it has ${stat.nlink} hard links, and replacing it would leave the other names with the old content; remove the other links first`);
  checkWithin(target, within);
  return { kind: 'replace', path: target, stat };
}

/** Where each link in a chain of symbolic links points, as absolute paths. */
function linkChain(absolute: string): string[] {
  const hops: string[] = [];
  let path = absolute;
  for (let i = 0; i < 40; i++) {
    let next: string;
    try {
      next = readlinkSync(path);
    } catch {
      break;
    }
    path = resolve(dirname(path), next);
    hops.push(path);
  }
  return hops;
}

/** A kernel file (`/dev/stdout`, `/dev/null`, `/proc/self/fd/1`): written into when it exists and is not a block device or folder. */
function existingInto(absolute: string): Found {
  let stat: Stats;
  try {
    stat = statSync(absolute);
  } catch {
    throw new WriteRefused('it does not exist, and fieldcode creates no files in /dev, /proc or /sys');
  }
  if (stat.isDirectory()) throw new WriteRefused('it is a folder, expected a file');
  if (stat.isBlockDevice()) throw new WriteRefused('it is a block device');
  return { kind: 'into', path: absolute };
}

/** Writes into an existing device, FIFO or kernel file, without creating, truncating or renaming anything. */
function writeInto(path: string, bytes: Uint8Array): void {
  const fd = openSync(path, constants.O_WRONLY | constants.O_APPEND | constants.O_NOCTTY);
  try {
    writeAll(fd, bytes);
  } finally {
    closeSync(fd);
  }
}

function writeAll(fd: number, bytes: Uint8Array): void {
  let offset = 0;
  while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
}

/** The real path of `path` (or of its deepest existing folder) must be inside `within`. */
function checkWithin(path: string, within: string | undefined): void {
  if (within === undefined) return;
  const root = realSoFar(resolve(within));
  const existing = realSoFar(path);
  const rel = relative(root, existing);
  if (rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) {
    throw new WriteRefused(`it resolves to \`${existing}\`, outside the project \`${root}\` (through a symbolic link); fieldcode writes only inside the project`);
  }
}

/** The real path of the deepest existing part of `path`, with the rest (not created yet) appended. */
function realSoFar(path: string): string {
  let existing = path;
  let rest = '';
  for (;;) {
    try {
      return join(realpathSync(existing), rest);
    } catch {
      const parent = dirname(existing);
      if (parent === existing) return path;
      rest = join(basename(existing), rest);
      existing = parent;
    }
  }
}

/** Creates the missing folders of `dir`; returns them, deepest first, for `removeFolders`. */
function makeFolders(dir: string, within: string | undefined): string[] {
  const missing: string[] = [];
  for (let d = dir; ; d = dirname(d)) {
    try {
      lstatSync(d);
      break;
    } catch {
      missing.push(d);
      if (dirname(d) === d) break;
    }
  }
  if (missing.length > 0) {
    checkWithin(dir, within);
    mkdirSync(dir, { recursive: true });
  }
  return missing;
}

function removeFolders(folders: string[]): void {
  for (const folder of folders) {
    try {
      rmdirSync(folder);
    } catch {
      return;
    }
  }
}

function writeTemp(target: string, bytes: Uint8Array, stat: Stats | undefined): string {
  const temp = join(dirname(target), `.${basename(target)}.fieldcode-${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
  // Private from the first byte: a kill before the rename leaves a 0600 file.
  const fd = openSync(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600);
  try {
    writeAll(fd, bytes);
    if (stat) {
      // Owner first: chown clears set-id bits, chmod then sets the whole mode.
      if (stat.uid !== process.getuid?.() || stat.gid !== process.getgid?.()) {
        try {
          fchownSync(fd, stat.uid, stat.gid);
        } catch {
          // Only root (or the owner, for the group) may give a file away; a plain user's copy is theirs.
        }
      }
      fchmodSync(fd, stat.mode & 0o7777);
    } else {
      fchmodSync(fd, 0o666 & ~currentUmask());
    }
    fsyncSync(fd);
    closeSync(fd);
  } catch (error) {
    closeSync(fd);
    rmSync(temp, { force: true });
    throw error;
  }
  return temp;
}

let umask: number | undefined;
function currentUmask(): number {
  // process.umask() without an argument is deprecated; read it from a probe the first time.
  if (umask === undefined) {
    const old = process.umask(0o022);
    process.umask(old);
    umask = old;
  }
  return umask;
}

/** Takes the lock beside `target`, waiting for a live holder and breaking a dead one's. Returns the release. */
function lock(target: string): () => void {
  const path = join(dirname(target), `.${basename(target)}${LOCK_SUFFIX}`);
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      const fd = openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600);
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      return () => rmSync(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = lockHolder(path);
    if (holder === 'stale') {
      rmSync(path, { force: true });
      continue;
    }
    if (Date.now() > deadline) throw new WriteRefused(`another fieldcode (process ${holder}) is writing it; try again when it has finished`);
    sleep(50);
  }
}

function lockHolder(path: string): number | 'stale' | 'unknown' {
  try {
    const text = readFileSync(path, 'utf8');
    const pid = Number(text.trim());
    if (Number.isInteger(pid) && pid > 0) return alive(pid) ? pid : 'stale';
    // Being written right now, or left empty by a kill: stale once it is old.
    return Date.now() - lstatSync(path).mtimeMs > 10_000 ? 'stale' : 'unknown';
  } catch {
    return 'unknown';
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Folders this process has already cleaned: an import of many notes into one folder lists it once, not once per note. */
const cleaned = new Set<string>();

/** Removes fieldcode's own temp files and locks left in `dir` by processes that no longer run. */
function removeStaleFiles(dir: string): void {
  if (cleaned.has(dir)) return;
  cleaned.add(dir);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const temp = TEMP.exec(name);
    const path = join(dir, name);
    if (temp && Number(temp[2]) !== process.pid && !alive(Number(temp[2]))) rmSync(path, { force: true });
    else if (name.startsWith('.') && name.endsWith(LOCK_SUFFIX) && lockHolder(path) === 'stale') rmSync(path, { force: true });
  }
}

/** FIELDCODE_TEST_DELAY_RENAME_MS: a test hook that holds every rename back this long, to test concurrent writers. */
function delayForTests(): void {
  const ms = Number(process.env.FIELDCODE_TEST_DELAY_RENAME_MS);
  if (Number.isFinite(ms) && ms > 0) sleep(Math.min(ms, 60_000));
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
