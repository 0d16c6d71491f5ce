// A joint display: a measure from a `measures:` CSV beside a code's share, per unit × phase.
import type { Corpus } from '../../types.js';
import { JOINT_DEFAULTS, jointDisplay, measureColumns, measureTable, type Joint } from '../../core/joint.js';
import type { Checked } from '../../model/checked.js';
import { SpecReader } from '../parse.js';
import { checkPhase, phaseOf } from '../phase.js';
import type { JointSpec, RawSpec, SpecContext } from '../spec.js';

/**
 * `measure` (a column name), exactly one code, `quotes` and `phase`, checked
 * against the project's `measures:`. A measures file with errors is never
 * joined: a declaration says so; on the command line those errors themselves
 * are shown (exit 1) before anything is made.
 */
export function parseSpec(raw: RawSpec, context: SpecContext): Checked<JointSpec> {
  const reader = new SpecReader(raw, context);
  const commandLine = context.from === 'command line';
  const base = reader.base('joint');
  const measure = typeof raw.measure === 'string' ? raw.measure.trim() : '';
  if (measure === '') {
    if (commandLine) reader.fail('Unexpected `joint` without `--measure`, expected a column of a `measures:` CSV', 'measure');
    else reader.unexpected('measure', raw.measure, 'the name of a column of a `measures:` CSV');
  }
  if (commandLine && base.filters.codes.length !== 1) reader.fail('Unexpected `joint` without exactly one `--code`, expected the code whose share is shown', 'codes');
  const rawQuotes = raw.quotes;
  const quotes = rawQuotes === undefined ? JOINT_DEFAULTS.quotes : typeof rawQuotes === 'string' && /^\d+$/.test(rawQuotes) ? Number(rawQuotes) : rawQuotes;
  if (typeof quotes !== 'number' || !Number.isInteger(quotes) || quotes < 0) reader.unexpected('quotes', rawQuotes, 'a whole number');
  const spec: JointSpec = { ...base, joint: { measure, quotes: typeof quotes === 'number' ? quotes : JOINT_DEFAULTS.quotes } };
  const named = reader.variable('phase');
  if (named !== undefined) spec.phase = named;
  if (reader.problems.length > 0) return reader.done(spec);
  const { corpus } = context;
  const stop = (message: string, key?: string): Checked<JointSpec> => {
    reader.fail(message, key);
    return reader.done(spec);
  };
  const columns = measureColumns(corpus);
  if (columns.length === 0) return stop('Cannot make a joint display: the project declares no `measures:` (a CSV with numeric columns; see docs/joint.md)', 'measure');
  const table = measureTable(corpus, measure);
  if (!table) return stop(`Unexpected measure \`${measure}\`, expected one of ${columns.map((c) => `\`${c}\``).join(', ')}`, 'measure');
  const broken = corpus.diagnostics.filter((d) => d.file === table.file && d.severity === 'error');
  if (broken.length > 0 && !commandLine) return stop(`Cannot join \`${table.file}\`: it has ${broken.length} ${broken.length === 1 ? 'error' : 'errors'} (run \`fieldcode check\`)`);
  const codes = spec.filters.codes.length;
  if (codes !== 1) return stop(`Unexpected ${codes === 0 ? 'joint display without a code' : `${codes} codes`}, expected exactly one code (\`--code\`, \`codes: [id]\`)`, 'codes');
  const phase = checkPhase(reader, 'phase', named);
  if (phase !== undefined && broken.length === 0 && !Object.values(table.join).includes(phase)) reader.fail(`Cannot join \`${table.file}\` along \`${phase}\`: its \`join\` has no column for it`, 'phase');
  return reader.done(spec);
}

export function analyse(corpus: Corpus, spec: JointSpec): Joint {
  const table = measureTable(corpus, spec.joint.measure);
  // parseSpec has found the table: a spec without one was never checked.
  if (!table) throw new Error(`No measures table for column \`${spec.joint.measure}\` of a checked spec`);
  return jointDisplay(corpus, table, spec.filters, { measure: spec.joint.measure, code: spec.filters.codes[0], phase: phaseOf(corpus, spec.phase), quotes: spec.joint.quotes });
}
