// What every report kind is asked: the resolved spec a command's flags or a
// declaration under `reports:` become.
import type { CooccurrenceMeasure, CooccurrenceUnit } from '../core/cooccurrence.js';
import type { Filters } from '../core/select.js';

export const REPORT_KINDS = ['frequencies', 'quotes', 'cooccurrence', 'phase-change', 'phase-report'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

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
}
