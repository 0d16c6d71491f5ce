import type { Command } from 'commander';
import type { Corpus, Diagnostic } from '../../types.js';
import { parseSpec } from '../../analyses/joint/index.js';
import { formatsOf } from '../../reporters/registry.js';
import { outputOptions, projectOptions, type CliContext } from '../context.js';
import { UsageError } from '../io.js';
import { PSEUDONYMIZE_HELP, runKind, type AnalysisOptions } from './build.js';

const MEASURE_RULES = new Set<Diagnostic['ruleId']>(['measure-file', 'measure-join', 'measure-unknown-value', 'measure-not-number', 'measure-duplicate-row', 'csv-syntax']);

/** A measures table with errors is never joined: the errors, and nothing written. */
function measureErrors(corpus: Corpus): Diagnostic[] {
  return corpus.diagnostics.filter((d) => d.severity === 'error' && MEASURE_RULES.has(d.ruleId));
}

export function registerJoint(program: Command, ctx: CliContext): void {
  const command = program
    .command('joint')
    .summary('a measure beside a code’s share per group (or participant) × phase: a joint display')
    .description(
      'A joint display for mixed methods: a numeric measure from a `measures:` CSV of fieldcode.yaml (such as network size) and the share of segments coded with one code, per unit of the CSV’s join (a group or a participant) and phase, with the change of each since the previous phase and one or two quotes. See docs/joint.md.',
    )
    .argument('[dir]', 'project folder', '.')
    .option('--measure <column>', 'the measures column to show (required)')
    .option('--code <id>', 'the code whose share is shown (required)', (value: string, previous: string[] = []) => [...previous, value])
    .option('--phase <var>', 'the ordered variable the measures join on (default: the first `ordered: true` variable)')
    .option('--quotes <n>', 'quotes per unit and phase (default 2)')
    .option('--where <var=value>', 'keep notes and rows where VAR equals VALUE (repeatable)', (value: string, previous: string[] = []) => [...previous, value])
    .option('--coder <name>', 'only codings by this coder')
    .option('--title <text>', 'page title (html)')
    .option('--pseudonymize', PSEUDONYMIZE_HELP);
  projectOptions(outputOptions(command, formatsOf('joint')));
  command.addHelpText(
    'after',
    '\nExamples:\n  $ fieldcode joint examples/peer-groups --measure network_size --code network-growth\n  $ fieldcode joint --measure contacts --code reciprocity --format html --out reports/joint.html\n  $ fieldcode joint --measure network_size --code network-growth --format csv',
  );
  command.action((dir: string, options: AnalysisOptions & { measure?: string; quotes?: string }) => {
    if (options.measure === undefined) throw new UsageError('Unexpected `joint` without `--measure`, expected a column of a `measures:` CSV');
    if (!options.code || options.code.length !== 1) throw new UsageError('Unexpected `joint` without exactly one `--code`, expected the code whose share is shown');
    const joint = parseSpec(options, (key, value, expected) => {
      throw new UsageError(`Unexpected \`--${key} ${String(value)}\`, expected ${expected}`);
    });
    runKind(ctx, 'joint', dir, { ...options, quotes: undefined }, { spec: () => ({ joint, by: [] }), before: measureErrors });
  });
}
