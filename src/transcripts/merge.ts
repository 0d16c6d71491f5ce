// Consecutive turns of one speaker become one turn: subtitle formats cut a
// speaker's turn into many short cues, but a note wants one paragraph per turn.
// Turns without a speaker are never merged: nothing says they are one voice,
// and an unlabelled recording would otherwise become a single paragraph.
// In Otter transcripts, `Unknown Speaker` turns are not merged either: Otter
// gives that label to every voice it could not assign, so two such blocks in
// a row may be two people.
import type { Transcript, TranscriptFormat, TranscriptTurn } from './types.js';

const UNASSIGNED = /^Unknown(?: Speaker)?$/i;

export function mergeTurns(turns: TranscriptTurn[], keepApart: (speaker: string) => boolean = () => false): TranscriptTurn[] {
  const merged: TranscriptTurn[] = [];
  for (const turn of turns) {
    if (turn.text === '') continue;
    const last = merged[merged.length - 1];
    if (last && turn.speaker !== null && last.speaker === turn.speaker && !keepApart(turn.speaker)) {
      last.text = `${last.text} ${turn.text}`;
      if (turn.end !== null) last.end = last.end === null ? turn.end : Math.max(last.end, turn.end);
      if (last.start === null) last.start = turn.start;
      continue;
    }
    merged.push({ ...turn });
  }
  return merged;
}

export function speakersOf(turns: TranscriptTurn[]): string[] {
  const seen: string[] = [];
  for (const t of turns) if (t.speaker !== null && !seen.includes(t.speaker)) seen.push(t.speaker);
  return seen;
}

export function durationOf(turns: TranscriptTurn[]): number | null {
  let last: number | null = null;
  for (const t of turns) {
    for (const v of [t.start, t.end]) if (v !== null && (last === null || v > last)) last = v;
  }
  return last;
}

/** The common tail of every reader: merge, then derive speakers and duration. */
export function buildTranscript(format: TranscriptFormat, turns: TranscriptTurn[], extra: Partial<Transcript> = {}): Transcript {
  const merged = mergeTurns(turns, format === 'otter' ? (speaker) => UNASSIGNED.test(speaker) : undefined);
  return { format, turns: merged, speakers: speakersOf(merged), duration: durationOf(merged), ...extra };
}
