// Code saturation per cell of the `by` breakdown (Guest, Namey & Chen 2020).
import type { Corpus } from '../../types.js';
import { saturation, SATURATION_DEFAULTS, undatedNotes, type Saturation, type SaturationOptions } from '../../core/saturation.js';
import { ReportError } from '../report-error.js';
import type { ReportSpec } from '../spec.js';

/** At most this many notes are named in the missing-date message. */
const NAMED = 5;

export function analyse(corpus: Corpus, spec: ReportSpec): Saturation {
  const options = spec.saturation ?? SATURATION_DEFAULTS;
  if (options.order === 'date') {
    const undated = undatedNotes(corpus, spec.filters);
    if (undated.length > 0) {
      const named = undated.slice(0, NAMED).map((note) => `\`${note.path}\``).join(', ');
      const more = undated.length > NAMED ? ` and ${undated.length - NAMED} more` : '';
      throw new ReportError(`Cannot order notes by \`date\`: ${named}${more} ${undated.length === 1 ? 'has' : 'have'} no \`date\` in the front matter; add one (YYYY-MM-DD), or order by id with \`--order id\` (\`order: id\`)`);
    }
  }
  return saturation(corpus, spec.by, spec.filters, options);
}

/**
 * The saturation keys of a declaration or the command line: `base`, `run`
 * (whole numbers ≥ 1), `threshold` (a percentage 0–100) and `order`.
 * `fail` reports a bad value in the caller's words.
 */
export function parseSpec(values: { base?: unknown; run?: unknown; threshold?: unknown; order?: unknown }, fail: (key: string, value: unknown, expected: string) => never): SaturationOptions {
  const whole = (key: 'base' | 'run'): number => {
    const raw = values[key];
    if (raw === undefined) return SATURATION_DEFAULTS[key];
    const value = typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : raw;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) return fail(key, raw, 'a whole number of notes, at least 1');
    return value;
  };
  let threshold = SATURATION_DEFAULTS.threshold;
  if (values.threshold !== undefined) {
    const raw = values.threshold;
    const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw.trim().replace(/%$/, '')) : raw;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 100) return fail('threshold', raw, 'a percentage from 0 to 100 (e.g. 5 for ≤5% new information)');
    threshold = value / 100;
  }
  const order = values.order ?? SATURATION_DEFAULTS.order;
  if (order !== 'date' && order !== 'id') return fail('order', order, 'date or id');
  return { base: whole('base'), run: whole('run'), threshold, order };
}
