// A report per phase: what changed, the top codes and their quotes.
import type { Corpus } from '../../types.js';
import { phaseReport, PHASE_REPORT_DEFAULTS, type PhaseReport } from '../../core/phase-report.js';
import { CHANGE_DEFAULTS } from '../../core/phase-change.js';
import { COOCCURRENCE_UNITS } from '../../core/cooccurrence.js';
import type { Checked } from '../../model/checked.js';
import { SpecReader } from '../parse.js';
import { checkPhase, phaseOf } from '../phase.js';
import { parseThresholds } from '../phase-change/index.js';
import type { PhaseReportSpec, RawSpec, SpecContext } from '../spec.js';

export function parseSpec(raw: RawSpec, context: SpecContext): Checked<PhaseReportSpec> {
  const reader = new SpecReader(raw, context);
  const base = reader.base('phase-report');
  const unit = reader.choice('unit', COOCCURRENCE_UNITS, 'segment', 'segment or document');
  const per = reader.choice('per', ['phase', 'group-phase'] as const, PHASE_REPORT_DEFAULTS.per, 'phase or group-phase');
  const spec: PhaseReportSpec = { ...base, unit, per, quotes: reader.count('quotes', PHASE_REPORT_DEFAULTS.quotes), top: reader.count('top', PHASE_REPORT_DEFAULTS.top) };
  const phase = reader.variable('phase');
  if (phase !== undefined) spec.phase = phase;
  const group = reader.variable('group');
  if (group !== undefined) spec.group = group;
  spec.change = parseThresholds(reader);
  checkPhase(reader, 'phase', phase);
  return reader.done(spec);
}

export function analyse(corpus: Corpus, spec: PhaseReportSpec): PhaseReport {
  const phase = phaseOf(corpus, spec.phase);
  const names = corpus.variables.map((v) => v.name);
  const group = spec.group ?? (names.includes('group') && phase !== 'group' ? 'group' : undefined);
  return phaseReport(corpus, spec.filters, { phase, ...(group ? { group } : {}), per: spec.per, quotes: spec.quotes, top: spec.top, unit: spec.unit, change: spec.change ?? CHANGE_DEFAULTS });
}
