// The consensus coder's codings once every disagreement is decided: on a
// segment the coders agree on, the first coder's codings; on a decided one,
// the codes the decision gives, each taken from the coder who applied it
// (the first coder first), or the whole segment for a code neither applied.
// A coding that reaches into a segment where its code was dropped is cut to
// the segments where it stays. Pure: codings in, standoff documents out.
import { posix } from 'node:path';
import type { Coding } from '../types.js';
import { OffsetIndex } from '../model/offsets.js';
import { STANDOFF_SUFFIX, STANDOFF_VERSION, standoffCodingFromSpan, standoffPathFor, type StandoffCoding, type StandoffDocument } from '../standoff/format.js';
import type { Take } from './log.js';
import { codesBySegment, type SharedNote, type SegmentDisagreement } from './disagreements.js';

/** The consensus codes of a decided segment. */
export function resultCodes(d: Pick<SegmentDisagreement, 'a' | 'b'>, take: Take, edited: string[] | undefined, order: (list: Iterable<string>) => string[]): string[] {
  switch (take) {
    case 'a':
      return d.a;
    case 'b':
      return d.b;
    case 'both':
      return order([...d.a, ...d.b]);
    case 'neither':
      return d.a.filter((code) => d.b.includes(code));
    case 'edit':
      return order(edited ?? []);
  }
}

/** `notes/anna.md` → `notes/anna.consensus.codings.yaml`. */
export function consensusPathFor(notePath: string, consensus: string): string {
  const base = standoffPathFor(notePath);
  return `${base.slice(0, -STANDOFF_SUFFIX.length)}.${consensus}${STANDOFF_SUFFIX}`;
}

interface Piece {
  code: string;
  start: number;
  end: number;
}

export function consensusDocument(shared: SharedNote, a: Coding[], b: Coding[], decided: ReadonlyMap<string, string[]>, consensus: string): { path: string; document: StandoffDocument } {
  const { note } = shared;
  const ofA = codesBySegment(a);
  const ofB = codesBySegment(b);
  const final = new Map<string, Set<string>>();
  for (const segment of note.segments) final.set(segment.id, new Set(decided.get(segment.id) ?? ofA.get(segment.id) ?? []));
  const segmentById = new Map(note.segments.map((s) => [s.id, s] as const));
  const pieces: Piece[] = [];
  const take = (coding: Coding, owner: 'a' | 'b') => {
    // Segments where this coding's code stays and this coder is the source (the first coder wins).
    const kept = coding.segments.filter((id) => final.get(id)?.has(coding.code) && (owner === 'a' || !ofA.get(id)?.has(coding.code)));
    if (kept.length === 0) return;
    if (kept.length === coding.segments.length) {
      pieces.push({ code: coding.code, start: coding.start, end: coding.end });
      return;
    }
    for (const id of kept) {
      const s = segmentById.get(id)!;
      const start = Math.max(coding.start, s.range.start.offset);
      const end = Math.min(coding.end, s.range.end.offset);
      if (end > start) pieces.push({ code: coding.code, start, end });
    }
  };
  for (const coding of a) take(coding, 'a');
  for (const coding of b) take(coding, 'b');
  // Codes an edit added that neither coder applied: the whole segment.
  for (const segment of note.segments) {
    for (const code of final.get(segment.id)!) {
      if (!ofA.get(segment.id)?.has(code) && !ofB.get(segment.id)?.has(code)) pieces.push({ code, start: segment.range.start.offset, end: segment.range.end.offset });
    }
  }
  const index = new OffsetIndex(note.text);
  const seen = new Set<string>();
  const codings: StandoffCoding[] = [];
  for (const p of pieces.sort((x, y) => x.start - y.start || x.end - y.end || (x.code < y.code ? -1 : x.code > y.code ? 1 : 0))) {
    const key = `${p.code}\n${p.start}\n${p.end}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const made = standoffCodingFromSpan(index, index.toCodePoint(p.start)!, index.toCodePoint(p.end)!, { code: p.code });
    if (made) codings.push(made);
  }
  const path = consensusPathFor(shared.path, consensus);
  return { path, document: { version: STANDOFF_VERSION, note: posix.relative(posix.dirname(path), shared.path), coder: consensus, codings } };
}
