// Did-you-mean for a variable's value. Ordered values (phases) are matched by
// what they mean before how they are spelt: `2` is one letter from `I` but
// means `II`, and `IV` should suggest nothing when there are three phases.
import type { VariableSpec } from '../types.js';
import { didYouMean } from './did-you-mean.js';
import { romanValue } from './variables.js';

/** The number a value stands for: `2`, `II` and `ii` all mean 2. */
function meaning(value: string): number | undefined {
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  return romanValue(trimmed.toUpperCase());
}

/** The value meant by `value`, among `candidates` (the variable's values in order). */
export function suggestValue(value: string, spec: VariableSpec | undefined, candidates: string[]): string | undefined {
  const meant = meaning(value);
  if (spec?.ordered && meant !== undefined) {
    const same = candidates.find((candidate) => meaning(candidate) === meant);
    if (same !== undefined) return same;
    // Named phases (baseline, interim, …): a number is a position.
    if (candidates.every((candidate) => meaning(candidate) === undefined) && meant >= 1 && meant <= candidates.length) return candidates[meant - 1];
    return undefined;
  }
  return didYouMean(value, candidates);
}

/** ` (did you mean `x`?)` or the empty string. */
export function valueHint(value: string, spec: VariableSpec | undefined, candidates: string[]): string {
  const best = suggestValue(value, spec, candidates);
  return best ? ` (did you mean \`${best}\`?)` : '';
}
