// The methods appendix: sample, coders, agreement, saturation, codebook, rules, pseudonyms, provenance.
import type { Corpus } from '../../types.js';
import { methodsAppendix, type Methods } from '../../core/methods.js';
import type { ReportSpec } from '../spec.js';

export function analyse(corpus: Corpus, spec: ReportSpec): Methods {
  return methodsAppendix(corpus, spec.filters);
}
