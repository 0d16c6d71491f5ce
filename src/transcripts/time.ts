// Clock times as transcription tools write them, read leniently: hours may be
// missing or unpadded (Teams writes `0:0:7.5`), the fraction may be 0-3+
// digits after `.` or `,`. Returns seconds, or null when it is not a clock.

const CLOCK = /^(?:(\d{1,4}):)?(\d{1,2}):(\d{1,2})(?:[.,](\d{1,9}))?$/;

export function parseClock(text: string): number | null {
  const m = CLOCK.exec(text.trim());
  if (!m) return null;
  const hours = m[1] === undefined ? 0 : Number(m[1]);
  const minutes = Number(m[2]);
  const seconds = Number(m[3]);
  if (minutes > 59 || seconds > 59) return null;
  const fraction = m[4] === undefined ? 0 : Number(`0.${m[4]}`);
  return roundMs(hours * 3600 + minutes * 60 + seconds + fraction);
}

/** Times are kept to the millisecond so float noise never reaches a note. */
export function roundMs(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}
