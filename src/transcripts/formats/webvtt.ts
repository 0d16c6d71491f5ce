// WebVTT reader (Teams, Zoom, noScribe, whisper and generic captions).
//
// Why not a library (checked against the shared samples): the W3C
// `webvtt-parser` (2.2) is spec-strict and drops every cue of a Teams file
// ("Must be exactly two digits" for `0:0:0.0`) and of a file whose timing has
// no fraction (`00:01:39`); `subtitle` (4.2) reads Teams times but throws on
// the whole file at the first irregular block (`STYLE` after a `NOTE` in
// astisub-example-in.vtt: "expected timestamp at row 6") and keeps `<v …>`
// as raw text; neither reports the source line of a cue. Transcripts from
// real tools break the spec, so this reader is lenient where the tools are
// sloppy and strict only where the file is unreadable.
//
// Grammar (lines after newline normalisation):
//   file      = signature header? block*
//   signature = "WEBVTT" ( [ \t] any )?            ; BOM already removed
//   header    = non-blank lines up to the first blank line or timing line
//   block     = ( note | style | region | cue | other ) blank+
//   note      = "NOTE" ( [ \t] any )? lines         ; skipped up to a blank line
//   style     = "STYLE" lines  ;  region = "REGION" lines   ; skipped
//   cue       = id? timing text-line*
//   timing    = ws* time ws* "-->" ws* time settings?
//   time      = ( digits ":" )? d{1,2} ":" d{1,2} ( [.,] digits )?   ; Teams `0:0:7.5` too
//   text-line = any line without "-->"; a line with "-->" starts a new cue
//               even without a blank line before it (as the spec does)
// Cue text: `<v Name>` / `<v.class Name>` starts a voice (the closing `</v>`
// is optional; text after `</v>` stays with that voice); several voices in one
// cue become several turns. Without a voice, a `Name: ` / `[SPEAKER_00]: `
// prefix (Zoom, whisper) names the speaker. Other tags and character
// references are removed.
import type { TranscriptTurn } from '../types.js';
import type { ReadOutput } from '../read-output.js';
import type { Report } from '../diagnostics.js';
import { parseClock } from '../time.js';
import { splitSpeakers } from '../speaker.js';
import { squash, stripMarkup } from '../text.js';
import { checkTimes } from '../ranges.js';

const TIME = String.raw`(?:\d{1,4}:)?\d{1,2}:\d{1,2}(?:[.,]\d{1,9})?`;
const TIMING = new RegExp(String.raw`^[ \t\f]*(${TIME})[ \t\f]*-->[ \t\f]*(${TIME})(.*)$`);
/** The file ends inside a timing line: digits, colons and a partial arrow. */
const PARTIAL_TIMING = /^[ \t]*\d[\d:.,]*[ \t]*(?:-{1,2}>?[ \t]*[\d:.,]*)?$/;

export interface CueBlock {
  id: string | null;
  line: number;
  start: number;
  end: number;
  text: string[];
  number: number;
}

export function readVtt(text: string, report: Report): ReadOutput | null {
  const lines = text.split('\n');
  if (!/^WEBVTT(?:[ \t]|$)/.test(lines[0] ?? '')) {
    report(1, 'error', 'transcript-syntax', `the first line must be \`WEBVTT\`, found \`${(lines[0] ?? '').slice(0, 40)}\``);
    return null;
  }
  const cues: CueBlock[] = [];
  let i = 1;
  while (i < lines.length && lines[i].trim() !== '' && !lines[i].includes('-->')) i++;
  type Mode = 'none' | 'skip' | 'pending' | 'cue' | 'bad';
  let mode: Mode = 'none';
  let pending: { text: string; line: number } | null = null;
  let current: CueBlock | null = null;
  let cueCount = 0;
  const endsWithNewline = text.endsWith('\n');
  for (; i < lines.length; i++) {
    const line = lines[i];
    const lineNo = i + 1;
    if (line.trim() === '') {
      if (mode === 'pending' && pending) report(pending.line, 'warning', 'transcript-bad-cue', `a block without a timing line was ignored: \`${pending.text.slice(0, 40)}\``);
      mode = 'none';
      pending = null;
      current = null;
      continue;
    }
    if (mode === 'skip') continue;
    if (line.includes('-->')) {
      cueCount++;
      const id = mode === 'pending' && pending ? pending.text.trim() : null;
      const first = mode === 'pending' && pending ? pending.line : lineNo;
      pending = null;
      const m = TIMING.exec(line);
      const start = m ? parseClock(m[1]) : null;
      const end = m ? parseClock(m[2]) : null;
      const label = id || String(cueCount);
      if (start === null || end === null) {
        const last = i === lines.length - 1 && !endsWithNewline;
        if (last && PARTIAL_TIMING.test(line)) {
          report(lineNo, 'error', 'transcript-truncated', `cue ${label}: the file ends inside the timing line \`${line.trim()}\``);
          return null;
        }
        report(lineNo, 'warning', 'transcript-bad-timing', `cue ${label}: cannot read the timing \`${line.trim().slice(0, 60)}\`; cue skipped`);
        mode = 'bad';
        current = null;
        continue;
      }
      current = { id, line: first, start, end, text: [], number: cueCount };
      cues.push(current);
      mode = 'cue';
      continue;
    }
    if (mode === 'cue' && current) {
      current.text.push(line);
      continue;
    }
    if (mode === 'bad') continue;
    if (mode === 'pending') {
      // Two non-timing lines: not a cue (an obsolete header line, CSS after a blank line, …).
      continue;
    }
    if (/^(?:NOTE(?:[ \t]|$)|STYLE[ \t]*$|REGION[ \t]*$)/.test(line)) {
      mode = 'skip';
      continue;
    }
    mode = 'pending';
    pending = { text: line, line: lineNo };
  }
  const last = lines[lines.length - 1] ?? '';
  if (mode === 'pending' && pending && !endsWithNewline && PARTIAL_TIMING.test(last)) {
    report(pending.line, 'error', 'transcript-truncated', `the file ends inside a timing line \`${last.trim()}\``);
    return null;
  }
  const final = cues[cues.length - 1];
  if (final && final.text.length === 0 && !endsWithNewline && lines[lines.length - 1].includes('-->')) {
    // The file stops right after a timing line (or inside it, where the cut still reads as a time).
    report(lines.length, 'error', 'transcript-truncated', `cue ${final.id ?? final.number}: the file ends at the timing line, before the cue text`);
    return null;
  }
  const pieces = cues.flatMap((cue) => cuePieces(cue, report));
  const prefixes = splitSpeakers(pieces.map((p) => (p.voice === undefined ? p.text.trimStart() : '')));
  const turns: TranscriptTurn[] = [];
  pieces.forEach((piece, index) => {
    let speaker: string | null = piece.voice ?? null;
    let body = piece.text;
    if (piece.voice === undefined) ({ speaker, text: body } = prefixes[index]);
    const clean = squash(body);
    if (clean === '') return;
    const cue = piece.cue;
    turns.push({ speaker, start: cue.start, end: cue.end, text: clean, line: cue.line, cue: cue.id ?? String(cue.number) });
  });
  checkTimes(turns, report);
  return { turns };
}

const VOICE = /<v(?:\.[^\s>]*)?(?:[ \t]+([^>\n]*))?(>|$)/gm;

interface Piece {
  cue: CueBlock;
  /** undefined: no voice tag in the cue; null: `<v>` without a name. */
  voice: string | null | undefined;
  text: string;
}

function cuePieces(cue: CueBlock, report: Report): Piece[] {
  const raw = cue.text.join('\n');
  const cueLabel = cue.id ?? String(cue.number);
  const pieces: Piece[] = [];
  let cursor = 0;
  let voice: string | null | undefined; // undefined: no voice tag seen yet
  for (const m of raw.matchAll(VOICE)) {
    pieces.push({ cue, voice, text: stripMarkup(raw.slice(cursor, m.index), true) });
    if (m[2] === '') report(cue.line, 'warning', 'transcript-bad-cue', `cue ${cueLabel}: the voice tag \`<v${m[1] ? ' ' + m[1] : ''}\` is not closed with \`>\``);
    voice = m[1]?.trim() || null;
    cursor = (m.index ?? 0) + m[0].length;
  }
  pieces.push({ cue, voice, text: stripMarkup(raw.slice(cursor), true) });
  return pieces;
}
