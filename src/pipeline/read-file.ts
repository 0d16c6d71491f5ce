// Reads one file as strict UTF-8 without throwing: a user's unreadable or
// non-UTF-8 file is a diagnostic, never an exception.
import { closeSync, constants, fstatSync, openSync, readSync, statSync } from 'node:fs';
import type { RuleId } from '../model/rules.js';
import { DEFAULT_READ_LIMIT, formatBytes, MAX_NOTE_SIZE_FLAG } from '../core/limits.js';

export interface DecodedFile {
  text: string;
  bom: boolean;
  /** Modification time and size when read, to detect concurrent edits before writing back. */
  stamp: string;
}

export interface ReadFailure {
  error: string;
  line?: number;
  column?: number;
  /** Set when the problem has its own rule (a file over the size limit). */
  ruleId?: RuleId;
}

export interface ReadLimit {
  /** Bytes the file may hold; reading stops just past it. */
  maxBytes: number;
  /** Set for notes: the error names the `--max-note-size` flag. */
  note?: boolean;
}

/**
 * Reads a regular file as strict UTF-8, never more than `limit.maxBytes` + 1
 * bytes: a note that is a symlink to `/dev/zero` or a FIFO is refused, not
 * read forever. Returns a reason instead of throwing on user problems.
 */
export function readUtf8(path: string, limit: ReadLimit = { maxBytes: DEFAULT_READ_LIMIT }): DecodedFile | ReadFailure {
  let bytes: Buffer;
  let stamp: string;
  let fd: number | undefined;
  try {
    // Non-blocking, so opening a FIFO does not wait for a writer.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    const stat = fstatSync(fd);
    if (!stat.isFile()) return { error: `Cannot read file: ${stat.isDirectory() ? 'a folder' : 'not a regular file (a device, socket or pipe)'}, expected a regular file` };
    stamp = `${stat.mtimeMs}:${stat.size}`;
    if (stat.size > limit.maxBytes) return tooLarge(limit);
    // The size can grow while reading; read in chunks and stop past the limit.
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(1 << 20, limit.maxBytes + 1 - total));
      const read = readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) break;
      chunks.push(chunk.subarray(0, read));
      total += read;
      if (total > limit.maxBytes) return tooLarge(limit);
    }
    bytes = Buffer.concat(chunks, total);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
    return { error: `Cannot read file (${code})` };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  const decoded = decodeUtf8(bytes);
  return 'error' in decoded ? decoded : { ...decoded, stamp };
}

export type Decoded = { text: string; bom: boolean } | ReadFailure;

function tooLarge(limit: ReadLimit): ReadFailure {
  const size = formatBytes(limit.maxBytes);
  return limit.note
    ? { error: `Unexpected note larger than ${size}, expected at most ${size}; raise the limit with \`${MAX_NOTE_SIZE_FLAG} <size>\``, ruleId: 'file-too-large' }
    : { error: `Unexpected file larger than ${size}, expected at most ${size}`, ruleId: 'file-too-large' };
}

/** Strict UTF-8 with an optional BOM; the position of the first bad byte otherwise. */
export function decodeUtf8(bytes: Uint8Array): Decoded {
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), bom };
  } catch {
    return { error: 'Cannot decode file as UTF-8, expected UTF-8 text', ...firstInvalidUtf8(body) };
  }
}

export function fileStamp(path: string): string | undefined {
  try {
    const stat = statSync(path);
    return `${stat.mtimeMs}:${stat.size}`;
  } catch {
    return undefined;
  }
}

function firstInvalidUtf8(bytes: Uint8Array): { line: number; column: number } {
  // Decode growing prefixes line by line to find where the invalid byte sits.
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      try {
        decoder.decode(bytes.subarray(lineStart, i));
      } catch {
        const good = new TextDecoder('utf-8').decode(bytes.subarray(lineStart, i)).indexOf('\uFFFD');
        return { line, column: Math.max(1, good + 1) };
      }
      line++;
      lineStart = i + 1;
    }
  }
  return { line: 1, column: 1 };
}
