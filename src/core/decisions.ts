// The decisions format, `fieldcode: decisions/1` (spec: docs/tagging.md,
// "Rejecting suggestions"): a YAML file beside a note that records which
// keyword suggestions a researcher reviewed and rejected. A rejection is
// anchored by the hash of its segment's text (the part of `Segment.id` after
// `#`), so it holds while the note is edited elsewhere and lapses only when
// the passage itself changes.
import { isMap, isScalar, isSeq, YAMLMap, type Document, type Node } from 'yaml';
import type { Diagnostic, Segment } from '../types.js';
import { readPositionedYaml } from '../model/positioned-yaml.js';

export const DECISIONS_VERSION = 'decisions/1';
/** `notes/anna.md` keeps its decisions in `notes/anna.decisions.yaml`. */
export const DECISIONS_SUFFIX = '.decisions.yaml';
/** How much of the passage a rejection quotes, for the reader of the file. */
const QUOTE_LENGTH = 60;

export interface Rejection {
  code: string;
  /** The segment's text hash, as in `Segment.id` after the `#` (`3f2a9c1b`, or `3f2a9c1b-2` for a repeated text). */
  segment: string;
  /** The start of the passage, for people; not used to anchor. */
  text?: string;
  coder?: string;
  /** `YYYY-MM-DD`. */
  date?: string;
}

export interface DecisionsDocument {
  /** File name of the note, relative to the decisions file. */
  note: string;
  rejected: Rejection[];
}

export interface ParsedDecisions {
  /** Undefined when the file cannot be used (syntax error, unknown version). */
  document?: DecisionsDocument;
  /** The parsed YAML, so that an added rejection keeps the file's comments and order. */
  yaml?: Document;
  diagnostics: Diagnostic[];
}

const TOP_KEYS = ['fieldcode', 'note', 'rejected'];
const REJECTION_KEYS = ['code', 'segment', 'text', 'coder', 'date'];

/** The decisions file of a note path (POSIX or native): its extension replaced by `.decisions.yaml`. */
export function decisionsPathFor(notePath: string): string {
  return notePath.replace(/\.[^./\\]*$/, '') + DECISIONS_SUFFIX;
}

/** The anchor of a segment: its id without the note path. */
export function segmentKey(segment: Pick<Segment, 'id'>): string {
  return segment.id.slice(segment.id.lastIndexOf('#') + 1);
}

export function parseDecisions(path: string, text: string): ParsedDecisions {
  const { doc, diagnostics, at, broken } = readPositionedYaml(path, text, 'Cannot parse decisions YAML', 'decisions-yaml');
  if (broken) return { diagnostics };
  const root = doc.contents;
  if (!isMap(root)) {
    at(root, 'error', `Unexpected decisions file that is not a mapping, expected \`fieldcode: ${DECISIONS_VERSION}\`, \`note\` and \`rejected\``, 'decisions-shape');
    return { diagnostics };
  }
  const version = scalar(root.get('fieldcode', true));
  if (version !== DECISIONS_VERSION) {
    at((root.get('fieldcode', true) as Node | undefined) ?? root, 'error', `Unexpected decisions version \`${version ?? ''}\`, expected \`fieldcode: ${DECISIONS_VERSION}\``, 'decisions-shape');
    return { diagnostics };
  }
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    if (!TOP_KEYS.includes(key)) at(pair.key as Node, 'warning', `Unexpected field \`${key}\` in decisions file, expected one of ${TOP_KEYS.map((k) => `\`${k}\``).join(', ')}`, 'unknown-field');
  }
  const note = scalar(root.get('note', true)) ?? '';
  const document: DecisionsDocument = { note, rejected: [] };
  const list = root.get('rejected', true) as Node | undefined;
  if (list === undefined || (isScalar(list) && list.value === null)) return { document, yaml: doc, diagnostics };
  if (!isSeq(list)) {
    at(list, 'error', 'Unexpected `rejected` value, expected a list of `{ code, segment }` entries', 'decisions-shape');
    return { document, yaml: doc, diagnostics };
  }
  for (const item of list.items as Node[]) {
    if (!isMap(item)) {
      at(item, 'error', 'Unexpected rejection that is not a mapping, expected `- code: …` with `segment: …`', 'decisions-shape');
      continue;
    }
    for (const pair of item.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      if (!REJECTION_KEYS.includes(key)) at(pair.key as Node, 'warning', `Unexpected field \`${key}\` in a rejection, expected one of ${REJECTION_KEYS.map((k) => `\`${k}\``).join(', ')}`, 'unknown-field');
    }
    const code = scalar(item.get('code', true))?.trim();
    // A hash of digits only (or `12e45678`) reads as a number in YAML: take it as written.
    const segmentNode = item.get('segment', true) as Node | undefined;
    const segment = (isScalar(segmentNode) && typeof segmentNode.value === 'number' && segmentNode.range ? text.slice(segmentNode.range[0], segmentNode.range[1]) : scalar(segmentNode))?.trim();
    if (!code || !segment || !/^[0-9a-f]{8}(?:-\d+)?$/.test(segment)) {
      const where = (!code ? item : (item.get('segment', true) as Node | undefined)) ?? item;
      at(where, 'error', `Unexpected rejection ${!code ? 'without a `code`' : `with segment \`${segment ?? ''}\``}, expected \`code: ID\` and \`segment: HASH\` (8 hex digits, as \`fieldcode suggest --format json\` shows after \`#\`)`, 'decisions-shape');
      continue;
    }
    const rejection: Rejection = { code, segment };
    for (const key of ['text', 'coder', 'date'] as const) {
      const value = scalar(item.get(key, true));
      if (value !== undefined) rejection[key] = value;
    }
    document.rejected.push(rejection);
  }
  return { document, yaml: doc, diagnostics };
}

/** A rejection of `code` on `segment`, quoting the start of its text. */
export function rejectionFor(segment: Pick<Segment, 'id' | 'text'>, code: string, coder: string, date: string): Rejection {
  const text = segment.text.length > QUOTE_LENGTH ? `${segment.text.slice(0, QUOTE_LENGTH - 1)}…` : segment.text;
  return { code, segment: segmentKey(segment), text, coder, date };
}

/**
 * The file text with `rejection` added at the end of `rejected`: an existing
 * file keeps its comments and entries as they are; a new file starts with the
 * version line and the note's file name.
 */
export function addRejection(existing: ParsedDecisions | undefined, noteFile: string, rejection: Rejection): string {
  const entry: Record<string, string> = { code: rejection.code, segment: rejection.segment };
  for (const key of ['text', 'coder', 'date'] as const) if (rejection[key] !== undefined) entry[key] = rejection[key]!;
  const doc = existing?.yaml;
  if (doc && isMap(doc.contents)) {
    const root = doc.contents as YAMLMap;
    const list = root.get('rejected', true);
    if (isSeq(list)) list.items.push(doc.createNode(entry));
    else root.set('rejected', doc.createNode([entry]));
    return doc.toString(STRINGIFY);
  }
  const fresh = readPositionedYaml('', `fieldcode: ${DECISIONS_VERSION}\n`, '', 'decisions-yaml').doc;
  fresh.set('note', noteFile);
  fresh.set('rejected', fresh.createNode([entry]));
  return fresh.toString(STRINGIFY);
}

// One line per value, never folded; strings quoted only when YAML needs it.
const STRINGIFY = { lineWidth: 0, minContentWidth: 0, indentSeq: true } as const;

function scalar(node: unknown): string | undefined {
  if (!isScalar(node) || node.value === null || node.value === undefined) return undefined;
  return String(node.value);
}
