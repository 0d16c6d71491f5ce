// The statistics issue 14 added: weighted kappa, Gwet's AC1/AC2, the
// multi-coder conventions. Each matches two published or hand-computed values
// within 1e-6 (exact fractions worked out from the papers' formulas; the
// arithmetic is in docs/agreement.md).
import { describe, expect, it } from 'vitest';
import { readSharedJson, USES_SHARED } from '../helpers/shared.js';
import { brennanPrediger, contingencyTable, gwetAC, segmentOverlapKappa, meanPairwiseAgreement, overallAgreement, percentAgreement, vonEyeKappa, weightedKappa, agreementWeights, type UnitsByCoders } from '../../src/agreement/statistics.js';

const vectors = readSharedJson<Array<{ id: string; data: any; intermediates?: any }>>('irr/vectors.json', []);
const byId = (id: string) => vectors.find((v) => v.id === id)!;
const near = (actual: number | null, expected: number, tolerance = 1e-6) => {
  expect(actual).not.toBeNull();
  expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(tolerance);
};

// scikit-learn test_cohen_kappa's weighting example: y1 = 0×46, 1×44, 2×10; y2 = 0×50, 1×40, 2×10.
const sklearn: UnitsByCoders = [...Array(46).fill(0), ...Array(44).fill(1), ...Array(10).fill(2)].map((a, i) => [a, i < 50 ? 0 : i < 90 ? 1 : 2]);

describe('weighted kappa', () => {
  it('agreement weights over ranks', () => {
    expect(agreementWeights(3, 'linear')).toEqual([[1, 0.5, 0], [0.5, 1, 0.5], [0, 0.5, 1]]);
    expect(agreementWeights(3, 'quadratic')).toEqual([[1, 0.75, 0], [0.75, 1, 0.75], [0, 0.75, 1]]);
  });

  it('R irr kappa2(anxiety[,2:3], "equal" / "squared"): 0.1459075 and 0.2520325 (exact 41/281, 31/123)', USES_SHARED, () => {
    const v = byId('ckappa-irr-anxiety-negative');
    const { table } = contingencyTable(v.data.units);
    near(weightedKappa(table, 'linear').value, v.intermediates.equal_weights_kappa_irr);
    near(weightedKappa(table, 'quadratic').value, v.intermediates.squared_weights_kappa_irr);
    near(weightedKappa(table, 'linear').value, 41 / 281, 1e-12);
    near(weightedKappa(table, 'quadratic').value, 31 / 123, 1e-12);
  });

  it('scikit-learn weighting example: 0.9412 and 0.9541 (4 dp); exact 16/17 and 104/109', () => {
    const { table } = contingencyTable(sklearn);
    expect(table).toEqual([[46, 0, 0], [4, 40, 0], [0, 0, 10]]);
    near(weightedKappa(table, 'linear').value, 0.9412, 5e-5);
    near(weightedKappa(table, 'quadratic').value, 0.9541, 5e-5);
    // Linear: p_o = 1 − 0.5·4/100 = 0.98, p_e = Σ w r_i c_j / N² = 0.66 → (0.98 − 0.66)/0.34 = 16/17.
    near(weightedKappa(table, 'linear').value, 16 / 17, 1e-12);
    near(weightedKappa(table, 'quadratic').value, 104 / 109, 1e-12);
  });

  it('degenerate tables', () => {
    expect(weightedKappa([], 'linear')).toMatchObject({ value: null, degenerate: 'no-pairable-units' });
    expect(weightedKappa([[5]], 'quadratic')).toMatchObject({ value: null, degenerate: 'no-variation' });
    expect(() => weightedKappa([[1, 2]], 'linear')).toThrow(RangeError);
  });
});

describe("Gwet's AC1 and AC2", () => {
  it('irrCAC README, gwet.ac1.raw(cac.raw4raters) = Krippendorff (2011) example C: AC1 0.77544, pa 0.8181818, pe 0.1903212', USES_SHARED, () => {
    const units = byId('kalpha-k2011-C-nominal').data.units as UnitsByCoders;
    const r = gwetAC(units);
    near(r.value, 0.77544, 5e-6);
    near(r.observedAgreement, 0.8181818, 5e-8);
    near(r.chanceAgreement, 0.1903212, 5e-8);
    // By hand: p_a = 9/11 over the 11 units with two values; π = (3, 3.25, 3.5, 1.25, 1)/12,
    // p_e = (1 − Σπ²)/4 = (109.625/144)/4; AC1 = 31825/41041.
    near(r.value, 31825 / 41041, 1e-12);
    expect(r.categoryCount).toBe(5);
  });

  it('AC1 for two coders by hand: the grant-proposal table [[20,5],[10,15]] gives 41/101', () => {
    // p_a = 0.7; π_yes = (25 + 30)/100 = 0.55; p_e = 2·0.55·0.45/... = 0.495; (0.7 − 0.495)/0.505 = 41/101.
    const units = [...Array(20).fill(['Y', 'Y']), ...Array(5).fill(['Y', 'N']), ...Array(10).fill(['N', 'Y']), ...Array(15).fill(['N', 'N'])];
    const r = gwetAC(units);
    near(r.chanceAgreement, 0.495, 1e-12);
    near(r.value, 41 / 101, 1e-12);
    near(gwetAC(sklearn).value, 1671 / 1771, 1e-12);
  });

  it('AC2 by hand: example C with linear 6225/7249 and quadratic 17685/19349; the sklearn pair 247/257 and 1017/1042', USES_SHARED, () => {
    const units = byId('kalpha-k2011-C-nominal').data.units as UnitsByCoders;
    near(gwetAC(units, 'linear').value, 6225 / 7249);
    near(gwetAC(units, 'quadratic').value, 17685 / 19349);
    near(gwetAC(sklearn, 'linear').value, 247 / 257);
    near(gwetAC(sklearn, 'quadratic').value, 1017 / 1042);
  });

  it('degenerate: nothing pairable, one category', () => {
    expect(gwetAC([[1, null], [null, 2]])).toMatchObject({ value: null, degenerate: 'no-pairable-units' });
    expect(gwetAC([[1, 1], [1, 1]])).toMatchObject({ value: null, degenerate: 'no-variation', observedAgreement: 1 });
  });
});

describe('more than two coders: percent agreement and Brennan–Prediger conventions', () => {
  // Unit 1 a,a,b; unit 2 a,a,a; unit 3 a,b,–; unit 4 b,–,b.
  const units: UnitsByCoders = [
    ['a', 'a', 'b'],
    ['a', 'a', 'a'],
    ['a', 'b', null],
    ['b', null, 'b'],
  ];

  it('pairs (default), mean-pairwise and overall differ with missing values', () => {
    // Pairs per unit: 1/3, 1, 0, 1 → 7/12.
    expect(percentAgreement(units).value).toBeCloseTo(7 / 12, 12);
    // Coder pairs: (1,2) agree on 2 of 3 shared units; (1,3) on 2 of 3; (2,3) on 1 of 2 → (2/3 + 2/3 + 1/2)/3 = 11/18.
    const mean = meanPairwiseAgreement(units);
    expect(mean.pairs).toBe(3);
    near(mean.value, 11 / 18, 1e-12);
    // Unanimous: units 2 and 4 of 4 → 1/2.
    near(overallAgreement(units).value, 0.5, 1e-12);
  });

  it('with no missing values, pairs and mean-pairwise agree (example C without its incomplete units)', USES_SHARED, () => {
    const complete = (byId('kalpha-k2011-C-nominal').data.units as UnitsByCoders).filter((u) => u.every((x) => x !== null));
    near(meanPairwiseAgreement(complete).value, percentAgreement(complete).value!, 1e-12);
  });

  it("von Eye's multi-rater κ: example C's 8 complete units, 5 unanimous, q = 4: (5/8 − 1/64)/(63/64) = 13/21", USES_SHARED, () => {
    const units = byId('kalpha-k2011-C-nominal').data.units as UnitsByCoders;
    const r = vonEyeKappa(units);
    expect([r.units, r.categoryCount]).toEqual([8, 4]);
    near(r.chanceAgreement, 1 / 64, 1e-15);
    near(r.value, 13 / 21, 1e-12);
    // q = 5 (the codebook): (5/8 − 1/125)/(124/125) = 617/992.
    near(vonEyeKappa(units, 5).value, 617 / 992, 1e-12);
  });

  it('with two coders von Eye equals Brennan–Prediger (bp-tidycomm 19/27)', USES_SHARED, () => {
    const data = byId('bp-tidycomm-9x2').data.units as UnitsByCoders;
    near(vonEyeKappa(data).value, brennanPrediger(data).value!, 1e-12);
    near(vonEyeKappa(data).value, 19 / 27, 1e-12);
  });

  it('degenerate', () => {
    expect(vonEyeKappa([['a', null]])).toMatchObject({ value: null, degenerate: 'no-pairable-units' });
    expect(meanPairwiseAgreement([['a', null], [null, 'b']])).toMatchObject({ value: null, degenerate: 'no-pairable-units' });
    expect(overallAgreement([])).toMatchObject({ value: null, degenerate: 'no-pairable-units' });
  });
});

describe("MAXQDA's segment-overlap kappa", () => {
  it('qda-seg-overlap90-pa: p_o = 8/11, chance 1/3 (three codes): 13/22', USES_SHARED, () => {
    const v = byId('qda-seg-overlap90-pa') as any;
    const r = segmentOverlapKappa(v.data.documents, v.data.codebook.length, { coders: v.data.coders, minOverlap: v.threshold });
    expect([r.matches, r.checks, r.chanceAgreement]).toEqual([8, 11, 1 / 3]);
    near(r.value, 13 / 22, 1e-12);
  });

  it('by hand: the docs example (2 codes) gives 0 at 90% and 1 at 50%; one code has no chance correction', () => {
    const docs = [{ id: 'n1', codings: { c1: [{ code: 'A', start: 0, end: 100 }, { code: 'B', start: 200, end: 300 }], c2: [{ code: 'A', start: 5, end: 100 }, { code: 'B', start: 200, end: 250 }] } }];
    near(segmentOverlapKappa(docs, 2, { minOverlap: 0.9 }).value, 0, 1e-12);
    near(segmentOverlapKappa(docs, 2, { minOverlap: 0.5 }).value, 1, 1e-12);
    // Four codes in the analysis: (1/2 − 1/4)/(3/4) = 1/3.
    near(segmentOverlapKappa(docs, 4, { minOverlap: 0.9 }).value, 1 / 3, 1e-12);
    expect(segmentOverlapKappa(docs, 1)).toMatchObject({ value: null, degenerate: 'no-variation', observedAgreement: 0.5 });
    expect(() => segmentOverlapKappa(docs, 0)).toThrow(RangeError);
  });
});
