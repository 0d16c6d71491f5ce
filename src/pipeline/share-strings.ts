// One copy of each repeated string of a parsed note.
import type { ReadNoteResult } from '../core/note.js';
import type { Segment } from '../types.js';

/** Strings many segments and codings repeat (codes, coders, kinds), one copy each for the whole run. */
const shared = new Map<string, string>();
const share = (value: string): string => shared.get(value) ?? (shared.set(value, value), value);

/**
 * v8.deserialize (the cache, the workers) gives every string its own copy,
 * and the segmenter makes a new string for each turn's speaker id and each
 * coding's words: the note path on each segment and coding, each coding's
 * code and coder, each segment id again in the codings that cover it, the
 * coded words again beside the segment text they are part of. Sharing them
 * saves about a sixth of what a corpus keeps, wherever a note was parsed.
 */
export function shareStrings(note: ReadNoteResult['note']): void {
  const byId = new Map<string, Segment>();
  const speakers = new Map<string, string>();
  const local = (value: string): string => speakers.get(value) ?? (speakers.set(value, value), value);
  for (const segment of note.segments) {
    segment.note = note.path;
    segment.kind = share(segment.kind) as typeof segment.kind;
    if (segment.speaker !== undefined) segment.speaker = local(segment.speaker);
    if (segment.speakerId !== undefined) segment.speakerId = local(segment.speakerId);
    byId.set(segment.id, segment);
  }
  for (const coding of note.codings) {
    coding.note = note.path;
    coding.code = share(coding.code);
    coding.coder = share(coding.coder);
    coding.origin = share(coding.origin) as typeof coding.origin;
    const ids = coding.segments;
    for (let i = 0; i < ids.length; i++) ids[i] = byId.get(ids[i])?.id ?? ids[i];
    // The coded words as a slice of the segment text they lie in: V8 keeps a slice as a view, not a copy.
    const first = ids.length > 0 ? byId.get(ids[0]) : undefined;
    if (first && coding.text !== first.text) {
      const at = first.text.indexOf(coding.text);
      if (at >= 0) coding.text = first.text.slice(at, at + coding.text.length);
    } else if (first) coding.text = first.text;
  }
}
