// The conventions for more than two coders that the literature does not agree
// on, as alternatives to coefficients.ts's defaults (docs/agreement.md,
// "More than two coders"). With two coders each equals its default.
import { presentValues, type BrennanPredigerResult, type CodeValue, type PercentAgreementResult, type UnitsByCoders } from './coefficients.js';

/**
 * Mean-pairwise percent agreement (ReCal's "average pairwise percent
 * agreement"): for every pair of coders, the share of the units both gave a
 * value on which they agree; then the mean over the pairs that share a unit.
 * Without missing values it equals {@link percentAgreement}; with missing
 * values a pair that shares few units counts as much as one that shares many.
 *
 * @returns `null` with `no-pairable-units` when no pair of coders shares a unit.
 */
export function meanPairwiseAgreement(unitsByCoders: UnitsByCoders): PercentAgreementResult & { pairs: number } {
  let width = 0;
  let pairableUnits = 0;
  unitsByCoders.forEach((unit, u) => {
    if (presentValues(unit, u).length >= 2) pairableUnits += 1;
    width = Math.max(width, unit.length);
  });
  let sum = 0;
  let pairs = 0;
  for (let a = 0; a < width; a++) {
    for (let b = a + 1; b < width; b++) {
      let shared = 0;
      let agree = 0;
      for (const unit of unitsByCoders) {
        const x = unit[a];
        const y = unit[b];
        if (x === null || x === undefined || y === null || y === undefined) continue;
        shared += 1;
        if (x === y) agree += 1;
      }
      if (shared === 0) continue;
      pairs += 1;
      sum += agree / shared;
    }
  }
  if (pairs === 0) return { value: null, degenerate: 'no-pairable-units', pairableUnits: 0, pairs: 0 };
  return { value: sum / pairs, pairableUnits, pairs };
}

/**
 * Overall (unanimous) percent agreement: the share of units with at least two
 * values on which every coder who gave a value gave the same one, as the R
 * package irr's `agree()` counts it (tolerance 0).
 *
 * @returns `null` with `no-pairable-units` when no unit has two values.
 */
export function overallAgreement(unitsByCoders: UnitsByCoders): PercentAgreementResult {
  let pairable = 0;
  let unanimous = 0;
  unitsByCoders.forEach((unit, u) => {
    const values = presentValues(unit, u);
    if (values.length < 2) return;
    pairable += 1;
    if (values.every((v) => v === values[0])) unanimous += 1;
  });
  if (pairable === 0) return { value: null, degenerate: 'no-pairable-units', pairableUnits: 0 };
  return { value: unanimous / pairable, pairableUnits: pairable };
}

/**
 * von Eye's (2006) multi-rater Brennan–Prediger kappa: with d coders and q
 * categories, observed agreement is the share of units on which all d coders
 * agree (the diagonal of the d-way table) and chance agreement is
 * q · (1/q)^d = 1/q^(d−1), so κ = (P_o − q^(1−d)) / (1 − q^(1−d)).
 * The d-way table needs every coder's value, so only units every coder rated
 * count; d is the number of coders (columns). With d = 2 it equals
 * {@link brennanPrediger}.
 *
 * @param categoryCount q; defaults to the distinct values in the counted units.
 * @returns `null` with `no-pairable-units` when no unit is rated by every coder
 *   (or there are fewer than two coders), `no-variation` when q = 1.
 */
export function vonEyeKappa(unitsByCoders: UnitsByCoders, categoryCount?: number): BrennanPredigerResult {
  const d = unitsByCoders.reduce((m, unit) => Math.max(m, Array.isArray(unit) ? unit.length : 0), 0);
  const complete = unitsByCoders.map((unit, u) => presentValues(unit, u)).filter((values) => values.length === d && d >= 2);
  const categories = new Set(complete.flat());
  if (categoryCount !== undefined && (!Number.isInteger(categoryCount) || categoryCount < categories.size || categoryCount < 1)) {
    throw new RangeError(`vonEyeKappa: categoryCount must be an integer of at least the ${categories.size} categories observed, got ${categoryCount}`);
  }
  const q = categoryCount ?? categories.size;
  if (complete.length === 0) return { value: null, degenerate: 'no-pairable-units', observedAgreement: null, chanceAgreement: null, units: 0, categoryCount: q };
  const observedAgreement = complete.filter((values) => values.every((v) => v === values[0])).length / complete.length;
  const chanceAgreement = q ** (1 - d);
  if (q === 1) return { value: null, degenerate: 'no-variation', observedAgreement, chanceAgreement, units: complete.length, categoryCount: q };
  return { value: (observedAgreement - chanceAgreement) / (1 - chanceAgreement), observedAgreement, chanceAgreement, units: complete.length, categoryCount: q };
}
