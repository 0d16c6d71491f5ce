import type { Command } from 'commander';
import { collectQuotes } from '../../core/quotes.js';
import { formatsOf, render } from '../../reporters/registry.js';
import { leakDiagnostics, nameLeaks, pseudonymize, pseudonymizeFilters, unpseudonymizedNames } from '../../core/pseudonymize.js';
import { linkBaseTo, PSEUDONYMIZE_HELP } from './build.js';
import { caseDimensions } from '../../core/cases.js';
import { emit, exitCodeFor, filterOptions, load, outputOptions, parseBy, parseFilters, projectOptions, report, reportStyle, stop, type CliContext, type CommonOptions } from '../context.js';

export function registerQuotes(program: Command, ctx: CliContext): void {
  const command = program
    .command('quotes')
    .summary('the coded passages behind each count')
    .description('List each coded passage of a code (and its descendants), grouped by the --by variables: its text (a span’s own words, or the whole segment for a segment tag), speaker, method and path:line.')
    .argument('[dir]', 'project folder (or a folder of notes)', '.');
  projectOptions(filterOptions(outputOptions(command, formatsOf('quotes'))));
  command.option('--pseudonymize', PSEUDONYMIZE_HELP);
  command.addHelpText('after', '\nExamples:\n  $ fieldcode quotes examples/peer-groups --code reciprocity\n  $ fieldcode quotes --code feedback --where phase=II --format markdown --out reports/feedback-II.md');
  command.action((dir: string, options: CommonOptions & { pseudonymize?: boolean }) => {
    const loaded = load(ctx, dir, options).corpus;
    const pseudonymized = options.pseudonymize ? pseudonymize(loaded) : undefined;
    const corpus = pseudonymized?.corpus ?? loaded;
    // A link to a note published under its id would give the name away.
    const links = options.out && options.out !== '-' && !(pseudonymized && pseudonymized.table.paths.size > 0);
    const names = corpus.variables.map((v) => v.name);
    // Values named on the command line are the real ones; they select what is published under pseudonyms.
    const parsed = parseFilters(ctx.io.argv, options, loaded);
    const checkedBy = parseBy(ctx.io.argv, options, names, ['group', 'phase'], caseDimensions(corpus));
    if (!parsed.ok || !checkedBy.ok) return stop(ctx, [...(parsed.ok ? [] : parsed.diagnostics), ...(checkedBy.ok ? [] : checkedBy.diagnostics)], options);
    const filters = pseudonymized ? pseudonymizeFilters(parsed.value, pseudonymized.value) : parsed.value;
    const by = checkedBy.value;
    const quotes = collectQuotes(corpus, by, filters);
    const format = options.format ?? 'table';
    const linkBase = links && options.out ? { linkBase: linkBaseTo(ctx.io.cwd, options.out) } : {};
    const text = render('quotes', format, quotes, { codebook: corpus.codebook, filters, style: reportStyle(ctx, options), ...linkBase });
    const leaks = pseudonymized ? leakDiagnostics(nameLeaks(pseudonymized.table, text), 'the --pseudonymize output') : [];
    const diagnostics = [...corpus.diagnostics, ...leaks, ...(options.pseudonymize ? [] : unpseudonymizedNames(loaded, quotes.sections.flatMap((s) => s.groups.flatMap((g) => g.quotes))))];
    report(ctx, diagnostics, options);
    if (leaks.length === 0) emit(ctx, text, options.out, options.format);
    ctx.exitCode = exitCodeFor(diagnostics, options.strict);
  });
}
