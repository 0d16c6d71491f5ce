// What changed between two versions of a codebook: codes added, removed,
// renamed, merged, split, retired and moved, and word-level changes to what a
// code means. Renames, merges and splits are read from the newer codebook's
// lineage (`renamed_from`, `merged_from`, `split_from`, `retired`), so a rename
// is a rename, not a removal plus an addition.
import { diffArrays, diffWords } from 'diff';
import type { Code, Codebook } from '../types.js';
import { currentIds } from './lineage.js';

/** A piece of a word diff: kept, removed or added text. */
export interface WordPart {
  value: string;
  added?: true;
  removed?: true;
}

export type TextField = 'label' | 'definition' | 'use_when' | 'not_when' | 'examples' | 'keywords' | 'patterns' | 'color';

export interface FieldChange {
  field: TextField;
  parts: WordPart[];
}

export interface CodebookVersion {
  /** How the version was named: a file path or `REV:path`. */
  label: string;
  /** First 12 hex digits of the SHA-256 of the file's bytes. */
  hash: string;
  /** The commit, when read from a git revision. */
  commit?: string;
  name: string;
  version: string;
}

export interface CodebookDiff {
  from: CodebookVersion;
  to: CodebookVersion;
  added: Array<{ id: string; label: string; parent?: string }>;
  removed: Array<{ id: string; label: string }>;
  renamed: Array<{ from: string; to: string; date: string }>;
  merged: Array<{ from: string[]; into: string; date: string }>;
  split: Array<{ from: string; into: string[]; date: string }>;
  retired: Array<{ id: string; replacedBy?: string; date: string }>;
  moved: Array<{ id: string; from?: string; to?: string }>;
  changed: Array<{ id: string; changes: FieldChange[] }>;
}

export { contentHash } from './hash.js';

const LIST_FIELDS: Array<[TextField, (code: Code) => string[]]> = [
  ['use_when', (code) => code.useWhen],
  ['not_when', (code) => code.notWhen],
  ['examples', (code) => code.examples],
  ['keywords', (code) => code.keywords],
  ['patterns', (code) => code.patterns],
];

function wordDiff(before: string, after: string): WordPart[] {
  return diffWords(before, after).map((part) => ({ value: part.value, ...(part.added ? { added: true as const } : {}), ...(part.removed ? { removed: true as const } : {}) }));
}

/** A list field as items: unchanged items are kept, a changed item is a word diff of the two. */
function listDiff(before: string[], after: string[]): WordPart[] {
  const parts: WordPart[] = [];
  const changes = diffArrays(before, after);
  for (let i = 0; i < changes.length; i++) {
    const change = changes[i];
    const next = changes[i + 1];
    if (change.removed && next?.added && change.value.length === next.value.length) {
      // One item rewritten: show which words changed.
      change.value.forEach((item, k) => parts.push(...wordDiff(item, next.value[k]), { value: '\n' }));
      i++;
      continue;
    }
    for (const item of change.value) parts.push({ value: item, ...(change.added ? { added: true as const } : {}), ...(change.removed ? { removed: true as const } : {}) }, { value: '\n' });
  }
  return parts;
}

function fieldChanges(before: Code, after: Code): FieldChange[] {
  const changes: FieldChange[] = [];
  if (before.label !== after.label) changes.push({ field: 'label', parts: wordDiff(before.label, after.label) });
  if ((before.definition ?? '') !== (after.definition ?? '')) changes.push({ field: 'definition', parts: wordDiff(before.definition ?? '', after.definition ?? '') });
  for (const [field, get] of LIST_FIELDS) {
    const a = get(before);
    const b = get(after);
    if (a.length !== b.length || a.some((item, i) => item !== b[i])) changes.push({ field, parts: listDiff(a, b) });
  }
  if ((before.color ?? '') !== (after.color ?? '')) changes.push({ field: 'color', parts: wordDiff(before.color ?? '', after.color ?? '') });
  return changes;
}

/** The changes from `before` to `after`, each list in the newer codebook's order. */
export function diffCodebooks(before: Codebook, after: Codebook, from: CodebookVersion, to: CodebookVersion): CodebookDiff {
  const diff: CodebookDiff = { from, to, added: [], removed: [], renamed: [], merged: [], split: [], retired: [], moved: [], changed: [] };
  const oldIds = new Set(before.codes.map((code) => code.id));
  const renamedTo = new Map<string, { to: string; date: string }>();
  for (const code of after.codes) {
    for (const step of code.renamedFrom ?? []) if (oldIds.has(step.id) && !after.byId.has(step.id)) renamedTo.set(step.id, { to: code.id, date: step.date });
  }
  const consumed = new Set<string>();
  for (const [from, { to, date }] of renamedTo) {
    diff.renamed.push({ from, to, date });
    consumed.add(from);
  }
  for (const code of after.codes) {
    const merged = (code.mergedFrom ?? []).filter((step) => oldIds.has(step.id) && !after.byId.has(step.id) && !consumed.has(step.id));
    if (merged.length === 0) continue;
    diff.merged.push({ from: merged.map((step) => step.id), into: code.id, date: merged[merged.length - 1].date });
    for (const step of merged) consumed.add(step.id);
  }
  const splits = new Map<string, { into: string[]; date: string }>();
  for (const code of after.codes) {
    const from = code.splitFrom;
    if (!from || !oldIds.has(from.id) || oldIds.has(code.id)) continue;
    const entry = splits.get(from.id) ?? { into: [], date: from.date };
    entry.into.push(code.id);
    splits.set(from.id, entry);
  }
  for (const [from, { into, date }] of splits) diff.split.push({ from, into, date });
  for (const code of after.retired ?? []) {
    if (!oldIds.has(code.id) || !code.retired || consumed.has(code.id)) continue;
    diff.retired.push({ id: code.id, date: code.retired.date, ...(code.retired.replacedBy !== undefined ? { replacedBy: code.retired.replacedBy } : {}) });
    consumed.add(code.id);
  }
  for (const code of before.codes) if (!after.byId.has(code.id) && !consumed.has(code.id)) diff.removed.push({ id: code.id, label: code.label });

  const splitChildren = new Set([...splits.values()].flatMap((entry) => entry.into));
  const renamedFrom = new Map([...renamedTo].map(([from, { to }]) => [to, from]));
  const mergeTargets = new Set(diff.merged.map((entry) => entry.into));
  for (const code of after.codes) {
    const previous = before.byId.get(renamedFrom.get(code.id) ?? code.id);
    if (!previous) {
      if (!splitChildren.has(code.id) && !mergeTargets.has(code.id)) diff.added.push({ id: code.id, label: code.label, ...(code.parent !== undefined ? { parent: code.parent } : {}) });
      continue;
    }
    // The old parent, read through the lineage, is where the code was.
    const oldParent = previous.parent === undefined ? undefined : (currentIds(after, previous.parent) ?? [previous.parent]).join(', ');
    if (oldParent !== code.parent) diff.moved.push({ id: code.id, ...(previous.parent !== undefined ? { from: previous.parent } : {}), ...(code.parent !== undefined ? { to: code.parent } : {}) });
    const changes = fieldChanges(previous, code);
    if (changes.length > 0) diff.changed.push({ id: code.id, changes });
  }
  return diff;
}

/** True when the two versions are the same codebook in every respect the diff reports. */
export function isEmptyDiff(diff: CodebookDiff): boolean {
  return [diff.added, diff.removed, diff.renamed, diff.merged, diff.split, diff.retired, diff.moved, diff.changed].every((list) => list.length === 0);
}
