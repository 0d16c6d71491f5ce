// Coefficients for binary reliability data given as weighted patterns, for the
// character unit where every character is a unit and listing them one by one
// would cost memory for nothing. Each pattern is one coder vector (1 = coded,
// 0 = not) with the number of units that share it; no value is missing.
// The formulas are the ones of coefficients.ts specialised to two categories;
// test/agree/weighted.test.ts checks they equal the library on expanded rows.
import { cohenKappa, type KappaResult, type PercentAgreementResult, type AlphaResult, type BrennanPredigerResult } from './coefficients.js';

export interface BinaryPattern {
  values: ReadonlyArray<0 | 1>;
  weight: number;
}

export interface BinaryCoefficients {
  percent: PercentAgreementResult;
  /** Cohen's kappa for two coders, Fleiss' kappa for three or more. */
  kappa: KappaResult;
  brennanPrediger: BrennanPredigerResult;
  alpha: Pick<AlphaResult, 'value' | 'degenerate' | 'observedDisagreement' | 'expectedDisagreement' | 'pairableValues' | 'pairableUnits'>;
}

/** Coefficients of binary data with m ≥ 2 coders and no missing values, from weighted patterns. */
export function binaryPatternCoefficients(patterns: ReadonlyArray<BinaryPattern>, coders: number): BinaryCoefficients {
  const m = coders;
  if (!Number.isInteger(m) || m < 2) throw new RangeError(`binaryPatternCoefficients: needs at least two coders, got ${m}`);
  let units = 0;
  let agreeSum = 0;
  let ones = 0;
  let disagreeingPairs = 0; // Σ w k (m − k)
  const table = [
    [0, 0],
    [0, 0],
  ];
  for (const { values, weight } of patterns) {
    if (values.length !== m) throw new RangeError(`binaryPatternCoefficients: pattern has ${values.length} values, expected ${m}`);
    if (!(weight >= 0) || !Number.isFinite(weight)) throw new RangeError(`binaryPatternCoefficients: weight must be a finite non-negative number, got ${weight}`);
    if (weight === 0) continue;
    const k = values.reduce<number>((s, v) => s + v, 0);
    units += weight;
    ones += weight * k;
    agreeSum += (weight * (k * (k - 1) + (m - k) * (m - k - 1))) / (m * (m - 1));
    disagreeingPairs += weight * k * (m - k);
    if (m === 2) table[values[0]][values[1]] += weight;
  }
  if (units === 0) {
    const none = { value: null, degenerate: 'no-pairable-units' as const };
    return {
      percent: { ...none, pairableUnits: 0 },
      kappa: { ...none, observedAgreement: null, chanceAgreement: null, units: 0 },
      brennanPrediger: { ...none, observedAgreement: null, chanceAgreement: null, units: 0, categoryCount: 2 },
      alpha: { ...none, observedDisagreement: null, expectedDisagreement: null, pairableValues: 0, pairableUnits: 0 },
    };
  }
  const po = agreeSum / units;
  const percent: PercentAgreementResult = { value: po, pairableUnits: units };
  let kappa: KappaResult;
  if (m === 2) kappa = cohenKappa(table);
  else {
    const p1 = ones / (units * m);
    const pe = p1 * p1 + (1 - p1) * (1 - p1);
    kappa = 1 - pe <= 1e-12 ? { value: null, degenerate: 'no-variation', observedAgreement: po, chanceAgreement: pe, units } : { value: (po - pe) / (1 - pe), observedAgreement: po, chanceAgreement: pe, units };
  }
  const brennanPrediger: BrennanPredigerResult = { value: 2 * po - 1, observedAgreement: po, chanceAgreement: 0.5, units, categoryCount: 2 };
  const n = units * m;
  const zeros = n - ones;
  let alpha: BinaryCoefficients['alpha'];
  if (ones === 0 || zeros === 0) {
    alpha = { value: 1, degenerate: 'no-variation', observedDisagreement: 0, expectedDisagreement: 0, pairableValues: n, pairableUnits: units };
  } else {
    const o01 = disagreeingPairs / (m - 1);
    alpha = {
      value: 1 - ((n - 1) * o01) / (ones * zeros),
      observedDisagreement: (2 * o01) / n,
      expectedDisagreement: (2 * ones * zeros) / (n * (n - 1)),
      pairableValues: n,
      pairableUnits: units,
    };
  }
  return { percent, kappa, brennanPrediger, alpha };
}
