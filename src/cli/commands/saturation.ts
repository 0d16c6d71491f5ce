import type { Command } from 'commander';
import type { Corpus, Diagnostic } from '../../types.js';
import { analyses, type SpecOf } from '../../analyses/index.js';
import { undatedNotes } from '../../core/saturation.js';
import { cellLabel } from '../../reporters/saturation.js';
import { formatsOf } from '../../reporters/registry.js';
import { filterOptions, outputOptions, projectOptions, type CliContext } from '../context.js';
import { runKind, type AnalysisOptions } from '../kind-command.js';

interface SaturationOptions extends AnalysisOptions {
  base?: string;
  run?: string;
  threshold?: string;
  order?: string;
  min?: boolean;
}

/** A note without a date cannot be placed in date order: one positioned error each. */
function missingDates(corpus: Corpus, spec: SpecOf<'saturation'>): Diagnostic[] {
  if (spec.saturation?.order !== 'date') return [];
  return undatedNotes(corpus, spec.filters).map((note) => ({
    file: note.path,
    line: note.frontMatter?.start.line ?? 1,
    column: note.frontMatter?.start.column ?? 1,
    severity: 'error',
    message: 'Unexpected note without `date`, expected `date: YYYY-MM-DD` in the front matter to order notes for saturation (or order by id with `--order id`)',
    ruleId: 'missing-date',
  }));
}

/** `--min`: every cell of the breakdown (declared values included) must have reached saturation. */
function unsaturated(corpus: Corpus, spec: SpecOf<'saturation'>): Diagnostic[] {
  const result = analyses.saturation(corpus, spec);
  return result.cells
    .filter((cell) => cell.saturatedAt === null)
    .map((cell) => {
      const last = cell.steps.at(-1);
      const where = last ? { file: last.note, line: 1, column: 1 } : { file: corpus.config.path ?? 'fieldcode.yaml', line: 1, column: 1 };
      return { ...where, severity: 'error', message: `Unexpected unsaturated ${cellLabel(result, cell)} (${cell.steps.length} ${cell.steps.length === 1 ? 'note' : 'notes'}), expected a run of ${result.options.run} after a base of ${result.options.base} to add at most ${Math.round(result.options.threshold * 1000) / 10}% new codes`, ruleId: 'not-saturated' };
    });
}

export function registerSaturation(program: Command, ctx: CliContext): void {
  const command = program
    .command('saturation')
    .summary('code saturation per group × phase (Guest, Namey & Chen 2020)')
    .description(
      'Orders the notes of each cell (group × phase by default) by `date`, then id, counts the new codes each note adds, and states saturation as Guest, Namey & Chen (2020) propose: a base of notes, a run of notes after it, and the largest share of new codes the run may add (new codes in the run / distinct codes in the base). This is code saturation, not meaning saturation (Hennink et al. 2017). See docs/saturation.md.',
    )
    .argument('[dir]', 'project folder (or a folder of notes)', '.')
    .option('--base <n>', 'base size: the first n notes of a cell are the reference (default 4)')
    .option('--run <n>', 'run length: notes after the base in which new codes are counted (default 2)')
    .option('--threshold <percent>', 'new-information threshold: the most new codes a run may add, in % of the base’s codes (default 5)')
    .option('--order <order>', 'date (then id; a note without `date` is an error) or id')
    .option('--title <text>', 'page title (html)')
    .option('--min', 'exit 1 when a cell (every declared value of the --by variables) has not reached saturation: for CI');
  projectOptions(filterOptions(outputOptions(command, formatsOf('saturation'))));
  command.addHelpText(
    'after',
    '\nExamples:\n  $ fieldcode saturation examples/peer-groups --by phase\n  $ fieldcode saturation --base 6 --run 3 --threshold 0\n  $ fieldcode saturation --format svg --out figures/saturation.svg\n  $ fieldcode saturation --by group --min      # in CI: fail while a group is not saturated',
  );
  command.action((dir: string, options: SaturationOptions) =>
    runKind(ctx, 'saturation', dir, options, {
      before: missingDates,
      ...(options.min ? { after: unsaturated } : {}),
    }),
  );
}
