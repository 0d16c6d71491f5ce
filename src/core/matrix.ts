// The framework matrix (Gale et al. 2013): rows are cases (groups,
// participants, or the values of a variable), columns are codes, and each cell
// holds its counts, the researcher's summary and a few illustrative quotes;
// for a longitudinal design one matrix per phase. Summaries come from
// `summaries/<matrix>.md` (core/summaries.ts) and are checked against the
// quotes they cite.
import type { Corpus, Diagnostic, Note, Segment } from '../types.js';
import { aggregate } from './aggregate.js';
import { caseIndex, SPEAKER } from './cases.js';
import { chooseQuotes, type ChosenQuote } from './phase-report.js';
import { caseBy, codeFamily, codingCell, selectCorpus, segmentCell, type Filters } from './select.js';
import { cellHeading, quoteHash, summariesPath, type CitedQuote, type SummaryDocument, type SummarySection } from './summaries.js';
import { hint } from './did-you-mean.js';

export interface MatrixOptions {
  /** The name of the matrix: its summaries are `summaries/<name>.md`. */
  name?: string;
  /** The case dimension: a variable, `speaker`, or a participant attribute. */
  rows: string;
  /** The codes, in column order (each counts its descendants). */
  codes: string[];
  /** The phase variable: one table per value; undefined for one table. */
  per?: string;
  /** Illustrative quotes per cell. */
  quotes: number;
}

export interface MatrixPassage {
  /** The segment the passage starts in (`path#hash`), `~2`, `~3` … for further passages there. */
  id: string;
  /** The hash of its words (core/summaries.ts quoteHash). */
  hash: string;
  text: string;
  speaker?: string;
  note: string;
  line: number;
  column: number;
  codes: string[];
}

export type StaleKind = 'changed' | 'vanished' | 'recoded' | 'new';

export interface StaleItem {
  kind: StaleKind;
  /** The cited quote id (changed, vanished, recoded) or the uncited passage's id (new). */
  id: string;
  /** Where the passage is now, when it still is in the cell. */
  now?: MatrixPassage;
  /** Line in the summary file to point at. */
  line: number;
}

export interface CellSummary {
  text: string;
  /** 1-based line of its heading in the summary file. */
  line: number;
  stale: StaleItem[];
}

export interface MatrixCell {
  row: string;
  code: string;
  /** The cell's values, as its summary heading names them. */
  parts: string[];
  segments: number;
  documents: number;
  /** Every coded passage of the cell, in note and text order. */
  passages: MatrixPassage[];
  /** Up to `quotes` of them, spread across speakers. */
  quotes: MatrixPassage[];
  summary?: CellSummary;
}

/** A row's participation: how much of the text is theirs, and how much of it is coded with the matrix's codes. */
export interface MatrixRow {
  value: string;
  turns: number;
  words: number;
  /** Turns coded with at least one of the columns' codes. */
  codedTurns: number;
  /** codedTurns / turns (0 without turns). */
  codedShare: number;
  /** One cell per code, in column order. */
  cells: MatrixCell[];
}

export interface MatrixTable {
  phase?: string;
  rows: MatrixRow[];
}

export interface Matrix {
  name?: string;
  rows: string;
  per?: string;
  codes: { id: string; label: string }[];
  phases: string[];
  tables: MatrixTable[];
  /** Project-relative path of the summaries file, when the matrix has a name. */
  summaries?: string;
  diagnostics: Diagnostic[];
}

function words(text: string): number {
  return text.split(/\s+/u).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

function byPosition(a: { note: string; start: number; end: number }, b: { note: string; start: number; end: number }): number {
  return a.note < b.note ? -1 : a.note > b.note ? 1 : a.start - b.start || a.end - b.end;
}

/** The matrix of a corpus. `summaries` is the parsed summaries file, when there is one. */
export function frameworkMatrix(corpus: Corpus, filters: Filters, options: MatrixOptions, summaries?: SummaryDocument): Matrix {
  const by = options.per ? [options.rows, options.per] : [options.rows];
  const counts = aggregate(corpus, by, { ...filters, codes: options.codes });
  const { notes, codings } = selectCorpus(corpus, filters);
  const cases = caseBy(corpus, by);
  const index = caseIndex(corpus);
  const noteByPath = new Map<string, Note>(notes.map((note) => [note.path, note]));
  const rowValues = [...new Set(counts.cells.map((cell) => cell[options.rows]))];
  const phases = options.per ? [...new Set(counts.cells.map((cell) => cell[options.per!]))].filter((p) => !filters.where[options.per!] || filters.where[options.per!].includes(p)) : [];
  const rowsWanted = filters.where[options.rows];
  const rows = rowsWanted ? rowValues.filter((v) => rowsWanted.includes(v)) : rowValues;

  // Turns and words per row and phase.
  const participation = new Map<string, { turns: number; words: number; coded: Set<string> }>();
  const bucket = (key: string) => {
    let entry = participation.get(key);
    if (!entry) participation.set(key, (entry = { turns: 0, words: 0, coded: new Set() }));
    return entry;
  };
  for (const note of notes) for (const segment of note.segments) {
    const entry = bucket(segmentCell(segment, note, by, cases));
    entry.turns++;
    entry.words += words(segment.text);
  }

  // Every passage per cell and code, deduplicated per coder like `quotes`.
  const passages = new Map<string, MatrixPassage[]>();
  const families = options.codes.map((id) => ({ id, family: codeFamily(corpus.codebook, id) }));
  const sorted = [...codings].sort(byPosition);
  const perSegment = new Map<string, number>();
  for (const { id, family } of families) {
    const seen = new Map<string, MatrixPassage>();
    for (const coding of sorted) {
      if (!family.has(coding.code)) continue;
      const note = noteByPath.get(coding.note)!;
      const cell = codingCell(coding, note, by, cases);
      for (const segmentId of coding.segments) bucket(cell).coded.add(segmentId);
      const key = `${coding.note}:${coding.start}:${coding.end}`;
      const earlier = seen.get(key);
      if (earlier) {
        if (!earlier.codes.includes(coding.code)) earlier.codes.push(coding.code);
        continue;
      }
      const segment: Segment | undefined = index.segments.get(coding.segments[0]);
      const base = coding.segments[0] ?? `${coding.note}@${coding.start}`;
      const slot = `${id}\0${cell}\0${base}`;
      const n = (perSegment.get(slot) ?? 0) + 1;
      perSegment.set(slot, n);
      const passage: MatrixPassage = {
        id: n > 1 ? `${base}~${n}` : base,
        hash: quoteHash(coding.text),
        text: coding.text,
        note: coding.note,
        line: coding.origin === 'inline-tag' ? (segment?.range.start.line ?? coding.range.start.line) : coding.range.start.line,
        column: coding.origin === 'inline-tag' ? (segment?.range.start.column ?? coding.range.start.column) : coding.range.start.column,
        codes: [coding.code],
      };
      if (segment?.speaker) passage.speaker = segment.speaker;
      seen.set(key, passage);
      const list = passages.get(`${id}\0${cell}`) ?? [];
      list.push(passage);
      passages.set(`${id}\0${cell}`, list);
    }
  }

  const frequency = new Map(counts.rows.map((row) => [`${row.code}\0${JSON.stringify(by.map((name) => row.cell[name]))}`, row]));
  const sections = new Map<string, SummarySection>();
  for (const section of summaries?.sections ?? []) sections.set(cellHeading(section.parts), section);
  const known = new Set<string>();
  const diagnostics: Diagnostic[] = [...(summaries?.diagnostics ?? [])];
  const codes = options.codes.map((id) => ({ id, label: corpus.codebook.byId.get(id)?.label ?? id }));

  const tables: MatrixTable[] = (options.per ? phases : [undefined]).map((phase) => ({
    ...(phase !== undefined ? { phase } : {}),
    rows: rows.map((value) => {
      const key = JSON.stringify(phase !== undefined ? [value, phase] : [value]);
      const part = participation.get(key);
      const cells = codes.map(({ id }) => {
        const parts = phase !== undefined ? [value, id, phase] : [value, id];
        known.add(cellHeading(parts));
        const row = frequency.get(`${id}\0${key}`);
        const all = passages.get(`${id}\0${key}`) ?? [];
        const cell: MatrixCell = { row: value, code: id, parts, segments: row?.segments ?? 0, documents: row?.documents ?? 0, passages: all, quotes: illustrative(all, options.quotes) };
        const section = sections.get(cellHeading(parts));
        if (section && section.text !== '') cell.summary = { text: section.text, line: section.line, stale: staleness(section, all, index.segments) };
        return cell;
      });
      const turns = part?.turns ?? 0;
      const coded = part?.coded.size ?? 0;
      return { value, turns, words: part?.words ?? 0, codedTurns: coded, codedShare: turns === 0 ? 0 : coded / turns, cells };
    }),
  }));

  const path = summaries?.path ?? (options.name ? summariesPath(options.name) : undefined);
  for (const section of summaries?.sections ?? []) {
    if (known.has(cellHeading(section.parts))) continue;
    diagnostics.push({ file: path!, line: section.line, column: 1, severity: 'error', message: unknownCell(section, options, rows, codes.map((c) => c.id), phases), ruleId: 'summary-unknown-cell' });
  }
  for (const table of tables) for (const row of table.rows) for (const cell of row.cells) {
    for (const item of cell.summary?.stale ?? []) diagnostics.push({ file: path!, line: item.line, column: 1, severity: 'warning', message: staleMessage(cell, item, options.name), ruleId: 'summary-stale' });
  }
  const matrix: Matrix = { rows: options.rows, codes, phases, tables, diagnostics };
  if (options.name) matrix.name = options.name;
  if (options.per) matrix.per = options.per;
  if (path) matrix.summaries = path;
  return matrix;
}

/** Up to `limit` quotes, the phase report's documented choice (complete sentences first, spread across speakers). */
function illustrative(passages: MatrixPassage[], limit: number): MatrixPassage[] {
  if (limit === 0 || passages.length === 0) return [];
  const candidates = passages.map((p) => ({ ...p, code: p.codes[0], group: '', coder: '', origin: '', passage: p }) as ChosenQuote & { passage: MatrixPassage });
  return (chooseQuotes(candidates, [''], limit) as (ChosenQuote & { passage: MatrixPassage })[]).map((q) => q.passage).sort((a, b) => passages.indexOf(a) - passages.indexOf(b));
}

/** What changed since the summary recorded its quotes. */
function staleness(section: SummarySection, passages: MatrixPassage[], segments: Map<string, Segment>): StaleItem[] {
  const items: StaleItem[] = [];
  const current = new Map(passages.map((p) => [p.id, p]));
  const cited = new Set(section.cited.map((c) => c.id));
  const uncited = passages.filter((p) => !cited.has(p.id));
  const line = section.blockLine ?? section.line;
  const claimed = new Set<MatrixPassage>();
  const vanished: CitedQuote[] = [];
  for (const quote of section.cited) {
    const now = current.get(quote.id);
    if (now) {
      if (now.hash !== quote.hash) items.push({ kind: 'changed', id: quote.id, now, line: quote.line });
      continue;
    }
    // The passage's segment is still there, unchanged, but no longer coded here.
    if (segments.has(quote.id.replace(/~\d+$/, ''))) items.push({ kind: 'recoded', id: quote.id, line: quote.line });
    else vanished.push(quote);
  }
  for (const quote of vanished) {
    // An edited segment has a new id: the uncited passage of the same note stands in for it.
    const note = quote.id.replace(/#[^#]*$/, '');
    const successor = uncited.find((p) => !claimed.has(p) && p.note === note);
    if (successor) {
      claimed.add(successor);
      items.push({ kind: 'changed', id: quote.id, now: successor, line: quote.line });
    } else items.push({ kind: 'vanished', id: quote.id, line: quote.line });
  }
  for (const passage of uncited) if (!claimed.has(passage)) items.push({ kind: 'new', id: passage.id, now: passage, line });
  return items.sort((a, b) => a.line - b.line);
}

function staleMessage(cell: MatrixCell, item: StaleItem, name: string | undefined): string {
  const cellName = `\`${cellHeading(cell.parts)}\``;
  const at = item.now ? ` (now ${item.now.note}:${item.now.line})` : '';
  const fix = `; re-read it and run \`fieldcode matrix${name ? ` --name ${name}` : ''} --refresh\``;
  switch (item.kind) {
    case 'changed':
      return `Summary of cell ${cellName} cites quote \`${item.id}\`, whose words changed since the summary was written${at}${fix}`;
    case 'vanished':
      return `Summary of cell ${cellName} cites quote \`${item.id}\`, which is no longer in the notes${fix}`;
    case 'recoded':
      return `Summary of cell ${cellName} cites quote \`${item.id}\`, which is no longer coded \`${cell.code}\` in this cell${fix}`;
    case 'new':
      return `Summary of cell ${cellName} does not cite the coded passage \`${item.id}\`${at}, which arrived since the summary was written${fix}`;
  }
}

function unknownCell(section: SummarySection, options: MatrixOptions, rows: string[], codes: string[], phases: string[]): string {
  const expected = options.per ? `\`${options.rows} × code × ${options.per}\`` : `\`${options.rows} × code\``;
  const [row, code, phase] = section.parts;
  const size = options.per ? 3 : 2;
  let why = '';
  if (section.parts.length !== size) why = `, expected ${size} values joined by \` × \` (${expected})`;
  else if (!rows.includes(row)) why = `: no row \`${row}\`${hint(row, rows)}`;
  else if (!codes.includes(code)) why = `: no column \`${code}\`${hint(code, codes)}`;
  else if (options.per && !phases.includes(phase)) why = `: no ${options.per} \`${phase}\`${hint(phase, phases)}`;
  return `Unexpected section \`${section.heading}\` in the summaries of matrix \`${options.name ?? ''}\`${why}`;
}

/** `participant` is the Framework Method's name for a speaker row. */
export function matrixRows(rows: string): string {
  return rows === 'participant' ? SPEAKER : rows;
}
