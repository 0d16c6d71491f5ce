// A joint display (mixed methods): a measured number and a code's share side
// by side, per unit (a group, a participant, …: the measures table's join)
// and phase, with the change of each since the previous phase and a quote or
// two. The measures come from `measures:` CSVs, read by src/measures/.
import type { Corpus, MeasureTable, Note, Segment } from '../types.js';
import { chooseQuotes, type ChosenQuote } from './phase-report.js';
import { collectQuotes } from './quotes.js';
import { codeFamily, selectCorpus, type Filters } from './select.js';
import { canonicalName } from './names.js';
import { compareValues, noteValue, variableValues } from './variables.js';
import { PARTICIPANT } from '../measures/load.js';

export interface JointOptions {
  measure: string;
  code: string;
  /** The ordered variable the table joins on. */
  phase: string;
  /** Quotes per unit and phase. */
  quotes: number;
}

export const JOINT_DEFAULTS = { quotes: 2 } as const;

export interface JointPoint {
  phase: string;
  measure: number | null;
  segments: number;
  coded: number;
  /** coded / segments; null without segments. */
  share: number | null;
  /** Measure minus the previous phase's; null when either is missing. */
  measureChange: number | null;
  /** Share minus the previous phase's, in percentage points. */
  shareChange: number | null;
  quotes: ChosenQuote[];
}

export interface JointUnit {
  /** Join target → value, the phase left out. */
  unit: Record<string, string>;
  label: string;
  points: JointPoint[];
}

export interface Joint {
  measure: string;
  code: string;
  codeLabel: string;
  file: string;
  phase: string;
  phases: string[];
  /** The join targets other than the phase (`group`, `participant`, …). */
  by: string[];
  units: JointUnit[];
}

/** The table that has the measure column, or undefined. */
export function measureTable(corpus: Corpus, measure: string): MeasureTable | undefined {
  return corpus.measures?.find((table) => table.columns.includes(measure));
}

/** Every measure column of the project, in file order. */
export function measureColumns(corpus: Corpus): string[] {
  return [...new Set((corpus.measures ?? []).flatMap((table) => table.columns))];
}

function speakerOf(note: Note, segment: Segment, wanted: string): boolean {
  if (!segment.speaker) return false;
  const key = canonicalName(wanted);
  const speaker = canonicalName(segment.speaker);
  return note.participants.some((p) => canonicalName(p.label) === speaker && (canonicalName(p.label) === key || (typeof p.pseudonym === 'string' && canonicalName(p.pseudonym) === key)));
}

export function jointDisplay(corpus: Corpus, table: MeasureTable, filters: Filters, options: JointOptions): Joint {
  const targets = [...new Set(Object.values(table.join))];
  const by = targets.filter((t) => t !== options.phase);
  const phaseSpec = corpus.variables.find((v) => v.name === options.phase);
  const { notes, codings } = selectCorpus(corpus, { ...filters, codes: [] });
  const phases = variableValues(phaseSpec, options.phase, notes, []).filter((p) => !filters.where[options.phase] || filters.where[options.phase].includes(p));
  const family = codeFamily(corpus.codebook, options.code);
  const codedSegments = new Set(codings.filter((c) => family.has(c.code)).flatMap((c) => c.segments));
  const key = (unit: Record<string, string>): string => JSON.stringify(by.map((t) => (t === PARTICIPANT ? canonicalName(unit[t]) : unit[t])));
  const units = new Map<string, Record<string, string>>();
  for (const row of table.rows) {
    const unit = Object.fromEntries(by.map((t) => [t, row.keys[t]]));
    if (by.some((t) => t !== PARTICIPANT && filters.where[t] && !filters.where[t].includes(unit[t]))) continue;
    if (!units.has(key(unit))) units.set(key(unit), unit);
  }
  const rank = (t: string, value: string): number => {
    const declared = corpus.variables.find((v) => v.name === t)?.values ?? [];
    return declared.includes(value) ? declared.indexOf(value) : declared.length;
  };
  const ordered = [...units.values()].sort((a, b) => {
    for (const t of by) {
      const d = rank(t, a[t]) - rank(t, b[t]) || compareValues(a[t], b[t]);
      if (d !== 0) return d;
    }
    return 0;
  });
  const result: JointUnit[] = ordered.map((unit) => {
    let previous: JointPoint | undefined;
    const points = phases.map((phase) => {
      const row = table.rows.find((r) => r.keys[options.phase] === phase && key(Object.fromEntries(by.map((t) => [t, r.keys[t]]))) === key(unit));
      const measure = row?.values[options.measure] ?? null;
      const inCell = notes.filter((note) => noteValue(note, options.phase) === phase && by.every((t) => t === PARTICIPANT || noteValue(note, t) === unit[t]));
      const participant = by.includes(PARTICIPANT) ? unit[PARTICIPANT] : undefined;
      const segments = inCell.flatMap((note) => note.segments.filter((s) => participant === undefined || speakerOf(note, s, participant)));
      const coded = segments.filter((s) => codedSegments.has(s.id)).length;
      const share = segments.length > 0 ? coded / segments.length : null;
      const where = { ...filters.where, [options.phase]: [phase], ...Object.fromEntries(by.filter((t) => t !== PARTICIPANT).map((t) => [t, [unit[t]]])) };
      const quoted = collectQuotes(corpus, [], { ...filters, where, codes: [options.code] });
      const inSegments = new Set(segments.map((s) => `${s.note}\u0000${s.range.start.line}`));
      const candidates: ChosenQuote[] = quoted.sections
        .flatMap((section) => section.groups.flatMap((g) => g.quotes))
        .filter((q) => participant === undefined || inSegments.has(`${q.note}\u0000${q.line}`) || (q.speaker !== undefined && canonicalName(q.speaker) === canonicalName(participant)))
        .map((q) => ({ ...q, group: '' }));
      const point: JointPoint = {
        phase,
        measure,
        segments: segments.length,
        coded,
        share,
        measureChange: previous && previous.measure !== null && measure !== null ? measure - previous.measure : null,
        shareChange: previous && previous.share !== null && share !== null ? (share - previous.share) * 100 : null,
        quotes: chooseQuotes(candidates, [''], options.quotes),
      };
      previous = point;
      return point;
    });
    return { unit, label: by.map((t) => unit[t]).join(' · '), points };
  });
  return { measure: options.measure, code: options.code, codeLabel: corpus.codebook.byId.get(options.code)?.label ?? options.code, file: table.file, phase: options.phase, phases, by, units: result };
}
