// Amberscript-style TXT export: a speaker label with a time code, then the
// text. No openly licensed Amberscript export was available (see
// ../../../../shared/transcripts/FORMATS.md §5), so the grammar accepts the
// layouts such exports are described with, and nothing looser:
//
//   file   = preamble-line* ( turn blank* )*
//   turn   = header NL text-line+ | inline
//   header = time ws+ label ":"? | label ws+ time ":"?
//   inline = time ws+ label ":" ws+ text | label ws+ time ":" ws+ text
//   time   = "[" clock "]" | "(" clock ")" | clock      ; clock = H:MM:SS with optional .mmm / ,mmm
//   label  = `Spreker 1`, `Speaker 2`, or any name of at most 6 words
// The time is the start of the turn.
import type { TranscriptTurn } from '../types.js';
import type { ReadOutput } from '../read-output.js';
import type { Report } from '../diagnostics.js';
import { parseClock } from '../time.js';
import { squash } from '../text.js';
import { isPlausibleLabel } from '../speaker.js';
import { checkTimes } from '../ranges.js';

const CLOCK = String.raw`[\[(]?(\d{1,2}:\d{2}:\d{2}(?:[.,]\d{1,3})?)[\])]?`;
const LABEL = String.raw`([^\s:\[\]()][^:\[\]()\n]{0,59}?)`;
const TIME_FIRST = new RegExp(String.raw`^[ \t]*${CLOCK}[ \t]+${LABEL}[ \t]*(?::(?:[ \t]+(.*))?)?[ \t]*$`);
const LABEL_FIRST = new RegExp(String.raw`^[ \t]*${LABEL}[ \t]+${CLOCK}[ \t]*(?::(?:[ \t]+(.*))?)?[ \t]*$`);

interface Header {
  speaker: string;
  start: number | null;
  rest: string | undefined;
}

function header(line: string): Header | null {
  let m = TIME_FIRST.exec(line);
  if (m && isPlausibleLabel(m[2])) return { speaker: m[2].trim(), start: parseClock(m[1]), rest: m[3] };
  m = LABEL_FIRST.exec(line);
  if (m && isPlausibleLabel(m[1])) return { speaker: m[1].trim(), start: parseClock(m[2]), rest: m[3] };
  return null;
}

export function readAmberscript(text: string, report: Report): ReadOutput | null {
  const turns: TranscriptTurn[] = [];
  const preamble: string[] = [];
  let current: TranscriptTurn | null = null;
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    const h = header(line);
    if (h) {
      current = { speaker: h.speaker, start: h.start, end: null, text: squash(h.rest ?? ''), line: i + 1 };
      turns.push(current);
      return;
    }
    if (current) current.text = squash(`${current.text} ${line}`);
    else preamble.push(line.trim());
  });
  checkTimes(turns, report);
  const output: ReadOutput = { turns };
  if (preamble.length > 0) output.preamble = preamble.join('\n');
  return output;
}
