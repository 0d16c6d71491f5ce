// What a cached parse is keyed on: everything `readNote` reads. The codebook
// and the project's variables are not among them (segmenting and inline
// codings depend on the note alone), so editing the codebook keeps the cache.
// The participants rule is the note's own front matter, so part of its text.
// Every field of ReadNoteOptions is hashed: a new parse option joins the key
// by being passed to readNote, with nothing to remember here.
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type { ReadNoteOptions } from '../../core/note.js';

/**
 * Bump whenever the shape of `Note`, `Segment`, `Coding` or `Diagnostic`
 * changes, or what `readNote` returns for the same text: an entry of another
 * format is never read, so an old cache can never yield a wrong report.
 */
export const CACHE_FORMAT = 2;

export const FIELDCODE_VERSION = (createRequire(import.meta.url)('../../../package.json') as { version: string }).version;

export interface ParseInputs {
  /** The note's path as shown: it is written into segment ids, codings and diagnostics. */
  shown: string;
  text: string;
  bom: boolean;
  options: ReadNoteOptions;
}

/** sha256 over the format, the version, the parse options and the note's bytes; 32 raw bytes. */
export function cacheKey(inputs: ParseInputs): Buffer {
  const hash = createHash('sha256');
  // NUL-separated, and the path and options length-free inside JSON: no two inputs share a preimage.
  hash.update(`fieldcode-parse\0${CACHE_FORMAT}\0${FIELDCODE_VERSION}\0${JSON.stringify([inputs.shown, inputs.bom, sortedOptions(inputs.options)])}\0`);
  hash.update(inputs.text, 'utf8');
  return hash.digest();
}

/** Options in key order, so `{a, b}` and `{b, a}` hash alike. */
function sortedOptions(options: ReadNoteOptions): Array<[string, unknown]> {
  return Object.entries(options)
    .filter(([, value]) => value !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
