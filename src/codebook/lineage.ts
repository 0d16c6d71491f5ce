// A code's lineage as the codebook records it (`renamed_from`, `merged_from`,
// `split_from`, `retired`, each with a date), so that old revisions, old
// reports and agreement across revisions still resolve an id that `fieldcode
// codes` renamed, merged or retired. See codebook/README.md#lineage.
import { isMap, isScalar, isSeq, type Node, type YAMLMap } from 'yaml';
import type { At } from '../model/positioned-yaml.js';
import type { Code, Codebook, Coding, LineageEvent, Memo } from '../types.js';
import { CODE_ID } from '../model/grammar.js';
import { hint } from '../core/did-you-mean.js';

export const LINEAGE_FIELDS = ['renamed_from', 'merged_from', 'split_from', 'retired'] as const;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar day written `YYYY-MM-DD`. */
export function isLineageDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  const day = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return day.toISOString().slice(0, 10) === value;
}

/** Reads the lineage fields of one code's mapping into `code`, reporting shape problems at their nodes. */
export function readLineageFields(item: YAMLMap, code: Code, at: At): void {
  const renamed = eventList(item.get('renamed_from', true) as Node | undefined, 'renamed_from', code.id, at);
  if (renamed) code.renamedFrom = renamed;
  const merged = eventList(item.get('merged_from', true) as Node | undefined, 'merged_from', code.id, at);
  if (merged) code.mergedFrom = merged;
  const splitNode = item.get('split_from', true) as Node | undefined;
  if (splitNode !== undefined) {
    const split = event(splitNode, 'split_from', code.id, at);
    if (split) code.splitFrom = split;
  }
  const retiredNode = item.get('retired', true) as Node | undefined;
  if (retiredNode !== undefined) {
    if (!isMap(retiredNode)) {
      at(retiredNode, 'error', `Unexpected \`retired\` value of \`${code.id}\`, expected \`{ date: YYYY-MM-DD, replaced_by: id }\``, 'invalid-lineage');
      return;
    }
    checkKeys(retiredNode, ['date', 'replaced_by'], 'retired', code.id, at);
    const date = dateOf(retiredNode, 'retired', code.id, at);
    if (date === undefined) return;
    const replacedNode = retiredNode.get('replaced_by', true) as Node | undefined;
    const replacedBy = scalar(replacedNode);
    if (replacedNode !== undefined && (replacedBy === undefined || !CODE_ID.test(replacedBy))) {
      at(replacedNode, 'error', `Unexpected \`replaced_by\` of \`${code.id}\`, expected a code id`, 'invalid-lineage');
      return;
    }
    code.retired = replacedBy === undefined ? { date } : { date, replacedBy };
  }
}

/**
 * Cross-code checks once the whole tree is read: a former id must not be a
 * code of its own or be claimed by two codes, and `replaced_by` must name a
 * code without going round in a circle. `nodes` maps a code id to its mapping.
 */
export function checkLineage(codebook: Codebook, nodes: Map<string, YAMLMap>, at: At): void {
  const all = [...codebook.codes, ...(codebook.retired ?? [])];
  const declared = new Set(all.map((code) => code.id));
  const claimedBy = new Map<string, string>();
  for (const code of all) {
    const node = nodes.get(code.id);
    for (const [field, events] of [['renamed_from', code.renamedFrom], ['merged_from', code.mergedFrom]] as const) {
      for (const step of events ?? []) {
        const where = eventNode(node, field, step.id);
        if (declared.has(step.id)) {
          at(where, 'error', `Unexpected \`${field}: ${step.id}\` in \`${code.id}\`: \`${step.id}\` is still a code of this codebook`, 'invalid-lineage');
          continue;
        }
        const owner = claimedBy.get(step.id);
        if (owner !== undefined && owner !== code.id) {
          at(where, 'error', `Unexpected \`${field}: ${step.id}\` in \`${code.id}\`: \`${step.id}\` already became \`${owner}\``, 'invalid-lineage');
          continue;
        }
        claimedBy.set(step.id, code.id);
      }
    }
    if (code.retired && code.children.length > 0) {
      at(node?.get('retired', true) as Node | undefined, 'error', `Unexpected retired code \`${code.id}\` with child codes (${code.children.map((id) => `\`${id}\``).join(', ')}), expected them moved or retired first`, 'invalid-lineage');
    }
  }
  for (const code of codebook.retired ?? []) {
    const target = code.retired?.replacedBy;
    if (target === undefined) continue;
    const where = (nodes.get(code.id)?.get('retired', true) as YAMLMap | undefined)?.get('replaced_by', true) as Node | undefined;
    if (!declared.has(target) && !claimedBy.has(target)) {
      at(where, 'error', `Unexpected \`replaced_by: ${target}\` of \`${code.id}\`, expected a code of this codebook${hint(target, codebook.byId.keys())}`, 'invalid-lineage');
    } else if (resolve(codebook, code.id, new Set()) === 'cycle') {
      at(where, 'error', `Unexpected \`replaced_by: ${target}\` of \`${code.id}\`: the replacements go round in a circle back to \`${code.id}\``, 'invalid-lineage');
    }
  }
}

/**
 * The current id(s) an id stands for: itself when it is a code, the code it
 * was renamed or merged into, the replacement of a retired code (or the codes
 * split off from it), followed to the end. `[]` for a code retired without a
 * replacement; undefined for an id the codebook has never heard of.
 */
export function currentIds(codebook: Codebook, id: string): string[] | undefined {
  const result = resolve(codebook, id, new Set());
  return result === 'cycle' ? [] : result;
}

/** Every former or retired id of the codebook with what it stands for now (`currentIds`), sorted by id. */
export function formerIds(codebook: Codebook): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const ids = new Set<string>();
  for (const code of [...codebook.codes, ...(codebook.retired ?? [])]) {
    for (const step of [...(code.renamedFrom ?? []), ...(code.mergedFrom ?? [])]) ids.add(step.id);
    if (code.retired) ids.add(code.id);
  }
  for (const id of [...ids].sort()) {
    const now = currentIds(codebook, id);
    if (now !== undefined) out.set(id, now);
  }
  return out;
}

/** How an old id became what it is now, in words: `renamed to \`b\` on 2026-12-02`. */
export function describeLineage(codebook: Codebook, id: string): string | undefined {
  for (const code of [...codebook.codes, ...(codebook.retired ?? [])]) {
    const renamed = code.renamedFrom?.find((step) => step.id === id);
    if (renamed) return `renamed to \`${code.id}\` on ${renamed.date}`;
    const merged = code.mergedFrom?.find((step) => step.id === id);
    if (merged) return `merged into \`${code.id}\` on ${merged.date}`;
  }
  const retired = codebook.retired?.find((code) => code.id === id);
  if (!retired?.retired) return undefined;
  const now = currentIds(codebook, id) ?? [];
  return now.length > 0
    ? `retired on ${retired.retired.date}, replaced by ${now.map((code) => `\`${code}\``).join(', ')}`
    : `retired on ${retired.retired.date} without a replacement`;
}

/**
 * Rewrites, in place, each coding whose code is a former id that stands for
 * exactly one code now. A code retired without one replacement is left as it
 * is, so it is still reported.
 */
export function mapThroughLineage(codings: Coding[], codebook: Codebook): void {
  const cache = new Map<string, string[] | undefined>();
  for (const coding of codings) {
    if (codebook.byId.has(coding.code)) continue;
    if (!cache.has(coding.code)) cache.set(coding.code, currentIds(codebook, coding.code));
    const now = cache.get(coding.code);
    if (now?.length === 1) coding.code = now[0];
  }
}

/** Memos of an older revision: a `code:` target that is a former id is read as the code it stands for now. */
export function mapMemoTargets(memos: Memo[], codebook: Codebook): void {
  for (const memo of memos) {
    for (const target of memo.about) {
      if (target.kind !== 'code' || codebook.byId.has(target.id)) continue;
      const now = currentIds(codebook, target.id);
      if (now?.length === 1) target.id = now[0];
    }
  }
}

function resolve(codebook: Codebook, id: string, seen: Set<string>): string[] | undefined | 'cycle' {
  if (seen.has(id)) return 'cycle';
  seen.add(id);
  if (codebook.byId.has(id)) return [id];
  const retired = codebook.retired?.find((code) => code.id === id);
  if (retired?.retired) {
    if (retired.retired.replacedBy !== undefined) return resolve(codebook, retired.retired.replacedBy, seen) ?? [];
    return codebook.codes.filter((code) => code.splitFrom?.id === id).map((code) => code.id);
  }
  for (const code of [...codebook.codes, ...(codebook.retired ?? [])]) {
    if ([...(code.renamedFrom ?? []), ...(code.mergedFrom ?? [])].some((step) => step.id === id)) return resolve(codebook, code.id, seen);
  }
  return undefined;
}

function eventList(node: Node | undefined, field: string, owner: string, at: At): LineageEvent[] | undefined {
  if (node === undefined) return undefined;
  if (!isSeq(node)) {
    at(node, 'error', `Unexpected \`${field}\` value of \`${owner}\`, expected a list of \`{ id: …, date: YYYY-MM-DD }\``, 'invalid-lineage');
    return undefined;
  }
  const events: LineageEvent[] = [];
  for (const item of node.items as Node[]) {
    const step = event(item, field, owner, at);
    if (step) events.push(step);
  }
  return events;
}

function event(node: Node, field: string, owner: string, at: At): LineageEvent | undefined {
  if (!isMap(node)) {
    at(node, 'error', `Unexpected \`${field}\` entry of \`${owner}\`, expected \`{ id: …, date: YYYY-MM-DD }\``, 'invalid-lineage');
    return undefined;
  }
  checkKeys(node, ['id', 'date'], field, owner, at);
  const idNode = node.get('id', true) as Node | undefined;
  const id = scalar(idNode);
  if (id === undefined || !CODE_ID.test(id)) {
    at(idNode ?? node, 'error', `Unexpected \`${field}\` entry of \`${owner}\` without a valid \`id\`, expected the former code id`, 'invalid-lineage');
    return undefined;
  }
  const date = dateOf(node, field, owner, at);
  return date === undefined ? undefined : { id, date };
}

function dateOf(node: YAMLMap, field: string, owner: string, at: At): string | undefined {
  const dateNode = node.get('date', true) as Node | undefined;
  const date = scalar(dateNode);
  if (date === undefined || !isLineageDate(date)) {
    at(dateNode ?? node, 'error', `Unexpected \`${field}\` of \`${owner}\` ${date === undefined ? 'without a `date`' : `with date \`${date}\``}, expected a day as \`YYYY-MM-DD\``, 'invalid-lineage');
    return undefined;
  }
  return date;
}

function checkKeys(node: YAMLMap, allowed: string[], field: string, owner: string, at: At): void {
  for (const pair of node.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    if (!allowed.includes(key)) at(pair.key as Node, 'error', `Unexpected key \`${key}\` in \`${field}\` of \`${owner}\`, expected ${allowed.map((k) => `\`${k}\``).join(' and ')}${hint(key, allowed)}`, 'invalid-lineage');
  }
}

/** The `id` node of the entry of `field` that names `id`. */
function eventNode(code: YAMLMap | undefined, field: string, id: string): Node | undefined {
  const list = code?.get(field, true);
  for (const item of isSeq(list) ? (list.items as Node[]) : []) {
    const idNode = isMap(item) ? (item.get('id', true) as Node | undefined) : undefined;
    if (scalar(idNode) === id) return idNode;
  }
  return list as Node | undefined;
}

function scalar(node: Node | undefined): string | undefined {
  if (!isScalar(node) || node.value === null || node.value === undefined) return undefined;
  return String(node.value).trim();
}
