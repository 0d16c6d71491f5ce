import { describe, expect, it } from 'vitest';
import { readSharedJson, USES_SHARED } from '../helpers/shared.js';
import {
  brennanPrediger,
  characterAgreement,
  characterAgreementByCode,
  codeExistenceAgreement,
  codeExistenceUnits,
  cohenKappa,
  contingencyTable,
  fleissKappa,
  krippendorffAlpha,
  percentAgreement,
  segmentOverlapAgreement,
  segmentUnits,
  type CodedDocument,
  type CodedSpan,
  type MeasurementLevel,
  type Span,
  type UnitsByCoders,
} from '../../src/agreement/statistics.js';


interface Vector {
  id: string;
  measure: string;
  level_of_measurement?: MeasurementLevel;
  weights?: string;
  threshold?: number;
  convention?: string;
  data_format: string;
  // The shape of `data` depends on data_format; each evaluator below reads what it needs.
  data: any;
  expected: number;
  tolerance: number;
  intermediates?: any;
}

// The shared vectors live beside the repository root, not inside it; tests
// that read them carry the `shared` tag.
const vectors = readSharedJson<Vector[]>('irr/vectors.json', []);
const byId = (id: string): Vector => {
  const found = vectors.find((v) => v.id === id);
  if (!found) throw new Error(`vector ${id} is missing from vectors.json`);
  return found;
};

/** Parses the vectors' exact fractions such as "4/3" or "8/40 = 0.2". */
function fraction(x: number | string): number {
  if (typeof x === 'number') return x;
  const m = /^\s*(-?\d+(?:\.\d+)?)\s*\/\s*(\d+(?:\.\d+)?)/.exec(x);
  if (!m) throw new Error(`not a fraction: ${x}`);
  return Number(m[1]) / Number(m[2]);
}

function documentsOf(v: Vector): CodedDocument[] {
  return v.data.documents as CodedDocument[];
}

// The conventions this library implements for the QDA-level cases. If a vector
// changes its counting rule, these tests must fail rather than silently agree.
const QDA_CONVENTIONS: Record<string, string> = {
  qda_code_existence_agreement: '(document, code) pairs where at least one coder used the code',
  qda_segment_overlap_agreement:
    'every coded segment of both coders is checked; agree iff the other coder has a same-code segment with |intersection|/|union| >= threshold',
  cohen_kappa: 'characters as units, one node in one source (NVivo coding comparison)',
};

/** Runs one vector through the public API, choosing the function by measure and data format. */
function evaluate(v: Vector): number | null {
  if (v.convention !== undefined) expect(v.convention).toBe(QDA_CONVENTIONS[v.measure]);
  switch (v.measure) {
    case 'krippendorff_alpha':
      return krippendorffAlpha(v.data.units, v.level_of_measurement!).value;
    case 'cohen_kappa':
      if (v.weights !== undefined) expect(v.weights).toBe('none');
      if (v.data_format === 'contingency_table') return cohenKappa(v.data.table).value;
      if (v.data_format === 'units_x_coders') return cohenKappa(contingencyTable(v.data.units).table).value;
      if (v.data_format === 'character_spans') {
        const [first, second] = v.data.coders as string[];
        return characterAgreement(v.data.source_length_chars, v.data.codings[first], v.data.codings[second]).kappa.value;
      }
      break;
    case 'fleiss_kappa':
      return fleissKappa(v.data.counts).value;
    case 'brennan_prediger':
      return brennanPrediger(v.data.units).value;
    case 'percent_agreement':
      return percentAgreement(v.data.units).value;
    case 'qda_code_existence_agreement':
      return codeExistenceAgreement(documentsOf(v), { coders: v.data.coders }).value;
    case 'qda_segment_overlap_agreement':
      return segmentOverlapAgreement(documentsOf(v), { coders: v.data.coders, minOverlap: v.threshold }).value;
  }
  throw new Error(`no evaluator for vector ${v.id} (${v.measure}, ${v.data_format})`);
}

/** Every number anywhere in a result, so degenerate cases can be checked for NaN wholesale. */
function numbersIn(x: unknown): number[] {
  if (typeof x === 'number') return [x];
  if (Array.isArray(x)) return x.flatMap(numbersIn);
  if (x !== null && typeof x === 'object') return Object.values(x).flatMap(numbersIn);
  return [];
}

function expectNoNaN(result: unknown): void {
  for (const n of numbersIn(result)) expect(Number.isNaN(n)).toBe(false);
}

describe('published vectors (../shared/irr/vectors.json)', USES_SHARED, () => {
  it('loads all 14 cases', () => {
    expect(vectors).toHaveLength(14);
  });

  it.each(vectors.map((v) => [v.id, v] as const))('%s', (_id, v) => {
    const actual = evaluate(v);
    expect(actual).not.toBeNull();
    expect(Math.abs(actual! - v.expected)).toBeLessThanOrEqual(v.tolerance);
  });
});

describe('vector intermediates', USES_SHARED, () => {
  it('kalpha-k2011-C: coincidence matrix, marginals, D_o and D_e match Krippendorff (2011)', () => {
    const v = byId('kalpha-k2011-C-nominal');
    const r = krippendorffAlpha(v.data.units, 'nominal');
    expect(r.values).toEqual([1, 2, 3, 4, 5]);
    const expected = (v.intermediates.coincidence_matrix_values_1_to_5 as Array<Array<number | string>>).map((row) => row.map(fraction));
    r.coincidences.forEach((row, c) => row.forEach((o, k) => expect(o).toBeCloseTo(expected[c][k], 12)));
    expect(r.coincidences.map((row) => row.reduce((s, x) => s + x, 0)).map((x) => Math.round(x * 1e9) / 1e9)).toEqual(v.intermediates.n_c);
    expect(r.pairableValues).toBe(v.intermediates.n_pairable);
    expect(r.pairableUnits).toBe(11);
    expect(r.observedDisagreement).toBeCloseTo(fraction(v.intermediates.Do), 12);
    expect(r.expectedDisagreement).toBeCloseTo(fraction(v.intermediates.De), 12);
    expect(r.value).toBeCloseTo(1 - (39 * 8) / 1216, 12);
  });

  it('kalpha-k2011-C: the ordinal and ratio values asserted by the same sources (0.815, 0.797)', () => {
    const units = byId('kalpha-k2011-C-nominal').data.units as UnitsByCoders;
    expect(Math.abs(krippendorffAlpha(units, 'ordinal').value! - 0.815)).toBeLessThanOrEqual(0.0005);
    expect(Math.abs(krippendorffAlpha(units, 'ratio').value! - 0.797)).toBeLessThanOrEqual(0.0005);
    expect(krippendorffAlpha(units, 'interval').value).toBeCloseTo(byId('kalpha-k2011-C-interval').intermediates.exact_to_6dp, 6);
  });

  it('kalpha-k2011-A: exact alpha 1 − 19·4/(14·6) and percent agreement 0.6', () => {
    const v = byId('kalpha-k2011-A-binary');
    expect(krippendorffAlpha(v.data.units, 'nominal').value).toBeCloseTo(1 - (19 * 4) / (14 * 6), 12);
    expect(percentAgreement(v.data.units).value).toBe(v.intermediates.percent_agreement);
  });

  it('kalpha-wikipedia: empty and single-value units drop out', () => {
    const r = krippendorffAlpha(byId('kalpha-wikipedia-3x15-nominal').data.units, 'nominal');
    expect(r.pairableUnits).toBe(12);
  });

  it('ckappa contingency cases: p_o and p_e', () => {
    const v = byId('ckappa-wikipedia-grant-proposals');
    const r = cohenKappa(v.data.table);
    expect(r.observedAgreement).toBeCloseTo(v.intermediates.p_o, 12);
    expect(r.chanceAgreement).toBeCloseTo(v.intermediates.p_e, 12);
  });

  it('ckappa-irr-anxiety: contingencyTable rebuilds the equivalent table; kappa is exactly −1/159', () => {
    const v = byId('ckappa-irr-anxiety-negative');
    const built = contingencyTable(v.data.units);
    expect(built).toEqual(v.data.contingency_table_equivalent);
    const r = cohenKappa(built.table);
    expect(r.observedAgreement).toBeCloseTo(v.intermediates.p_o, 12);
    expect(r.value).toBeCloseTo(-1 / 159, 14);
  });

  it('fkappa-wikipedia: P̄ and P_e as printed (3 decimals)', () => {
    const v = byId('fkappa-wikipedia-10x14');
    const r = fleissKappa(v.data.counts);
    expect(Math.abs(r.observedAgreement! - v.intermediates.P_bar)).toBeLessThanOrEqual(0.0005);
    expect(Math.abs(r.chanceAgreement! - v.intermediates.P_e)).toBeLessThanOrEqual(0.0005);
    expect(r.units).toBe(10);
  });

  it('bp-tidycomm: q = 4 observed categories, p_o = 7/9, exact 19/27', () => {
    const v = byId('bp-tidycomm-9x2');
    const r = brennanPrediger(v.data.units);
    expect(r.categoryCount).toBe(v.intermediates.q_categories_observed);
    expect(r.chanceAgreement).toBe(v.intermediates.p_chance);
    expect(r.observedAgreement).toBeCloseTo(7 / 9, 12);
    expect(r.value).toBeCloseTo(19 / 27, 12);
  });

  it('pa-atlasti: Krippendorff expected agreement 0.5579 and alpha 0.0952 from the same data', () => {
    const units = byId('pa-atlasti-10-segments').data.units as UnitsByCoders;
    const r = krippendorffAlpha(units, 'nominal');
    expect(1 - r.expectedDisagreement!).toBeCloseTo((14 * 13 + 6 * 5) / (20 * 19), 12);
    expect(r.value).toBeCloseTo(0.0952, 4);
  });

  it('qda-doc-existence: the one disagreement is doc1/C, used by c2 only', () => {
    const v = byId('qda-doc-existence-pa-union');
    const r = codeExistenceAgreement(documentsOf(v), { coders: v.data.coders });
    expect(r.pairableUnits).toBe(6);
    const disagreements = r.labels.filter((_, i) => r.units[i][0] !== r.units[i][1]);
    expect(disagreements).toEqual([{ document: 'doc1', code: 'C' }]);
    expect(r.units[r.labels.findIndex((l) => l.document === 'doc1' && l.code === 'C')]).toEqual([0, 1]);
  });

  it('qda-seg-overlap90: overlap shares and per-code counts', () => {
    const v = byId('qda-seg-overlap90-pa');
    const r = segmentOverlapAgreement(documentsOf(v), { coders: v.data.coders, minOverlap: v.threshold });
    expect([r.matches, r.checks]).toEqual([8, 11]);
    const c1 = r.details.filter((d) => d.coder === 'c1');
    for (const [key, share] of Object.entries(v.intermediates.overlaps as Record<string, number>)) {
      const m = /^(\w)\[(\d+),(\d+)\)/.exec(key)!;
      const owner = key.includes('c2 only') ? r.details.filter((d) => d.coder === 'c2') : c1;
      const check = owner.find((d) => d.code === m[1] && d.start === Number(m[2]) && d.end === Number(m[3]));
      expect(check, key).toBeDefined();
      expect(check!.bestOverlap).toBeCloseTo(share, 12);
    }
    for (const [code, ratio] of Object.entries(v.intermediates.per_code as Record<string, string>)) {
      const checks = r.details.filter((d) => d.code === code);
      expect(checks.filter((d) => d.matched).length / checks.length).toBeCloseTo(fraction(ratio), 12);
    }
  });

  it('qda-nvivo-char: EF1 = 15, EF2 = 765, TA = 850', () => {
    const v = byId('qda-nvivo-char-kappa');
    const r = characterAgreement(v.data.source_length_chars, v.data.codings['user A'], v.data.codings['user B']);
    expect(r).toMatchObject({ both: 50, onlyFirst: 100, onlySecond: 50, neither: 800 });
    const tu = v.data.source_length_chars as number;
    const ef1 = ((r.both + r.onlyFirst) * (r.both + r.onlySecond)) / tu;
    const ef2 = ((r.onlySecond + r.neither) * (r.onlyFirst + r.neither)) / tu;
    expect([ef1, ef2]).toEqual([15, 765]);
    expect(r.both + r.neither).toBe(v.intermediates.TA);
    expect(r.percentAgreement).toBe(0.85);
    expect(r.kappa.value).toBeCloseTo(7 / 22, 14);
  });
});

describe('hand-computed cases', () => {
  it('perfect agreement over two categories is 1 for every coefficient', () => {
    const units = [
      ['yes', 'yes', 'yes'],
      ['no', 'no', 'no'],
      ['yes', 'yes', null],
    ];
    expect(percentAgreement(units).value).toBe(1);
    const alpha = krippendorffAlpha(units, 'nominal');
    expect(alpha.value).toBe(1);
    expect(alpha).not.toHaveProperty('degenerate');
    expect(brennanPrediger(units).value).toBe(1);
    expect(cohenKappa(contingencyTable(units.map((u) => u.slice(0, 2))).table).value).toBe(1);
    expect(fleissKappa([[3, 0], [0, 3]]).value).toBe(1);
  });

  it('Cohen 2×2 by hand', () => {
    // Rows coder 1, columns coder 2: [[6, 2], [1, 1]], N = 10.
    // p_o = (6 + 1)/10 = 0.7; rows 8, 2; columns 7, 3; p_e = (8·7 + 2·3)/100 = 0.62.
    // κ = (0.7 − 0.62)/(1 − 0.62) = 0.08/0.38 = 4/19.
    const r = cohenKappa([[6, 2], [1, 1]]);
    expect(r.observedAgreement).toBeCloseTo(0.7, 14);
    expect(r.chanceAgreement).toBeCloseTo(0.62, 14);
    expect(r.value).toBeCloseTo(4 / 19, 14);
    expect(r.units).toBe(10);
  });

  it('contingencyTable skips units missing either coder and orders numbers before strings', () => {
    const built = contingencyTable([
      ['b', 'a'],
      [2, 2],
      [null, 'a'],
      ['a', undefined],
      ['a', 'a'],
    ]);
    expect(built).toEqual({ categories: [2, 'a', 'b'], table: [[1, 0, 0], [0, 1, 0], [0, 1, 0]] });
  });

  it('Fleiss by hand: 3 subjects × 3 raters', () => {
    // P_i = 1, 1, (2² + 1² − 3)/(3·2) = 1/3, so P̄ = 7/9.
    // p = (5/9, 4/9), P_e = 25/81 + 16/81 = 41/81. κ = (63/81 − 41/81)/(40/81) = 22/40.
    const r = fleissKappa([[3, 0], [0, 3], [2, 1]]);
    expect(r.observedAgreement).toBeCloseTo(7 / 9, 14);
    expect(r.chanceAgreement).toBeCloseTo(41 / 81, 14);
    expect(r.value).toBeCloseTo(0.55, 14);
  });

  it('Fleiss skips subjects with fewer than two ratings', () => {
    expect(fleissKappa([[3, 0], [0, 3], [2, 1], [1, 0], [0, 0]]).value).toBeCloseTo(0.55, 14);
  });

  it('Fleiss with two raters per subject equals Scott’s pi', () => {
    // Two coders, units (a,a) (a,b) (b,b) (b,b): π = (p_o − p_e)/(1 − p_e) with pooled
    // proportions a = 3/8, b = 5/8: p_e = 34/64, p_o = 3/4, π = (48 − 34)/(64 − 34) = 14/30.
    expect(fleissKappa([[2, 0], [1, 1], [0, 2], [0, 2]]).value).toBeCloseTo(14 / 30, 14);
  });

  it('percent agreement with three coders averages the share of agreeing pairs per unit', () => {
    // Unit 1: a,a,b → 1 of 3 pairs agree. Unit 2: a,a,a → 3/3. Unit 3: a,b,null → 0/1. Unit 4: one value, skipped.
    const r = percentAgreement([
      ['a', 'a', 'b'],
      ['a', 'a', 'a'],
      ['a', 'b', null],
      ['a', null, null],
    ]);
    expect(r.pairableUnits).toBe(3);
    expect(r.value).toBeCloseTo((1 / 3 + 1 + 0) / 3, 14);
  });

  it('Krippendorff’s alpha by hand: three coders with missing data', () => {
    // Unit 1 (a,a): o_aa += 2. Unit 2 (a,b,b), m = 3: o_ab = o_ba = 1·2/2 = 1, o_bb += 2·1/2 = 1.
    // Unit 3 has one value and drops out. n_a = 3, n_b = 2, n = 5.
    // D_o = (1 + 1)/5 = 0.4; D_e = 2·3·2/(5·4) = 0.6; α = 1 − 0.4/0.6 = 1/3.
    const r = krippendorffAlpha(
      [
        ['a', 'a', null],
        ['a', 'b', 'b'],
        ['b', null, null],
      ],
      'nominal',
    );
    expect(r.coincidences).toEqual([[2, 1], [1, 1]]);
    expect(r.observedDisagreement).toBeCloseTo(0.4, 14);
    expect(r.expectedDisagreement).toBeCloseTo(0.6, 14);
    expect(r.value).toBeCloseTo(1 / 3, 14);
  });

  it('Krippendorff’s interval alpha by hand: two coders', () => {
    // Units (1,2) (2,2) (3,3): o_12 = o_21 = 1, o_22 = 2, o_33 = 2; n_1 = 1, n_2 = 3, n_3 = 2, n = 6.
    // Σ o δ² = 2·1 = 2. Σ n_c n_k δ² = 2·(1·3·1 + 1·2·4 + 3·2·1) = 34. α = 1 − 5·2/34 = 12/17.
    expect(krippendorffAlpha([[1, 2], [2, 2], [3, 3]], 'interval').value).toBeCloseTo(12 / 17, 14);
  });

  it('Brennan–Prediger with an explicit category count', USES_SHARED, () => {
    // The bp-tidycomm data with q = 5: (5·7/9 − 1)/4 = 13/18.
    expect(brennanPrediger(byId('bp-tidycomm-9x2').data.units, 5).value).toBeCloseTo(13 / 18, 14);
  });
});

describe('QDA worked examples (docs/agreement.md)', () => {
  const span = (code: string, start: number, end: number): CodedSpan => ({ code, start, end });

  it('document unit: 2 of 4 (document, code) pairs agree', () => {
    const docs: CodedDocument[] = [
      { id: 'n1', codings: { c1: [span('trust', 0, 10), span('cost', 20, 30)], c2: [span('trust', 0, 8)] } },
      { id: 'n2', codings: { c1: [span('cost', 0, 5)], c2: [span('cost', 10, 15), span('time', 20, 25)] } },
    ];
    const r = codeExistenceAgreement(docs);
    expect(r.coders).toEqual(['c1', 'c2']);
    expect(r.labels.map((l) => `${l.document}/${l.code}`)).toEqual(['n1/cost', 'n1/trust', 'n2/cost', 'n2/time']);
    expect(r.units).toEqual([[1, 0], [1, 1], [1, 1], [0, 1]]);
    expect(r.value).toBe(0.5);
    // Restricting the codes restricts the units.
    expect(codeExistenceUnits(docs, { codes: ['trust'] }).units).toEqual([[1, 1]]);
  });

  it('segment unit: 6 (segment, code) units, p_o = 5/6, κ = 2/3, α = 24/35', () => {
    const doc: CodedDocument = {
      id: 'n1',
      segments: [{ start: 0, end: 10 }, { start: 10, end: 20 }, { start: 20, end: 30 }],
      codings: {
        c1: [span('trust', 0, 12), span('cost', 25, 30)],
        c2: [span('trust', 2, 8), span('cost', 20, 30)],
      },
    };
    const built = segmentUnits([doc]);
    expect(built.labels.map((l) => `${l.segment}/${l.code}`)).toEqual(['0/cost', '0/trust', '1/cost', '1/trust', '2/cost', '2/trust']);
    expect(built.units).toEqual([[0, 0], [1, 1], [0, 0], [1, 0], [1, 1], [0, 0]]);
    expect(percentAgreement(built.units).value).toBeCloseTo(5 / 6, 14);
    const table = contingencyTable(built.units);
    expect(table).toEqual({ categories: [0, 1], table: [[3, 0], [1, 2]] });
    expect(cohenKappa(table.table).value).toBeCloseTo(2 / 3, 14);
    expect(krippendorffAlpha(built.units, 'nominal').value).toBeCloseTo(24 / 35, 14);
  });

  it('overlap unit: --min 0.9 matches 2 of 4 checks, --min 0.5 all 4', () => {
    const docs: CodedDocument[] = [
      { id: 'n1', codings: { c1: [span('A', 0, 100), span('B', 200, 300)], c2: [span('A', 5, 100), span('B', 200, 250)] } },
    ];
    const strict = segmentOverlapAgreement(docs, { minOverlap: 0.9 });
    expect(strict.details.map((d) => d.bestOverlap)).toEqual([0.95, 0.5, 0.95, 0.5]);
    expect(strict).toMatchObject({ value: 0.5, checks: 4, matches: 2 });
    expect(segmentOverlapAgreement(docs, { minOverlap: 0.5 }).value).toBe(1);
    expect(segmentOverlapAgreement(docs).value).toBe(0.5);
  });

  it('overlap unit: a different code never matches, and three coders are checked pairwise', () => {
    const docs: CodedDocument[] = [
      { id: 'n1', codings: { c1: [span('A', 0, 10)], c2: [span('B', 0, 10)], c3: [span('A', 0, 10)] } },
    ];
    // c1→c2 no, c1→c3 yes, c2→c1 no, c2→c3 no, c3→c1 yes, c3→c2 no.
    expect(segmentOverlapAgreement(docs)).toMatchObject({ checks: 6, matches: 2 });
  });

  it('character unit: 18 of 20 characters agree, κ = 0.8', () => {
    // c2's spans [0,8) and [4,12) merge to [0,12). both = 10, only c2 = 2, neither = 8.
    // EF1 = 10·12/20 = 6, EF2 = 10·8/20 = 4; κ = (18 − 10)/(20 − 10) = 0.8.
    const r = characterAgreement(20, [{ start: 0, end: 10 }], [{ start: 0, end: 8 }, { start: 4, end: 12 }]);
    expect(r).toMatchObject({ both: 10, onlyFirst: 0, onlySecond: 2, neither: 8, percentAgreement: 0.9 });
    expect(r.kappa.value).toBeCloseTo(0.8, 14);
  });

  it('characterAgreementByCode reports each (document, code) either coder used', () => {
    const docs: CodedDocument[] = [
      { id: 'n1', length: 20, codings: { c1: [span('A', 0, 10)], c2: [span('A', 0, 8), span('A', 4, 12), span('B', 15, 20)] } },
    ];
    const rows = characterAgreementByCode(docs);
    expect(rows.map((r) => [r.document, r.code, r.percentAgreement])).toEqual([
      ['n1', 'A', 0.9],
      ['n1', 'B', 0.75],
    ]);
    expect(rows[0].kappa.value).toBeCloseTo(0.8, 14);
    // B: only c2 coded 5 of 20 characters: table [[0, 0], [5, 15]], p_o = 0.75 = p_e, κ = 0.
    expect(rows[1].kappa.value).toBeCloseTo(0, 14);
  });
});

describe('degenerate cases never yield NaN', () => {
  // The data of the vector kalpha-edge-single-category: 10 units, 3 coders, all 1.
  const allOnes: UnitsByCoders = Array.from({ length: 10 }, () => [1, 1, 1]);
  const nobody: UnitsByCoders = [
    [null, null],
    [null, null],
  ];
  const singleCoder: UnitsByCoders = [[1], [2], [1]];

  it('one category only: alpha is 1 by convention, the kappas are null', () => {
    const alpha = krippendorffAlpha(allOnes, 'nominal');
    expect(alpha).toMatchObject({ value: 1, degenerate: 'no-variation', observedDisagreement: 0, expectedDisagreement: 0 });
    for (const level of ['ordinal', 'interval', 'ratio'] as const) expect(krippendorffAlpha(allOnes, level).value).toBe(1);
    expect(percentAgreement(allOnes).value).toBe(1);
    const pairs = allOnes.map((u) => u.slice(0, 2));
    expect(cohenKappa(contingencyTable(pairs).table)).toMatchObject({ value: null, degenerate: 'no-variation', observedAgreement: 1, chanceAgreement: 1 });
    expect(fleissKappa(allOnes.map(() => [3]))).toMatchObject({ value: null, degenerate: 'no-variation' });
    expect(fleissKappa(allOnes.map(() => [3, 0]))).toMatchObject({ value: null, degenerate: 'no-variation' });
    expect(brennanPrediger(allOnes)).toMatchObject({ value: null, degenerate: 'no-variation', categoryCount: 1 });
    // A codebook with more categories makes chance agreement 1/q < 1 again.
    expect(brennanPrediger(allOnes, 4).value).toBe(1);
    for (const r of [alpha, percentAgreement(allOnes), fleissKappa(allOnes.map(() => [3])), brennanPrediger(allOnes)]) expectNoNaN(r);
  });

  it('nobody coded anything: every coefficient is null with no-pairable-units', () => {
    const results = [
      percentAgreement(nobody),
      krippendorffAlpha(nobody, 'nominal'),
      krippendorffAlpha(nobody, 'interval'),
      brennanPrediger(nobody),
      cohenKappa(contingencyTable(nobody).table),
      cohenKappa([]),
      cohenKappa([[0, 0], [0, 0]]),
      fleissKappa([]),
      fleissKappa([[0, 0], [1, 0]]),
      percentAgreement([]),
      krippendorffAlpha([], 'ordinal'),
    ];
    for (const r of results) {
      expect(r).toMatchObject({ value: null, degenerate: 'no-pairable-units' });
      expectNoNaN(r);
    }
  });

  it('a single coder has nothing to pair', () => {
    for (const r of [percentAgreement(singleCoder), krippendorffAlpha(singleCoder, 'nominal'), brennanPrediger(singleCoder)]) {
      expect(r).toMatchObject({ value: null, degenerate: 'no-pairable-units' });
    }
    const docs: CodedDocument[] = [{ id: 'n1', length: 10, codings: { c1: [{ code: 'A', start: 0, end: 5 }] } }];
    expect(codeExistenceAgreement(docs)).toMatchObject({ value: null, degenerate: 'no-pairable-units' });
    expect(segmentOverlapAgreement(docs)).toMatchObject({ value: null, degenerate: 'no-pairable-units', checks: 0 });
    expect(() => characterAgreementByCode(docs)).toThrow(RangeError);
  });

  it('QDA: no codings at all', () => {
    const docs: CodedDocument[] = [{ id: 'n1', length: 10, segments: [{ start: 0, end: 10 }], codings: { c1: [], c2: [] } }];
    expect(codeExistenceAgreement(docs)).toMatchObject({ value: null, pairableUnits: 0 });
    expect(segmentOverlapAgreement(docs).value).toBeNull();
    expect(segmentUnits(docs).units).toEqual([]);
    expect(characterAgreementByCode(docs)).toEqual([]);
    const chars = characterAgreement(10, [], []);
    expect(chars).toMatchObject({ neither: 10, percentAgreement: 1 });
    expect(chars.kappa).toMatchObject({ value: null, degenerate: 'no-variation' });
    expectNoNaN(chars);
    const empty = characterAgreement(0, [], []);
    expect(empty.percentAgreement).toBeNull();
    expect(empty.kappa).toMatchObject({ value: null, degenerate: 'no-pairable-units' });
    expectNoNaN(empty);
  });

  it('both coders coded every character: kappa null, agreement 1', () => {
    const whole: Span[] = [{ start: 0, end: 10 }];
    const r = characterAgreement(10, whole, whole);
    expect(r.percentAgreement).toBe(1);
    expect(r.kappa.value).toBeNull();
  });
});

describe('malformed input throws', () => {
  it('rejects bad tables and values', () => {
    expect(() => cohenKappa([[1, 2], [3]])).toThrow(RangeError);
    expect(() => cohenKappa([[1, 2, 3], [1, 2, 3]])).toThrow(RangeError);
    expect(() => cohenKappa([[1, -1], [0, 1]])).toThrow(RangeError);
    expect(() => fleissKappa([[1, Number.NaN]])).toThrow(RangeError);
    expect(() => percentAgreement([[1, Number.NaN]])).toThrow(RangeError);
    expect(() => percentAgreement([[1, true as unknown as number]])).toThrow(TypeError);
    expect(() => contingencyTable([[1, 2, 3]])).toThrow(RangeError);
    expect(() => krippendorffAlpha([['a', 'b']], 'ordinal')).toThrow(TypeError);
    expect(() => krippendorffAlpha([[1, -2]], 'ratio')).toThrow(RangeError);
    expect(() => krippendorffAlpha([[1, 2]], 'circular' as MeasurementLevel)).toThrow(RangeError);
    // Four categories observed, three declared.
    expect(() => brennanPrediger([[1, 1], [2, 2], [4, 3]], 3)).toThrow(RangeError);
    expect(() => brennanPrediger([[1, 1]], 0)).toThrow(RangeError);
  });

  it('rejects bad spans and thresholds', () => {
    const docs: CodedDocument[] = [{ id: 'n1', length: 10, codings: { c1: [{ code: 'A', start: 5, end: 5 }], c2: [] } }];
    expect(() => codeExistenceAgreement(docs)).toThrow(RangeError);
    expect(() => characterAgreement(10, [{ start: 0, end: 11 }], [])).toThrow(RangeError);
    expect(() => segmentOverlapAgreement([], { minOverlap: 0 })).toThrow(RangeError);
    expect(() => segmentOverlapAgreement([], { minOverlap: 1.5 })).toThrow(RangeError);
    expect(() => segmentUnits([{ id: 'n1', codings: {} }])).toThrow(RangeError);
  });
});

describe('purity', USES_SHARED, () => {
  it('does not mutate its input and returns the same result twice', () => {
    const units = byId('kalpha-k2011-C-nominal').data.units as UnitsByCoders;
    const copy = JSON.parse(JSON.stringify(units));
    const first = krippendorffAlpha(units, 'ordinal');
    expect(krippendorffAlpha(units, 'ordinal')).toEqual(first);
    expect(units).toEqual(copy);
    const spans: Span[] = [{ start: 5, end: 9 }, { start: 0, end: 6 }];
    characterAgreement(10, spans, []);
    expect(spans).toEqual([{ start: 5, end: 9 }, { start: 0, end: 6 }]);
  });
});
