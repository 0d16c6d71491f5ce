// Whether `fieldcode import` reads a file as a transcript (rather than a
// REFI-QDA file, a CSV or a codebook list), from its extension and content.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { decodeUtf8 } from '../pipeline/read-file.js';
import { detectTranscriptFormat } from './index.js';

/** Extensions that only transcripts have; `.txt`, `.md` and `.tsv` are read as transcripts when their content says so. */
const TRANSCRIPT_EXTENSIONS = new Set(['.vtt', '.srt', '.docx', '.otr', '.json']);

/** True when the file (or folder) at `absolute` is read as transcripts. */
export function readsAsTranscript(absolute: string): boolean {
  if (!existsSync(absolute)) return false;
  if (statSync(absolute).isDirectory()) return true;
  const name = basename(absolute).toLowerCase();
  const ext = extension(absolute);
  if (TRANSCRIPT_EXTENSIONS.has(ext)) return true;
  if (ext === '.tsv') return /^start\tend\ttext/.test(readFileSync(absolute, 'latin1').slice(0, 64));
  if (ext === '.qdpx' || ext === '.qdc' || ext === '.csv') return false;
  const bytes = new Uint8Array(readFileSync(absolute));
  // Word processor, spreadsheet, web and media files are no codebook list: let the transcript reader name them.
  if (DOCUMENT_EXTENSIONS.has(ext) || !isUtf8(bytes)) return true;
  if (ext === '.txt' || ext === '.md') {
    const format = detectTranscriptFormat(name, bytes);
    return format !== null && (format !== 'plain' || looksLikeTurns(new TextDecoder().decode(bytes)));
  }
  return false;
}

/** In a folder, a file with one of these extensions is read (and reported) as a transcript even when it is not one. */
export const WALKED_EXTENSIONS = new Set([...TRANSCRIPT_EXTENSIONS, '.tsv', '.txt']);

export function extension(path: string): string {
  const name = basename(path).toLowerCase();
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot);
}

const DOCUMENT_EXTENSIONS = new Set(['.doc', '.odt', '.rtf', '.xlsx', '.xls', '.ods', '.pdf', '.html', '.htm', '.mp3', '.mp4', '.m4a', '.wav', '.ogg', '.zip']);
const TURN_LINE = /^(?:\[?\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?\]?[ \t]+)?(?:\*\*[^*\n]{1,60}\*\*|[\p{Lu}\p{Lo}\p{N}][^:\t\n*]{0,40}?|\[[\p{L}\p{N}_-]{1,30}\])[ \t]*:?[ \t]/u;

/**
 * A text file with `Name:` turns is a plain transcript; an indented list of
 * codes (the other text input of `import`) has indented lines and few labels.
 */
function looksLikeTurns(text: string): boolean {
  const lines = text.split(/\r\n|\r|\n/).filter((line) => line.trim() !== '');
  const turns = lines.filter((line) => TURN_LINE.test(line) && (/:/.test(line.slice(0, 80)) || /^\[[\p{L}\p{N}_-]{1,30}\][ \t]/u.test(line))).length;
  const indented = lines.some((line) => /^[ \t]+\S/.test(line));
  return turns >= 2 && (!indented || turns / lines.length >= 0.3);
}

function isUtf8(bytes: Uint8Array): boolean {
  return !('error' in decodeUtf8(bytes));
}

