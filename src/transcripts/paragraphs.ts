// Paragraph transcripts (DOCX, plain text): `Name: text` paragraphs (or
// `Name-text`, see hyphenLabels) are turns; an unlabelled paragraph continues the current speaker (debate and
// interview transcripts label only the first paragraph of a turn); a
// paragraph wholly in brackets (`[Cross Talk 3:00]`, `(CROSSTALK)`) is a
// non-speech turn without speaker. `Key: value` paragraphs before the first
// turn whose key is a header field (Date, Interviewer, Place, …) belong to the
// preamble, as do unlabelled ones, unless they carry a time (then they are
// speech); `Date:` gives the transcript's date.
import type { TranscriptTurn } from './types.js';
import type { ReadOutput } from './read-output.js';
import { isPlausibleLabel } from './speaker.js';
import { parseDate } from './dates.js';

export interface Paragraph {
  text: string;
  line: number;
  start?: number | null;
  /** A label the reader already found in a syntax of its own (`[id1] …`); otherwise `Name:` is looked for. */
  label?: Labelled;
}

const LABELLED = /^[ \t]*(?:\*\*)?([\p{Lu}\p{Lo}\p{N}][^:\t\n*]{0,59}?)(?:\*\*)?[ \t]*:(?:\*\*)?(?:[ \t]+|$)([\s\S]*)$/u;
const BRACKETED = /^[ \t]*(?:\[[^\]]*\]|\([^)]*\))[ \t]*$/;
const HEADER_KEYS = /^(?:date|datum|date completed|time|place|location|ort|interviewer|interviewee|narrator|persons present|present|participants|transcriber|transcribed by|title|project|duration|dauer|recording|file|subject|topic|language|sprache|interviewerin|audio|audio file|media|media file|transcribed with)$/i;

export interface Labelled {
  speaker: string;
  text: string;
}

export function labelOf(text: string): Labelled | null {
  const m = LABELLED.exec(text);
  if (!m || !isPlausibleLabel(m[1])) return null;
  return { speaker: m[1].trim(), text: m[2] };
}

export function squashParagraph(text: string): string {
  return text.replace(/[\s\u00a0]+/g, ' ').trim();
}

const HYPHENATED = /^[ \t]*(\p{Lu}[\p{L}\p{N} .'’]{0,39}?)[ \t]*[-–][ \t]*(\S[\s\S]*)$/u;

/**
 * Some transcripts separate the label with a hyphen (`Teacher 4-Students, …`).
 * Read that way only when no paragraph has a `Name:` label, at least two
 * paragraphs start with such a label and one label recurs, since prose has
 * paragraphs like `Well-known …` too.
 */
function hyphenLabels(paragraphs: Paragraph[]): Map<Paragraph, Labelled> | null {
  if (paragraphs.some((p) => p.label !== undefined || labelOf(p.text) !== null)) return null;
  const found = new Map<Paragraph, Labelled>();
  const counts = new Map<string, number>();
  for (const p of paragraphs) {
    const m = HYPHENATED.exec(p.text);
    if (!m || !isPlausibleLabel(m[1])) continue;
    const speaker = m[1].trim();
    found.set(p, { speaker, text: m[2] });
    counts.set(speaker, (counts.get(speaker) ?? 0) + 1);
  }
  return found.size >= 2 && [...counts.values()].some((n) => n >= 2) ? found : null;
}

export function paragraphTurns(paragraphs: Paragraph[]): ReadOutput {
  const hyphenated = hyphenLabels(paragraphs);
  const turns: TranscriptTurn[] = [];
  const preamble: string[] = [];
  let date: string | undefined;
  let current: string | null = null;
  let started = false;
  for (const p of paragraphs) {
    const text = squashParagraph(p.text);
    if (text === '') continue;
    const label = p.label ?? hyphenated?.get(p) ?? labelOf(p.text);
    const timed = p.start !== undefined && p.start !== null;
    if (!started && !timed && (label === null || HEADER_KEYS.test(label.speaker))) {
      if (label && /^dat(?:e|um)$/i.test(label.speaker)) date ??= parseDate(squashParagraph(label.text));
      preamble.push(text);
      continue;
    }
    started = true;
    if (label) {
      current = label.speaker;
      turns.push({ speaker: current, start: p.start ?? null, end: null, text: squashParagraph(label.text), line: p.line });
    } else if (BRACKETED.test(p.text)) {
      current = null;
      turns.push({ speaker: null, start: p.start ?? null, end: null, text, line: p.line });
    } else {
      turns.push({ speaker: current, start: p.start ?? null, end: null, text, line: p.line });
    }
  }
  if (!started) {
    // No labelled turn at all: the paragraphs are the transcript, not a header.
    return { turns: paragraphs.filter((p) => squashParagraph(p.text) !== '').map((p) => ({ speaker: null, start: p.start ?? null, end: null, text: squashParagraph(p.text), line: p.line })) };
  }
  const output: ReadOutput = { turns };
  if (preamble.length > 0) output.preamble = preamble.join('\n\n');
  if (date !== undefined) output.date = date;
  return output;
}
