// What every report kind is asked: the spec a command's flags or a declaration
// under `reports:` become, one type per kind. Each kind's `parseSpec(raw,
// context)` checks the raw keys against the corpus and returns the spec or
// positioned diagnostics; the command line and the project file use the same one.
import type { CooccurrenceMeasure, CooccurrenceUnit } from '../core/cooccurrence.js';
import type { Filters } from '../core/select.js';
import type { SaturationOptions } from '../core/saturation.js';
import type { ChangeThresholds } from '../core/phase-change.js';
import type { Corpus, Diagnostic } from '../types.js';

export const REPORT_KINDS = ['frequencies', 'quotes', 'cooccurrence', 'phase-change', 'phase-report', 'saturation', 'matrix', 'trajectory', 'memo-trail', 'joint', 'methods'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

/** Keys every declared report may have. */
export const COMMON_KEYS = ['name', 'out', 'kind', 'format', 'where', 'codes', 'coder', 'pseudonymize', 'title'];

/** The further keys each kind reads; any other key is an error, never silently ignored. */
export const KIND_KEYS: Record<ReportKind, string[]> = {
  frequencies: ['by'],
  quotes: ['by'],
  cooccurrence: ['by', 'unit', 'measure'],
  'phase-change': ['by', 'phase', 'constant', 'present'],
  'phase-report': ['phase', 'group', 'per', 'quotes', 'top', 'unit', 'constant', 'present'],
  saturation: ['by', 'base', 'run', 'threshold', 'order'],
  matrix: ['rows', 'cols', 'per', 'quotes', 'summaries'],
  trajectory: ['rows', 'cols', 'per', 'quotes'],
  'memo-trail': [],
  joint: ['measure', 'phase', 'quotes'],
  methods: ['coders'],
};

/** What every spec has, whatever its kind. */
export interface SpecBase<K extends ReportKind> {
  kind: K;
  format: string;
  filters: Filters;
  pseudonymize: boolean;
  title?: string;
  /** The declared report's name (a matrix's summaries are `summaries/<name>.md`). */
  name?: string;
}

export interface FrequenciesSpec extends SpecBase<'frequencies'> {
  by: string[];
}
export interface QuotesSpec extends SpecBase<'quotes'> {
  by: string[];
}
export interface CooccurrenceSpec extends SpecBase<'cooccurrence'> {
  by: string[];
  unit: CooccurrenceUnit;
  measure: CooccurrenceMeasure;
}
export interface PhaseChangeSpec extends SpecBase<'phase-change'> {
  /** The groups. */
  by: string[];
  phase?: string;
  /** Thresholds of Saldaña's change categories. */
  change?: ChangeThresholds;
}
export interface PhaseReportSpec extends SpecBase<'phase-report'> {
  phase?: string;
  group?: string;
  per: 'phase' | 'group-phase';
  quotes: number;
  top: number;
  unit: CooccurrenceUnit;
  change?: ChangeThresholds;
}
export interface SaturationSpec extends SpecBase<'saturation'> {
  by: string[];
  /** Base size, run length, threshold and order. */
  saturation?: SaturationOptions;
}
/** The case dimension of the rows, the codes of the columns, the phase variable (matrix, trajectory). */
export interface MatrixShape {
  rows: string;
  cols: string[];
  per?: string;
  summaries?: string;
}
export interface MatrixSpec extends SpecBase<'matrix'> {
  matrix?: MatrixShape;
  quotes: number;
}
export interface TrajectorySpec extends SpecBase<'trajectory'> {
  matrix?: MatrixShape;
  quotes: number;
}
export type MemoTrailSpec = SpecBase<'memo-trail'>;
export interface JointSpec extends SpecBase<'joint'> {
  phase?: string;
  /** The measure column and quotes per cell. */
  joint: { measure: string; quotes: number };
}
export interface MethodsSpec extends SpecBase<'methods'> {
  /** The git commit the appendix names (only from `methods --commit`). */
  commit?: string;
  /** The coders whose agreement is reported (default: every coder with codings). */
  coders?: string[];
}

/** Everything one report needs, resolved and checked: one type per kind. */
export type ReportSpec = FrequenciesSpec | QuotesSpec | CooccurrenceSpec | PhaseChangeSpec | PhaseReportSpec | SaturationSpec | MatrixSpec | TrajectorySpec | MemoTrailSpec | JointSpec | MethodsSpec;
export type SpecOf<K extends ReportKind> = Extract<ReportSpec, { kind: K }>;

/** The `by` breakdown of a spec, for the kinds that have one. */
export function byOf(spec: ReportSpec): string[] {
  return 'by' in spec ? spec.by : [];
}

/**
 * Where the raw keys come from, and how a problem with one is told. A
 * declaration names a key as `quotes` and a value as `quotes: 3`, and every
 * problem is at the declaration; the command line says `--quotes` and
 * `--quotes 3`, and a problem is at that flag.
 */
export interface SpecContext {
  corpus: Corpus;
  from: 'declaration' | 'command line';
  /** How a message names a key: `quotes` or `--quotes`. */
  key(key: string): string;
  /** The positioned diagnostic of a problem with `key` (or with the spec as a whole); `value`, one of several given for it. */
  problem(message: string, key?: string, value?: string): Diagnostic;
}

/** `quotes: 3` in a declaration, `--quotes 3` on the command line. */
export function keyValue(context: SpecContext, key: string, value: unknown): string {
  return context.from === 'declaration' ? `${key}: ${String(value)}` : `${context.key(key)} ${String(value)}`;
}

/** Where a report declaration is written in the project file. */
export interface DeclarationPosition {
  file: string;
  line: number;
  column: number;
}

/** The raw keys of one report: a declaration's mapping, or the values of a command's flags. */
export type RawSpec = Record<string, unknown>;
