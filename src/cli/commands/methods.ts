import { spawnSync } from 'node:child_process';
import type { Command } from 'commander';
import { formatsOf } from '../../reporters/registry.js';
import { outputOptions, projectOptions, type CliContext } from '../context.js';
import { UsageError } from '../io.js';
import { runKind, type AnalysisOptions } from './build.js';
import { resolve } from 'node:path';

/** `git rev-parse HEAD`, with `-dirty` when the work tree has changes. */
function gitCommit(dir: string): string {
  const head = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: dir, encoding: 'utf8' });
  if (head.error || head.status !== 0) throw new UsageError(`Cannot use --commit: \`${dir}\` is not inside a git repository with a commit`);
  const status = spawnSync('git', ['status', '--porcelain'], { cwd: dir, encoding: 'utf8' });
  return `${head.stdout.trim()}${status.stdout.trim() !== '' ? ' (with uncommitted changes)' : ''}`;
}

export function registerMethods(program: Command, ctx: CliContext): void {
  const command = program
    .command('methods')
    .summary('a methods appendix: sample, coders, agreement, saturation, codebook, rules, pseudonyms')
    .description(
      'A methods appendix in Markdown or HTML, ready for a paper or an ethics board: the sample (notes, segments and words per method × group × phase), the coders and the share double-coded, agreement per code and overall with its unit and statistic, the saturation statement, the codebook tree with definitions and a content hash, the counting rules in words, how pseudonyms were applied, and fieldcode’s version with a hash of the inputs. See docs/methods.md.',
    )
    .argument('[dir]', 'project folder', '.')
    .option('--commit', 'also name the git commit (and whether the work tree has changes); leave it off for a committed appendix, which must not change with every commit')
    .option('--coders <names>', 'the coders whose agreement is reported, comma-separated (default: every coder with codings)')
    .option('--title <text>', 'title of the appendix (default: Methods appendix)')
    .option('--where <var=value>', 'keep notes where VAR equals VALUE (repeatable)', (value: string, previous: string[] = []) => [...previous, value])
    .option('--coder <name>', 'only codings by this coder');
  projectOptions(outputOptions(command, formatsOf('methods')));
  command.addHelpText('after', '\nExamples:\n  $ fieldcode methods examples/peer-groups\n  $ fieldcode methods --format html --out appendix.html --commit');
  command.action((dir: string, options: AnalysisOptions & { commit?: boolean; coders?: string }) => {
    const commit = options.commit ? gitCommit(resolve(ctx.io.cwd, dir)) : undefined;
    const coders = options.coders?.split(',').map((c) => c.trim()).filter(Boolean);
    runKind(ctx, 'methods', dir, options, { spec: () => ({ by: [], ...(commit ? { commit } : {}), ...(coders ? { coders } : {}) }) });
  });
}
