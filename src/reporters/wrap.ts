// Word wrap and truncation by terminal columns, not UTF-16 units: wrap-ansi and
// string-width count a CJK character as two columns, a combining mark (NFD
// text) as none, and colour codes as nothing.
import stringWidth from 'string-width';
import wrapAnsi from 'wrap-ansi';

/** The columns `text` takes in a terminal. */
export function columnWidth(text: string): number {
  return stringWidth(text);
}

/** `text` with its runs of white space made single spaces, wrapped at word boundaries into lines of at most `width` columns; a longer word, or CJK text without spaces, is broken at the width. */
export function wrapWords(text: string, width: number): string[] {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (!flat) return [];
  return wrapAnsi(flat, Math.max(1, width), { trim: true, hard: true }).split('\n');
}

/** `text` cut to at most `width` columns, ending in `…` when it was cut. */
export function truncateColumns(text: string, width: number): string {
  if (stringWidth(text) <= width) return text;
  const room = Math.max(1, width - 1);
  return `${wrapAnsi(text, room, { hard: true, wordWrap: false, trim: false }).split('\n')[0]}…`;
}
