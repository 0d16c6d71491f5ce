import { spawnSync } from 'node:child_process';
import type { Command } from 'commander';
import { formatsOf } from '../../reporters/registry.js';
import { outputOptions, projectOptions, type CliContext } from '../context.js';
import { usageProblem } from '../../model/command-line.js';
import { runKind, type AnalysisOptions } from '../kind-command.js';
import { stop } from '../context.js';
import { resolve } from 'node:path';

/** `git rev-parse HEAD`, and whether the work tree has changes; undefined outside a repository with a commit. */
function gitCommit(dir: string): string | undefined {
  const head = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: dir, encoding: 'utf8' });
  if (head.error || head.status !== 0) return undefined;
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
    const where = resolve(ctx.io.cwd, dir);
    const commit = options.commit ? gitCommit(where) : undefined;
    if (options.commit && commit === undefined) return stop(ctx, [usageProblem(ctx.io.argv, `Cannot use --commit: \`${where}\` is not inside a git repository with a commit`, '--commit')], options);
    // `--commit` is a switch; the spec holds the commit it names.
    return runKind(ctx, 'methods', dir, { ...options, commit: undefined } as AnalysisOptions, { raw: commit ? { commit } : {} });
  });
}
