// Which reader a file needs: the extension proposes, the content decides.
// Binary containers are recognised by their magic bytes first, so a zip or an
// audio file renamed `.vtt` is reported as such instead of as broken text.
import type { TranscriptFormat } from './types.js';

export const FORMATS: readonly TranscriptFormat[] = ['webvtt', 'srt', 'otter', 'whisper-json', 'whisper-txt', 'whisper-tsv', 'amberscript', 'f4', 'otr', 'docx', 'plain'];

const MAGIC: Array<{ bytes: number[]; at?: number; what: string }> = [
  { bytes: [0x50, 0x4b, 0x03, 0x04], what: 'a zip archive' },
  { bytes: [0x50, 0x4b, 0x05, 0x06], what: 'an empty zip archive' },
  { bytes: [0x25, 0x50, 0x44, 0x46], what: 'a PDF document' },
  { bytes: [0x89, 0x50, 0x4e, 0x47], what: 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], what: 'a JPEG image' },
  { bytes: [0x47, 0x49, 0x46, 0x38], what: 'a GIF image' },
  { bytes: [0x49, 0x44, 0x33], what: 'an MP3 audio file' },
  { bytes: [0x52, 0x49, 0x46, 0x46], what: 'a RIFF (WAV/AVI) media file' },
  { bytes: [0x4f, 0x67, 0x67, 0x53], what: 'an Ogg media file' },
  { bytes: [0x66, 0x4c, 0x61, 0x43], what: 'a FLAC audio file' },
  { bytes: [0x66, 0x74, 0x79, 0x70], at: 4, what: 'an MP4/M4A media file' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], what: 'an old binary Office document (.doc)' },
  { bytes: [0x1f, 0x8b], what: 'a gzip archive' },
];

/** What a binary file is, by its magic bytes, or null for anything else. */
export function binaryKind(bytes: Uint8Array): string | null {
  for (const magic of MAGIC) {
    const at = magic.at ?? 0;
    if (magic.bytes.every((b, i) => bytes[at + i] === b)) return magic.what;
  }
  return null;
}

export function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 0x03 || bytes[2] === 0x05);
}

function extensionOf(fileName: string): string {
  const base = fileName.toLowerCase().replace(/^.*[\\/]/, '');
  if (base.endsWith('.otter.txt')) return 'otter.txt';
  const dot = base.lastIndexOf('.');
  return dot < 0 ? '' : base.slice(dot + 1);
}

const OTTER_HEADER = /^(?:\*\*)?[^\s*][^\n]{0,59}?(?:\*\*)?  \d{1,2}(?::\d{2}){1,2} *$/m;
const F4_MARK = /#\d{1,2}:\d{2}:\d{2}[-.,]\d{1,3}#/;
const AMBER_LABEL = /^(?:\[?\d{1,2}:\d{2}:\d{2}(?:[.,]\d+)?\]?[ \t]+)?(?:Spreker|Speaker|Sprecher|Locuteur|Hablante|Intervenant)[ \t]+\d+[ \t]*(?:\[?\(?\d{1,2}:\d{2}:\d{2}(?:[.,]\d+)?\)?\]?)?[ \t]*:?/m;
const AMBER_TIMED = /^(?:\[?\d{1,2}:\d{2}:\d{2}(?:[.,]\d+)?\]?[ \t]+[^\n:]{1,60}|[^\n:]{1,60}[ \t]+\[?\(?\d{1,2}:\d{2}:\d{2}(?:[.,]\d+)?\)?\]?)[ \t]*:?[ \t]*$/m;
const SRT_TIMING = /^[ \t]*(?:\d{1,4}:)?\d{1,2}:\d{1,2}(?:[.,]\d{1,9})?[ \t]*-->[ \t]*(?:\d{1,4}:)?\d{1,2}:\d{1,2}/m;
const WHISPER_LINE = /^\[[^\]\n]{1,40}\]: /;

/** Content sniffing on decoded text; `extension` breaks ties. */
export function sniffText(text: string, extension: string): TranscriptFormat | null {
  const head = text.slice(0, 64 * 1024);
  const trimmed = head.trimStart();
  if (/^WEBVTT(?:[ \t\n]|$)/.test(head)) return 'webvtt';
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    if (/"segments"\s*:/.test(head)) return 'whisper-json';
    if (/"text"\s*:/.test(head) && (/data-timestamp|<p>/.test(head) || extension === 'otr')) return 'otr';
    if (extension === 'json') return 'whisper-json';
    if (extension === 'otr') return 'otr';
  }
  if (/^start\tend\ttext[ \t]*$/m.test(head.split('\n', 1)[0])) return 'whisper-tsv';
  if (extension === 'vtt') return 'webvtt';
  if (SRT_TIMING.test(head)) return 'srt';
  if (F4_MARK.test(head)) return 'f4';
  const lines = head.split('\n').filter((l) => l.trim() !== '');
  if (lines.length > 0 && OTTER_HEADER.test(lines[0])) return 'otter';
  if (AMBER_LABEL.test(head) && AMBER_TIMED.test(head)) return 'amberscript';
  if (lines.length > 0 && lines.every((l) => WHISPER_LINE.test(l))) return 'whisper-txt';
  if (extension === 'srt') return 'srt';
  if (extension === 'tsv') return 'whisper-tsv';
  if (['txt', 'md', 'text', 'otter.txt'].includes(extension)) return 'plain';
  return null;
}

export { extensionOf };
