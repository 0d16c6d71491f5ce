import type { Corpus } from '../types.js';
import { phaseVariable } from '../core/phase-change.js';
import { ReportError } from './report-error.js';

/** The phase variable a phase kind reads: the spec's, else the project's ordered variable. */
export function requirePhase(corpus: Corpus, phase: string | undefined): string {
  const found = phaseVariable(corpus.variables, phase);
  if (!found) throw new ReportError(phase ? `Unexpected phase variable \`${phase}\`, expected a declared variable` : 'Cannot find a phase variable: declare one with `ordered: true`, or name it with `phase`');
  return found;
}
