// Code frequencies per cell of the `by` breakdown.
import type { Corpus } from '../../types.js';
import { aggregate, type Frequencies } from '../../core/aggregate.js';
import { caseDimensions } from '../../core/cases.js';
import type { Checked } from '../../model/checked.js';
import { SpecReader } from '../parse.js';
import type { FrequenciesSpec, RawSpec, SpecContext } from '../spec.js';

export function parseSpec(raw: RawSpec, context: SpecContext): Checked<FrequenciesSpec> {
  const reader = new SpecReader(raw, context);
  // Participants are cases for the kinds that count per cell of text.
  const by = reader.by(['group', 'phase'].filter((name) => reader.variables.includes(name)), caseDimensions(context.corpus));
  return reader.done({ ...reader.base('frequencies'), by });
}

export function analyse(corpus: Corpus, spec: FrequenciesSpec): Frequencies {
  return aggregate(corpus, spec.by, spec.filters);
}
