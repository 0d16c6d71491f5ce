import type { Command } from 'commander';
import { aggregate } from '../../core/aggregate.js';
import { formatsOf, render } from '../../reporters/registry.js';
import { leakDiagnostics, nameLeaks, pseudonymize, pseudonymizeFilters } from '../../core/pseudonymize.js';
import { COMMAND_LINE_FIX, mixedCoders } from '../../core/mixed-coders.js';
import { PSEUDONYMIZE_HELP } from './build.js';
import { caseDimensions } from '../../core/cases.js';
import { emit, exitCodeFor, filterOptions, load, outputOptions, parseBy, parseFilters, projectOptions, report, reportStyle, stop, type CliContext, type CommonOptions } from '../context.js';

export function registerReport(program: Command, ctx: CliContext): void {
  const command = program
    .command('report')
    .summary('code frequencies per group and phase')
    .description('Count how often each code appears, per cell of the --by variables: coded segments, documents, speakers, codings (references) and share (coded segments / all segments in the cell).')
    .argument('[dir]', 'project folder (or a folder of notes)', '.');
  projectOptions(filterOptions(outputOptions(command, formatsOf('frequencies'))));
  command.option('--pseudonymize', PSEUDONYMIZE_HELP);
  command.addHelpText('after', '\nExamples:\n  $ fieldcode report examples/peer-groups\n  $ fieldcode report --by phase --code reciprocity --format csv --out reports/reciprocity.csv\n  $ fieldcode report --where group=de-brug --by phase,method');
  command.action((dir: string, options: CommonOptions & { pseudonymize?: boolean }) => {
    const loaded = load(ctx, dir, options).corpus;
    const pseudonymized = options.pseudonymize ? pseudonymize(loaded) : undefined;
    const corpus = pseudonymized?.corpus ?? loaded;
    const names = corpus.variables.map((v) => v.name);
    // Values named on the command line are the real ones; they select what is published under pseudonyms.
    const parsed = parseFilters(ctx.io.argv, options, loaded);
    const checkedBy = parseBy(ctx.io.argv, options, names, ['group', 'phase'], caseDimensions(corpus));
    if (!parsed.ok || !checkedBy.ok) return stop(ctx, [...(parsed.ok ? [] : parsed.diagnostics), ...(checkedBy.ok ? [] : checkedBy.diagnostics)], options);
    const filters = pseudonymized ? pseudonymizeFilters(parsed.value, pseudonymized.value) : parsed.value;
    const by = checkedBy.value;
    const frequencies = aggregate(corpus, by, filters);
    const format = options.format ?? 'table';
    const text = render('frequencies', format, frequencies, { codebook: corpus.codebook, filters, style: reportStyle(ctx, options) });
    const leaks = pseudonymized ? leakDiagnostics(nameLeaks(pseudonymized.table, text), 'the --pseudonymize output') : [];
    const diagnostics = [...corpus.diagnostics, ...mixedCoders(loaded, filters, by, COMMAND_LINE_FIX), ...leaks];
    report(ctx, diagnostics, options);
    if (leaks.length === 0) emit(ctx, text, options.out, options.format);
    ctx.exitCode = exitCodeFor(diagnostics, options.strict);
  });
}
