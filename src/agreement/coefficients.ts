// Intercoder-agreement coefficients as pure functions over plain arrays.
// Formulas, conventions and sources: docs/agreement.md.
//
// API convention, shared by every function here:
// - Malformed input (a ragged or non-square table, a negative count, NaN, a
//   value of the wrong type for the level of measurement) is a programming
//   error and throws a `RangeError` or `TypeError`.
// - Data for which a coefficient cannot be computed (nothing pairable, no
//   variation at all) is a legitimate outcome of real coding, so it never
//   throws: the result carries `value: null` and a `degenerate` reason, and no
//   field is ever NaN.

/** A value a coder assigned to a unit: a category label or a number. */
export type CodeValue = string | number;

/**
 * Reliability data: one row per unit, one entry per coder.
 * `null` (or `undefined`) means the coder gave the unit no value.
 */
export type UnitsByCoders = ReadonlyArray<ReadonlyArray<CodeValue | null | undefined>>;

/**
 * Why a coefficient's formula has no finite value for the data.
 * - `no-pairable-units`: no unit has two or more values, so nothing can be compared.
 * - `no-variation`: every value is the same category, so chance agreement is 1
 *   (expected disagreement 0) and the formula is 0/0.
 */
export type DegenerateReason = 'no-pairable-units' | 'no-variation';

/** Common shape of every coefficient result. */
export interface AgreementResult {
  /**
   * The coefficient, or `null` when it is undefined for these data. Never NaN.
   * Exception: Krippendorff's alpha is 1 (not `null`) for `no-variation`; see {@link krippendorffAlpha}.
   */
  value: number | null;
  /** Present exactly when the formula was 0/0 or had nothing to compare. */
  degenerate?: DegenerateReason;
}

/** Result of {@link percentAgreement}. */
export interface PercentAgreementResult extends AgreementResult {
  /** Units with at least two values, the only ones that count. */
  pairableUnits: number;
}

/** Result of the chance-corrected agreement coefficients (kappa family). */
export interface KappaResult extends AgreementResult {
  /** Observed agreement p_o; `null` only when there is nothing to compare. */
  observedAgreement: number | null;
  /** Chance agreement p_e; `null` only when there is nothing to compare. */
  chanceAgreement: number | null;
  /** Units (table entries, subjects) that entered the computation. */
  units: number;
}

/** Result of {@link brennanPrediger}. */
export interface BrennanPredigerResult extends KappaResult {
  /** The number of categories q used for chance agreement 1/q. */
  categoryCount: number;
}

/** Result of {@link contingencyTable}. */
export interface ContingencyTable {
  /** Categories in a deterministic order (numbers ascending, then strings by code unit). */
  categories: CodeValue[];
  /** `table[i][j]`: units the first coder put in `categories[i]` and the second in `categories[j]`. */
  table: number[][];
}

/** Levels of measurement for {@link krippendorffAlpha}. */
export type MeasurementLevel = 'nominal' | 'ordinal' | 'interval' | 'ratio';

/** Result of {@link krippendorffAlpha}. */
export interface AlphaResult extends AgreementResult {
  /** D_o, or `null` when nothing is pairable. */
  observedDisagreement: number | null;
  /** D_e, or `null` when nothing is pairable. */
  expectedDisagreement: number | null;
  /** n: the values in units with at least two values. */
  pairableValues: number;
  /** Units with at least two values. */
  pairableUnits: number;
  /** The distinct pairable values, in {@link compareValues} order: the rows and columns of `coincidences`. */
  values: CodeValue[];
  /** The coincidence matrix o_ck; its row sums are the marginals n_c. */
  coincidences: number[][];
}

/**
 * Orders category values deterministically and independently of locale:
 * numbers ascending, then strings by UTF-16 code unit.
 */
export function compareValues(a: CodeValue, b: CodeValue): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Returns the present values of a unit, rejecting values no coefficient can compare. */
export function presentValues(unit: ReadonlyArray<CodeValue | null | undefined>, unitIndex: number): CodeValue[] {
  if (!Array.isArray(unit)) throw new TypeError(`unit ${unitIndex} is not an array of coder values`);
  const values: CodeValue[] = [];
  for (const v of unit) {
    if (v === null || v === undefined) continue;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) throw new RangeError(`unit ${unitIndex} has a non-finite value ${v}`);
    } else if (typeof v !== 'string') {
      throw new TypeError(`unit ${unitIndex} has a value of type ${typeof v}; expected string, number or null`);
    }
    values.push(v);
  }
  return values;
}

function countValues(values: readonly CodeValue[]): Map<CodeValue, number> {
  const counts = new Map<CodeValue, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return counts;
}

/** The per-unit share of agreeing coder pairs; the common core of percent agreement and Brennan–Prediger. */
function pairwiseObservedAgreement(unitsByCoders: UnitsByCoders): { sum: number; pairable: number; categories: Set<CodeValue> } {
  let sum = 0;
  let pairable = 0;
  const categories = new Set<CodeValue>();
  unitsByCoders.forEach((unit, u) => {
    const values = presentValues(unit, u);
    const m = values.length;
    if (m < 2) return;
    pairable += 1;
    let agreeingPairs = 0;
    for (const [value, n] of countValues(values)) {
      agreeingPairs += n * (n - 1);
      categories.add(value);
    }
    sum += agreeingPairs / (m * (m - 1));
  });
  return { sum, pairable, categories };
}

/**
 * Percent (raw) agreement.
 *
 * For each unit with m ≥ 2 values, the share of the m(m−1)/2 coder pairs that
 * gave the same value; the result is the mean of these shares over those
 * units, each unit weighted equally. With two coders this is the share of
 * units on which both agree. Units with fewer than two values are skipped.
 *
 * @param unitsByCoders One row per unit, one entry per coder, `null` for missing.
 * @returns `value` in [0, 1], or `null` with `degenerate: 'no-pairable-units'`.
 * @throws {RangeError | TypeError} On NaN, infinite or non-string/number values.
 */
export function percentAgreement(unitsByCoders: UnitsByCoders): PercentAgreementResult {
  const { sum, pairable } = pairwiseObservedAgreement(unitsByCoders);
  if (pairable === 0) return { value: null, degenerate: 'no-pairable-units', pairableUnits: 0 };
  return { value: sum / pairable, pairableUnits: pairable };
}

/**
 * Cross-tabulates two coders' values.
 *
 * Units where either coder gave no value are skipped. The categories are the
 * values either coder used on the remaining units.
 *
 * @param unitsByCoders One row per unit with exactly two entries (first coder, second coder).
 * @throws {RangeError} When a unit does not have exactly two entries, or on NaN/infinite values.
 */
export function contingencyTable(unitsByCoders: UnitsByCoders): ContingencyTable {
  const pairs: Array<[CodeValue, CodeValue]> = [];
  const seen = new Set<CodeValue>();
  unitsByCoders.forEach((unit, u) => {
    if (!Array.isArray(unit) || unit.length !== 2) {
      throw new RangeError(`unit ${u} must have exactly two entries (one per coder) for a contingency table`);
    }
    presentValues(unit, u);
    const [a, b] = unit;
    if (a === null || a === undefined || b === null || b === undefined) return;
    pairs.push([a, b]);
    seen.add(a);
    seen.add(b);
  });
  const categories = [...seen].sort(compareValues);
  const index = new Map(categories.map((c, i) => [c, i] as const));
  const table = categories.map(() => categories.map(() => 0));
  for (const [a, b] of pairs) table[index.get(a)!][index.get(b)!] += 1;
  return { categories, table };
}

function validateCounts(rows: ReadonlyArray<ReadonlyArray<number>>, what: string): number {
  const width = rows.length === 0 ? 0 : rows[0].length;
  rows.forEach((row, i) => {
    if (!Array.isArray(row) || row.length !== width) throw new RangeError(`${what}: row ${i} has ${Array.isArray(row) ? row.length : 'no'} entries, expected ${width}`);
    row.forEach((x, j) => {
      if (typeof x !== 'number' || !Number.isFinite(x) || x < 0) throw new RangeError(`${what}: entry [${i}][${j}] must be a finite non-negative count, got ${String(x)}`);
    });
  });
  return width;
}

/**
 * Cohen's kappa for two coders, from their contingency table.
 *
 * κ = (p_o − p_e) / (1 − p_e), with p_o = Σ n_ii / N and p_e = Σ n_i· n_·i / N².
 * Computed as (N·Σn_ii − Σn_i·n_·i) / (N² − Σn_i·n_·i), which is exact for integer counts.
 *
 * @param table Square table of counts: rows are the first coder's categories, columns the second's, same order.
 * @returns `null` with `no-pairable-units` when N = 0, and with `no-variation` when p_e = 1
 *   (both coders used one and the same category throughout).
 * @throws {RangeError} When the table is not square or holds a negative or non-finite count.
 */
export function cohenKappa(table: ReadonlyArray<ReadonlyArray<number>>): KappaResult {
  const width = validateCounts(table, 'cohenKappa');
  if (width !== table.length) throw new RangeError(`cohenKappa: table must be square, got ${table.length}×${width}`);
  let n = 0;
  let diagonal = 0;
  const rowTotals = new Array<number>(width).fill(0);
  const colTotals = new Array<number>(width).fill(0);
  table.forEach((row, i) =>
    row.forEach((x, j) => {
      n += x;
      rowTotals[i] += x;
      colTotals[j] += x;
      if (i === j) diagonal += x;
    }),
  );
  if (n === 0) return { value: null, degenerate: 'no-pairable-units', observedAgreement: null, chanceAgreement: null, units: 0 };
  let marginProducts = 0;
  for (let i = 0; i < width; i++) marginProducts += rowTotals[i] * colTotals[i];
  const observedAgreement = diagonal / n;
  const chanceAgreement = marginProducts / (n * n);
  const denominator = n * n - marginProducts;
  // Relative tolerance only matters for fractional (weighted) counts; integer tables are exact.
  if (denominator <= n * n * 1e-12) {
    return { value: null, degenerate: 'no-variation', observedAgreement, chanceAgreement, units: n };
  }
  return { value: (n * diagonal - marginProducts) / denominator, observedAgreement, chanceAgreement, units: n };
}

/**
 * Fleiss' kappa for many raters.
 *
 * With n_i = Σ_j n_ij raters on subject i: P_i = (Σ_j n_ij² − n_i) / (n_i(n_i − 1)),
 * P̄ = mean of P_i, p_j = Σ_i n_ij / Σ_i n_i, P_e = Σ_j p_j², κ = (P̄ − P_e) / (1 − P_e).
 * Fleiss (1971) assumes the same number of raters for every subject; when the
 * row totals differ this is the usual generalisation (each subject weighted
 * equally in P̄, each rating equally in p_j). Subjects with fewer than two
 * ratings are skipped.
 *
 * @param subjectsByCategories Counts: rows are subjects, columns categories.
 * @returns `null` with `no-pairable-units` when no subject has two ratings, and with
 *   `no-variation` when every rating falls in one category (P_e = 1).
 * @throws {RangeError} On ragged rows or negative/non-finite counts.
 */
export function fleissKappa(subjectsByCategories: ReadonlyArray<ReadonlyArray<number>>): KappaResult {
  const width = validateCounts(subjectsByCategories, 'fleissKappa');
  const categoryTotals = new Array<number>(width).fill(0);
  let totalRatings = 0;
  let sumP = 0;
  let subjects = 0;
  for (const row of subjectsByCategories) {
    const ni = row.reduce((s, x) => s + x, 0);
    if (ni < 2) continue;
    subjects += 1;
    totalRatings += ni;
    let squares = 0;
    row.forEach((x, j) => {
      squares += x * x;
      categoryTotals[j] += x;
    });
    sumP += (squares - ni) / (ni * (ni - 1));
  }
  if (subjects === 0) return { value: null, degenerate: 'no-pairable-units', observedAgreement: null, chanceAgreement: null, units: 0 };
  const observedAgreement = sumP / subjects;
  const totalSquared = totalRatings * totalRatings;
  const sumCategorySquares = categoryTotals.reduce((s, t) => s + t * t, 0);
  const chanceAgreement = sumCategorySquares / totalSquared;
  if (totalSquared - sumCategorySquares <= totalSquared * 1e-12) {
    return { value: null, degenerate: 'no-variation', observedAgreement, chanceAgreement, units: subjects };
  }
  const value = (observedAgreement - chanceAgreement) / (1 - chanceAgreement);
  return { value, observedAgreement, chanceAgreement, units: subjects };
}

/**
 * Brennan & Prediger's (1981) kappa: chance agreement is uniform, p_e = 1/q.
 *
 * κ = (p_o − 1/q) / (1 − 1/q), where p_o is {@link percentAgreement}'s value
 * (pairwise agreement averaged over units with at least two values).
 *
 * @param unitsByCoders One row per unit, one entry per coder, `null` for missing.
 * @param categoryCount q, the number of categories coders could choose from (e.g. the codebook's size).
 *   Defaults to the number of distinct values observed in the pairable units.
 * @returns `null` with `no-pairable-units` when no unit has two values, and with
 *   `no-variation` when q = 1 (p_e = 1).
 * @throws {RangeError} When `categoryCount` is not a positive integer or is smaller than the number of observed values.
 */
export function brennanPrediger(unitsByCoders: UnitsByCoders, categoryCount?: number): BrennanPredigerResult {
  const { sum, pairable, categories } = pairwiseObservedAgreement(unitsByCoders);
  if (categoryCount !== undefined) {
    if (!Number.isInteger(categoryCount) || categoryCount < 1) throw new RangeError(`brennanPrediger: categoryCount must be a positive integer, got ${categoryCount}`);
    if (categoryCount < categories.size) throw new RangeError(`brennanPrediger: categoryCount ${categoryCount} is smaller than the ${categories.size} categories observed`);
  }
  const q = categoryCount ?? categories.size;
  if (pairable === 0) return { value: null, degenerate: 'no-pairable-units', observedAgreement: null, chanceAgreement: null, units: 0, categoryCount: q };
  const observedAgreement = sum / pairable;
  const chanceAgreement = 1 / q;
  if (q === 1) return { value: null, degenerate: 'no-variation', observedAgreement, chanceAgreement, units: pairable, categoryCount: q };
  return { value: (q * observedAgreement - 1) / (q - 1), observedAgreement, chanceAgreement, units: pairable, categoryCount: q };
}

/** Squared difference function δ²(c, k) over the sorted distinct values, for one level of measurement. */
function differenceFunction(level: MeasurementLevel, values: readonly CodeValue[], marginals: readonly number[]): (c: number, k: number) => number {
  switch (level) {
    case 'nominal':
      return (c, k) => (c === k ? 0 : 1);
    case 'ordinal': {
      // Prefix sums of the marginals so each δ² is O(1): Σ_{g=c..k} n_g = prefix[k+1] − prefix[c].
      const prefix = [0];
      for (const n of marginals) prefix.push(prefix[prefix.length - 1] + n);
      return (c, k) => {
        if (c === k) return 0;
        const lo = Math.min(c, k);
        const hi = Math.max(c, k);
        const d = prefix[hi + 1] - prefix[lo] - (marginals[lo] + marginals[hi]) / 2;
        return d * d;
      };
    }
    case 'interval': {
      const x = values as readonly number[];
      return (c, k) => (x[c] - x[k]) ** 2;
    }
    case 'ratio': {
      const x = values as readonly number[];
      // Non-negative values make x[c] + x[k] = 0 only when both are 0, i.e. c = k.
      return (c, k) => (c === k ? 0 : ((x[c] - x[k]) / (x[c] + x[k])) ** 2);
    }
  }
}

/**
 * Krippendorff's alpha, coincidence-matrix formulation (Krippendorff 2011).
 *
 * Units with fewer than two values are not pairable and drop out entirely,
 * including from the marginals. For each pairable unit u with m_u values,
 * every ordered pair of values from different coders adds 1/(m_u − 1) to the
 * coincidence o_ck; n_c = Σ_k o_ck, n = Σ_c n_c.
 * α = 1 − D_o / D_e with D_o = (1/n) Σ_{c,k} o_ck δ²_ck and
 * D_e = (1/(n(n − 1))) Σ_{c,k} n_c n_k δ²_ck.
 *
 * Metrics δ²: nominal 0/1; ordinal (Σ_{g=c..k} n_g − (n_c + n_k)/2)² over the
 * values' numeric order; interval (c − k)²; ratio ((c − k)/(c + k))².
 *
 * Degenerate cases: no pairable unit gives `value: null`, `degenerate: 'no-pairable-units'`.
 * When every pairable value is the same (D_o = D_e = 0) the value is **1** with
 * `degenerate: 'no-variation'`, following tidycomm's tested convention (vector
 * `kalpha-edge-single-category`); check `degenerate` to tell it from a computed 1.
 *
 * @param unitsByCoders One row per unit, one entry per coder, `null` for missing; any number of coders.
 * @param level Level of measurement. Ordinal, interval and ratio need numeric values; ratio needs them non-negative.
 * @throws {TypeError} When a non-nominal level meets a non-numeric value.
 * @throws {RangeError} On NaN/infinite values, negative ratio values, or an unknown level.
 */
export function krippendorffAlpha(unitsByCoders: UnitsByCoders, level: MeasurementLevel): AlphaResult {
  if (level !== 'nominal' && level !== 'ordinal' && level !== 'interval' && level !== 'ratio') {
    throw new RangeError(`krippendorffAlpha: unknown level of measurement ${String(level)}`);
  }
  const pairableUnits: CodeValue[][] = [];
  const distinct = new Set<CodeValue>();
  unitsByCoders.forEach((unit, u) => {
    const values = presentValues(unit, u);
    if (values.length < 2) return;
    for (const v of values) {
      if (level !== 'nominal' && typeof v !== 'number') throw new TypeError(`krippendorffAlpha: ${level} data must be numeric; unit ${u} has ${JSON.stringify(v)}`);
      if (level === 'ratio' && (v as number) < 0) throw new RangeError(`krippendorffAlpha: ratio data must be non-negative; unit ${u} has ${v}`);
      distinct.add(v);
    }
    pairableUnits.push(values);
  });
  if (pairableUnits.length === 0) {
    return { value: null, degenerate: 'no-pairable-units', observedDisagreement: null, expectedDisagreement: null, pairableValues: 0, pairableUnits: 0, values: [], coincidences: [] };
  }
  const values = [...distinct].sort(compareValues);
  const index = new Map(values.map((v, i) => [v, i] as const));
  const v = values.length;
  const coincidences = Array.from({ length: v }, () => new Array<number>(v).fill(0));
  for (const unit of pairableUnits) {
    const counts = [...countValues(unit)].map(([value, count]) => [index.get(value)!, count] as const);
    const weight = 1 / (unit.length - 1);
    for (const [c, nc] of counts) {
      for (const [k, nk] of counts) coincidences[c][k] += (c === k ? nc * (nc - 1) : nc * nk) * weight;
    }
  }
  // Marginals from raw counts rather than row sums of o_ck, so they stay exact integers.
  const marginals = new Array<number>(v).fill(0);
  for (const unit of pairableUnits) for (const value of unit) marginals[index.get(value)!] += 1;
  const n = marginals.reduce((s, x) => s + x, 0);
  if (v === 1) {
    return { value: 1, degenerate: 'no-variation', observedDisagreement: 0, expectedDisagreement: 0, pairableValues: n, pairableUnits: pairableUnits.length, values, coincidences };
  }
  const delta = differenceFunction(level, values, marginals);
  let observed = 0;
  let expected = 0;
  for (let c = 0; c < v; c++) {
    for (let k = 0; k < v; k++) {
      const d = delta(c, k);
      observed += coincidences[c][k] * d;
      expected += marginals[c] * marginals[k] * d;
    }
  }
  const observedDisagreement = observed / n;
  const expectedDisagreement = expected / (n * (n - 1));
  return {
    value: 1 - ((n - 1) * observed) / expected,
    observedDisagreement,
    expectedDisagreement,
    pairableValues: n,
    pairableUnits: pairableUnits.length,
    values,
    coincidences,
  };
}
