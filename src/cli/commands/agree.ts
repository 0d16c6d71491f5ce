// `fieldcode agree`: flags → spec (agreement/agree-spec.ts) → the coders'
// sources → agreement (agreement/coder-agreement.ts, by round in
// agreement/agreement-by.ts) → reporter → emit. Every problem is a diagnostic.
import { Option, type Command } from 'commander';
import { agreeSpec, type AgreeFlags, type AgreeSpec, type Comparison } from '../../agreement/agree-spec.js';
import { agreementRounds, splitByVariable, type RoundGroup } from '../../agreement/agreement-by.js';
import { runAgreement, type CoderSources } from '../../agreement/coder-agreement.js';
import { AGREEMENT_UNITS } from '../../agreement/compare.js';
import { BP_CONVENTIONS, MEASUREMENT_LEVELS, PERCENT_CONVENTIONS } from '../../agreement/table-report.js';
import type { Checked } from '../../model/checked.js';
import type { Diagnostic } from '../../types.js';
import { roundsText } from '../../reporters/agreement-rounds.js';
import { outputFormats, outputs, renderOutput } from '../../reporters/outputs.js';
import { codersFromFolders, codersFromProject, codersFromRevisions, roundsFromRevisions } from '../agree-sources.js';
import { runTableAgreement } from '../agree-table.js';
import { checkCodes, emit, exitCodeFor, outputOptions, projectOptions, report, reportStyle, stop, type CliContext, type CommonOptions } from '../context.js';
import { EXIT_PROBLEMS } from '../exit-codes.js';
import { parseStageFor } from '../parse-options.js';

type AgreeOptions = CommonOptions & AgreeFlags;

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

export function registerAgree(program: Command, ctx: CliContext): void {
  const command = program
    .command('agree')
    .summary('intercoder agreement between two or more coders')
    .description(
      'Compare the codings of two or more coders of the same notes: percent agreement, Cohen’s or Fleiss’ kappa, Brennan & Prediger’s kappa and Krippendorff’s alpha, per code and overall, and every disagreement with its quote. Units (--unit): segment (default), document, document-frequency, overlap (--min 0.9, with MAXQDA’s kappa), character. With --table, a units × coders CSV instead: also weighted kappa, Gwet’s AC1/AC2 and alpha at ordinal, interval or ratio level. See docs/agree.md.',
    )
    .argument('[dirs...]', 'the project folder, or two or more folders of coded copies (one per coder)');
  outputOptions(command, outputFormats(outputs.agreement));
  command
    .addOption(new Option('--unit <unit>', 'what counts as one unit of comparison').choices([...AGREEMENT_UNITS]).default('segment'))
    .option('--min <share>', 'with --unit overlap: the least |A ∩ B| / |A ∪ B| for two spans to match (default 0.9)')
    .option('--min-overlap <percent>', 'with --unit overlap: the same threshold as a percentage, as MAXQDA states it (e.g. 90)')
    .option('--rev <revision>', 'a git branch, tag or commit whose notes are one coder (repeat for each coder)', collect)
    .option('--coders <names>', 'in one project: compare only these coders, comma-separated (default: every coder with codings)')
    .option('--all-notes', 'in one project: also compare notes a coder has no codings in (as “coded nothing there”)')
    .option('--code <id>', 'only this code and its descendants (repeatable)', collect)
    .option('--min-alpha <x>', "exit 1 when the overall Krippendorff's alpha is below x (or undefined)")
    .option('--min-kappa <x>', "exit 1 when the overall Cohen's/Fleiss' kappa is below x (or undefined)")
    .option('--min-agreement <x>', 'exit 1 when the overall percent agreement (0–1) is below x')
    .addOption(new Option('--show <part>', 'which part of the report to print').choices(['all', 'summary', 'disagreements']).default('all'))
    .option('--rounds <revisions>', 'coding rounds kept as git tags (or commits), comma-separated: the project’s coders compared at each, one row per round')
    .option('--by <variable>', 'agreement per value of a front-matter variable of the notes, e.g. `round` (one row per round, in order)')
    .option('--table <file.csv>', 'instead of coded notes: a units × coders CSV (one column per coder, empty cell = missing, optional first `unit` column); reports every statistic that applies')
    .addOption(new Option('--level <level>', 'with --table: level of measurement of the values (default nominal)').choices([...MEASUREMENT_LEVELS]))
    .addOption(new Option('--weights <scheme>', 'with --table at an ordered level: weights of weighted kappa and AC2 (default quadratic)').choices(['linear', 'quadratic']))
    .addOption(new Option('--percent <convention>', 'with --table: percent agreement as agreeing pairs per unit (default), mean over coder pairs, or units where all coders agree').choices([...PERCENT_CONVENTIONS]))
    .addOption(new Option('--bp <convention>', "with --table: Brennan & Prediger over coder pairs (default) or von Eye's all-coder form").choices([...BP_CONVENTIONS]));
  projectOptions(command);
  command.addHelpText(
    'after',
    '\nCoders come from one of:\n  fieldcode agree [DIR]                  one project: each `coder` of its codings (standoff, front matter)\n  fieldcode agree DIR1 DIR2 [DIR3…]      folders of coded copies, one per coder (notes matched by `id`, else path)\n  fieldcode agree [DIR] --rev A --rev B  the project at git revisions, read without a checkout\n  fieldcode agree --table FILE.csv       a units × coders table of values (no notes)\n' +
      '\nExamples:\n  $ fieldcode agree                                  # coders of the standoff codings in this project\n  $ fieldcode agree --table ratings.csv --level ordinal --weights linear\n  $ fieldcode agree coder-a coder-b --unit document\n  $ fieldcode agree --rev anna --rev ben --min-kappa 0.7\n  $ fieldcode agree --unit overlap --min 0.8 --format markdown --out reports/agreement.md\n  $ fieldcode agree --format csv --show disagreements',
  );
  command.action((dirs: string[], options: AgreeOptions) => {
    const spec = agreeSpec(ctx.io.argv, dirs, options);
    if (!spec.ok) return stop(ctx, spec.diagnostics, options);
    const asked = spec.value;
    if (asked.source === 'table') return runTableAgreement(ctx, asked, options);
    if (asked.source === 'rounds') {
      const rounds = roundsFromRevisions(ctx.io.cwd, asked.dir, asked.revs, { ...options, argv: ctx.io.argv, coders: asked.coders, allNotes: asked.allNotes, parsing: (root: string) => parseStageFor(ctx.io, root, options) });
      if (!rounds.ok) return stop(ctx, rounds.diagnostics, options);
      const codes = checkCodes(ctx.io.argv, asked.compare.codes, new Set(rounds.value[0].sources.codebook.byId.keys()));
      if (codes.length > 0) return stop(ctx, codes, options);
      return emitRounds(ctx, 'round', rounds.value.map((r) => ({ value: r.round, sources: r.sources })), asked.compare, options, 0, []);
    }
    const sources = coderSources(ctx, asked, options);
    if (!sources.ok) return stop(ctx, sources.diagnostics, options);
    const codes = checkCodes(ctx.io.argv, asked.compare.codes, new Set(sources.value.codebook.byId.keys()));
    if (codes.length > 0) return stop(ctx, codes, options);
    if (asked.by !== undefined) {
      const split = splitByVariable(ctx.io.argv, sources.value, asked.by);
      if (!split.ok) return stop(ctx, [...sources.value.diagnostics, ...split.diagnostics], options);
      return emitRounds(ctx, asked.by, split.value.groups, asked.compare, options, split.value.untagged, sources.value.diagnostics);
    }
    const result = runAgreement(sources.value, { ...asked.compare, ...asked.gates });
    report(ctx, result.diagnostics, options);
    const written = result.view ? emit(ctx, renderOutput(outputs.agreement, options.format ?? 'table', { ...result.view, show: asked.show }, { style: reportStyle(ctx, options) }), options.out, options.format) : [];
    ctx.exitCode = Math.max(exitCodeFor([...result.diagnostics, ...written], options.strict), result.belowThreshold ? EXIT_PROBLEMS : 0);
  });
}

function coderSources(ctx: CliContext, spec: Exclude<AgreeSpec, { source: 'table' | 'rounds' }>, options: AgreeOptions): Checked<CoderSources> {
  const given = { config: options.config, codebook: options.codebook, argv: ctx.io.argv, parsing: (root: string) => parseStageFor(ctx.io, root, options) };
  if (spec.source === 'revisions') return codersFromRevisions(ctx.io.cwd, spec.dir, spec.revs, given);
  if (spec.source === 'folders') return codersFromFolders(ctx.io.cwd, spec.dirs, given);
  return codersFromProject(ctx.io.cwd, spec.dir, { ...given, coders: spec.coders, allNotes: spec.allNotes });
}

function emitRounds(ctx: CliContext, by: string, groups: RoundGroup[], compare: Comparison, options: AgreeOptions, untagged: number, shared: Diagnostic[]): void {
  const { rows, diagnostics } = agreementRounds(groups, compare);
  const all = [...shared, ...diagnostics];
  report(ctx, all, options);
  const written = emit(ctx, roundsText({ by, rows, unit: compare.unit, untagged }, options.format ?? 'table'), options.out, options.format);
  ctx.exitCode = exitCodeFor([...all, ...written], options.strict);
}
