// What every report kind is asked: the resolved spec a command's flags or a
// declaration under `reports:` become.
import type { CooccurrenceMeasure, CooccurrenceUnit } from '../core/cooccurrence.js';
import type { Filters } from '../core/select.js';
import type { SaturationOptions } from '../core/saturation.js';
import type { ChangeThresholds } from '../core/phase-change.js';
import type { JointSpec } from './joint/index.js';

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

/** Everything one report needs, resolved and checked. */
export interface ReportSpec {
  kind: ReportKind;
  format: string;
  /** Breakdown (frequencies, quotes, cooccurrence) or groups (phase-change). */
  by: string[];
  filters: Filters;
  unit: CooccurrenceUnit;
  measure: CooccurrenceMeasure;
  /** The phase variable (phase-change, phase-report). */
  phase?: string;
  /** The group variable (phase-report). */
  group?: string;
  per: 'phase' | 'group-phase';
  quotes: number;
  top: number;
  pseudonymize: boolean;
  title?: string;
  /** Base size, run length, threshold and order (saturation). */
  saturation?: SaturationOptions;
  /** Thresholds of Saldaña's change categories (phase-change, phase-report). */
  change?: ChangeThresholds;
  /** The declared report's name (a matrix's summaries are `summaries/<name>.md`). */
  name?: string;
  /** Matrix and trajectory: the case dimension of the rows, the codes of the columns, the phase variable. */
  matrix?: { rows: string; cols: string[]; per?: string; summaries?: string };
  /** The measure column and quotes per cell (joint). */
  joint?: JointSpec;
  /** The git commit the methods appendix names (only from `methods --commit`). */
  commit?: string;
  /** The coders whose agreement the methods appendix reports (default: every coder with codings). */
  coders?: string[];
}
