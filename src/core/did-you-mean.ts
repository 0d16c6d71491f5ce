import { distance } from 'fastest-levenshtein';

/** The closest candidate within a small edit distance, for "did you mean" hints. */
export function didYouMean(value: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  const limit = Math.max(2, Math.floor(value.length / 3));
  for (const candidate of candidates) {
    const d = distance(value, candidate);
    if (d < bestDistance || (d === bestDistance && best !== undefined && candidate < best)) {
      best = candidate;
      bestDistance = d;
    }
  }
  return bestDistance <= limit ? best : undefined;
}

/** ` (did you mean `x`?)` or the empty string. */
export function hint(value: string, candidates: Iterable<string>): string {
  const best = didYouMean(value, candidates);
  return best ? ` (did you mean \`${best}\`?)` : '';
}
