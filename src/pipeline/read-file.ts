// Reads one file as strict UTF-8 without throwing: a user's unreadable or
// non-UTF-8 file is a diagnostic, never an exception.
import { readFileSync, statSync } from 'node:fs';

export interface DecodedFile {
  text: string;
  bom: boolean;
  /** Modification time and size when read, to detect concurrent edits before writing back. */
  stamp: string;
}

/** Reads a file as strict UTF-8. Returns a reason string instead of throwing on user problems. */
export function readUtf8(path: string): DecodedFile | { error: string; line?: number; column?: number } {
  let bytes: Buffer;
  let stamp: string;
  try {
    bytes = readFileSync(path);
    const stat = statSync(path);
    stamp = `${stat.mtimeMs}:${stat.size}`;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
    return { error: `Cannot read file (${code})` };
  }
  const decoded = decodeUtf8(bytes);
  return 'error' in decoded ? decoded : { ...decoded, stamp };
}

export type Decoded = { text: string; bom: boolean } | { error: string; line?: number; column?: number };

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
