// Time-range checks shared by the timed readers. A reversed range, or a cue
// that starts before the previous cue of the same speaker has ended, is a
// warning and the turn is kept: the words are still right, and only the
// researcher can tell which time is. Overlap between different speakers is
// ordinary crosstalk and not reported.
import type { TranscriptTurn } from './types.js';
import type { Report } from './diagnostics.js';

function clock(seconds: number): string {
  const ms = Math.round(seconds * 1000);
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = Math.floor((ms % 60_000) / 1000);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(h)}:${pad(m)}:${pad(s)}.${pad(ms % 1000, 3)}`;
}

export function checkTimes(turns: TranscriptTurn[], report: Report): void {
  const lastEnd = new Map<string | null, { end: number; cue: string | undefined }>();
  for (const turn of turns) {
    if (turn.start === null) continue;
    const name = turn.cue !== undefined ? `cue ${turn.cue}` : 'turn';
    if (turn.end !== null && turn.end < turn.start) {
      report(turn.line, 'warning', 'transcript-time-range', `${name}: ends at ${clock(turn.end)}, before it starts at ${clock(turn.start)}; turn kept`);
    }
    const previous = lastEnd.get(turn.speaker);
    // Several voices of one cue share its times; only separate cues can overlap.
    if (previous && turn.start < previous.end && (turn.cue === undefined || previous.cue !== turn.cue)) {
      report(turn.line, 'warning', 'transcript-time-range', `${name}: starts at ${clock(turn.start)}, before ${previous.cue === undefined ? 'the previous turn' : 'cue ' + previous.cue} of the same speaker ends at ${clock(previous.end)}; turn kept`);
    }
    const end = turn.end ?? turn.start;
    lastEnd.set(turn.speaker, { end: Math.max(end, previous?.end ?? end), cue: turn.cue });
  }
}
