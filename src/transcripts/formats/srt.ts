// SubRip (.srt) reader, for subtitle exports of Otter, whisper, Zoom and
// captioning tools.
//
// Why not a library (checked against the shared samples): `srt-parser-2`
// (1.2) returns no cue at all for files without index lines or with unpadded
// times (`0:0:7,560`); `subtitle` (4.2) reads those, but both silently glue a
// block that lacks its timing line onto the previous cue's text ("Caption
// text #1\n\n2\nCaption text #2"), `subtitle` throws at the first
// irregularity instead of skipping one cue, and neither reports the source
// line of a cue, which every diagnostic and turn here needs. The grammar is
// small, so it is read here, leniently.
//
// Grammar (lines after newline normalisation, BOM removed):
//   file   = blank* ( cue blank* )*
//   cue    = index? timing text-line*
//   index  = digits                       ; optional, any number (0, 2, 4, …)
//   timing = time ws* "-->" ws* time rest ; rest: `X1:… Y2:…` coordinates, ignored
//   time   = ( d+ ":" )? d{1,2} ":" d{1,2} ( [.,] d+ )?   ; `,` or `.`, 0–3+ digits
//   text-line = a line that is neither blank, nor a timing line, nor an
//               index directly followed by a timing line (so cues need no
//               blank line between them)
// A block with an index but no timing is reported and skipped. Cue text loses
// `<i>`/`<font>` tags, `{\an8}` codes and character references. Speakers:
// prefixes as in ../speaker.ts; when two or more cues carry a label, an
// unlabelled cue continues the previous speaker (Otter labels only the first
// cue of a turn), until a non-speech cue such as `[intro music]`.
import type { TranscriptTurn } from '../types.js';
import type { ReadOutput } from '../read-output.js';
import type { Report } from '../diagnostics.js';
import { parseClock } from '../time.js';
import { splitSpeakers } from '../speaker.js';
import { squash, stripMarkup } from '../text.js';
import { checkTimes } from '../ranges.js';

const TIME = String.raw`(?:\d{1,4}:)?\d{1,2}:\d{1,2}(?:[.,]\d{1,9})?`;
const TIMING = new RegExp(String.raw`^[ \t]*(${TIME})[ \t]*-->[ \t]*(${TIME})(?:[ \t].*)?$`);
const PARTIAL_TIMING = /^[ \t]*\d[\d:.,]*[ \t]*(?:-{1,2}>?[ \t]*[\d:.,]*)?$/;
const INDEX = /^[ \t]*\d+[ \t]*$/;

interface Cue {
  index: string | null;
  line: number;
  start: number;
  end: number;
  text: string[];
  number: number;
}

export function readSrt(text: string, report: Report): ReadOutput | null {
  const lines = text.split('\n');
  const endsWithNewline = text.endsWith('\n');
  const cues: Cue[] = [];
  let current: Cue | null = null;
  let afterBlank = true;
  let count = 0;
  let lastContent = lines.length - 1;
  while (lastContent >= 0 && lines[lastContent].trim() === '') lastContent--;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const lineNo = i + 1;
    const atEnd = i === lines.length - 1 && !endsWithNewline;
    const lastBlock = i === lastContent;
    if (line.trim() === '') {
      afterBlank = true;
      current = null;
      continue;
    }
    const next = lines[i + 1];
    const isIndexLine = INDEX.test(line);
    const timingHere = line.includes('-->');
    if (isIndexLine && (afterBlank || current) && next !== undefined && next.includes('-->')) {
      // An index line: the timing comes next.
      continue;
    }
    if (timingHere) {
      count++;
      const previous = lines[i - 1];
      const index = previous !== undefined && INDEX.test(previous) ? previous.trim() : null;
      const first = index !== null ? lineNo - 1 : lineNo;
      const label = index ?? String(count);
      const m = TIMING.exec(line);
      const start = m ? parseClock(m[1]) : null;
      const end = m ? parseClock(m[2]) : null;
      if (start === null || end === null) {
        if (atEnd && PARTIAL_TIMING.test(line)) {
          report(lineNo, 'error', 'transcript-truncated', `cue ${label}: the file ends inside the timing line \`${line.trim()}\``);
          return null;
        }
        report(lineNo, 'warning', 'transcript-bad-timing', `cue ${label}: cannot read the timing \`${line.trim().slice(0, 60)}\`; cue skipped`);
        current = null;
        afterBlank = false;
        continue;
      }
      current = { index, line: first, start, end, text: [], number: count };
      cues.push(current);
      afterBlank = false;
      continue;
    }
    if (current) {
      current.text.push(line);
      afterBlank = false;
      continue;
    }
    if (afterBlank) {
      if (isIndexLine && lastBlock) {
        report(lineNo, 'error', 'transcript-truncated', `cue ${line.trim()}: the file ends after the cue number, before its timing line`);
        return null;
      }
      if (atEnd && PARTIAL_TIMING.test(line)) {
        report(lineNo, 'error', 'transcript-truncated', `the file ends inside a timing line \`${line.trim()}\``);
        return null;
      }
      const what = isIndexLine ? `cue ${line.trim()} has no timing line` : `a block without a timing line (\`${line.trim().slice(0, 40)}\`)`;
      report(lineNo, 'warning', 'transcript-bad-cue', `${what}; block skipped`);
    }
    afterBlank = false;
  }
  const final = cues[cues.length - 1];
  if (final && final.text.length === 0 && !endsWithNewline && lines[lines.length - 1].includes('-->')) {
    // The file stops right after a timing line (or inside it, where the cut still reads as a time).
    report(lines.length, 'error', 'transcript-truncated', `cue ${final.index ?? final.number}: the file ends at the timing line, before the cue text`);
    return null;
  }
  const texts = cues.map((cue) => stripMarkup(cue.text.join('\n')).trimStart());
  const prefixes = splitSpeakers(texts);
  const carry = prefixes.filter((p) => p.speaker !== null).length >= 2;
  const turns: TranscriptTurn[] = [];
  let speaker: string | null = null;
  cues.forEach((cue, i) => {
    const prefixed = prefixes[i];
    const clean = squash(prefixed.text);
    // A non-speech cue (`[intro music]`) belongs to nobody and ends the carried turn.
    const noise = prefixed.speaker === null && /^(?:\[[^\]]*\]|\([^)]*\))$/.test(clean);
    speaker = noise ? null : (prefixed.speaker ?? (carry ? speaker : null));
    if (clean === '') return;
    turns.push({ speaker, start: cue.start, end: cue.end, text: clean, line: cue.line, cue: cue.index ?? String(cue.number) });
  });
  checkTimes(turns, report);
  return { turns };
}
