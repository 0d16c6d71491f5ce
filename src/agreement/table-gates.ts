// `agree --table … --min-alpha/--min-kappa/--min-agreement`: each threshold the
// table's statistic misses (or leaves undefined) is an error placed on the table.
import type { Diagnostic } from '../types.js';
import type { Gates } from './agree-spec.js';
import type { MeasurementLevel } from './coefficients.js';
import type { TableAgreement } from './table-report.js';

export function tableGateFailures(file: string, result: TableAgreement, level: MeasurementLevel, gates: Gates): Diagnostic[] {
  const failed: Diagnostic[] = [];
  const gate = (id: string, flag: string, min: number | undefined) => {
    if (min === undefined) return;
    const s = result.statistics.find((x) => x.id === id)!;
    const value = s.degenerate === 'no-variation' && id.startsWith('alpha') ? null : s.value;
    if (value === null || value < min) failed.push({ file, line: 1, column: 1, severity: 'error', message: `${s.name} is ${value === null ? 'undefined for these data' : value.toFixed(3)}, below ${flag} ${min}`, ruleId: 'agreement-below-threshold' });
  };
  gate(`alpha-${level}`, '--min-alpha', gates.minAlpha);
  gate('kappa', '--min-kappa', gates.minKappa);
  gate('percent', '--min-agreement', gates.minAgreement);
  return failed;
}
