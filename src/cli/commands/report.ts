import type { Command } from 'commander';
import { formatsOf } from '../../reporters/registry.js';
import { PSEUDONYMIZE_HELP, runKind, type AnalysisOptions } from '../kind-command.js';
import { filterOptions, outputOptions, projectOptions, type CliContext } from '../context.js';

export function registerReport(program: Command, ctx: CliContext): void {
  const command = program
    .command('report')
    .summary('code frequencies per group and phase')
    .description('Count how often each code appears, per cell of the --by variables: coded segments, documents, speakers, codings (references) and share (coded segments / all segments in the cell).')
    .argument('[dir]', 'project folder (or a folder of notes)', '.');
  projectOptions(filterOptions(outputOptions(command, formatsOf('frequencies'))));
  command.option('--pseudonymize', PSEUDONYMIZE_HELP);
  command.addHelpText('after', '\nExamples:\n  $ fieldcode report examples/peer-groups\n  $ fieldcode report --by phase --code reciprocity --format csv --out reports/reciprocity.csv\n  $ fieldcode report --where group=de-brug --by phase,method');
  command.action((dir: string, options: AnalysisOptions) => runKind(ctx, 'frequencies', dir, options));
}
