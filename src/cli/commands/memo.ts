import type { Command } from 'commander';
import type { Corpus, Diagnostic } from '../../types.js';
import { checkTargets, parseTargets } from '../../memos/about-flags.js';
import { byDate, memosAbout } from '../../memos/select.js';
import { defaultTitle, todayDate } from '../../memos/template.js';
import { outputFormats, outputs, renderOutput } from '../../reporters/outputs.js';
import { displayPath } from '../../pipeline/paths.js';
import { usageProblem } from '../../model/command-line.js';
import { openEditor, writeNewMemo } from '../memo-file.js';
import { emit, exitCodeFor, load, outputOptions, projectOptions, report, stop, type CliContext, type CommonOptions } from '../context.js';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

const ABOUT_HELP = 'what the memo is about: code:<id>, note:<id>, segment:<id>, cell:group=de-brug,phase=II (or cell:{group: de-brug, phase: II}), or <variable>:<value> such as phase:II (repeatable)';

interface NewOptions extends CommonOptions {
  about?: string[];
  title?: string;
  author?: string;
  date?: string;
  tag?: string[];
  edit?: boolean;
}

export function registerMemo(program: Command, ctx: CliContext): void {
  const memo = program
    .command('memo')
    .summary('write and list memos on codes, notes, segments and cells')
    .description('Memos are Markdown files under `memos/` (or the `memos:` folder of fieldcode.yaml) whose front matter says what each is `about:`. They show in quotes (under their segment), codebook (under their code), the phase report (phase and cell memos), REFI-QDA export and the memo trail, and never count in any report. See docs/memos.md.');

  const create = memo
    .command('new')
    .description('Write a new memo from a template (never over an existing file, never touching a note) and print its path. Opens $VISUAL or $EDITOR when stdin and stdout are a terminal.')
    .argument('[dir]', 'project folder', '.')
    .option('--about <target>', ABOUT_HELP, collect)
    .option('--title <text>', 'the memo’s heading (default: what it is about); also names the file')
    .option('--author <name>', 'author in the front matter (default: the project’s `coder`)')
    .option('--date <YYYY-MM-DD>', 'date in the front matter and file name (default: today)')
    .option('--tag <word>', 'a tag (repeatable)', collect)
    .option('--no-edit', 'never open an editor');
  projectOptions(create);
  create.addHelpText('after', '\nExamples:\n  $ fieldcode memo new --about code:feedback --title "Feedback is asked, not given"\n  $ fieldcode memo new --about cell:group=de-brug,phase=II --author researcher-a');
  create.action((dir: string, options: NewOptions) => {
    const argv = ctx.io.argv;
    if (!options.about?.length) return stop(ctx, [usageProblem(argv, 'Missing `--about`, expected what the memo is about, e.g. `--about code:feedback`')], options);
    const parsed = parseTargets(argv, options.about);
    if (!parsed.ok) return stop(ctx, parsed.diagnostics, options);
    const about = parsed.value;
    const date = options.date ?? todayDate();
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return stop(ctx, [usageProblem(argv, `Unexpected \`--date ${date}\`, expected YYYY-MM-DD`, '--date')], options);
    const loaded = load(ctx, dir, options);
    if (!loaded) return;
    const unknown = checkTargets(argv, loaded, about);
    if (unknown.length > 0) return stop(ctx, unknown, options);
    const author = options.author ?? loaded.corpus.config.coder;
    const path = writeNewMemo(loaded.root, loaded.corpus.config, { about, title: options.title ?? defaultTitle(about), date, ...(author ? { author } : {}), tags: options.tag ?? [] });
    ctx.io.stdout.write(`${displayPath(ctx.io.cwd, path)}\n`);
    if (options.edit !== false) openEditor(ctx.io, path);
  });

  const list = memo
    .command('list')
    .description('List the memos by date, then path: each with its title, author, tags and what it is about.')
    .argument('[dir]', 'project folder', '.')
    .option('--about <target>', 'only memos about this target (repeatable: any of them)', collect)
    .option('--tag <word>', 'only memos with this tag (repeatable: any of them)', collect);
  projectOptions(outputOptions(list, outputFormats(outputs['memo-list'])));
  list.addHelpText('after', '\nExamples:\n  $ fieldcode memo list examples/peer-groups\n  $ fieldcode memo list --about code:reciprocity --format json');
  list.action((dir: string, options: CommonOptions & { about?: string[]; tag?: string[] }) => {
    const loaded = load(ctx, dir, options);
    if (!loaded) return;
    const all = loaded.corpus.memos ?? [];
    const about = parseTargets(ctx.io.argv, options.about ?? []);
    if (!about.ok) return stop(ctx, about.diagnostics, options);
    let memos = about.value.length > 0 ? memosAbout(all, about.value) : byDate(all);
    if (options.tag?.length) memos = memos.filter((m) => m.tags.some((t) => options.tag!.includes(t)));
    const format = options.format ?? 'text';
    const text = renderOutput(outputs['memo-list'], format, memos);
    const diagnostics = memoDiagnostics(loaded.corpus);
    report(ctx, diagnostics, options);
    const written = emit(ctx, text, options.out, format);
    ctx.exitCode = exitCodeFor([...diagnostics, ...written], options.strict);
  });

  for (const command of [create, list]) {
    command.exitOverride().configureOutput({ writeOut: (text) => ctx.io.stdout.write(text), writeErr: (text) => ctx.io.stderr.write(text) });
    command.showHelpAfterError('(run with --help for usage)');
  }
}

/** `memo list` shows the problems of the memos themselves, not of every note. */
function memoDiagnostics(corpus: Corpus): Diagnostic[] {
  const paths = new Set((corpus.memos ?? []).map((m) => m.path));
  return corpus.diagnostics.filter((d) => paths.has(d.file) || d.ruleId.startsWith('memo-') || d.severity === 'fatal');
}

