// Code saturation per cell of the `by` breakdown (Guest, Namey & Chen 2020).
import type { Corpus } from '../../types.js';
import { saturation, SATURATION_DEFAULTS, undatedNotes, type Saturation, type SaturationOptions } from '../../core/saturation.js';
import type { Checked } from '../../model/checked.js';
import { SpecReader } from '../parse.js';
import type { RawSpec, SaturationSpec, SpecContext } from '../spec.js';

/** At most this many notes are named in the missing-date message. */
const NAMED = 5;

/**
 * On the command line, notes without a date are the notes' problem (one
 * `missing-date` error each, see `missingDates`); a declaration that orders by
 * date where notes have none is the declaration's.
 */
export function parseSpec(raw: RawSpec, context: SpecContext): Checked<SaturationSpec> {
  const reader = new SpecReader(raw, context);
  const by = reader.by(['group', 'phase'].filter((name) => reader.variables.includes(name)));
  const spec: SaturationSpec = { ...reader.base('saturation'), by, saturation: parseOptions(reader) };
  if (context.from === 'declaration' && reader.problems.length === 0 && spec.saturation?.order === 'date') {
    const undated = undatedNotes(context.corpus, spec.filters);
    if (undated.length > 0) {
      const named = undated.slice(0, NAMED).map((note) => `\`${note.path}\``).join(', ');
      const more = undated.length > NAMED ? ` and ${undated.length - NAMED} more` : '';
      reader.fail(`Cannot order notes by \`date\`: ${named}${more} ${undated.length === 1 ? 'has' : 'have'} no \`date\` in the front matter; add one (YYYY-MM-DD), or order by id with \`--order id\` (\`order: id\`)`);
    }
  }
  return reader.done(spec);
}

export function analyse(corpus: Corpus, spec: SaturationSpec): Saturation {
  return saturation(corpus, spec.by, spec.filters, spec.saturation ?? SATURATION_DEFAULTS);
}

/**
 * `base`, `run` (whole numbers ≥ 1), `threshold` (a percentage 0–100) and `order`.
 */
function parseOptions(reader: SpecReader): SaturationOptions {
  const whole = (key: 'base' | 'run'): number => {
    const raw = reader.raw[key];
    if (raw === undefined) return SATURATION_DEFAULTS[key];
    const value = typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : raw;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
      reader.unexpected(key, raw, 'a whole number of notes, at least 1');
      return SATURATION_DEFAULTS[key];
    }
    return value;
  };
  let threshold = SATURATION_DEFAULTS.threshold;
  const raw = reader.raw.threshold;
  if (raw !== undefined) {
    const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw.trim().replace(/%$/, '')) : raw;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 100) reader.unexpected('threshold', raw, 'a percentage from 0 to 100 (e.g. 5 for ≤5% new information)');
    else threshold = value / 100;
  }
  const order = reader.choice('order', ['date', 'id'] as const, SATURATION_DEFAULTS.order, 'date or id');
  return { base: whole('base'), run: whole('run'), threshold, order };
}
