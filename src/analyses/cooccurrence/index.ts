// Which codes occur together in one segment or document.
import type { Corpus } from '../../types.js';
import { cooccurrence, COOCCURRENCE_MEASURES, COOCCURRENCE_UNITS, type Cooccurrence } from '../../core/cooccurrence.js';
import type { Checked } from '../../model/checked.js';
import { SpecReader } from '../parse.js';
import type { CooccurrenceSpec, RawSpec, SpecContext } from '../spec.js';

export function parseSpec(raw: RawSpec, context: SpecContext): Checked<CooccurrenceSpec> {
  const reader = new SpecReader(raw, context);
  const by = reader.by([]);
  const base = reader.base('cooccurrence');
  const unit = reader.choice('unit', COOCCURRENCE_UNITS, 'segment', 'segment or document');
  const measure = reader.choice('measure', COOCCURRENCE_MEASURES, 'count', 'count or jaccard');
  return reader.done({ ...base, by, unit, measure });
}

export function analyse(corpus: Corpus, spec: CooccurrenceSpec): Cooccurrence {
  return cooccurrence(corpus, spec.by, spec.filters, spec.unit);
}
