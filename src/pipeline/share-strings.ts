// One copy of each repeated string of a parsed note.
import type { ReadNoteResult } from '../core/note.js';


/** Strings many segments and codings repeat (codes, coders, kinds), one copy each for the whole run. */
const shared = new Map<string, string>();
const share = (value: string): string => shared.get(value) ?? (shared.set(value, value), value);

/**
 * v8.deserialize (the cache, the workers) gives every string its own copy,
 * and the segmenter makes a new speaker id string for each turn: the note
 * path on each segment and coding, each coding's code and coder, each segment id again in
 * the codings that cover it. Sharing them saves about a tenth of what a
 * corpus keeps, wherever a note was parsed.
 */
export function shareStrings(note: ReadNoteResult['note']): void {
  const ids = new Map<string, string>();
  const speakers = new Map<string, string>();
  const local = (value: string): string => speakers.get(value) ?? (speakers.set(value, value), value);
  for (const segment of note.segments) {
    segment.note = note.path;
    segment.kind = share(segment.kind) as typeof segment.kind;
    if (segment.speaker !== undefined) segment.speaker = local(segment.speaker);
    if (segment.speakerId !== undefined) segment.speakerId = local(segment.speakerId);
    ids.set(segment.id, segment.id);
  }
  for (const coding of note.codings) {
    coding.note = note.path;
    coding.code = share(coding.code);
    coding.coder = share(coding.coder);
    coding.origin = share(coding.origin) as typeof coding.origin;
    coding.segments = coding.segments.map((id) => ids.get(id) ?? id);
  }
}
