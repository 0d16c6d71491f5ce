// A report per phase: what changed, the top codes and their quotes.
import type { Corpus } from '../../types.js';
import { phaseReport, type PhaseReport } from '../../core/phase-report.js';
import { CHANGE_DEFAULTS } from '../../core/phase-change.js';
import { requirePhase } from '../phase.js';
import type { ReportSpec } from '../spec.js';

export function analyse(corpus: Corpus, spec: ReportSpec): PhaseReport {
  const phase = requirePhase(corpus, spec.phase);
  const names = corpus.variables.map((v) => v.name);
  const group = spec.group ?? (names.includes('group') && phase !== 'group' ? 'group' : undefined);
  return phaseReport(corpus, spec.filters, { phase, ...(group ? { group } : {}), per: spec.per, quotes: spec.quotes, top: spec.top, unit: spec.unit, change: spec.change ?? CHANGE_DEFAULTS });
}
