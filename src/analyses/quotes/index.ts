// The coded passages of each code, grouped by the `by` breakdown.
import type { Corpus } from '../../types.js';
import { collectQuotes, type Quotes } from '../../core/quotes.js';
import type { ReportSpec } from '../spec.js';

export function analyse(corpus: Corpus, spec: ReportSpec): Quotes {
  return collectQuotes(corpus, spec.by, spec.filters);
}
