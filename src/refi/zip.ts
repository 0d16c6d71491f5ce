// Zip writing and reading for `.qdpx`, with no file system access, on fflate's
// own zip functions. What fflate does not do is added here: writing is made
// byte-reproducible (fixed entry order and timestamps), and reading checks every
// entry name (zip-slip) and declared size before anything is inflated, inflates
// into a buffer of the declared size only, and verifies each entry's CRC.
import { unzipSync, zipSync, type UnzipFileInfo, type Zippable } from 'fflate';
import type { RuleId } from '../model/rules.js';

export interface ZipEntry {
  name: string;
  data: Uint8Array;
}

// 1980-01-01 00:00 local time, the first instant a DOS timestamp can hold;
// fflate stores local fields, so this is the same bytes in every time zone.
const FIXED_MTIME = new Date(1980, 0, 1, 0, 0, 0);

/** A deflate zip of `entries`, in the given order. The same input always gives the same bytes. */
export function writeZip(entries: ZipEntry[]): Uint8Array {
  // A Map keeps insertion order for every name; a plain object would move
  // integer-like names ("1", "42") to the front.
  const files = new Map(entries.map((entry) => [entry.name, entry.data]));
  if (files.size !== entries.length) throw new Error('writeZip: duplicate entry names');
  const zippable: Zippable = Object.create(null);
  for (const [name, data] of files) zippable[name] = [data, { level: 6, mtime: FIXED_MTIME }];
  if (Object.keys(zippable).join('\0') !== [...files.keys()].join('\0')) {
    throw new Error('writeZip: entry names that an object would reorder');
  }
  return zipSync(zippable);
}

export interface ZipProblem {
  message: string;
  ruleId: RuleId;
  /** The entry concerned, if any. */
  entry?: string;
}

export interface ReadZipOptions {
  /** Largest uncompressed size accepted for one entry, in bytes. Default 16 MB. */
  maxEntryBytes?: number;
  /** Largest uncompressed size accepted for all entries together. Default 4 × maxEntryBytes. */
  maxTotalBytes?: number;
  /** Only these entries are inflated (all names are still checked). Default: all files. */
  wanted?: (name: string) => boolean;
}

/**
 * What the importer can process: a source of this size takes about 1 GB while
 * it is imported (measured; see test/crashes/qdpx-memory.test.ts), and the note
 * it becomes needs `--max-note-size` past 1 MiB anyway.
 */
export const DEFAULT_MAX_ENTRY_BYTES = 16 * 1024 * 1024;

/** Why an entry name would escape the folder it is extracted into, or undefined when it is safe. */
export function unsafeEntryName(name: string): string | undefined {
  if (name.includes('\\')) return 'contains a backslash';
  if (name.includes('\0')) return 'contains a NUL character';
  if (name.startsWith('/')) return 'is an absolute path';
  if (/^[A-Za-z]:/.test(name)) return 'starts with a drive letter';
  if (name.split('/').some((part) => part === '..')) return 'contains a ".." segment';
  return undefined;
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / (1024 * 1024)).toFixed(n % (1024 * 1024) === 0 ? 0 : 1)} MB` : `${n} bytes`;
}

const notZip = (message: string, entry?: string): { problem: ZipProblem } => ({ problem: { message, ruleId: 'qdpx-not-zip', ...(entry ? { entry } : {}) } });
const tooLarge = (message: string, entry?: string): { problem: ZipProblem } => ({ problem: { message, ruleId: 'zip-entry-too-large', ...(entry ? { entry } : {}) } });

/** Every entry's header, read from the central directory without inflating anything. */
function listEntries(bytes: Uint8Array): UnzipFileInfo[] | string {
  const infos: UnzipFileInfo[] = [];
  try {
    unzipSync(bytes, {
      filter: (info) => {
        infos.push(info);
        return false;
      },
    });
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  return infos;
}

/**
 * Reads a zip in memory. Every entry name is checked for zip-slip and every
 * declared size against the limits before anything is inflated. An entry is
 * inflated into a buffer of its declared size, so one that lies about its size
 * cannot take more memory; its CRC then tells that it is corrupt.
 */
export function readZip(bytes: Uint8Array, options: ReadZipOptions = {}): { entries: ZipEntry[] } | { problem: ZipProblem } {
  const maxEntry = options.maxEntryBytes ?? DEFAULT_MAX_ENTRY_BYTES;
  const maxTotal = options.maxTotalBytes ?? maxEntry * 4;
  const infos = listEntries(bytes);
  if (typeof infos === 'string') {
    return notZip(/invalid zip data/.test(infos) ? 'The file is not a zip archive, or it is truncated (no readable central directory)' : `The zip archive is corrupt (${infos})`);
  }
  const wanted = (info: UnzipFileInfo): boolean => !info.name.endsWith('/') && (!options.wanted || options.wanted(info.name));
  let total = 0;
  for (const info of infos) {
    const unsafe = unsafeEntryName(info.name);
    if (unsafe) {
      return { problem: { message: `Archive entry "${info.name}" ${unsafe}; it would be written outside the target folder`, ruleId: 'zip-slip', entry: info.name } };
    }
    // Entries that will not be inflated cost nothing, whatever they declare.
    if (!wanted(info)) continue;
    if (info.originalSize === 0xffffffff || info.originalSize > maxEntry) {
      return tooLarge(`Archive entry "${info.name}" declares ${formatBytes(info.originalSize)} uncompressed, more than the limit of ${formatBytes(maxEntry)} per entry`, info.name);
    }
    if (info.compression !== 0 && info.compression !== 8) {
      return notZip(`Archive entry "${info.name}" uses unsupported compression method ${info.compression}`, info.name);
    }
    total += info.originalSize;
  }
  if (total > maxTotal) return tooLarge(`The archive declares ${formatBytes(total)} uncompressed in all, more than the limit of ${formatBytes(maxTotal)}`);
  let files: Record<string, Uint8Array>;
  const declared = new Map<string, UnzipFileInfo>();
  try {
    files = unzipSync(bytes, {
      filter: (info) => {
        if (!wanted(info)) return false;
        declared.set(info.name, info);
        return true;
      },
    });
  } catch (error) {
    return notZip(`The zip archive is corrupt (${error instanceof Error ? error.message : String(error)})`);
  }
  const crcs = centralCrcs(bytes);
  const entries: ZipEntry[] = [];
  for (const [name, info] of declared) {
    const data = files[name];
    if (data.length !== info.originalSize) return notZip(`Archive entry "${name}" is truncated or corrupt (${data.length} bytes where ${info.originalSize} are declared)`, name);
    if (crc32(data) !== crcs.get(name)) {
      return notZip(`Archive entry "${name}" is corrupt: its data do not match its CRC (it may inflate past its declared ${formatBytes(info.originalSize)})`, name);
    }
    entries.push({ name, data });
  }
  return { entries };
}

/**
 * The CRC each central-directory entry declares. fflate does not verify or
 * expose them; the directory is already known to be well formed here.
 */
function centralCrcs(bytes: Uint8Array): Map<string, number> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = bytes.length - 22;
  while (end > 0 && view.getUint32(end, true) !== 0x06054b50) end--;
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const decoder = new TextDecoder('utf-8');
  const crcs = new Map<string, number>();
  for (let n = 0; n < count && at + 46 <= bytes.length; n++) {
    const nameLength = view.getUint16(at + 28, true);
    const name = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    crcs.set(name, view.getUint32(at + 16, true));
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return crcs;
}

let crcTable: Uint32Array | undefined;

/** CRC-32 (IEEE), which fflate computes internally but does not export. */
export function crc32(data: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < data.length; i++) crc = crcTable[(crc ^ data[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
