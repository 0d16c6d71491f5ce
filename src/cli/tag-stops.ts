// Which segments the interactive tagger visits (its stops), in which order,
// and how they follow a note that was reloaded from disk.
import type { Coding, Note, Segment } from '../types.js';
import { matchSegment, type Matcher } from '../codebook/match.js';
import { readReview, REVIEW_FILE } from '../codes/review.js';
import { ok, problems, type Checked } from '../model/checked.js';
import { usageProblem } from '../model/command-line.js';
import type { LoadedProject } from './project.js';
import type { TagFile } from './tag-files.js';

export interface Stop {
  file: TagFile;
  segmentId: string;
}

/**
 * After a note is reloaded from disk, points its stops at the new segments.
 * A segment id is a hash of its text, so one whose text changed has a new id:
 * it is found again by its place among the note's segments, instead of being
 * skipped without a word. Returns how many stops moved, and how many lost
 * their segment (the note has fewer now).
 */
export function remapStops(stops: Stop[], file: TagFile, before: Segment[]): { changed: number; gone: number } {
  const now = new Set(file.note.segments.map((segment) => segment.id));
  let changed = 0;
  let gone = 0;
  for (const stop of stops) {
    if (stop.file !== file || now.has(stop.segmentId)) continue;
    const index = before.findIndex((segment) => segment.id === stop.segmentId);
    const replacement = index >= 0 ? file.note.segments[index] : undefined;
    if (replacement) {
      stop.segmentId = replacement.id;
      changed++;
    } else gone++;
  }
  return { changed, gone };
}

/**
 * Exactly the passages `codes split` listed for review under `code`, in the
 * review list's order (note, then line); a passage whose segment is gone is
 * left out. An unknown code, or one with nothing listed, is a usage error.
 */
export function reviewStops(argv: readonly string[], loaded: LoadedProject, files: TagFile[], code: string): Checked<Stop[]> {
  const review = readReview(loaded.root);
  const entry = review.get(code);
  if (!entry) {
    const listed = [...review.keys()];
    return problems(usageProblem(argv, `Unexpected \`--review ${code}\`: ${REVIEW_FILE} lists no passages of it${listed.length ? `, expected one of ${listed.map((id) => `\`${id}\``).join(', ')}` : ' (`fieldcode codes split` writes them)'}`, '--review'));
  }
  const byPath = new Map<string, TagFile>();
  for (const file of files) {
    const entryPath = loaded.files.get(file.path)?.path;
    if (entryPath !== undefined) byPath.set(entryPath, file);
  }
  const stops: Stop[] = [];
  for (const passage of entry.passages) {
    const file = byPath.get(passage.note);
    if (file && file.note.segments.some((segment) => segment.id === passage.segment)) stops.push({ file, segmentId: passage.segment });
  }
  return ok(stops);
}

/** The segments to visit, in note order. */
export function planStops(files: TagFile[], otherCodings: Map<string, Coding[]>, matchers: Matcher[], codes: Set<string> | undefined, all: boolean): Stop[] {
  const stops: Stop[] = [];
  for (const file of files) {
    for (const segment of file.note.segments) {
      const applied = appliedCodes(file.note, segment, otherCodings);
      let visit: boolean;
      if (codes) {
        visit = [...applied].some((code) => codes.has(code)) || matchSegment(segment, matchers).some((m) => codes.has(m.code));
      } else visit = all || applied.size === 0;
      if (visit) stops.push({ file, segmentId: segment.id });
    }
  }
  return stops;
}

export function appliedCodings(note: Note, segment: Segment, otherCodings: Map<string, Coding[]>): Coding[] {
  return [...note.codings.filter((c) => c.segments[0] === segment.id), ...(otherCodings.get(segment.id) ?? [])];
}

export function appliedCodes(note: Note, segment: Segment, otherCodings: Map<string, Coding[]>): Set<string> {
  return new Set(appliedCodings(note, segment, otherCodings).map((c) => c.code));
}
