// DOCX transcripts, read through mammoth (never the XML by hand).
//
// Grammar (over mammoth's raw text, one paragraph per block):
//   document  = header-paragraph* turn-paragraph*
//   turn      = label ":" ws* text     ; bold or plain label, tab or no space after ":"
//   continued = text                   ; no label: the current speaker goes on
//   noise     = "[" … "]" | "(" … ")"   ; non-speech, no speaker
// See ../paragraphs.ts for the header rules. `line` is the 1-based paragraph
// index, counting empty paragraphs, so it matches what a word processor shows.
import mammoth from 'mammoth';
import { unzipSync } from 'fflate';
import type { Report } from '../diagnostics.js';
import type { ReadOutput } from '../read-output.js';
import { paragraphTurns, type Paragraph } from '../paragraphs.js';

/** A zip can hold far more than its size; mammoth inflates the whole document, so the declared sizes are checked first. */
export const MAX_DOCX_UNPACKED_BYTES = 256 * 1024 * 1024;

function unpackedSize(bytes: Uint8Array): number {
  let total = 0;
  try {
    // The filter sees each entry's declared size and returns false, so nothing is inflated.
    unzipSync(bytes, { filter: (entry) => ((total += entry.originalSize), false) });
  } catch {
    // A damaged archive: mammoth says what is wrong with it.
  }
  return total;
}

export async function readDocx(bytes: Uint8Array, report: Report): Promise<ReadOutput | null> {
  const unpacked = unpackedSize(bytes);
  if (unpacked > MAX_DOCX_UNPACKED_BYTES) {
    report(1, 'error', 'transcript-too-large', `the .docx archive unpacks to ${unpacked} bytes; more than ${MAX_DOCX_UNPACKED_BYTES} is refused`);
    return null;
  }
  let raw: string;
  try {
    const result = await mammoth.extractRawText({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) });
    raw = result.value;
  } catch (error) {
    const message = (error as Error).message ?? String(error);
    const truncated = /end of central directory|corrupted zip|unexpected end|invalid (?:zip|signature)|can't find end/i.test(message);
    report(1, 'error', truncated ? 'transcript-truncated' : 'transcript-syntax', truncated ? `the .docx archive is cut short or damaged (${message})` : `cannot read the .docx file: ${message}`);
    return null;
  }
  // mammoth ends every paragraph with a blank line; a paragraph's own line breaks are single newlines.
  const blocks = raw.replace(/\n\n$/, '').split('\n\n');
  const paragraphs: Paragraph[] = blocks.map((text, index) => ({ text: text.replace(/\n/g, ' '), line: index + 1 }));
  return paragraphTurns(paragraphs);
}
