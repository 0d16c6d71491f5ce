// Plain-text and Markdown transcripts with `Name:` turns.
//
// Grammar (lines after newline normalisation):
//   file      = paragraph ( blank+ paragraph )*
//   paragraph = line+ ; a line that carries a label or a leading time starts a new one
//   line      = time? label? time? text
//   time      = "[" clock "]" | "(" clock ")" | clock ws   ; `[00:00:12]`, `00:01:05 `, `[0:00]`
//   label     = name ":" | "**" name ":**" | "**" name "**" | "**" name "**:" | "[" id "]"
// Unlabelled paragraphs continue the current speaker; Markdown headings,
// rules and bracketed paragraphs are non-speech; header paragraphs before the
// first turn are the preamble (see ../paragraphs.ts).
import type { ReadOutput } from '../read-output.js';
import type { Report } from '../diagnostics.js';
import { paragraphTurns, type Labelled, type Paragraph } from '../paragraphs.js';
import { parseClock } from '../time.js';
import { checkTimes } from '../ranges.js';

const CLOCK = String.raw`\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?`;
const LEADING_TIME = new RegExp(String.raw`^[ \t]*(?:\[(${CLOCK})\]|\((${CLOCK})\)|(${CLOCK})(?=[ \t]))[ \t]*`);
const BOLD_NAME = /^[ \t]*\*\*([^*:\n]{1,60}?)\*\*[ \t]*:?[ \t]+/;
const ID_TAG = /^[ \t]*\[([\p{L}\p{N}_-]{1,30})\][ \t]+/u;
const LABEL_START = /^[ \t]*(?:\*\*)?[\p{Lu}\p{Lo}\p{N}][^:\t\n*]{0,59}?(?:\*\*)?[ \t]*:(?:\*\*)?[ \t]/u;

interface Parsed {
  text: string;
  start: number | null;
  labelled: boolean;
  label?: Labelled;
}

function timeAt(text: string): { start: number | null; rest: string } {
  const m = LEADING_TIME.exec(text);
  if (!m) return { start: null, rest: text };
  return { start: parseClock(m[1] ?? m[2] ?? m[3]), rest: text.slice(m[0].length) };
}

function parseLine(line: string): Parsed {
  let { start, rest } = timeAt(line);
  let labelled = false;
  const bold = BOLD_NAME.exec(rest);
  const tag = bold ? null : ID_TAG.exec(rest);
  let label: Labelled | undefined;
  if (bold || (tag && parseClock(tag[1]) === null)) {
    const m = (bold ?? tag)!;
    rest = rest.slice(m[0].length);
    const after = timeAt(rest);
    if (start === null && after.start !== null) ({ start, rest } = after);
    label = { speaker: m[1].trim(), text: rest };
    return { text: rest, start, labelled: true, label };
  } else if (LABEL_START.test(rest)) {
    labelled = true;
  }
  if (labelled && start === null) {
    // `S01: [00:00:12] text` — the time after the label.
    const colon = rest.indexOf(':');
    const after = timeAt(rest.slice(colon + 1).replace(/^\*\*/, ''));
    if (after.start !== null) {
      start = after.start;
      rest = `${rest.slice(0, colon + 1)} ${after.rest}`;
    }
  }
  return { text: rest, start, labelled };
}

export function readPlain(text: string, report: Report): ReadOutput | null {
  const paragraphs: Paragraph[] = [];
  let open: Paragraph | null = null;
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '' || /^[ \t]*(?:-{3,}|\*{3,}|_{3,})[ \t]*$/.test(line)) {
      open = null;
      return;
    }
    if (/^#{1,6}[ \t]/.test(line)) {
      paragraphs.push({ text: `[${line.replace(/^#+[ \t]*/, '').trim()}]`, line: i + 1, start: null });
      open = null;
      return;
    }
    const parsed = parseLine(line);
    if (open && !parsed.labelled && parsed.start === null) {
      open.text += `\n${parsed.text}`;
      if (open.label) open.label = { ...open.label, text: `${open.label.text}\n${parsed.text}` };
      return;
    }
    open = { text: parsed.text, line: i + 1, start: parsed.start };
    if (parsed.label) open.label = parsed.label;
    paragraphs.push(open);
  });
  const output = paragraphTurns(paragraphs);
  checkTimes(output.turns, report);
  return output;
}
