// The phase report: one section per phase (or per group and phase) with a
// frequency table by group, the change since the previous phase, the top
// co-occurrences, the most telling quotes per code, and a method note.
import type { Corpus } from '../types.js';
import { aggregate, type FrequencyRow } from './aggregate.js';
import { cooccurrence, matrixCodes, topPairs, type CooccurrenceCode, type CooccurrencePair, type CooccurrenceUnit } from './cooccurrence.js';
import { phaseChange, type ChangeThresholds, type PhaseChange, type PhasePoint } from './phase-change.js';
import { collectQuotes, type Quote } from './quotes.js';
import { selectCorpus, type Filters } from './select.js';
import { MISSING, noteValue, variableValues } from './variables.js';
import type { Memo } from '../types.js';
import { memosWithin } from '../memos/select.js';

export interface PhaseReportOptions {
  /** The ordered variable whose values are the phases. */
  phase: string;
  /** The variable whose values are the groups (omit for no breakdown). */
  group?: string;
  /** One section per phase, or per group and phase. */
  per: 'phase' | 'group-phase';
  /** Quotes per code and section. */
  quotes: number;
  /** Co-occurring pairs per section. */
  top: number;
  unit: CooccurrenceUnit;
  /** Thresholds of Saldaña's change categories, carried from phase-change. */
  change: ChangeThresholds;
}

export const PHASE_REPORT_DEFAULTS = { per: 'phase', quotes: 3, top: 5, unit: 'segment' } as const;

export interface ChosenQuote extends Quote {
  /** The group the quote comes from ('' without a group variable). */
  group: string;
}

export interface CodeQuotes {
  code: string;
  label: string;
  color?: string;
  /** How many passages there were to choose from. */
  available: number;
  quotes: ChosenQuote[];
}

export interface CodeRow {
  code: string;
  label: string;
  depth: number;
  color?: string;
  /** One entry per group, in group order. */
  cells: { group: string; frequency: FrequencyRow; point: PhasePoint }[];
}

export interface PhaseSection {
  phase: string;
  /** Set when sections are per group and phase. */
  group?: string;
  previous?: string;
  groups: string[];
  notes: number;
  segments: number;
  /** Notes per method (the `method` variable), in declared order. */
  methods: { method: string; notes: number }[];
  rows: CodeRow[];
  cooccurrences: CooccurrencePair[];
  /** The full co-occurrence matrix of the section (leaf codes, or the requested ones). */
  matrix: { codes: CooccurrenceCode[]; counts: (number | null)[][] };
  quotes: CodeQuotes[];
  /** Memos on the phase (`phase:II`) or on a cell in it (`cell: {group: de-brug, phase: II}`), oldest first; absent when none. */
  memos?: Memo[];
}

export interface PhaseReport {
  phase: string;
  group?: string;
  phases: string[];
  groups: string[];
  options: PhaseReportOptions;
  /** Phase trajectories over all phases, for the charts. */
  change: PhaseChange;
  sections: PhaseSection[];
}

export function phaseReport(corpus: Corpus, filters: Filters, options: PhaseReportOptions): PhaseReport {
  const { phase, group } = options;
  // The phase filter picks sections; the data of every phase stays in, so
  // "change since the previous phase" still has its previous phase.
  const wantedPhases = filters.where[phase];
  const base: Filters = { ...filters, where: { ...filters.where } };
  delete base.where[phase];
  const groupBy = group ? [group] : [];
  const change = phaseChange(corpus, phase, groupBy, base, options.change);
  const { notes } = selectCorpus(corpus, base);
  const groups = group ? change.groups.map((cell) => cell[group]) : [''];
  const phases = change.phases;
  const methodSpec = corpus.variables.find((v) => v.name === 'method');
  const methodOrder = methodSpec ? variableValues(methodSpec, 'method', notes, []) : [];

  const sections: PhaseSection[] = [];
  const targets: { phase: string; group?: string }[] = [];
  for (const value of phases) {
    if (wantedPhases && !wantedPhases.includes(value)) continue;
    if (options.per === 'group-phase' && group) for (const g of groups) targets.push({ phase: value, group: g });
    else targets.push({ phase: value });
  }

  for (const target of targets) {
    const index = phases.indexOf(target.phase);
    const where: Record<string, string[]> = { ...base.where, [phase]: [target.phase] };
    if (target.group !== undefined && group) where[group] = [target.group];
    const sectionFilters: Filters = { ...base, where };
    const sectionGroups = target.group !== undefined ? [target.group] : groups;
    const sectionNotes = notes.filter((note) => noteValue(note, phase) === target.phase && (target.group === undefined || !group || noteValue(note, group) === target.group));
    // A phase (or group and phase) without notes has nothing to report.
    if (sectionNotes.length === 0) continue;

    const frequencies = aggregate(corpus, groupBy, sectionFilters);
    const rows: CodeRow[] = [];
    for (const id of [...new Set(frequencies.rows.map((row) => row.code))]) {
      const code = corpus.codebook.byId.get(id)!;
      const cells = sectionGroups.map((g) => {
        // A group seen only in other phases (an undeclared or missing value, already an
        // error on its note) has no notes here: it gets an empty cell, not a crash.
        const frequency = frequencies.rows.find((row) => row.code === id && (!group || row.cell[group] === g)) ?? emptyRow(id, code, group ? { [group]: g } : {});
        const series = change.series.find((s) => s.code === id && (!group || s.group[group] === g))!;
        return { group: g, frequency, point: series.points[index] };
      });
      const row: CodeRow = { code: id, label: code.label, depth: code.depth, cells };
      if (code.color) row.color = code.color;
      rows.push(row);
    }

    const matrix = cooccurrence(corpus, [], sectionFilters, options.unit);
    const pairs = topPairs(matrix, matrix.matrices[0], options.top);

    const methods = new Map<string, number>();
    for (const note of sectionNotes) methods.set(noteValue(note, 'method'), (methods.get(noteValue(note, 'method')) ?? 0) + 1);
    const methodList = [...methods.keys()]
      .sort((a, b) => rank(methodOrder, a) - rank(methodOrder, b) || (a < b ? -1 : a > b ? 1 : 0))
      .map((method) => ({ method, notes: methods.get(method)! }));

    const quoteCodes = matrixCodes(corpus.codebook, filters.codes);
    const collected = collectQuotes(corpus, groupBy, { ...sectionFilters, codes: quoteCodes });
    const quotes: CodeQuotes[] = [];
    for (const section of collected.sections) {
      const candidates: ChosenQuote[] = section.groups.flatMap((g) => g.quotes.map((q) => ({ ...q, group: group ? g.cell[group] : '' })));
      if (candidates.length === 0) continue;
      const code = corpus.codebook.byId.get(section.code)!;
      const entry: CodeQuotes = { code: section.code, label: section.label, available: candidates.length, quotes: chooseQuotes(candidates, sectionGroups, options.quotes) };
      if (code.color) entry.color = code.color;
      quotes.push(entry);
    }

    const section: PhaseSection = {
      phase: target.phase,
      groups: sectionGroups,
      notes: sectionNotes.length,
      segments: sectionNotes.reduce((sum, note) => sum + note.segments.length, 0),
      methods: methodList,
      rows,
      cooccurrences: pairs,
      matrix: { codes: matrix.codes, counts: matrix.matrices[0].counts },
      quotes,
    };
    if (target.group !== undefined) section.group = target.group;
    const memos = memosWithin(corpus.memos ?? [], { [phase]: target.phase, ...(target.group !== undefined && group ? { [group]: target.group } : {}) });
    if (memos.length > 0) section.memos = memos;
    if (index > 0) section.previous = phases[index - 1];
    sections.push(section);
  }
  const report: PhaseReport = { phase, phases, groups, options, change, sections };
  if (group) report.group = group;
  return report;
}

function emptyRow(id: string, code: { label: string; depth: number }, cell: Record<string, string>): FrequencyRow {
  return { code: id, label: code.label, depth: code.depth, cell, segments: 0, documents: 0, speakers: 0, codings: 0, share: 0, cellSegments: 0 };
}

function rank(order: string[], value: string): number {
  const index = order.indexOf(value);
  return index === -1 ? (value === MISSING ? order.length + 1 : order.length) : index;
}

const MIN_WORDS = 6;

/** A complete sentence: starts with a capital letter (or an opening quote) and ends with `.`, `!`, `?` or `…`, optionally inside a closing quote or bracket. */
export function isCompleteSentence(text: string): boolean {
  const trimmed = text.trim();
  return /^["'“‘(«]?[\p{Lu}\p{N}]/u.test(trimmed) && /[.!?…]["'”’)»]?$/u.test(trimmed);
}

function wordCount(text: string): number {
  return text.trim().split(/\s+/).filter(Boolean).length;
}

/**
 * The most telling quotes, chosen deterministically:
 * 1. Quality rank: complete sentences of at least six words first, shortest
 *    first; then the other passages of at least six words, shortest first;
 *    then the rest; ties by path and line.
 * 2. Spread: each pick takes, among the passages from the groups with the
 *    fewest picks so far, one by a speaker (or, without a speaker, from a
 *    note) not quoted yet if there is one, and of those the best-ranked.
 * 3. The picks are listed in group order, then in rank order.
 */
export function chooseQuotes(candidates: ChosenQuote[], groups: string[], limit: number): ChosenQuote[] {
  const tier = (q: ChosenQuote): number => {
    const long = wordCount(q.text) >= MIN_WORDS;
    return long && isCompleteSentence(q.text) ? 0 : long ? 1 : 2;
  };
  const ranked = [...candidates].sort(
    (a, b) => tier(a) - tier(b) || [...a.text].length - [...b.text].length || (a.note < b.note ? -1 : a.note > b.note ? 1 : 0) || a.line - b.line || a.column - b.column,
  );
  const rankOf = new Map(ranked.map((q, i) => [q, i]));
  const picks: ChosenQuote[] = [];
  const perGroup = new Map<string, number>();
  const voices = new Set<string>();
  const voice = (q: ChosenQuote): string => (q.speaker ? `speaker:${q.group}:${q.speaker}` : `note:${q.note}`);
  const remaining = [...ranked];
  while (picks.length < limit && remaining.length > 0) {
    let best = 0;
    let bestKey: number[] | undefined;
    remaining.forEach((q, i) => {
      const key = [perGroup.get(q.group) ?? 0, voices.has(voice(q)) ? 1 : 0, rankOf.get(q)!];
      if (!bestKey || compareKeys(key, bestKey) < 0) {
        bestKey = key;
        best = i;
      }
    });
    const [pick] = remaining.splice(best, 1);
    picks.push(pick);
    perGroup.set(pick.group, (perGroup.get(pick.group) ?? 0) + 1);
    voices.add(voice(pick));
  }
  return picks.sort((a, b) => groups.indexOf(a.group) - groups.indexOf(b.group) || rankOf.get(a)! - rankOf.get(b)!);
}

function compareKeys(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}
