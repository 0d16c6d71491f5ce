// Every coefficient that applies to a units × coders table at its level of
// measurement (`fieldcode agree --table`). Which apply, and the conventions
// for more than two coders: docs/agreement.md#agreement-tables.
import { brennanPrediger, cohenKappa, compareValues, contingencyTable, fleissKappa, krippendorffAlpha, percentAgreement, type CodeValue, type DegenerateReason, type MeasurementLevel } from './coefficients.js';
import { meanPairwiseAgreement, overallAgreement, vonEyeKappa } from './multi-rater.js';
import { gwetAC, weightedKappa } from './ordered.js';
import type { ReliabilityTable } from './table-input.js';

export const MEASUREMENT_LEVELS = ['nominal', 'ordinal', 'interval', 'ratio'] as const satisfies readonly MeasurementLevel[];
export const PERCENT_CONVENTIONS = ['pairs', 'mean-pairwise', 'overall'] as const;
export type PercentConvention = (typeof PERCENT_CONVENTIONS)[number];
export const BP_CONVENTIONS = ['pairwise', 'von-eye'] as const;
export type BpConvention = (typeof BP_CONVENTIONS)[number];
export type KappaWeights = 'linear' | 'quadratic';

export interface TableStatistic {
  /** Stable id, e.g. `kappa-quadratic`, `alpha-ordinal` (JSON and CSV). */
  id: string;
  /** Name as printed. */
  name: string;
  value: number | null;
  degenerate?: DegenerateReason;
  /** p_o; for alpha the observed disagreement D_o (its metric's units, not a share). */
  observed: number | null;
  /** p_e; for alpha the expected disagreement D_e. */
  chance: number | null;
}

export interface TableAgreement {
  coders: string[];
  units: number;
  /** Units with values from two or more coders. */
  pairableUnits: number;
  level: MeasurementLevel;
  weights?: KappaWeights;
  percent: PercentConvention;
  bp: BpConvention;
  categories: CodeValue[];
  statistics: TableStatistic[];
}

export interface TableOptions {
  level: MeasurementLevel;
  /** Weights of weighted kappa and AC2; only for ordered levels (default quadratic there). */
  weights?: KappaWeights;
  percent: PercentConvention;
  bp: BpConvention;
}

function entry(id: string, name: string, r: { value: number | null; degenerate?: DegenerateReason }, observed: number | null, chance: number | null): TableStatistic {
  return { id, name, value: r.value, ...(r.degenerate ? { degenerate: r.degenerate } : {}), observed, chance };
}

export function tableAgreement(table: ReliabilityTable, options: TableOptions): TableAgreement {
  const { values, coders } = table;
  const ordered = options.level !== 'nominal';
  const weights = ordered ? (options.weights ?? 'quadratic') : undefined;
  const categories = [...new Set(values.flat().filter((v): v is CodeValue => v !== null))].sort(compareValues);
  const statistics: TableStatistic[] = [];

  const percent = options.percent === 'overall' ? overallAgreement(values) : options.percent === 'mean-pairwise' ? meanPairwiseAgreement(values) : percentAgreement(values);
  const percentName = { pairs: 'percent agreement (agreeing coder pairs per unit)', 'mean-pairwise': 'percent agreement (mean over coder pairs)', overall: 'percent agreement (units where all coders agree)' }[options.percent];
  statistics.push(entry('percent', percentName, percent, percent.value, null));

  if (coders.length === 2) {
    const { table: counts } = contingencyTable(values);
    const k = cohenKappa(counts);
    statistics.push(entry('kappa', "Cohen's kappa", k, k.observedAgreement, k.chanceAgreement));
    if (weights) {
      const w = weightedKappa(counts, weights);
      statistics.push(entry(`kappa-${weights}`, `Cohen's weighted kappa (${weights})`, w, w.observedAgreement, w.chanceAgreement));
    }
  } else {
    const index = new Map(categories.map((c, i) => [c, i] as const));
    const counts = values.map((unit) => {
      const row = new Array<number>(categories.length).fill(0);
      for (const v of unit) if (v !== null) row[index.get(v)!] += 1;
      return row;
    });
    const k = fleissKappa(counts);
    statistics.push(entry('kappa', "Fleiss' kappa", k, k.observedAgreement, k.chanceAgreement));
  }

  const bp = options.bp === 'von-eye' ? vonEyeKappa(values) : brennanPrediger(values);
  statistics.push(entry('brennan-prediger', options.bp === 'von-eye' ? "Brennan & Prediger's kappa (von Eye, all coders)" : "Brennan & Prediger's kappa", bp, bp.observedAgreement, bp.chanceAgreement));

  const ac1 = gwetAC(values);
  statistics.push(entry('ac1', "Gwet's AC1", ac1, ac1.observedAgreement, ac1.chanceAgreement));
  if (weights) {
    const ac2 = gwetAC(values, weights);
    statistics.push(entry(`ac2-${weights}`, `Gwet's AC2 (${weights})`, ac2, ac2.observedAgreement, ac2.chanceAgreement));
  }

  // Data at a level admit every coarser level too: ratio data are also interval, ordinal and nominal.
  for (const level of MEASUREMENT_LEVELS.slice(0, MEASUREMENT_LEVELS.indexOf(options.level) + 1)) {
    const a = krippendorffAlpha(values, level);
    statistics.push(entry(`alpha-${level}`, `Krippendorff's alpha (${level})`, a, a.observedDisagreement, a.expectedDisagreement));
  }

  return {
    coders,
    units: values.length,
    pairableUnits: values.filter((unit) => unit.filter((v) => v !== null).length >= 2).length,
    level: options.level,
    ...(weights ? { weights } : {}),
    percent: options.percent,
    bp: options.bp,
    categories,
    statistics,
  };
}
