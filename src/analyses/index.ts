// One module per report kind, each `parseSpec(raw, context) → Checked<spec>`
// and `analyse(corpus, spec) → result`; the reporters in
// src/reporters/registry.ts turn a result into each format.
// A new kind: a folder here, its reporters, one line below and one in the registry.
import type { Checked } from '../model/checked.js';
import * as frequencies from './frequencies/index.js';
import * as quotes from './quotes/index.js';
import * as cooccurrence from './cooccurrence/index.js';
import * as phaseChange from './phase-change/index.js';
import * as phaseReport from './phase-report/index.js';
import * as saturation from './saturation/index.js';
import * as matrix from './matrix/index.js';
import * as trajectory from './trajectory/index.js';
import * as memoTrail from './memo-trail/index.js';
import * as joint from './joint/index.js';
import * as methods from './methods/index.js';
import type { RawSpec, ReportKind, ReportSpec, SpecContext, SpecOf } from './spec.js';
import type { Corpus } from '../types.js';

const kinds = {
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

export const analyses = {
  frequencies: frequencies.analyse,
  quotes: quotes.analyse,
  cooccurrence: cooccurrence.analyse,
  'phase-change': phaseChange.analyse,
  'phase-report': phaseReport.analyse,
  saturation: saturation.analyse,
  matrix: matrix.analyse,
  trajectory: trajectory.analyse,
  'memo-trail': memoTrail.analyse,
  joint: joint.analyse,
  methods: methods.analyse,
} as const;

export type KindResults = { [K in keyof typeof analyses]: ReturnType<(typeof analyses)[K]> };

/** The raw keys of one report, checked by its kind's `parseSpec`. */
export function parseSpec<K extends ReportKind>(kind: K, raw: RawSpec, context: SpecContext): Checked<SpecOf<K>> {
  return (kinds[kind].parseSpec as (raw: RawSpec, context: SpecContext) => Checked<SpecOf<K>>)(raw, context);
}

/** The result of the spec's own kind. */
export function analyse(corpus: Corpus, spec: ReportSpec): KindResults[ReportKind] {
  return (analyses[spec.kind] as (corpus: Corpus, spec: ReportSpec) => KindResults[ReportKind])(corpus, spec);
}

export { COMMON_KEYS, KIND_KEYS, REPORT_KINDS, byOf, type DeclarationPosition, type RawSpec, type ReportKind, type ReportSpec, type SpecContext, type SpecOf } from './spec.js';
export { commandLineContext, declarationContext } from './parse.js';
