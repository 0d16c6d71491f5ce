// The start time of a speaker turn, written `[hh:mm:ss]` (or `[h:mm:ss.mmm]`)
// at the start of a paragraph, before or after the speaker label. It points
// back to the recording and is never part of the segment's text.

/** A time stamp at the start of a text, with the blanks after it. */
export const TURN_TIME = /^\[(\d{1,3}):([0-5]\d):([0-5]\d)(?:\.(\d{1,3}))?\](?:\s+|$)/;

/** Seconds of a `[h:mm:ss(.mmm)]` match. */
export function turnSeconds(match: RegExpExecArray): number {
  const fraction = match[4] ? Number(`0.${match[4]}`) : 0;
  return Number(match[1]) * 3600 + Number(match[2]) * 60 + Number(match[3]) + fraction;
}

/** `hh:mm:ss` of a time in seconds (fractions dropped: the stamp is for finding the place). */
export function formatTurnTime(seconds: number): string {
  const whole = Math.max(0, Math.floor(seconds + 1e-6));
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = whole % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
}
