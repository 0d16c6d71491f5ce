import { describe, expect, it } from 'vitest';
import { binaryPatternCoefficients, type BinaryPattern } from '../../src/agreement/weighted.js';
import { brennanPrediger, cohenKappa, contingencyTable, fleissKappa, krippendorffAlpha, percentAgreement } from '../../src/agreement/statistics.js';

function expand(patterns: BinaryPattern[]): Array<Array<0 | 1>> {
  return patterns.flatMap((p) => Array.from({ length: p.weight }, () => [...p.values]));
}

function check(patterns: BinaryPattern[], m: number): void {
  const units = expand(patterns);
  const weighted = binaryPatternCoefficients(patterns, m);
  expect(weighted.percent.value).toBeCloseTo(percentAgreement(units).value!, 12);
  const kappa = m === 2 ? cohenKappa(contingencyTable(units).table) : fleissKappa(units.map((u) => [u.filter((v) => v === 0).length, u.filter((v) => v === 1).length]));
  expect(weighted.kappa.value === null).toBe(kappa.value === null);
  if (kappa.value !== null) expect(weighted.kappa.value).toBeCloseTo(kappa.value, 12);
  expect(weighted.brennanPrediger.value).toBeCloseTo(brennanPrediger(units, 2).value!, 12);
  const alpha = krippendorffAlpha(units, 'nominal');
  expect(weighted.alpha.value).toBeCloseTo(alpha.value!, 12);
  expect(weighted.alpha.degenerate).toBe(alpha.degenerate);
}

describe('binaryPatternCoefficients equals the library on expanded units', () => {
  it('two coders', () => {
    check([{ values: [1, 1], weight: 50 }, { values: [1, 0], weight: 100 }, { values: [0, 1], weight: 50 }, { values: [0, 0], weight: 800 }], 2);
  });
  it('three and four coders', () => {
    check([{ values: [1, 1, 0], weight: 7 }, { values: [0, 0, 0], weight: 20 }, { values: [1, 1, 1], weight: 5 }, { values: [0, 1, 0], weight: 3 }], 3);
    check([{ values: [1, 1, 0, 1], weight: 4 }, { values: [0, 0, 0, 0], weight: 9 }, { values: [1, 0, 0, 1], weight: 2 }], 4);
  });
  it('no variation and no units', () => {
    check([{ values: [0, 0], weight: 30 }], 2);
    check([{ values: [1, 1, 1], weight: 3 }], 3);
    expect(binaryPatternCoefficients([], 2).percent.degenerate).toBe('no-pairable-units');
    expect(() => binaryPatternCoefficients([], 1)).toThrow(RangeError);
  });
});
