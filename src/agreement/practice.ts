// `fieldcode practice score` as a pure function: a student's coding against an
// instructor's key, paragraph by paragraph (the segment unit of `agree`).
import type { Alignment } from './align.js';
import { compareCoders, type AgreementRow, type Stat } from './compare.js';

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
}

const QUOTE_LIMIT = 200;

function clip(text: string): string {
  return text.length > QUOTE_LIMIT ? `${text.slice(0, QUOTE_LIMIT - 1).trimEnd()}…` : text;
}

/**
 * Scores coder 0 (the student) against coder 1 (the key). `codes` are the codes
 * to score, in report order (typically every code either of them used).
 */
export function scorePractice(alignment: Alignment, codes: string[]): PracticeScore {
  if (alignment.coders.length !== 2) throw new RangeError(`scorePractice: needs the student and the key, got ${alignment.coders.length} coders`);
  const wanted = new Set(codes);
  const items: PracticeItem[] = [];
  for (const note of alignment.notes) {
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
      for (const code of codes) {
        const kind: PracticeKind | undefined = you.has(code) && key.has(code) ? 'found' : key.has(code) ? 'missed' : you.has(code) ? 'added' : undefined;
        if (!kind) continue;
        const part = segment.parts[0];
        items.push({ kind, code, note: note.key, path: note.notes[0].path, line: part.range.start.line, quote: clip(segment.text) });
      }
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
  };
}
