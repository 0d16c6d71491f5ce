import type { Command } from 'commander';
import { formatsOf } from '../../reporters/registry.js';
import { filterOptions, outputOptions, projectOptions, type CliContext } from '../context.js';
import { runKind, unitOptions, type AnalysisOptions } from '../kind-command.js';

export function registerCooccurrence(program: Command, ctx: CliContext): void {
  const command = program
    .command('cooccurrence')
    .summary('which codes are applied together')
    .description(
      'A code × code matrix: how many segments (or notes, with --unit document) carry both codes. The diagonal counts the units with each code. --measure jaccard normalises: units with both / units with either. Without --code the matrix covers the codebook’s leaf codes; --by gives one matrix per cell.',
    )
    .argument('[dir]', 'project folder (or a folder of notes)', '.');
  projectOptions(unitOptions(filterOptions(outputOptions(command, formatsOf('cooccurrence')), 'none')));
  command.addHelpText('after', '\nExamples:\n  $ fieldcode cooccurrence examples/peer-groups\n  $ fieldcode cooccurrence --unit document --measure jaccard --by phase\n  $ fieldcode cooccurrence --format svg --out figures/cooccurrence.svg');
  command.action((dir: string, options: AnalysisOptions) => runKind(ctx, 'cooccurrence', dir, options));
}
