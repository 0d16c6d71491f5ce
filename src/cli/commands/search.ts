import { relative } from 'node:path';
import type { Command } from 'commander';
import { Option } from 'commander';
import { search } from '../../search/find.js';
import { outputFormats, outputs, renderOutput } from '../../reporters/outputs.js';
import { usageProblem } from '../../model/command-line.js';
import type { Diagnostic } from '../../types.js';
import { emit, exitCodeFor, load, outputOptions, parseFilters, projectOptions, report, reportStyle, stop, type CliContext, type CommonOptions } from '../context.js';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

interface SearchFlags extends CommonOptions {
  regex?: boolean;
  fold?: boolean;
  case?: boolean;
  uncoded?: boolean;
  context?: string;
}

export function registerSearch(program: Command, ctx: CliContext): void {
  const command = program
    .command('search')
    .summary('find passages by their words, in context')
    .description(
      'Keyword in context over the segments of the notes: each hit with its path:line, speaker, variables and the codes already applied. A plain PATTERN is words, matched case-insensitively as whole words (`help*` also finds `helped`); --regex takes an RE2 regular expression (linear time: no pattern can hang the search). Hand a hit to the tagger with `fieldcode tag --at PATH:LINE`.',
    )
    .argument('<pattern>', 'words to find, or a regular expression with --regex')
    .argument('[dir]', 'project folder (or a folder of notes)', '.')
    .option('--regex', 'PATTERN is an RE2 regular expression (no lookaround or backreferences)')
    .option('--fold', 'ignore diacritics: `reciprociteit` finds `réciprociteit` (with --regex the pattern meets the text without its accents)')
    .option('--case', 'match upper and lower case exactly')
    .option('--where <var=value>', 'only notes where VAR equals VALUE (repeatable; repeats of one variable are alternatives)', collect)
    .option('--code <id>', 'only passages coded with this code or its descendants (repeatable)', collect)
    .option('--uncoded', 'only passages with no code yet')
    .option('--coder <name>', 'only codings by this coder (for --code, --uncoded and the codes shown)')
    .option('--context <n>', 'also show the N speaker turns (segments) before and after each hit', '0');
  command.addOption(new Option('--by <vars>').hideHelp());
  projectOptions(outputOptions(command, outputFormats(outputs.search)));
  command.addHelpText(
    'after',
    '\nExamples:\n  $ fieldcode search "give back" examples/peer-groups\n  $ fieldcode search --fold --where phase=II --context 1 wederkerig* examples/peer-groups\n  $ fieldcode search --regex "help(ed|s)? (me|him|her)" --uncoded --format csv --out hits.csv\n  $ fieldcode tag --at notes/de-brug/II-interview.md:23',
  );
  command.action((pattern: string, dir: string, options: SearchFlags) => {
    const context = Number(options.context ?? '0');
    const flags = flagProblems(ctx.io.argv, options, context);
    if (flags.length > 0) return stop(ctx, flags, options);
    const loaded = load(ctx, dir, options);
    if (!loaded) return;
    const { corpus } = loaded;
    const checked = parseFilters(ctx.io.argv, options, corpus);
    if (!checked.ok) return stop(ctx, checked.diagnostics, options);
    const filters = checked.value;
    const found = search(corpus, {
      pattern,
      regex: options.regex === true,
      fold: options.fold === true,
      caseSensitive: options.case === true,
      filters,
      uncoded: options.uncoded === true,
      context,
      projectPath: (note) => loaded.files.get(note.path)?.path ?? relative(loaded.root, note.path),
      patternProblem: (reason) => usageProblem(ctx.io.argv, `Unexpected ${options.regex ? '--regex pattern' : 'pattern'} \`${pattern}\`: ${reason}`, pattern),
    });
    if (!found.ok) return stop(ctx, found.diagnostics, options);
    const result = found.value;
    const format = options.format ?? 'text';
    const text = renderOutput(outputs.search, format, result, { style: reportStyle(ctx, options) });
    report(ctx, corpus.diagnostics, options);
    const written = emit(ctx, text, options.out, format);
    ctx.exitCode = exitCodeFor([...corpus.diagnostics, ...written], options.strict);
  });
}

/** Flags that cannot go together or have a value search cannot use. */
function flagProblems(argv: readonly string[], options: SearchFlags, context: number): Diagnostic[] {
  const found: Diagnostic[] = [];
  if (!/^\d+$/.test(options.context ?? '0') || context > 1000) found.push(usageProblem(argv, `Unexpected \`--context ${options.context}\`, expected a whole number of speaker turns from 0 to 1000`, '--context'));
  if (options.uncoded && options.code?.length) found.push(usageProblem(argv, 'Unexpected --uncoded together with --code, expected one of them', '--uncoded'));
  if (options.by !== undefined) found.push(usageProblem(argv, 'Unexpected `--by` for search, expected `--where` to choose notes', '--by'));
  return found;
}
