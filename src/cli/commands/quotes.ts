import type { Command } from 'commander';
import { formatsOf } from '../../reporters/registry.js';
import { PSEUDONYMIZE_HELP, runKind, type AnalysisOptions } from '../kind-command.js';
import { filterOptions, outputOptions, projectOptions, type CliContext } from '../context.js';

export function registerQuotes(program: Command, ctx: CliContext): void {
  const command = program
    .command('quotes')
    .summary('the coded passages behind each count')
    .description('List each coded passage of a code (and its descendants), grouped by the --by variables: its text (a span’s own words, or the whole segment for a segment tag), speaker, method and path:line.')
    .argument('[dir]', 'project folder (or a folder of notes)', '.');
  projectOptions(filterOptions(outputOptions(command, formatsOf('quotes'))));
  command.option('--pseudonymize', PSEUDONYMIZE_HELP);
  command.addHelpText('after', '\nExamples:\n  $ fieldcode quotes examples/peer-groups --code reciprocity\n  $ fieldcode quotes --code feedback --where phase=II --format markdown --out reports/feedback-II.md');
  command.action((dir: string, options: AnalysisOptions) => runKind(ctx, 'quotes', dir, options));
}
