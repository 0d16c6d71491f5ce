import { distance } from 'fastest-levenshtein';

/**
 * The form two spellings are compared in: no case, no diacritics, so `us-hus`
 * finds `ús-hûs`, the likeliest slip in a Frisian or Dutch study typed on a
 * plain keyboard.
 */
export function fold(value: string): string {
  return value.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The closest candidate within a small edit distance, for "did you mean" hints. */
export function didYouMean(value: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  let bestExact = Infinity;
  const folded = fold(value);
  const limit = Math.max(2, Math.floor(value.length / 3));
  for (const candidate of candidates) {
    // Ranked by the folded spelling, then by the exact one among equals.
    const d = distance(folded, fold(candidate));
    const exact = distance(value, candidate);
    if (d < bestDistance || (d === bestDistance && (exact < bestExact || (exact === bestExact && best !== undefined && candidate < best)))) {
      best = candidate;
      bestDistance = d;
      bestExact = exact;
    }
  }
  return bestDistance <= limit ? best : undefined;
}

/** ` (did you mean `x`?)` or the empty string. */
export function hint(value: string, candidates: Iterable<string>): string {
  const best = didYouMean(value, candidates);
  return best ? ` (did you mean \`${best}\`?)` : '';
}
