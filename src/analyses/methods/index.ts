// The methods appendix: sample, coders, agreement, saturation, codebook, rules, pseudonyms, provenance.
import type { Corpus } from '../../types.js';
import { methodsAppendix, type Methods } from '../../core/methods.js';
import type { Checked } from '../../model/checked.js';
import { SpecReader } from '../parse.js';
import type { MethodsSpec, RawSpec, SpecContext } from '../spec.js';

/** `coders`: two or more coders who have codings. `commit` comes only from `methods --commit`. */
export function parseSpec(raw: RawSpec, context: SpecContext): Checked<MethodsSpec> {
  const reader = new SpecReader(raw, context);
  const spec: MethodsSpec = reader.base('methods');
  if (typeof raw.commit === 'string') spec.commit = raw.commit;
  const coders = reader.list('coders');
  if (coders === undefined) return reader.done(spec);
  spec.coders = coders;
  const found = [...new Set(context.corpus.codings.filter((c) => c.origin !== 'suggestion').map((c) => c.coder))].sort();
  const unknown = coders.find((coder) => !found.includes(coder));
  if (unknown !== undefined) reader.fail(`Unexpected coder \`${unknown}\` in \`coders\`, expected one of ${found.map((c) => `\`${c}\``).join(', ') || '(no coder has codings)'}`, 'coders');
  else if (coders.length === 1) reader.fail('Unexpected one coder in `coders`, expected two or more to compare', 'coders');
  return reader.done(spec);
}

export function analyse(corpus: Corpus, spec: MethodsSpec): Methods {
  return methodsAppendix(corpus, spec.filters, spec.coders);
}
