// The coded passages of each code, grouped by the `by` breakdown.
import type { Corpus } from '../../types.js';
import { collectQuotes, type Quotes } from '../../core/quotes.js';
import { caseDimensions } from '../../core/cases.js';
import type { Checked } from '../../model/checked.js';
import { SpecReader } from '../parse.js';
import type { QuotesSpec, RawSpec, SpecContext } from '../spec.js';

export function parseSpec(raw: RawSpec, context: SpecContext): Checked<QuotesSpec> {
  const reader = new SpecReader(raw, context);
  const by = reader.by(['group', 'phase'].filter((name) => reader.variables.includes(name)), caseDimensions(context.corpus));
  return reader.done({ ...reader.base('quotes'), by });
}

export function analyse(corpus: Corpus, spec: QuotesSpec): Quotes {
  return collectQuotes(corpus, spec.by, spec.filters);
}
