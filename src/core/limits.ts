// Limits that keep hostile or broken input from exhausting memory: every one
// ends in a positioned error on the file, never in a V8 out-of-memory abort.
// README.md § Limits documents them.

/** Default largest note, in bytes (`--max-note-size`). Parsing costs a few hundred bytes of memory per byte of a note. */
export const DEFAULT_MAX_NOTE_SIZE = 1024 * 1024;
export const MAX_NOTE_SIZE_FLAG = '--max-note-size';

/** Largest other file fieldcode reads (codebook, project file, standoff, CSV). */
export const DEFAULT_READ_LIMIT = 64 * 1024 * 1024;

/** Blocks (paragraphs, list items, table cells) a note may have; each costs kilobytes while it is parsed. */
export const MAX_BLOCKS = 50_000;

export function formatBytes(bytes: number): string {
  const units: [number, string][] = [[1024 ** 3, 'GiB'], [1024 ** 2, 'MiB'], [1024, 'KiB']];
  for (const [size, unit] of units) if (bytes >= size && bytes % size === 0) return `${bytes / size} ${unit}`;
  return `${bytes} bytes`;
}

/** `--max-note-size 5M` → 5 MiB; plain numbers are bytes; `k`, `M`, `G` are powers of 1024. */
export function parseSize(value: string): number | undefined {
  const match = /^\s*(\d+)\s*([kKmMgG])?(?:i?[bB])?\s*$/.exec(value);
  if (!match) return undefined;
  const factor = { k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[(match[2] ?? '').toLowerCase() as 'k' | 'm' | 'g'] ?? 1;
  const bytes = Number(match[1]) * factor;
  return Number.isSafeInteger(bytes) && bytes > 0 ? bytes : undefined;
}

/**
 * An upper bound of the blocks remark would make, from one linear pass: every
 * non-blank line can start one, and every `|` can start a table cell.
 * Returns the offset where the count first exceeds `max`.
 */
export function findTooManyBlocks(text: string, start: number, max = MAX_BLOCKS): number | undefined {
  let count = 0;
  let blank = true;
  for (let i = start; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x0a) {
      blank = true;
      continue;
    }
    if (ch === 0x7c /* | */) count++;
    else if (blank && ch !== 0x20 && ch !== 0x09 && ch !== 0x0d) {
      blank = false;
      count++;
    } else continue;
    if (count > max) return i;
  }
  return undefined;
}
