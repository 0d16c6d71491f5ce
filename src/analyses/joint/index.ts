// A joint display: a measure from a `measures:` CSV beside a code's share, per unit × phase.
import type { Corpus } from '../../types.js';
import { JOINT_DEFAULTS, jointDisplay, measureColumns, measureTable, type Joint } from '../../core/joint.js';
import { requirePhase } from '../phase.js';
import { ReportError } from '../report-error.js';
import type { ReportSpec } from '../spec.js';

export interface JointSpec {
  measure: string;
  quotes: number;
}

export function analyse(corpus: Corpus, spec: ReportSpec): Joint {
  const joint = spec.joint;
  if (!joint) throw new ReportError('Cannot make a joint display without a measure: name one with `--measure` (`measure:`)');
  const columns = measureColumns(corpus);
  if (columns.length === 0) throw new ReportError('Cannot make a joint display: the project declares no `measures:` (a CSV with numeric columns; see docs/joint.md)');
  const table = measureTable(corpus, joint.measure);
  if (!table) throw new ReportError(`Unexpected measure \`${joint.measure}\`, expected one of ${columns.map((c) => `\`${c}\``).join(', ')}`);
  const broken = corpus.diagnostics.filter((d) => d.file === table.file && d.severity === 'error');
  if (broken.length > 0) throw new ReportError(`Cannot join \`${table.file}\`: it has ${broken.length} ${broken.length === 1 ? 'error' : 'errors'} (run \`fieldcode check\`)`);
  if (spec.filters.codes.length !== 1) throw new ReportError(`Unexpected ${spec.filters.codes.length === 0 ? 'joint display without a code' : `${spec.filters.codes.length} codes`}, expected exactly one code (\`--code\`, \`codes: [id]\`)`);
  const phase = requirePhase(corpus, spec.phase);
  if (!Object.values(table.join).includes(phase)) throw new ReportError(`Cannot join \`${table.file}\` along \`${phase}\`: its \`join\` has no column for it`);
  return jointDisplay(corpus, table, spec.filters, { measure: joint.measure, code: spec.filters.codes[0], phase, quotes: joint.quotes });
}

/** `measure` (a column name) and `quotes` (a whole number) of a declaration or the command line. */
export function parseSpec(values: { measure?: unknown; quotes?: unknown }, fail: (key: string, value: unknown, expected: string) => never): JointSpec {
  if (typeof values.measure !== 'string' || values.measure.trim() === '') return fail('measure', values.measure, 'the name of a column of a `measures:` CSV');
  const raw = values.quotes;
  const quotes = raw === undefined ? JOINT_DEFAULTS.quotes : typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : raw;
  if (typeof quotes !== 'number' || !Number.isInteger(quotes) || quotes < 0) return fail('quotes', raw, 'a whole number');
  return { measure: values.measure.trim(), quotes };
}
