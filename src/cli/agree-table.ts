// `fieldcode agree --table file.csv`: agreement over a units × coders table
// instead of coded notes. Errors in the table are positioned diagnostics
// (exit 1) and nothing is printed or written; a table that cannot be read is
// a fatal one at `--table` on the command line.
import { resolve } from 'node:path';
import type { AgreeSpec } from '../agreement/agree-spec.js';
import { readReliabilityTable } from '../agreement/table-input.js';
import { tableAgreement } from '../agreement/table-report.js';
import { tableGateFailures } from '../agreement/table-gates.js';
import { usageProblem } from '../model/command-line.js';
import { outputs, renderOutput } from '../reporters/outputs.js';
import { emit, exitCodeFor, report, stop, type CliContext, type CommonOptions } from './context.js';
import { EXIT_PROBLEMS } from './exit-codes.js';
import { readUtf8 } from './io.js';

export function runTableAgreement(ctx: CliContext, spec: Extract<AgreeSpec, { source: 'table' }>, options: CommonOptions): void {
  const { file } = spec;
  const read = readUtf8(resolve(ctx.io.cwd, file));
  if ('error' in read) return stop(ctx, [usageProblem(ctx.io.argv, `Cannot read \`${file}\`: ${read.error}`, '--table', 'unreadable-file')], options);
  const { table, diagnostics } = readReliabilityTable(file, read.text, spec.table.level);
  if (!table) {
    report(ctx, diagnostics, options);
    ctx.exitCode = Math.max(exitCodeFor(diagnostics, options.strict), EXIT_PROBLEMS);
    return;
  }
  const result = tableAgreement(table, spec.table);
  const all = [...diagnostics, ...tableGateFailures(file, result, spec.table.level, spec.gates)];
  report(ctx, all, options);
  const written = emit(ctx, renderOutput(outputs['agreement-table'], options.format ?? 'table', result), options.out, options.format);
  ctx.exitCode = exitCodeFor([...all, ...written], options.strict);
}
