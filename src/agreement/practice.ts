// `fieldcode practice score` as a pure function: a student's coding against an
// instructor's key, paragraph by paragraph (the segment unit of `agree`).
import type { Alignment } from './align.js';
import { compareCoders, type AgreementRow, type Stat } from './compare.js';
import type { Codebook, FrontMatterValue, Note } from '../types.js';
import { keyRationales, rationaleFor, type Rationale } from './rationale.js';

export type PracticeKind = 'found' | 'missed' | 'added';

/** One paragraph × code where the student and the key met or differed. */
export interface PracticeItem {
  kind: PracticeKind;
  code: string;
  note: string;
  /** Where the paragraph is in the student's copy. */
  path: string;
  line: number;
  quote: string;
  /** The key's `why:` for this paragraph and code, shown after scoring. */
  why?: string;
  /**
   * The codebook lines that decide it, as `code.use_when.N  text`: the one the
   * key's rationale names, else the missed code's use_when or the added code's not_when.
   */
  criteria: string[];
  /** True when `criteria` is the one line the key names. */
  named: boolean;
}

/** "You used `used` where the key has `key`" on one paragraph. */
export interface PracticeConfusion {
  used: string;
  key: string;
  note: string;
  path: string;
  line: number;
  quote: string;
}

export interface PracticeCodeRow {
  code: string;
  /** Paragraphs the key coded with this code. */
  key: number;
  /** Paragraphs the student coded with it. */
  you: number;
  found: number;
  missed: number;
  added: number;
  kappa: Stat;
}

export interface PracticeScore {
  notes: number;
  segments: number;
  rows: PracticeCodeRow[];
  overall: PracticeCodeRow & { percent: Stat; alpha: Stat };
  items: PracticeItem[];
  confusions: PracticeConfusion[];
}

const QUOTE_LIMIT = 200;

function clip(text: string): string {
  return text.length > QUOTE_LIMIT ? `${text.slice(0, QUOTE_LIMIT - 1).trimEnd()}…` : text;
}

/**
 * Scores coder 0 (the student) against coder 1 (the key). `codes` are the codes
 * to score, in report order (typically every code either of them used).
 */
export function scorePractice(alignment: Alignment, codes: string[], codebook?: Codebook): PracticeScore {
  if (alignment.coders.length !== 2) throw new RangeError(`scorePractice: needs the student and the key, got ${alignment.coders.length} coders`);
  const wanted = new Set(codes);
  const items: PracticeItem[] = [];
  const confusions: PracticeConfusion[] = [];
  for (const note of alignment.notes) {
    const rationales = keyRationales(note.notes[1] as Note & { data: Record<string, FrontMatterValue> }, codebook);
    const applied = note.spans.map((own) => {
      const bySegment = new Map<number, Set<string>>();
      for (const span of own) {
        if (!wanted.has(span.code)) continue;
        for (const s of span.segments) (bySegment.get(s) ?? bySegment.set(s, new Set()).get(s)!).add(span.code);
      }
      return bySegment;
    });
    for (const segment of note.segments) {
      const you = applied[0].get(segment.index) ?? new Set<string>();
      const key = applied[1].get(segment.index) ?? new Set<string>();
      const part = segment.parts[0];
      const where = { note: note.key, path: note.notes[0].path, line: part.range.start.line, quote: clip(segment.text) };
      const keyText = segment.parts[1]?.text ?? segment.text;
      for (const code of codes) {
        const kind: PracticeKind | undefined = you.has(code) && key.has(code) ? 'found' : key.has(code) ? 'missed' : you.has(code) ? 'added' : undefined;
        if (!kind) continue;
        // The key note's front matter first, then a `why:` on the key's own (standoff) coding.
        const onCoding = note.spans[1].find((span) => span.code === code && span.segments.includes(segment.index) && span.coding.why)?.coding.why;
        const rationale: Rationale | undefined = rationaleFor(rationales, code, keyText) ?? (onCoding ? { at: '', why: onCoding } : undefined);
        items.push({ kind, code, ...where, ...(rationale?.why ? { why: rationale.why } : {}), ...criteriaFor(codebook, code, kind, rationale) });
      }
      const missed = codes.filter((c) => key.has(c) && !you.has(c));
      for (const used of codes.filter((c) => you.has(c) && !key.has(c))) for (const k of missed) confusions.push({ used, key: k, ...where });
    }
  }
  const report = compareCoders(alignment, { unit: 'segment', codes });
  const count = (code: string | undefined, kind: PracticeKind) => items.filter((item) => item.kind === kind && (code === undefined || item.code === code)).length;
  const row = (code: string, source: AgreementRow): PracticeCodeRow => {
    const only = code === '*' ? undefined : code;
    const found = count(only, 'found');
    const missed = count(only, 'missed');
    const added = count(only, 'added');
    return { code, key: found + missed, you: found + added, found, missed, added, kappa: { value: source.kappa.value, ...(source.kappa.degenerate ? { degenerate: source.kappa.degenerate } : {}) } };
  };
  const order = new Map(codes.map((code, i) => [code, i]));
  items.sort((a, b) => order.get(a.code)! - order.get(b.code)! || (a.note < b.note ? -1 : a.note > b.note ? 1 : 0) || a.line - b.line);
  return {
    notes: report.notes,
    segments: report.segments,
    rows: report.rows.map((r) => row(r.code, r)),
    overall: { ...row('*', report.overall), percent: report.overall.percent, alpha: report.overall.alpha },
    items,
    confusions,
  };
}

function criteriaFor(codebook: Codebook | undefined, code: string, kind: PracticeKind, rationale: Rationale | undefined): { criteria: string[]; named: boolean } {
  if (rationale?.criterion) return { criteria: [rationale.criterion], named: true };
  const entry = codebook?.byId.get(code);
  if (!entry || kind === 'found') return { criteria: [], named: false };
  // Missed: the lines that say when the code applies; added: the lines that say when it does not.
  const [lines, kindName] = kind === 'missed' ? [entry.useWhen, 'use_when'] : [entry.notWhen, 'not_when'];
  return { criteria: lines.map((text, i) => `${code}.${kindName}.${i + 1}  ${text}`), named: false };
}
