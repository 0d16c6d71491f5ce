// Otter.ai TXT export.
//
// Grammar (lines after newline normalisation):
//   file   = ( block blank* )* footer?
//   block  = header text-line+
//   header = label "  " time " "*       ; exactly two spaces; Otter adds two trailing spaces
//   label  = any text, optionally in Markdown bold `**Kelly**` (hand-edited exports)
//   time   = M:SS | MM:SS | H:MM:SS     ; start of the turn, no end time
//   footer = "Transcribed by https://otter.ai"
// Text lines before the first header, or a file with no header, are not
// Otter: that is reported rather than guessed.
import type { TranscriptTurn } from '../types.js';
import type { ReadOutput } from '../read-output.js';
import type { Report } from '../diagnostics.js';
import { parseClock } from '../time.js';
import { squash } from '../text.js';
import { checkTimes } from '../ranges.js';

const HEADER = /^(?:\*\*(.+?)\*\*|(\S.{0,59}?))  (\d{1,2}(?::\d{2}){1,2}) *$/;
const FOOTER = /^Transcribed by https?:\/\/otter\.ai\s*$/i;

export function readOtter(text: string, report: Report): ReadOutput | null {
  const lines = text.split('\n');
  const turns: TranscriptTurn[] = [];
  let current: TranscriptTurn | null = null;
  let body: string[] = [];
  const close = () => {
    if (current) {
      current.text = squash(body.join(' '));
      turns.push(current);
    }
    body = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === '' || FOOTER.test(line)) continue;
    const m = HEADER.exec(line);
    if (m) {
      close();
      current = { speaker: (m[1] ?? m[2]).trim(), start: parseClock(m[3]), end: null, text: '', line: i + 1 };
      continue;
    }
    if (!current) {
      report(i + 1, 'error', 'transcript-syntax', `an Otter transcript starts with a \`Name  0:00\` header line (two spaces before the time), found \`${line.slice(0, 40)}\``);
      return null;
    }
    body.push(line);
  }
  close();
  checkTimes(turns, report);
  return { turns };
}
