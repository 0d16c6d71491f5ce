// One module per report kind, each `analyse(corpus, spec) → result`; the
// reporters in src/reporters/registry.ts turn a result into each format.
// A new kind: a folder here, its reporters, one line below and one in the registry.
import { analyse as frequencies } from './frequencies/index.js';
import { analyse as quotes } from './quotes/index.js';
import { analyse as cooccurrence } from './cooccurrence/index.js';
import { analyse as phaseChange } from './phase-change/index.js';
import { analyse as phaseReport } from './phase-report/index.js';
import { analyse as saturation } from './saturation/index.js';
import { analyse as matrix } from './matrix/index.js';
import { analyse as trajectory } from './trajectory/index.js';
import { analyse as memoTrail } from './memo-trail/index.js';
import { analyse as joint } from './joint/index.js';
import { analyse as methods } from './methods/index.js';

export const analyses = {
  frequencies,
  quotes,
  cooccurrence,
  'phase-change': phaseChange,
  'phase-report': phaseReport,
  saturation,
  matrix,
  trajectory,
  'memo-trail': memoTrail,
  joint,
  methods,
} as const;

export type KindResults = { [K in keyof typeof analyses]: ReturnType<(typeof analyses)[K]> };

export { COMMON_KEYS, KIND_KEYS, REPORT_KINDS, type ReportKind, type ReportSpec } from './spec.js';
export { ReportError, type DeclarationPosition } from './report-error.js';
