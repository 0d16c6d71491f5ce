// `reconcile --decisions file.yaml`: the decisions for CI, read with the
// position of every entry so a decision that names no disagreement, an
// unknown code or criterion is an error at file:line:column. Format:
// docs/reconcile.md#decisions-file.
import { isMap, isSeq, LineCounter, type Node } from 'yaml';
import type { Codebook, Diagnostic } from '../types.js';
import type { RuleId } from '../model/rules.js';
import { parseYamlDocument, yamlValue } from '../model/yaml.js';
import { TAKES, type Take } from './log.js';
import type { SegmentDisagreement } from './disagreements.js';

export const DECISIONS_VERSION = 'decisions/1';

export interface Decision {
  at: string;
  take: Take;
  /** With `edit`: the consensus codes of the segment. */
  codes?: string[];
  /** Resolved: `code.use_when.N "text"`, or the free text given. */
  criterion?: string;
  reason?: string;
  by?: string;
  when?: string;
}

const CRITERION = /^(\S+)\.(use_when|not_when)\.(\d+)$/;

/** `reciprocity.use_when.2` → `reciprocity.use_when.2 "the line"`; free text stays as written; a bad reference is an error message. */
export function resolveCriterion(codebook: Codebook, text: string): { criterion: string } | { error: string } {
  const m = CRITERION.exec(text.trim());
  if (!m) return { criterion: text.trim() };
  const code = codebook.byId.get(m[1]);
  if (!code) return { error: `Unexpected criterion \`${text}\`: no code \`${m[1]}\` in the codebook` };
  const lines = m[2] === 'use_when' ? code.useWhen : code.notWhen;
  const n = Number(m[3]);
  if (n < 1 || n > lines.length) return { error: `Unexpected criterion \`${text}\`: \`${m[1]}\` has ${lines.length} ${m[2]} ${lines.length === 1 ? 'line' : 'lines'}, expected a number from 1 to ${lines.length}` };
  return { criterion: `${m[1]}.${m[2]}.${n} ${JSON.stringify(lines[n - 1])}` };
}

export function parseDecisions(path: string, text: string, known: ReadonlyMap<string, SegmentDisagreement>, codebook: Codebook): { decisions: Decision[]; defaults: { by?: string; when?: string }; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const lineCounter = new LineCounter();
  const doc = parseYamlDocument(text, lineCounter);
  const at = (node: Node | null | undefined) => {
    const pos = lineCounter.linePos(node?.range?.[0] ?? 0);
    return { line: pos.line, column: pos.col };
  };
  const fail = (where: { line: number; column: number }, message: string, ruleId: RuleId = 'reconcile-decisions-shape') => diagnostics.push({ file: path, ...where, severity: 'error', message, ruleId });
  const none = { decisions: [], defaults: {}, diagnostics };
  if (doc.errors.length > 0) {
    const pos = lineCounter.linePos(doc.errors[0].pos[0]);
    fail({ line: pos.line, column: pos.col }, `Cannot read the decisions file: ${doc.errors[0].message.split('\n')[0]}`);
    return none;
  }
  const root = doc.contents;
  const value = yamlValue(doc);
  if ('error' in value || !isMap(root)) {
    fail(at(root), 'Unexpected content, expected a mapping with `fieldcode: decisions/1` and a `decisions:` list');
    return none;
  }
  const top = value.value as Record<string, unknown>;
  if (top.fieldcode !== DECISIONS_VERSION) fail(at(root.get('fieldcode', true) as Node | undefined), `Unexpected \`fieldcode: ${String(top.fieldcode ?? '')}\`, expected \`fieldcode: ${DECISIONS_VERSION}\``);
  const defaults = { ...(typeof top.by === 'string' ? { by: top.by } : {}), ...(typeof top.when === 'string' ? { when: top.when } : {}) };
  const list = root.get('decisions', true);
  if (!isSeq(list)) {
    fail(at((list as Node | undefined) ?? root), 'Unexpected `decisions`, expected a list of decisions (`- at: notes/x.md:12` with `take: a | b | both | neither | edit`)');
    return { decisions: [], defaults, diagnostics };
  }
  const decisions: Decision[] = [];
  const seen = new Map<string, number>();
  for (const item of list.items as Node[]) {
    const where = at(item);
    const entry = isMap(item) ? (item.toJS(doc) as Record<string, unknown>) : undefined;
    if (!entry || !isMap(item)) {
      fail(where, 'Unexpected list item, expected a mapping with `at:` and `take:`');
      continue;
    }
    const field = (key: string) => at((item.get(key, true) as Node | undefined) ?? item);
    const unknownKeys = Object.keys(entry).filter((k) => !['at', 'take', 'codes', 'criterion', 'reason', 'by', 'when'].includes(k));
    for (const k of unknownKeys) fail(field(k), `Unexpected key \`${k}\`, expected at, take, codes, criterion, reason, by or when`);
    const place = typeof entry.at === 'string' ? entry.at.trim() : undefined;
    if (!place) {
      fail(where, 'Missing `at:`, expected the disagreement as `path:line` (as `fieldcode reconcile --list` prints it)');
      continue;
    }
    if (!known.has(place)) {
      const sameNote = [...known.keys()].filter((k) => k.slice(0, k.lastIndexOf(':')) === place.slice(0, place.lastIndexOf(':')));
      const hint = sameNote.length > 0 ? `; disagreements in that note: ${sameNote.slice(0, 5).join(', ')}` : '';
      fail(field('at'), `Unexpected \`at: ${place}\`: the coders do not disagree there${hint}`, 'reconcile-unknown-disagreement');
      continue;
    }
    if (seen.has(place)) {
      fail(field('at'), `Unexpected second decision for \`${place}\` (first on line ${seen.get(place)}), expected one decision per disagreement`);
      continue;
    }
    seen.set(place, where.line);
    const take = entry.take;
    if (typeof take !== 'string' || !(TAKES as readonly string[]).includes(take)) {
      fail(field('take'), `Unexpected \`take: ${String(take ?? '')}\`, expected one of ${TAKES.join(', ')}`);
      continue;
    }
    const decision: Decision = { at: place, take: take as Take };
    if (take === 'edit') {
      const codes = entry.codes;
      if (!Array.isArray(codes) || codes.some((c) => typeof c !== 'string')) {
        fail(field('codes'), 'Missing `codes:` for `take: edit`, expected the list of codes the consensus gives the passage (may be `[]`)');
        continue;
      }
      const unknown = (codes as string[]).filter((c) => !codebook.byId.has(c));
      if (unknown.length > 0) {
        fail(field('codes'), `Unexpected ${unknown.map((c) => `\`${c}\``).join(', ')} in \`codes:\`, expected codes of the codebook`, 'unknown-code');
        continue;
      }
      decision.codes = codes as string[];
    } else if (entry.codes !== undefined) {
      fail(field('codes'), `Unexpected \`codes:\` with \`take: ${take}\`, expected it only with \`take: edit\``);
      continue;
    }
    if (entry.criterion !== undefined) {
      const resolved = typeof entry.criterion === 'string' ? resolveCriterion(codebook, entry.criterion) : { error: 'Unexpected `criterion:`, expected text or `code.use_when.N`' };
      if ('error' in resolved) {
        fail(field('criterion'), resolved.error);
        continue;
      }
      decision.criterion = resolved.criterion;
    }
    for (const key of ['reason', 'by', 'when'] as const) {
      const v = entry[key];
      if (v === undefined) continue;
      if (typeof v !== 'string' && !(v instanceof Date)) fail(field(key), `Unexpected \`${key}:\`, expected text`);
      else decision[key] = v instanceof Date ? v.toISOString().replace(/\.\d{3}Z$/, 'Z') : v;
    }
    decisions.push(decision);
  }
  return { decisions, defaults, diagnostics };
}
