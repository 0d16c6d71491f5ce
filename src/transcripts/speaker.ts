// Speaker labels written as a prefix of the text, shared by the subtitle and
// plain-text readers. Recognised, in this order:
//   [SPEAKER_00]: text          whisper / WhisperX writers
//   >> ALICE: text              broadcast caption chevrons
//   - [Adam] text               SDH dash + bracketed name
//   Name: text / - Name: text   Zoom, Otter SRT, plain transcripts
// A `Name:` label starts with a capital letter, a digit or a letter of a
// script without case, is at most 6 words and 60 characters, and holds no
// sentence punctuation other than the dots of titles (`Dr. Chen`). Because
// subtitles also hold sentences like `Digo: "…"`, `splitSpeakers` accepts a
// `Name:` label only when the file uses such labels: the same label starts at
// least two cues, or at least 3 cues and 30% of all start with a label, or the
// label is one transcription tools give unknown voices (`Unknown Speaker`,
// `Speaker 2`, `Spreker 1`, `SPEAKER_00`, `S01`). An
// upper-case label alone on the first line (`MAN:`) is always a speaker.

export interface Prefixed {
  speaker: string | null;
  text: string;
}

const WHISPER = /^\[([^\][\n]{1,60})\]:[ \t]*/;
const CHEVRON = /^>>[ \t]*([^:\n]{1,60}?):[ \t]*/;
const SDH = /^[-–—][ \t]*\[([^\][\n]{1,60})\][ \t]*/;
const NAMED = /^(?:[-–—][ \t]*)?([\p{Lu}\p{Lo}\p{N}][\p{L}\p{M}\p{N} .'’_-]{0,59}?):[ \t]+(?=\S)/u;
const ANONYMOUS = /^(?:Unknown(?: Speaker)?|(?:Speaker|Spreker|Sprecher) \d+|SPEAKER_\d+|S\d{2})$/i;
const ALONE = /^(\p{Lu}[\p{Lu}\p{N} .'’-]{0,39}):[ \t]*(?:\n|$)/u;

export function isPlausibleLabel(label: string): boolean {
  const trimmed = label.trim();
  if (trimmed === '' || trimmed.length > 60) return false;
  if (trimmed.split(/\s+/).length > 6) return false;
  if (trimmed.endsWith('.') || trimmed.includes('..')) return false;
  if (/^\d+$/.test(trimmed) || /^https?$/i.test(trimmed)) return false;
  return true;
}

function strongPrefix(text: string): Prefixed | null {
  for (const pattern of [WHISPER, CHEVRON, SDH, ALONE]) {
    const m = pattern.exec(text);
    if (m) return { speaker: m[1].trim(), text: text.slice(m[0].length) };
  }
  return null;
}

function namedPrefix(text: string): Prefixed | null {
  const m = NAMED.exec(text);
  if (m && isPlausibleLabel(m[1])) return { speaker: m[1].trim(), text: text.slice(m[0].length) };
  return null;
}

/** One text's prefix, when the caller already knows the file uses `Name:` labels. */
export function splitSpeaker(text: string): Prefixed {
  return strongPrefix(text) ?? namedPrefix(text) ?? { speaker: null, text };
}

/** The prefixes of all cue texts of one file, with the file-level `Name:` rule above. */
export function splitSpeakers(texts: string[]): Prefixed[] {
  const named = texts.map((t) => (strongPrefix(t) ? null : namedPrefix(t)));
  const counts = new Map<string, number>();
  for (const n of named) if (n?.speaker) counts.set(n.speaker, (counts.get(n.speaker) ?? 0) + 1);
  const labelled = named.filter((n) => n !== null).length;
  const share = labelled / Math.max(1, texts.length);
  return texts.map((text, i) => {
    const strong = strongPrefix(text);
    if (strong) return strong;
    const n = named[i];
    if (n?.speaker && (ANONYMOUS.test(n.speaker) || (counts.get(n.speaker) ?? 0) >= 2 || (share >= 0.3 && labelled >= 3))) return n;
    return { speaker: null, text };
  });
}
