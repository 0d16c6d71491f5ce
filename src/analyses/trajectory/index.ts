// Each case followed across phases: share per code and phase, change, quotes.
import type { Corpus } from '../../types.js';
import { trajectory, type Trajectory } from '../../core/trajectory.js';
import type { Checked } from '../../model/checked.js';
import { phaseOf } from '../phase.js';
import type { RawSpec, SpecContext, TrajectorySpec } from '../spec.js';
import { parseShapedSpec } from '../matrix/shape.js';

export function parseSpec(raw: RawSpec, context: SpecContext): Checked<TrajectorySpec> {
  return parseShapedSpec('trajectory', raw, context);
}

export function analyse(corpus: Corpus, spec: TrajectorySpec): Trajectory {
  const matrix = spec.matrix ?? { rows: 'group', cols: [] };
  const cols = matrix.cols.length > 0 ? matrix.cols : corpus.codebook.codes.map((c) => c.id);
  return trajectory(corpus, spec.filters, { rows: matrix.rows, codes: cols, phase: phaseOf(corpus, matrix.per), quotes: spec.quotes });
}
