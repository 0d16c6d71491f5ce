// Coefficients that credit near misses between ordered categories: Cohen's
// weighted kappa (Cohen 1968) and Gwet's AC1/AC2 (Gwet 2008, 2014), plus the
// agreement weights they share. Same API convention as coefficients.ts:
// malformed input throws, undefined values are `null` with a `degenerate`
// reason. Formulas, conventions and sources: docs/agreement.md.
import { compareValues, presentValues, type CodeValue, type KappaResult, type UnitsByCoders } from './coefficients.js';

/** `identity` = no credit for near misses (AC1); `linear` and `quadratic` over category ranks. */
export type WeightScheme = 'identity' | 'linear' | 'quadratic';

/**
 * Agreement weights w_kl in [0, 1] over q ordered categories, from their ranks
 * (0 … q−1), not their values: w = 1 − |k−l|/(q−1) (linear), 1 − (k−l)²/(q−1)²
 * (quadratic), 1 when k = l and 0 otherwise (identity). Ranks follow the R
 * package irr (`kappa2`) and scikit-learn, which treat the observed levels as
 * equally spaced.
 */
export function agreementWeights(q: number, scheme: WeightScheme): number[][] {
  if (!Number.isInteger(q) || q < 1) throw new RangeError(`agreementWeights: q must be a positive integer, got ${q}`);
  return Array.from({ length: q }, (_, k) =>
    Array.from({ length: q }, (_, l) => {
      if (k === l) return 1;
      if (scheme === 'identity') return 0;
      const d = Math.abs(k - l) / (q - 1);
      return scheme === 'linear' ? 1 - d : 1 - d * d;
    }),
  );
}

/** Result of {@link gwetAC}. */
export interface GwetResult extends KappaResult {
  /** q: the categories chance agreement is spread over. */
  categoryCount: number;
  weights: WeightScheme;
}

/**
 * Cohen's weighted kappa for two coders, from their contingency table.
 *
 * κ_w = (p_o(w) − p_e(w)) / (1 − p_e(w)) with p_o(w) = Σ w_ij n_ij / N and
 * p_e(w) = Σ w_ij n_i· n_·j / N², w from {@link agreementWeights}. Rows and
 * columns must be in the categories' order (as {@link contingencyTable} gives them).
 *
 * @returns `null` with `no-pairable-units` when N = 0, `no-variation` when p_e(w) = 1.
 * @throws {RangeError} When the table is not square or holds a negative or non-finite count.
 */
export function weightedKappa(table: ReadonlyArray<ReadonlyArray<number>>, scheme: Exclude<WeightScheme, 'identity'>): KappaResult {
  const q = table.length;
  table.forEach((row, i) => {
    if (!Array.isArray(row) || row.length !== q) throw new RangeError(`weightedKappa: table must be square; row ${i} has ${Array.isArray(row) ? row.length : 'no'} entries, expected ${q}`);
    row.forEach((x, j) => {
      if (typeof x !== 'number' || !Number.isFinite(x) || x < 0) throw new RangeError(`weightedKappa: entry [${i}][${j}] must be a finite non-negative count, got ${String(x)}`);
    });
  });
  const n = table.reduce((s, row) => s + row.reduce((t, x) => t + x, 0), 0);
  if (n === 0) return { value: null, degenerate: 'no-pairable-units', observedAgreement: null, chanceAgreement: null, units: 0 };
  const w = agreementWeights(q, scheme);
  const rows = table.map((row) => row.reduce((s, x) => s + x, 0));
  const cols = Array.from({ length: q }, (_, j) => table.reduce((s, row) => s + row[j], 0));
  let observed = 0;
  let chance = 0;
  for (let i = 0; i < q; i++) {
    for (let j = 0; j < q; j++) {
      observed += w[i][j] * table[i][j];
      chance += w[i][j] * rows[i] * cols[j];
    }
  }
  const observedAgreement = observed / n;
  const chanceAgreement = chance / (n * n);
  if (1 - chanceAgreement <= 1e-12) return { value: null, degenerate: 'no-variation', observedAgreement, chanceAgreement, units: n };
  return { value: (observedAgreement - chanceAgreement) / (1 - chanceAgreement), observedAgreement, chanceAgreement, units: n };
}

/**
 * Gwet's agreement coefficient: AC1 with identity weights (nominal data), AC2
 * with linear or quadratic weights (ordered data); any number of coders,
 * missing values allowed. This is the raw-data form of Gwet (2014) as the
 * R package irrCAC (`gwet.ac1.raw`) computes it:
 *
 * - r_ik: coders who put unit i in category k; r_i = Σ_k r_ik; r*_ik = Σ_l w_kl r_il.
 * - p_a = mean over units with r_i ≥ 2 of Σ_k r_ik (r*_ik − 1) / (r_i (r_i − 1)).
 * - π_k = mean over units with r_i ≥ 1 of r_ik / r_i.
 * - p_e = T_w / (q (q − 1)) · Σ_k π_k (1 − π_k), T_w = Σ_kl w_kl.
 * - AC = (p_a − p_e) / (1 − p_e).
 *
 * q is the number of distinct values any coder gave (units with a single value
 * included), ordered as {@link compareValues} orders them; weights use ranks.
 *
 * @returns `null` with `no-pairable-units` when no unit has two values, and
 *   with `no-variation` when q = 1 (only one category was used).
 * @throws {TypeError | RangeError} On values that are not strings or finite numbers.
 */
export function gwetAC(unitsByCoders: UnitsByCoders, scheme: WeightScheme = 'identity'): GwetResult {
  const rated: CodeValue[][] = [];
  const distinct = new Set<CodeValue>();
  unitsByCoders.forEach((unit, u) => {
    const values = presentValues(unit, u);
    for (const v of values) distinct.add(v);
    if (values.length > 0) rated.push(values);
  });
  const categories = [...distinct].sort(compareValues);
  const q = categories.length;
  const pairable = rated.filter((values) => values.length >= 2);
  const base = { categoryCount: q, weights: scheme };
  if (pairable.length === 0) return { ...base, value: null, degenerate: 'no-pairable-units', observedAgreement: null, chanceAgreement: null, units: 0 };
  const index = new Map(categories.map((c, i) => [c, i] as const));
  const w = agreementWeights(q, scheme);
  const countsOf = (values: CodeValue[]): number[] => {
    const r = new Array<number>(q).fill(0);
    for (const v of values) r[index.get(v)!] += 1;
    return r;
  };
  let sumAgreement = 0;
  for (const values of pairable) {
    const r = countsOf(values);
    const ri = values.length;
    let s = 0;
    for (let k = 0; k < q; k++) {
      if (r[k] === 0) continue;
      let weighted = 0;
      for (let l = 0; l < q; l++) weighted += w[k][l] * r[l];
      s += r[k] * (weighted - 1);
    }
    sumAgreement += s / (ri * (ri - 1));
  }
  const observedAgreement = sumAgreement / pairable.length;
  if (q === 1) return { ...base, value: null, degenerate: 'no-variation', observedAgreement, chanceAgreement: null, units: pairable.length };
  const pi = new Array<number>(q).fill(0);
  for (const values of rated) countsOf(values).forEach((r, k) => (pi[k] += r / values.length / rated.length));
  const tw = w.reduce((s, row) => s + row.reduce((t, x) => t + x, 0), 0);
  const chanceAgreement = (tw / (q * (q - 1))) * pi.reduce((s, p) => s + p * (1 - p), 0);
  return { ...base, value: (observedAgreement - chanceAgreement) / (1 - chanceAgreement), observedAgreement, chanceAgreement, units: pairable.length };
}
