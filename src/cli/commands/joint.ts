import type { Command } from 'commander';
import type { Corpus, Diagnostic } from '../../types.js';
import { formatsOf } from '../../reporters/registry.js';
import { outputOptions, projectOptions, type CliContext } from '../context.js';
import { PSEUDONYMIZE_HELP, runKind, type AnalysisOptions } from '../kind-command.js';

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
  // The measures file's own errors are shown before anything is joined (exit 1).
  command.action((dir: string, options: AnalysisOptions) => runKind(ctx, 'joint', dir, options, { before: measureErrors }));
}
