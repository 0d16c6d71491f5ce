// Which codes occur together in one segment or document.
import type { Corpus } from '../../types.js';
import { cooccurrence, type Cooccurrence } from '../../core/cooccurrence.js';
import type { ReportSpec } from '../spec.js';

export function analyse(corpus: Corpus, spec: ReportSpec): Cooccurrence {
  return cooccurrence(corpus, spec.by, spec.filters, spec.unit);
}
