// `fieldcode agree --table file.csv`: agreement over a units × coders table
// instead of coded notes. Errors in the table are positioned diagnostics
// (exit 1) and nothing is printed or written.
import { resolve } from 'node:path';
import type { Diagnostic } from '../types.js';
import { readReliabilityTable } from '../agreement/table-input.js';
import { tableAgreement, type TableOptions } from '../agreement/table-report.js';
import { outputs, renderOutput } from '../reporters/outputs.js';
import { emit, exitCodeFor, report, type CliContext, type CommonOptions } from './context.js';
import { EXIT_PROBLEMS } from './exit-codes.js';
import { readUtf8, UsageError } from './io.js';

export interface TableCliOptions extends CommonOptions, TableOptions {
  minAlpha?: string;
  minKappa?: string;
  minAgreement?: string;
}

function threshold(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < -1 || value > 1) throw new UsageError(`Unexpected \`${flag} ${text}\`, expected a number from -1 to 1 (e.g. 0.8)`);
  return value;
}

export function runTableAgreement(ctx: CliContext, file: string, options: TableCliOptions): void {
  if (options.level === 'nominal' && options.weights) throw new UsageError('Unexpected `--weights` at the nominal level, expected an ordered level (--level ordinal, interval or ratio): nominal categories have no order to weigh');
  const gates = { alpha: threshold('--min-alpha', options.minAlpha), kappa: threshold('--min-kappa', options.minKappa), percent: threshold('--min-agreement', options.minAgreement) };
  const read = readUtf8(resolve(ctx.io.cwd, file));
  if ('error' in read) throw new UsageError(`Cannot read \`${file}\`: ${read.error}`);
  const { table, diagnostics } = readReliabilityTable(file, read.text, options.level);
  if (!table) {
    report(ctx, diagnostics, options);
    ctx.exitCode = Math.max(exitCodeFor(diagnostics, options.strict), EXIT_PROBLEMS);
    return;
  }
  const result = tableAgreement(table, options);
  const failed: Diagnostic[] = [];
  const gate = (id: string, flag: string, min: number | undefined) => {
    if (min === undefined) return;
    const s = result.statistics.find((x) => x.id === id)!;
    const value = s.degenerate === 'no-variation' && id.startsWith('alpha') ? null : s.value;
    if (value === null || value < min) failed.push({ file, line: 1, column: 1, severity: 'error', message: `${s.name} is ${value === null ? 'undefined for these data' : value.toFixed(3)}, below ${flag} ${min}`, ruleId: 'agreement-below-threshold' });
  };
  gate(`alpha-${options.level}`, '--min-alpha', gates.alpha);
  gate('kappa', '--min-kappa', gates.kappa);
  gate('percent', '--min-agreement', gates.percent);
  const all = [...diagnostics, ...failed];
  report(ctx, all, options);
  const format = options.format ?? 'table';
  const text = renderOutput(outputs['agreement-table'], format, result);
  emit(ctx, text, options.out, options.format);
  ctx.exitCode = exitCodeFor(all, options.strict);
}
