import { Option, type Command } from 'commander';
import { formatsOf } from '../../reporters/registry.js';
import { outputOptions, projectOptions, type CliContext } from '../context.js';
import { PSEUDONYMIZE_HELP, changeOptions, runKind, unitOptions, type AnalysisOptions } from '../kind-command.js';

export function registerPhaseReport(program: Command, ctx: CliContext): void {
  const command = program
    .command('phase-report')
    .summary('per phase: frequencies by group, change, co-occurrences, quotes, method')
    .description(
      'The report a team writes each phase: a frequency table by group, the change since the previous phase, the top co-occurrences, the most telling quotes per code (chosen deterministically, with path:line links) and how many notes of each method went in. `--where phase=II` picks the phases to report; earlier phases still count for the change.',
    )
    .argument('[dir]', 'project folder (or a folder of notes)', '.')
    .option('--phase <var>', 'the ordered variable (default: the first `ordered: true` variable, else `phase`)')
    .option('--group <var>', 'the variable to compare groups by (default: `group` if it exists)')
    .addOption(new Option('--per <unit>', 'one section per phase, or per group and phase').choices(['phase', 'group-phase']).default('phase'))
    .option('--quotes <n>', 'quotes per code and section (default 3)')
    .option('--top <n>', 'co-occurring pairs per section (default 5)')
    .option('--title <text>', 'title of the report')
    .option('--pseudonymize', PSEUDONYMIZE_HELP);
  // Filters as in `report`, without `--by`: the groups come from --group.
  const collect = (value: string, previous: string[] = []): string[] => [...previous, value];
  command
    .option('--where <var=value>', 'keep notes where VAR equals VALUE (repeatable); on the phase variable it picks the phases to report', collect)
    .option('--code <id>', 'only this code and its descendants (repeatable)', collect)
    .option('--coder <name>', 'only codings by this coder');
  projectOptions(changeOptions(unitOptions(outputOptions(command, formatsOf('phase-report')), false)));
  command.addHelpText('after', '\nExamples:\n  $ fieldcode phase-report examples/peer-groups --where phase=II --format html --out reports/phase-II.html\n  $ fieldcode phase-report --per group-phase --pseudonymize --format markdown');
  command.action((dir: string, options: AnalysisOptions) => runKind(ctx, 'phase-report', dir, options));
}
