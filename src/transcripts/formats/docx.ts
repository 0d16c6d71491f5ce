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
import type { Report } from '../diagnostics.js';
import type { ReadOutput } from '../read-output.js';
import { paragraphTurns, type Paragraph } from '../paragraphs.js';

export async function readDocx(bytes: Uint8Array, report: Report): Promise<ReadOutput | null> {
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
