import type { Command } from 'commander';
import { formatsOf } from '../../reporters/registry.js';
import { filterOptions, outputOptions, projectOptions, type CliContext } from '../context.js';
import { changeOptions, runKind, type AnalysisOptions } from '../kind-command.js';

export function registerPhaseChange(program: Command, ctx: CliContext): void {
  const command = program
    .command('phase-change')
    .summary('how each code changed from one phase to the next')
    .description(
      'For an ordered variable (the phase), each code’s share and count per group in each phase, and the change from the previous phase in percentage points and in coded segments. Marks codes that are new, back after a gap, or gone, and gives each code and group a change category after Saldaña (2003): emerges, increases, decreases, ceases, constant or idiosyncratic (thresholds: --constant, --present; see docs/reports.md).',
    )
    .argument('[dir]', 'project folder (or a folder of notes)', '.')
    .option('--phase <var>', 'the ordered variable to compare along (default: the first `ordered: true` variable, else `phase`)');
  projectOptions(changeOptions(filterOptions(outputOptions(command, formatsOf('phase-change')), 'group')));
  command.addHelpText('after', '\nExamples:\n  $ fieldcode phase-change examples/peer-groups\n  $ fieldcode phase-change --by leadership --code reciprocity --format csv\n  $ fieldcode phase-change --format svg --out figures/trajectories.svg');
  command.action((dir: string, options: AnalysisOptions) => runKind(ctx, 'phase-change', dir, options));
}
