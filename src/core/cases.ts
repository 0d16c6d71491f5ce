// Participants as cases: `--by speaker` and `--by <participant attribute>`
// (e.g. `role`, from a note's `participants`) split the text by turn, not by
// note. A speaker is a person (Segment.speakerId, see core/speakers.ts): the
// `Anna` of two groups are two people, and they get two rows, told apart by
// their project-wide `id` or their note's id. A span that runs over several
// turns counts for the speaker whose turn it starts in.
import type { Coding, Corpus, Note, Participant, Segment } from '../types.js';
import { canonicalName } from './names.js';
import { MISSING, compareValues } from './variables.js';

export const SPEAKER = 'speaker';

/** Keys of a participant entry that say who the person is, never a way to group people. */
const IDENTITY_KEYS = new Set(['label', 'pseudonym', 'id', 'name']);

export interface CaseIndex {
  /** speakerId → the name a report shows (a label, disambiguated when two people share it). */
  names: Map<string, string>;
  segments: Map<string, Segment>;
  notes: Map<string, Note>;
}

const cache = new WeakMap<Note[], CaseIndex>();

function participantOf(note: Note, label: string): Participant | undefined {
  const key = canonicalName(label);
  return note.participants.find((p) => canonicalName(p.label) === key);
}

function scalar(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

function noteName(note: Note): string {
  return scalar(note.data.id) ?? note.path.replace(/^.*\//, '').replace(/\.[^.]*$/, '');
}

/** Who each speaker of the corpus is, and the name a report gives them. */
export function caseIndex(corpus: Pick<Corpus, 'notes'>): CaseIndex {
  const cached = cache.get(corpus.notes);
  if (cached) return cached;
  const segments = new Map<string, Segment>();
  const notes = new Map<string, Note>();
  const first = new Map<string, { label: string; qualifier: string }>();
  const sorted = [...corpus.notes].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const note of sorted) {
    notes.set(note.path, note);
    for (const segment of note.segments) {
      segments.set(segment.id, segment);
      if (segment.speaker === undefined || segment.speakerId === undefined || first.has(segment.speakerId)) continue;
      const id = scalar(participantOf(note, segment.speaker)?.id);
      first.set(segment.speakerId, { label: segment.speaker, qualifier: id ?? noteName(note) });
    }
  }
  const people = new Map<string, Set<string>>();
  for (const [speaker, { label }] of first) {
    const set = people.get(canonicalName(label)) ?? new Set();
    set.add(speaker);
    people.set(canonicalName(label), set);
  }
  const names = new Map<string, string>();
  for (const [speaker, { label, qualifier }] of first) {
    names.set(speaker, (people.get(canonicalName(label))?.size ?? 0) > 1 ? `${label} (${qualifier})` : label);
  }
  const index = { names, segments, notes };
  cache.set(corpus.notes, index);
  return index;
}

/** Attributes of participant entries that can be a `--by` dimension, e.g. `role`. */
export function participantAttributes(notes: Note[]): string[] {
  const found = new Set<string>();
  for (const note of notes) for (const participant of note.participants) {
    for (const [key, value] of Object.entries(participant)) if (!IDENTITY_KEYS.has(key) && scalar(value) !== undefined) found.add(key);
  }
  return [...found].sort();
}

/** The case dimensions of a corpus: `speaker` and participant attributes that are not note variables. */
export function caseDimensions(corpus: Pick<Corpus, 'notes' | 'variables'>): string[] {
  const variables = new Set(corpus.variables.map((v) => v.name));
  return [SPEAKER, ...participantAttributes(corpus.notes)].filter((name) => !variables.has(name));
}

export function isCaseDimension(corpus: Pick<Corpus, 'notes' | 'variables'>, name: string): boolean {
  return !corpus.variables.some((v) => v.name === name) && caseDimensions(corpus).includes(name);
}

/** A segment's value of a case dimension: its speaker's name, or that speaker's attribute. */
export function segmentValue(index: CaseIndex, segment: Segment | undefined, name: string): string {
  if (!segment || segment.speaker === undefined) return MISSING;
  if (name === SPEAKER) return (segment.speakerId && index.names.get(segment.speakerId)) ?? segment.speaker;
  const note = index.notes.get(segment.note);
  return (note && scalar(participantOf(note, segment.speaker)?.[name])) ?? MISSING;
}

/** The segment a coding counts under: the one it starts in. */
export function codingSegment(index: CaseIndex, coding: Coding): Segment | undefined {
  return coding.segments.length > 0 ? index.segments.get(coding.segments[0]) : undefined;
}

/** A case dimension's values among these notes, sorted, `(none)` last. */
export function caseValues(index: CaseIndex, notes: Note[], name: string): string[] {
  const seen = new Set<string>();
  for (const note of notes) for (const segment of note.segments) seen.add(segmentValue(index, segment, name));
  const values = [...seen].filter((v) => v !== MISSING).sort(compareValues);
  if (seen.has(MISSING)) values.push(MISSING);
  return values;
}
