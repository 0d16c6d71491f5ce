// The passages behind each count: every coding of a code (or a descendant),
// grouped by the `--by` variables, in note and text order.
import type { Corpus } from '../types.js';
import { noteValue } from './variables.js';
import { memosBySegment } from '../memos/select.js';
import { caseBy, cellKey, cellsFor, codeFamily, codingCell, selectCorpus, selectedCodes, segmentIndex, type Cell, type Filters } from './select.js';

export interface Quote {
  /** The first of `codes`. */
  code: string;
  /**
   * Every code of the requested family applied to this passage by this coder,
   * in codebook order: `#mutual-support.practical #reciprocity` under
   * `working-components` is one quote naming both.
   */
  codes: string[];
  text: string;
  speaker?: string;
  /** The note's `group`, when the quotes are not already listed by group. */
  group?: string;
  method?: string;
  note: string;
  line: number;
  column: number;
  /** Start of the speaker turn in the recording, in seconds (`[hh:mm:ss]` in the note). */
  time?: number;
  coder: string;
  origin: string;
  /** Memos on the quote's segment (src/memos/), oldest first; absent when there are none. */
  memos?: QuoteMemo[];
}

/** A memo as a quote shows it: where it is, and its title. */
export interface QuoteMemo {
  path: string;
  title: string;
  date?: string;
  author?: string;
}

export interface QuoteGroup {
  cell: Cell;
  quotes: Quote[];
}

export interface QuoteSection {
  code: string;
  label: string;
  groups: QuoteGroup[];
  total: number;
}

export interface Quotes {
  by: string[];
  sections: QuoteSection[];
}

export function collectQuotes(corpus: Corpus, by: string[], filters: Filters): Quotes {
  const { notes, codings } = selectCorpus(corpus, filters);
  const cells = cellsFor(by, corpus, notes, codings);
  const noteByPath = new Map(notes.map((note) => [note.path, note]));
  const segments = segmentIndex(notes);
  const cases = caseBy(corpus, by);
  const sections: QuoteSection[] = [];
  const segmentMemos = memosBySegment(corpus.memos ?? []);
  const position = new Map(corpus.codebook.codes.map((code, index) => [code.id, index]));
  const order = (id: string): number => position.get(id) ?? Number.MAX_SAFE_INTEGER;
  const codes = filters.codes.length > 0 ? selectedCodes(corpus.codebook, filters.codes) : selectedCodes(corpus.codebook, []).filter((id) => codings.some((c) => codeFamily(corpus.codebook, id).has(c.code)));
  for (const id of codes) {
    const family = codeFamily(corpus.codebook, id);
    const byCell = new Map<string, Quote[]>();
    const seen = new Map<string, Quote>();
    const chosen = codings
      .filter((coding) => family.has(coding.code))
      .sort((a, b) => (a.note < b.note ? -1 : a.note > b.note ? 1 : a.start - b.start || a.end - b.end || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)));
    for (const coding of chosen) {
      // A passage coded with several codes of the family is one quote per coder, naming them all.
      const dedupe = `${coding.note}:${coding.start}:${coding.end}:${coding.coder}`;
      const earlier = seen.get(dedupe);
      if (earlier) {
        if (!earlier.codes.includes(coding.code)) {
          earlier.codes.push(coding.code);
          earlier.codes.sort((a, b) => order(a) - order(b));
          earlier.code = earlier.codes[0];
        }
        continue;
      }
      const note = noteByPath.get(coding.note)!;
      const segment = segments.get(coding.segments[0]);
      const method = noteValue(note, 'method');
      const quote: Quote = {
        code: coding.code,
        codes: [coding.code],
        text: coding.text,
        note: coding.note,
        line: coding.origin === 'inline-tag' ? (segment?.range.start.line ?? coding.range.start.line) : coding.range.start.line,
        column: coding.origin === 'inline-tag' ? (segment?.range.start.column ?? coding.range.start.column) : coding.range.start.column,
        coder: coding.coder,
        origin: coding.origin,
      };
      seen.set(dedupe, quote);
      if (segment?.speaker) quote.speaker = segment.speaker;
      const memos = segment ? segmentMemos.get(segment.id) : undefined;
      if (memos) quote.memos = memos.map((m) => ({ path: m.path, title: m.title, ...(m.date !== undefined ? { date: m.date } : {}), ...(m.author !== undefined ? { author: m.author } : {}) }));
      if (segment && segment.time !== null) quote.time = segment.time;
      if (method !== '(none)') quote.method = method;
      const group = by.includes('group') ? '(none)' : noteValue(note, 'group');
      if (group !== '(none)') quote.group = group;
      const key = codingCell(coding, note, by, cases);
      const list = byCell.get(key) ?? [];
      list.push(quote);
      byCell.set(key, list);
    }
    const groups = cells.map((cell) => ({ cell, quotes: byCell.get(cellKey(cell, by)) ?? [] })).filter((group) => group.quotes.length > 0);
    const code = corpus.codebook.byId.get(id)!;
    sections.push({ code: id, label: code.label, groups, total: groups.reduce((sum, group) => sum + group.quotes.length, 0) });
  }
  return { by, sections };
}
