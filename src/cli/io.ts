// The only place that touches the file system and the process streams.
// `main()` receives an `IO`, so tests run the whole CLI in-process with fakes.
import { readFileSync, statSync } from 'node:fs';

export interface OutStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface InStream {
  isTTY?: boolean;
}

export interface IO {
  argv: string[];
  env: Record<string, string | undefined>;
  cwd: string;
  stdin: InStream & NodeJS.ReadableStream;
  stdout: OutStream & NodeJS.WritableStream;
  stderr: OutStream & NodeJS.WritableStream;
}

/** Raised for problems that stop the tool from running (exit 2): bad flags, unreadable config. */
export class UsageError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'UsageError';
  }
}

// Every write goes through write-file.ts; re-exported here, where the file system is.
export { stageFile, writeFileAtomic, WriteRefused, type StagedWrite, type WriteOptions } from './write-file.js';

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
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(body);
    return { text, bom, stamp };
  } catch {
    const at = firstInvalidUtf8(body);
    return { error: 'Cannot decode file as UTF-8, expected UTF-8 text', ...at };
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
