// The disagreements `fieldcode reconcile` walks: the segments of a note on
// which two coders' sets of codes differ. This is `agree`'s segment unit
// (segment × code) grouped by segment, so a confusion (a used X, b used Y on
// the same passage) is one decision, not two.
import type { Codebook, Coding, Note, Segment } from '../types.js';

export interface SharedNote {
  note: Note;
  /** Path relative to the project folder (POSIX): what decisions files and the log name. */
  path: string;
}

export interface SegmentDisagreement {
  /** `path:line` of the segment's first line. */
  at: string;
  note: SharedNote;
  segment: Segment;
  /** Codes of each coder on the segment, in codebook order. */
  a: string[];
  b: string[];
}

export function codeOrder(codebook: Codebook): (list: Iterable<string>) => string[] {
  const rank = new Map(codebook.codes.map((code, i) => [code.id, i] as const));
  return (list) => [...new Set(list)].sort((x, y) => (rank.get(x) ?? Infinity) - (rank.get(y) ?? Infinity) || (x < y ? -1 : x > y ? 1 : 0));
}

/** Codes per segment id of one coder's codings in one note. */
export function codesBySegment(codings: Coding[]): Map<string, Set<string>> {
  const map = new Map<string, Set<string>>();
  for (const coding of codings) {
    for (const id of coding.segments) {
      if (!map.has(id)) map.set(id, new Set());
      map.get(id)!.add(coding.code);
    }
  }
  return map;
}

export function findDisagreements(notes: SharedNote[], a: Coding[], b: Coding[], codebook: Codebook): SegmentDisagreement[] {
  const order = codeOrder(codebook);
  const out: SegmentDisagreement[] = [];
  for (const shared of notes) {
    const ofA = codesBySegment(a.filter((c) => c.note === shared.note.path));
    const ofB = codesBySegment(b.filter((c) => c.note === shared.note.path));
    for (const segment of shared.note.segments) {
      const setA = order(ofA.get(segment.id) ?? []);
      const setB = order(ofB.get(segment.id) ?? []);
      if (setA.join('\n') === setB.join('\n')) continue;
      out.push({ at: `${shared.path}:${segment.range.start.line}`, note: shared, segment, a: setA, b: setB });
    }
  }
  return out;
}
