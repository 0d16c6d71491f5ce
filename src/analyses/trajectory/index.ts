// Each case followed across phases: share per code and phase, change, quotes.
import type { Corpus } from '../../types.js';
import { trajectory, type Trajectory } from '../../core/trajectory.js';
import { requirePhase } from '../phase.js';
import type { ReportSpec } from '../spec.js';

export function analyse(corpus: Corpus, spec: ReportSpec): Trajectory {
  const matrix = spec.matrix ?? { rows: 'group', cols: [] };
  const cols = matrix.cols.length > 0 ? matrix.cols : corpus.codebook.codes.map((c) => c.id);
  return trajectory(corpus, spec.filters, { rows: matrix.rows, codes: cols, phase: requirePhase(corpus, matrix.per), quotes: spec.quotes });
}
