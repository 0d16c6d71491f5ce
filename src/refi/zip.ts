// Zip writing and reading for `.qdpx`, with no file system access.
// Writing is byte-reproducible: fixed entry order, fixed DOS timestamps, no extra
// fields. Reading checks every entry name (zip-slip) and every declared size
// before inflating anything, and stops inflating when an entry grows past its limit.
import { deflateSync, Inflate } from 'fflate';
import type { RuleId } from '../model/rules.js';

export interface ZipEntry {
  name: string;
  data: Uint8Array;
}

// 1980-01-01 00:00:00, the first instant a DOS timestamp can hold.
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
const UTF8_FLAG = 0x0800;

let crcTable: Uint32Array | undefined;

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

/** A deflate zip of `entries`, in the given order. The same input always gives the same bytes. */
export function writeZip(entries: ZipEntry[]): Uint8Array {
  const encoder = new TextEncoder();
  const chunks: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = encoder.encode(entry.name);
    const compressed = deflateSync(entry.data, { level: 6 });
    const crc = crc32(entry.data);
    const local = new Uint8Array(30 + name.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, 20, true);
    lv.setUint16(6, UTF8_FLAG, true);
    lv.setUint16(8, 8, true);
    lv.setUint16(10, DOS_TIME, true);
    lv.setUint16(12, DOS_DATE, true);
    lv.setUint32(14, crc, true);
    lv.setUint32(18, compressed.length, true);
    lv.setUint32(22, entry.data.length, true);
    lv.setUint16(26, name.length, true);
    lv.setUint16(28, 0, true);
    local.set(name, 30);
    const header = new Uint8Array(46 + name.length);
    const cv = new DataView(header.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, 20, true);
    cv.setUint16(6, 20, true);
    cv.setUint16(8, UTF8_FLAG, true);
    cv.setUint16(10, 8, true);
    cv.setUint16(12, DOS_TIME, true);
    cv.setUint16(14, DOS_DATE, true);
    cv.setUint32(16, crc, true);
    cv.setUint32(20, compressed.length, true);
    cv.setUint32(24, entry.data.length, true);
    cv.setUint16(28, name.length, true);
    cv.setUint32(42, offset, true);
    header.set(name, 46);
    chunks.push(local, compressed);
    central.push(header);
    offset += local.length + compressed.length;
  }
  const centralSize = central.reduce((n, c) => n + c.length, 0);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, entries.length, true);
  ev.setUint16(10, entries.length, true);
  ev.setUint32(12, centralSize, true);
  ev.setUint32(16, offset, true);
  const all = [...chunks, ...central, end];
  const out = new Uint8Array(offset + centralSize + 22);
  let at = 0;
  for (const chunk of all) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
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

interface CentralEntry {
  name: string;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

/** Why an entry name would escape the folder it is extracted into, or undefined when it is safe. */
export function unsafeEntryName(name: string): string | undefined {
  if (name.includes('\\')) return 'contains a backslash';
  if (name.includes('\0')) return 'contains a NUL character';
  if (name.startsWith('/')) return 'is an absolute path';
  if (/^[A-Za-z]:/.test(name)) return 'starts with a drive letter';
  if (name.split('/').some((part) => part === '..')) return 'contains a ".." segment';
  return undefined;
}

function readCentral(bytes: Uint8Array): CentralEntry[] | ZipProblem {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return { message: 'The file is not a zip archive (no end-of-central-directory record)', ruleId: 'qdpx-not-zip' };
  const count = view.getUint16(eocd + 10, true);
  const size = view.getUint32(eocd + 12, true);
  const start = view.getUint32(eocd + 16, true);
  if (count === 0xffff || start === 0xffffffff) return { message: 'ZIP64 archives are not supported', ruleId: 'qdpx-not-zip' };
  if (start + size > bytes.length) return { message: 'The zip archive is truncated or corrupt (central directory out of range)', ruleId: 'qdpx-not-zip' };
  const decoder = new TextDecoder('utf-8');
  const entries: CentralEntry[] = [];
  let at = start;
  for (let n = 0; n < count; n++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) {
      return { message: 'The zip archive is corrupt (bad central directory entry)', ruleId: 'qdpx-not-zip' };
    }
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    entries.push({
      flags: view.getUint16(at + 8, true),
      method: view.getUint16(at + 10, true),
      crc: view.getUint32(at + 16, true),
      compressedSize: view.getUint32(at + 20, true),
      size: view.getUint32(at + 24, true),
      localOffset: view.getUint32(at + 42, true),
      name: decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength)),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / (1024 * 1024)).toFixed(n % (1024 * 1024) === 0 ? 0 : 1)} MB` : `${n} bytes`;
}

/**
 * Reads a zip in memory. Every entry name is checked for zip-slip and every
 * declared size against the limits before anything is inflated; inflating stops
 * as soon as an entry outgrows its declared size or the limit.
 */
export function readZip(bytes: Uint8Array, options: ReadZipOptions = {}): { entries: ZipEntry[] } | { problem: ZipProblem } {
  const maxEntry = options.maxEntryBytes ?? DEFAULT_MAX_ENTRY_BYTES;
  const maxTotal = options.maxTotalBytes ?? maxEntry * 4;
  const central = readCentral(bytes);
  if (!Array.isArray(central)) return { problem: central };
  let total = 0;
  for (const entry of central) {
    const unsafe = unsafeEntryName(entry.name);
    if (unsafe) {
      return { problem: { message: `Archive entry "${entry.name}" ${unsafe}; it would be written outside the target folder`, ruleId: 'zip-slip', entry: entry.name } };
    }
    // Entries that will not be inflated cost nothing, whatever they declare.
    if (entry.name.endsWith('/') || (options.wanted && !options.wanted(entry.name))) continue;
    if (entry.size === 0xffffffff || entry.size > maxEntry) {
      return {
        problem: {
          message: `Archive entry "${entry.name}" declares ${formatBytes(entry.size)} uncompressed, more than the limit of ${formatBytes(maxEntry)} per entry`,
          ruleId: 'zip-entry-too-large',
          entry: entry.name,
        },
      };
    }
    total += entry.size;
  }
  if (total > maxTotal) {
    return { problem: { message: `The archive declares ${formatBytes(total)} uncompressed in all, more than the limit of ${formatBytes(maxTotal)}`, ruleId: 'zip-entry-too-large' } };
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const entries: ZipEntry[] = [];
  for (const entry of central) {
    if (entry.name.endsWith('/')) continue;
    if (options.wanted && !options.wanted(entry.name)) continue;
    const at = entry.localOffset;
    if (at + 30 > bytes.length || view.getUint32(at, true) !== 0x04034b50) {
      return { problem: { message: `Archive entry "${entry.name}" is corrupt (bad local header)`, ruleId: 'qdpx-not-zip', entry: entry.name } };
    }
    if (entry.flags & 1) return { problem: { message: `Archive entry "${entry.name}" is encrypted`, ruleId: 'qdpx-not-zip', entry: entry.name } };
    const dataStart = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
    const raw = bytes.subarray(dataStart, dataStart + entry.compressedSize);
    if (raw.length !== entry.compressedSize) {
      return { problem: { message: `Archive entry "${entry.name}" is truncated`, ruleId: 'qdpx-not-zip', entry: entry.name } };
    }
    let data: Uint8Array;
    if (entry.method === 0) data = raw.slice();
    else if (entry.method === 8) {
      const inflated = inflateBounded(raw, entry.size);
      if (inflated === 'too-large') {
        return {
          problem: {
            message: `Archive entry "${entry.name}" inflates to more than its declared ${formatBytes(entry.size)}`,
            ruleId: 'zip-entry-too-large',
            entry: entry.name,
          },
        };
      }
      if (inflated === 'corrupt') return { problem: { message: `Archive entry "${entry.name}" is corrupt (bad deflate data)`, ruleId: 'qdpx-not-zip', entry: entry.name } };
      data = inflated;
    } else {
      return { problem: { message: `Archive entry "${entry.name}" uses unsupported compression method ${entry.method}`, ruleId: 'qdpx-not-zip', entry: entry.name } };
    }
    if (data.length !== entry.size || crc32(data) !== entry.crc) {
      return { problem: { message: `Archive entry "${entry.name}" is corrupt (size or CRC mismatch)`, ruleId: 'qdpx-not-zip', entry: entry.name } };
    }
    entries.push({ name: entry.name, data });
  }
  return { entries };
}

function inflateBounded(raw: Uint8Array, limit: number): Uint8Array | 'too-large' | 'corrupt' {
  const out = new Uint8Array(limit);
  let length = 0;
  let tooLarge = false;
  const inflater = new Inflate((chunk) => {
    if (tooLarge) return;
    if (length + chunk.length > limit) {
      tooLarge = true;
      return;
    }
    out.set(chunk, length);
    length += chunk.length;
  });
  try {
    const step = 16 * 1024;
    for (let i = 0; i < raw.length && !tooLarge; i += step) {
      inflater.push(raw.subarray(i, Math.min(raw.length, i + step)), i + step >= raw.length);
    }
    if (raw.length === 0) inflater.push(raw, true);
  } catch {
    return tooLarge ? 'too-large' : 'corrupt';
  }
  if (tooLarge) return 'too-large';
  return out.subarray(0, length);
}
