// Entry points for transcript reading: detect the format of a file and parse
// it into a Transcript. Never throws for user data; every problem becomes a
// positioned diagnostic, and any error means no transcript (so no partial
// note is written from it).
import type { Diagnostic } from '../types.js';
import type { Transcript, TranscriptFormat, TranscriptResult } from './types.js';
import type { ReadOutput } from './read-output.js';
import { hasErrors, reporter, type Report } from './diagnostics.js';
import { decode } from './decode.js';
import { binaryKind, extensionOf, FORMATS, isZip, sniffText } from './detect.js';
import { buildTranscript } from './merge.js';
import { parseDate } from './dates.js';
import { readVtt } from './formats/webvtt.js';
import { readSrt } from './formats/srt.js';
import { readOtter } from './formats/otter.js';
import { readWhisperJson } from './formats/whisper-json.js';
import { readWhisperTxt } from './formats/whisper-txt.js';
import { readWhisperTsv } from './formats/whisper-tsv.js';
import { readAmberscript } from './formats/amberscript.js';
import { readF4 } from './formats/f4.js';
import { readOtr } from './formats/otr.js';
import { readPlain } from './formats/plain.js';

export type { Transcript, TranscriptFormat, TranscriptResult, TranscriptTurn } from './types.js';
export { FORMATS as TRANSCRIPT_FORMATS } from './detect.js';

/** Larger files are refused: no transcript of a day's recording comes near it, and it bounds memory and time. */
export const MAX_TRANSCRIPT_BYTES = 32 * 1024 * 1024;

type TextReader = (text: string, report: Report) => ReadOutput | null;

const TEXT_READERS: Record<Exclude<TranscriptFormat, 'docx'>, TextReader> = {
  webvtt: readVtt,
  srt: readSrt,
  otter: readOtter,
  'whisper-json': readWhisperJson,
  'whisper-txt': readWhisperTxt,
  'whisper-tsv': readWhisperTsv,
  amberscript: readAmberscript,
  f4: readF4,
  otr: readOtr,
  plain: readPlain,
};

/** Office formats that are zip archives too, named so the error says what to do. */
const OTHER_DOCUMENTS = new Set(['xlsx', 'odt', 'ods', 'pptx', 'epub', 'pages']);

const TEXT_EXTENSIONS = new Set(['vtt', 'srt', 'txt', 'md', 'text', 'json', 'tsv', 'otr', 'otter.txt']);

export function detectTranscriptFormat(fileName: string, bytes: Uint8Array): TranscriptFormat | null {
  const extension = extensionOf(fileName);
  if (extension === 'docx') return 'docx';
  if (binaryKind(bytes) !== null) return null;
  const decoded = decode(bytes.subarray(0, Math.min(bytes.length, 256 * 1024)));
  // Undecodable text still gets the format its extension names, so parsing reports the encoding, not the format.
  if (!decoded.ok) return TEXT_EXTENSIONS.has(extension) ? sniffText('', extension) : null;
  return sniffText(decoded.text, extension);
}

function knownFormats(): string {
  return FORMATS.join(', ');
}

// U+FFFD counts too: decoding turned every NUL into it.
const CONTROL = /[\u0000-\u0008\u000e-\u001f\ufffd]/g;

/** Share of control bytes (not tab, newline, form feed, carriage return) in the first 8 KiB. */
function controlShare(bytes: Uint8Array): number {
  const sample = bytes.subarray(0, 8192);
  let control = 0;
  for (const b of sample) if (b <= 0x08 || (b >= 0x0e && b <= 0x1f)) control++;
  return sample.length === 0 ? 0 : control / sample.length;
}

/** Text that decoded but is mostly control characters; the odd NUL in a caption (WebVTT reads it as U+FFFD) is not. */
function looksBinary(text: string): boolean {
  const sample = text.slice(0, 8192);
  if (sample.length === 0) return false;
  return (sample.match(CONTROL)?.length ?? 0) / sample.length > 0.1;
}

export async function parseTranscript(file: string, bytes: Uint8Array, format?: TranscriptFormat): Promise<TranscriptResult> {
  const diagnostics: Diagnostic[] = [];
  const report = reporter(file, diagnostics);
  const fail = (): TranscriptResult => ({ transcript: null, diagnostics });
  if (bytes.length > MAX_TRANSCRIPT_BYTES) {
    report(1, 'error', 'transcript-too-large', `the file is ${bytes.length} bytes; transcripts over ${MAX_TRANSCRIPT_BYTES} bytes are refused`);
    return fail();
  }
  if (bytes.length === 0) {
    report(1, 'error', 'transcript-empty', 'the file is empty');
    return fail();
  }
  const extension = extensionOf(file);
  const chosen = format ?? (extension === 'docx' ? 'docx' : undefined);
  if (chosen === 'docx') {
    if (!isZip(bytes)) {
      const kind = binaryKind(bytes);
      report(1, 'error', 'transcript-docx-not-zip', `a .docx file is a zip archive, but this file is ${kind ?? 'not'}${kind ? '' : ' a zip archive'}; re-save it from the word processor as .docx`);
      return fail();
    }
    return finish(file, 'docx', await readDocxBytes(bytes, report), diagnostics);
  }
  const kind = binaryKind(bytes);
  if (kind !== null && isZip(bytes) && OTHER_DOCUMENTS.has(extension)) {
    report(1, 'error', 'transcript-unknown-format', `.${extension} files are not a transcript format fieldcode reads; save the transcript as .docx or text. Known formats: ${knownFormats()}`);
    return fail();
  }
  if (kind !== null) {
    const hint = isZip(bytes) ? ' (a .docx transcript must keep its .docx extension, or pass --from docx)' : '';
    report(1, 'error', 'transcript-binary', `the file is ${kind}, not a transcript${hint}`);
    return fail();
  }
  const decoded = decode(bytes);
  if (!decoded.ok && decoded.encoding.startsWith('unknown') && controlShare(bytes) > 0.03) {
    // Not text in any encoding: control bytes a legacy text encoding never has, at a rate only binary data reaches.
    report(1, 'error', 'transcript-binary', 'the file holds binary data, not transcript text');
    return fail();
  }
  if (!decoded.ok) {
    report(decoded.line, 'error', 'transcript-encoding', `cannot decode the file (${decoded.encoding}): ${decoded.message}`);
    return fail();
  }
  if (looksBinary(decoded.text)) {
    report(1, 'error', 'transcript-binary', 'the file holds binary data, not transcript text');
    return fail();
  }
  if (decoded.text.trim() === '') {
    report(1, 'error', 'transcript-empty', 'the file holds no text');
    return fail();
  }
  const detected = chosen ?? sniffText(decoded.text, extension);
  if (detected === null) {
    report(1, 'error', 'transcript-unknown-format', `cannot tell the transcript format of this file; known formats: ${knownFormats()} (force one with --from)`);
    return fail();
  }
  if (detected === 'docx') return fail(); // unreachable: docx is read from its bytes above
  const reader = TEXT_READERS[detected];
  let output: ReadOutput | null;
  try {
    output = reader(decoded.text, report);
  } catch (error) {
    // A reader bug must not crash an import of many files; it is reported against the file.
    report(1, 'error', 'transcript-syntax', `cannot read the file as ${detected}: ${(error as Error).message}`);
    output = null;
  }
  return finish(file, detected, output, diagnostics);
}

function finish(file: string, format: TranscriptFormat, output: ReadOutput | null, diagnostics: Diagnostic[]): TranscriptResult {
  if (output === null || hasErrors(diagnostics)) return { transcript: null, diagnostics };
  const extra: Partial<Transcript> = {};
  const date = output.date ?? dateFromFileName(file);
  if (date !== undefined) extra.date = date;
  if (output.preamble !== undefined) extra.preamble = output.preamble;
  const transcript = buildTranscript(format, output.turns, extra);
  if (transcript.turns.length === 0) {
    reporter(file, diagnostics)(1, 'error', 'transcript-empty', `the ${format} file holds no speech turns`);
    return { transcript: null, diagnostics };
  }
  return { transcript, diagnostics };
}

/** Zoom names its recordings and their transcripts `GMT20240124-202901_Recording…`: the date the meeting was recorded (UTC). */
function dateFromFileName(file: string): string | undefined {
  const m = /^GMT(\d{4})(\d{2})(\d{2})-\d{6}/.exec(file.replace(/^.*[\\/]/, ''));
  return m ? parseDate(`${m[1]}-${m[2]}-${m[3]}`) : undefined;
}

async function readDocxBytes(bytes: Uint8Array, report: Report): Promise<ReadOutput | null> {
  const { readDocx } = await import('./formats/docx.js');
  return readDocx(bytes, report);
}
