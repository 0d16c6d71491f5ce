// Each code's share per phase, per group.
import type { Corpus } from '../../types.js';
import { phaseChange, type PhaseChange } from '../../core/phase-change.js';
import { requirePhase } from '../phase.js';
import type { ReportSpec } from '../spec.js';

export function analyse(corpus: Corpus, spec: ReportSpec): PhaseChange {
  return phaseChange(corpus, requirePhase(corpus, spec.phase), spec.by, spec.filters);
}
