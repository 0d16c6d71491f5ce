// f4/f5 transcripts (audiotranskription.de), TXT export.
//
// Grammar (lines after newline normalisation):
//   file  = ( turn | blank )*
//   turn  = mark* label ":" ws+ text ( NL text )*     ; `I:` / `B:` / names
//   text  = words with marks anywhere
//   mark  = "#" hh ":" mm ":" ss ( "-" d | "." ddd ) "#"   ; `#00:00:06-9#`
// f4 writes a mark at the END of a turn (and sometimes inside it): the turn's
// end is its last mark, and its start is the last mark before its first word
// (the previous turn's end, or a mark at the start of the line); the first
// turn starts unknown unless a mark precedes it. Marks are removed from the
// text. RTF exports of f4 are not read (convert them to TXT in f4).
import type { TranscriptTurn } from '../types.js';
import type { ReadOutput } from '../read-output.js';
import type { Report } from '../diagnostics.js';
import { squash } from '../text.js';
import { isPlausibleLabel } from '../speaker.js';
import { checkTimes } from '../ranges.js';
import { roundMs } from '../time.js';

const MARK = /#(\d{1,2}):(\d{2}):(\d{2})(?:[-.,](\d{1,3}))?#/g;
const LEADING_MARKS = /^(?:[ \t]*#\d{1,2}:\d{2}:\d{2}(?:[-.,]\d{1,3})?#)+[ \t]*/;
const LABEL = /^[ \t]*([\p{Lu}\p{N}][\p{L}\p{N} .'’_-]{0,39}?):[ \t]+/u;

function markSeconds(m: RegExpMatchArray): number {
  const fraction = m[4] === undefined ? 0 : Number(`0.${m[4]}`);
  return roundMs(Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]) + fraction);
}

export function readF4(text: string, report: Report): ReadOutput | null {
  const turns: TranscriptTurn[] = [];
  let lastMark: number | null = null;
  let current: TranscriptTurn | null = null;
  const append = (body: string) => {
    for (const m of body.matchAll(MARK)) {
      lastMark = markSeconds(m);
      if (current) current.end = lastMark;
    }
    if (current) current.text = squash(`${current.text} ${body.replace(MARK, ' ')}`);
  };
  text.split('\n').forEach((raw, i) => {
    if (raw.trim() === '') return;
    const leading = LEADING_MARKS.exec(raw);
    if (leading) for (const m of leading[0].matchAll(MARK)) lastMark = markSeconds(m);
    const line = leading ? raw.slice(leading[0].length) : raw;
    const label = LABEL.exec(line);
    if (label && isPlausibleLabel(label[1])) {
      current = { speaker: label[1].trim(), start: lastMark, end: null, text: '', line: i + 1 };
      turns.push(current);
      append(line.slice(label[0].length));
      return;
    }
    if (!current) {
      current = { speaker: null, start: lastMark, end: null, text: '', line: i + 1 };
      turns.push(current);
    }
    append(line);
  });
  checkTimes(turns, report);
  return { turns };
}
