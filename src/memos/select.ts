// Which memos are about what: the lookups reports use to show a memo beside
// the code, segment, phase or cell it is about, and the trail order.
import type { Memo, MemoTarget } from '../types.js';
import { sameTarget } from './target.js';

/** Memos by date, undated last, then by path: the order of a memo trail and of `memo list`. */
export function byDate(memos: readonly Memo[]): Memo[] {
  return [...memos].sort((a, b) => (a.date === b.date ? 0 : a.date === undefined ? 1 : b.date === undefined ? -1 : a.date < b.date ? -1 : 1) || (a.projectPath < b.projectPath ? -1 : a.projectPath > b.projectPath ? 1 : 0));
}

/** Memos with at least one target equal to one of `targets`. */
export function memosAbout(memos: readonly Memo[], targets: MemoTarget[]): Memo[] {
  return byDate(memos.filter((memo) => memo.about.some((own) => targets.some((target) => sameTarget(own, target)))));
}

/** Memos on a code, by code id. */
export function memosByCode(memos: readonly Memo[]): Map<string, Memo[]> {
  return groupBy(memos, (target) => (target.kind === 'code' ? target.id : undefined));
}

/** Memos on a segment, by the `Segment.id` of the loaded corpus (targets resolved by the pipeline). */
export function memosBySegment(memos: readonly Memo[]): Map<string, Memo[]> {
  return groupBy(memos, (target) => (target.kind === 'segment' ? target.segment : undefined));
}

/**
 * Memos on a cell that names every value of `values`: for phase II,
 * `phase:II` and `cell:{group: de-brug, phase: II}` both; for de-brug × II
 * only the second (and any cell that narrows it further).
 */
export function memosWithin(memos: readonly Memo[], values: Record<string, string>): Memo[] {
  const keys = Object.keys(values);
  return byDate(memos.filter((memo) => memo.about.some((target) => target.kind === 'cell' && keys.every((key) => target.values[key] === values[key]))));
}

function groupBy(memos: readonly Memo[], key: (target: MemoTarget) => string | undefined): Map<string, Memo[]> {
  const map = new Map<string, Memo[]>();
  for (const memo of byDate(memos)) {
    const keys = new Set(memo.about.map(key).filter((k): k is string => k !== undefined));
    for (const k of keys) map.set(k, [...(map.get(k) ?? []), memo]);
  }
  return map;
}
