import type { Command } from 'commander';
import { suggest } from '../../core/suggest.js';
import { suggestionsCsv, suggestionsJson, suggestionsMarkdown, suggestionsTable } from '../../reporters/suggestions.js';
import { checkCodes, emit, exitCodeFor, load, outputOptions, parseFilters, projectOptions, report, reportStyle, type CliContext, type CommonOptions } from '../context.js';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

export function registerSuggest(program: Command, ctx: CliContext): void {
  const command = program
    .command('suggest')
    .summary('where codebook keywords or patterns match but the code is not applied')
    .description('List places where a code’s keywords or patterns match a segment that does not carry that code yet, with the matched words. Suggestions are for the researcher to confirm; report and quotes never count them.')
    .argument('[dir]', 'project folder (or a folder of notes)', '.')
    .option('--where <var=value>', 'keep notes where VAR equals VALUE (repeatable)', collect)
    .option('--code <id>', 'only this code and its descendants (repeatable)', collect);
  projectOptions(outputOptions(command, ['table', 'markdown', 'csv', 'json']));
  command.addHelpText('after', '\nExamples:\n  $ fieldcode suggest examples/peer-groups --code reciprocity\n  $ fieldcode tag --accept-suggestions --code reciprocity --dry-run');
  command.action((dir: string, options: CommonOptions) => {
    const { corpus } = load(ctx, dir, options);
    const filters = parseFilters(options, corpus);
    checkCodes(filters.codes, new Set(corpus.codebook.byId.keys()));
    const suggestions = suggest(corpus, filters);
    const format = options.format ?? 'table';
    const text = format === 'csv' ? suggestionsCsv(suggestions) : format === 'json' ? suggestionsJson(suggestions) : format === 'markdown' ? suggestionsMarkdown(suggestions) : suggestionsTable(suggestions, reportStyle(ctx, options));
    report(ctx, corpus.diagnostics, options);
    emit(ctx, text, options.out, options.format);
    ctx.exitCode = exitCodeFor(corpus.diagnostics, options.strict);
  });
}
