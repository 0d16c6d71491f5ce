// Code frequencies per cell of the `by` breakdown.
import type { Corpus } from '../../types.js';
import { aggregate, type Frequencies } from '../../core/aggregate.js';
import type { ReportSpec } from '../spec.js';

export function analyse(corpus: Corpus, spec: ReportSpec): Frequencies {
  return aggregate(corpus, spec.by, spec.filters);
}
