// `rows`, `cols`, `per` and `summaries` of a matrix or trajectory, read the same
// from a declaration and from the command line.
import type { VariableSpec } from '../../types.js';
import { matrixRows } from '../../core/matrix.js';
import { caseDimensions } from '../../core/cases.js';
import { phaseVariable } from '../../core/phase-change.js';
import type { Checked } from '../../model/checked.js';
import { PHASE_REPORT_DEFAULTS } from '../../core/phase-report.js';
import { SpecReader } from '../parse.js';
import { keyValue, type MatrixShape, type MatrixSpec, type RawSpec, type SpecContext, type TrajectorySpec } from '../spec.js';

/** A summaries file name: summaries/NAME.md. */
export const SUMMARIES_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** `phaseDefault`: use the project's phase variable when `per` is not given (trajectory). */
export function parseShape(reader: SpecReader, phaseDefault: boolean): MatrixShape | undefined {
  const { raw, context, variables } = reader;
  const cases = caseDimensions(context.corpus);
  const names = (list: string[]) => list.map((n) => `\`${n}\``).join(', ');
  const rowChoices = names([...variables, 'participant', ...cases.filter((c) => c !== 'speaker')]);
  const rowsValue = raw.rows === undefined || raw.rows === null ? (variables.includes('group') ? 'group' : undefined) : String(raw.rows);
  if (rowsValue === undefined) return reader.fail(`Unexpected matrix without \`${context.from === 'declaration' ? 'rows:' : context.key('rows')}\`, expected a variable, \`participant\` or a participant attribute (${rowChoices})`, 'rows');
  const rows = matrixRows(rowsValue);
  if (!variables.includes(rows) && !cases.includes(rows)) return reader.fail(`Unexpected \`${keyValue(context, 'rows', rowsValue)}\`, expected a declared variable, \`participant\` or a participant attribute: ${rowChoices}`, 'rows');
  let cols: string[] = [];
  if (raw.cols !== undefined && raw.cols !== null) {
    if (typeof raw.cols === 'string') cols = raw.cols.split(',').map((c) => c.trim()).filter(Boolean);
    else if (Array.isArray(raw.cols) && raw.cols.every((c) => typeof c === 'string')) cols = raw.cols as string[];
    else return reader.fail(`Unexpected \`${context.key('cols')}\`, expected a code id or a list of code ids`, 'cols');
    const unknown = cols.find((code) => !context.corpus.codebook.byId.has(code));
    if (unknown !== undefined) return reader.fail(`Unexpected code \`${unknown}\` in \`${context.key('cols')}\`, expected a code from the codebook`, 'cols');
  }
  let per: string | undefined;
  if (raw.per !== undefined && raw.per !== null) {
    per = String(raw.per);
    if (!variables.includes(per)) return reader.fail(`Unexpected \`${keyValue(context, 'per', per)}\`, expected a declared variable: ${names(variables)}`, 'per');
  } else if (phaseDefault) {
    per = phaseVariable(context.corpus.variables as VariableSpec[]);
    if (!per) return reader.fail('Cannot find a phase variable: declare one with `ordered: true`, or name it with `per`', 'per');
  }
  if (per === rows) return reader.fail(`Unexpected \`${keyValue(context, 'per', per)}\`, the same as \`${context.from === 'declaration' ? 'rows:' : context.key('rows')}\`, expected a different variable`, 'per');
  let summaries: string | undefined;
  if (raw.summaries !== undefined && raw.summaries !== null) {
    summaries = String(raw.summaries);
    if (!SUMMARIES_NAME.test(summaries)) return reader.fail(`Unexpected \`summaries: ${summaries}\`, expected a name of letters, digits, \`.\`, \`_\` and \`-\` (the file is summaries/NAME.md)`, 'summaries');
  }
  return { rows, cols, ...(per ? { per } : {}), ...(summaries ? { summaries } : {}) };
}

/** A matrix's or a trajectory's spec: the common keys, `quotes`, and the shape (a trajectory defaults `per` to the phase variable). */
export function parseShapedSpec<K extends 'matrix' | 'trajectory'>(kind: K, raw: RawSpec, context: SpecContext): Checked<K extends 'matrix' ? MatrixSpec : TrajectorySpec> {
  const reader = new SpecReader(raw, context);
  const spec = { ...reader.base(kind), quotes: reader.count('quotes', PHASE_REPORT_DEFAULTS.quotes) } as MatrixSpec | TrajectorySpec;
  const matrix = parseShape(reader, kind === 'trajectory');
  if (matrix) spec.matrix = matrix;
  return reader.done(spec) as Checked<K extends 'matrix' ? MatrixSpec : TrajectorySpec>;
}
