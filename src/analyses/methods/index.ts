// The methods appendix: sample, coders, agreement, saturation, codebook, rules, pseudonyms, provenance.
import type { Corpus } from '../../types.js';
import { methodsAppendix, type Methods } from '../../core/methods.js';
import type { ReportSpec } from '../spec.js';
import { ReportError } from '../report-error.js';

export function analyse(corpus: Corpus, spec: ReportSpec): Methods {
  const found = [...new Set(corpus.codings.filter((c) => c.origin !== 'suggestion').map((c) => c.coder))].sort();
  for (const coder of spec.coders ?? []) {
    if (!found.includes(coder)) throw new ReportError(`Unexpected coder \`${coder}\` in \`coders\`, expected one of ${found.map((c) => `\`${c}\``).join(', ') || '(no coder has codings)'}`);
  }
  if (spec.coders && spec.coders.length === 1) throw new ReportError('Unexpected one coder in `coders`, expected two or more to compare');
  return methodsAppendix(corpus, spec.filters, spec.coders);
}
