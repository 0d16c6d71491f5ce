// The passages `fieldcode codes split` leaves on the parent code for a person
// to recode: kept in plain text in `fieldcode.review.yaml` at the project
// root (commit it with the codebook), walked by `fieldcode tag --review CODE`.
// A passage is its note and its segment id, which stays the same when the
// note is edited elsewhere; the line is there for people reading the file.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Document, isMap, isScalar, isSeq } from 'yaml';
import type { Coding } from '../types.js';
import type { LoadedProject } from '../cli/project.js';
import { parseYamlDocument } from '../model/yaml.js';

export const REVIEW_FILE = 'fieldcode.review.yaml';
const REVIEW_VERSION = 'review/1';
const HEADER = '# Passages to recode after `fieldcode codes split`; `fieldcode tag --review CODE` walks them.\n';

export interface ReviewPassage {
  /** Project-relative POSIX path of the note. */
  note: string;
  segment: string;
  line: number;
}

export interface ReviewEntry {
  date: string;
  into: string[];
  passages: ReviewPassage[];
}

/** The review list with `code`'s passages (one per segment) set, and how many there are. */
export function reviewFileWith(before: string | null, code: string, into: string[], date: string, codings: Coding[], loaded: LoadedProject): { text: string; count: number } {
  const entries = before === null ? new Map<string, ReviewEntry>() : parseReview(before);
  const passages: ReviewPassage[] = [];
  const seen = new Set<string>();
  for (const coding of codings) {
    const path = loaded.files.get(coding.note)?.path;
    const note = loaded.corpus.notes.find((n) => n.path === coding.note);
    if (path === undefined || !note) continue;
    for (const id of coding.segments) {
      if (seen.has(`${path}\u0000${id}`)) continue;
      seen.add(`${path}\u0000${id}`);
      const segment = note.segments.find((s) => s.id === id);
      passages.push({ note: path, segment: id, line: segment?.range.start.line ?? coding.range.start.line });
    }
  }
  passages.sort((a, b) => (a.note < b.note ? -1 : a.note > b.note ? 1 : a.line - b.line));
  entries.set(code, { date, into, passages });
  return { text: serializeReview(entries), count: passages.length };
}

/** The review list of the project at `root`, empty without one. */
export function readReview(root: string): Map<string, ReviewEntry> {
  const path = join(root, REVIEW_FILE);
  return existsSync(path) ? parseReview(readFileSync(path, 'utf8')) : new Map();
}

function parseReview(text: string): Map<string, ReviewEntry> {
  const doc = parseYamlDocument(text);
  const out = new Map<string, ReviewEntry>();
  const codes = isMap(doc.contents) ? doc.contents.get('codes', true) : undefined;
  if (doc.errors.length > 0 || !isMap(codes)) return out;
  for (const pair of codes.items) {
    if (!isScalar(pair.key) || !isMap(pair.value)) continue;
    const entry = pair.value;
    const list = entry.get('passages', true);
    const into = entry.get('into', true);
    out.set(String(pair.key.value), {
      date: String(entry.get('date') ?? ''),
      into: isSeq(into) ? into.items.map((item) => String(isScalar(item) ? item.value : item)) : [],
      passages: isSeq(list)
        ? list.items.filter(isMap).map((item) => ({ note: String(item.get('note') ?? ''), segment: String(item.get('segment') ?? ''), line: Number(item.get('line') ?? 0) }))
        : [],
    });
  }
  return out;
}

function serializeReview(entries: Map<string, ReviewEntry>): string {
  const codes: Record<string, unknown> = {};
  for (const [code, entry] of [...entries].sort(([a], [b]) => (a < b ? -1 : 1))) {
    codes[code] = { date: entry.date, into: entry.into, passages: entry.passages.map((p) => ({ note: p.note, segment: p.segment, line: p.line })) };
  }
  const doc = new Document({ fieldcode: REVIEW_VERSION, codes }, { version: '1.2' });
  return HEADER + doc.toString({ lineWidth: 0, indentSeq: true, flowCollectionPadding: false });
}
