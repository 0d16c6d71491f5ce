// `fieldcode init [DIR]`: scaffold a project. Asks with inquirer when it can,
// takes flags and defaults with --yes / --no-input or without a terminal.
// Never overwrites a file: existing ones are reported as skipped.
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { answersFromProject, DEFAULT_CODER, DEFAULT_GROUPS, DEFAULT_PHASES, listOptions, plan } from '../../init/answers.js';
import { GITATTRIBUTES_RULE, GITIGNORE_RULE, hasCacheRule, withCacheRule, STANDARD_METHODS, hasLfRule, ignoresReports, sampleNote, splitList, withLfRule, type InitAnswers } from '../../init/scaffold.js';
import { usageProblem } from '../../model/command-line.js';
import { halted, stop, styleFor, type CliContext } from '../context.js';
import { EXIT_CANCELLED, EXIT_OK } from '../exit-codes.js';
import { writeFileAtomic } from '../io.js';
import { CONFIG_NAME } from '../../core/config.js';
import { displayPath } from '../project.js';

interface InitOptions {
  name?: string;
  groups?: string;
  phases?: string;
  methods?: string;
  coder?: string;
  emptyCodebook?: boolean;
  yes?: boolean;
  input?: boolean;
  color?: boolean;
}

export function registerInit(program: Command, ctx: CliContext): void {
  const command = program
    .command('init')
    .summary('start a new project: fieldcode.yaml, a codebook, sample notes')
    .description(
      'Scaffold a project in DIR (default: the current folder): `fieldcode.yaml` with group, phase and method variables, a codebook (the bundled working-components codebook, or an empty template with --empty-codebook), `notes/` with one sample note per method, a frequency report declared for `fieldcode build`, and a `.gitattributes` rule that checks files out with LF line endings, so committed reports stay up to date on every machine. Asks its questions when run in a terminal; --yes or --no-input take the flags and defaults. Existing files are never overwritten; they are reported as skipped.',
    )
    .argument('[dir]', 'folder for the new project (created if missing)', '.')
    .option('--name <name>', 'project name (default: the folder name)')
    .option('--groups <list>', `groups, comma-separated (default: ${DEFAULT_GROUPS.join(',')})`)
    .option('--phases <list>', `phases in research order, comma-separated (default: ${DEFAULT_PHASES.join(',')})`)
    .option('--methods <list>', `methods, comma-separated (default: ${STANDARD_METHODS.join(',')})`)
    .option('--coder <name>', `coder name for inline codes (default: ${DEFAULT_CODER})`)
    .option('--empty-codebook', 'start from an empty codebook template instead of the bundled working-components codebook')
    .option('-y, --yes', 'ask nothing: use the flags and defaults')
    .option('--no-input', 'never prompt (same as --yes)')
    .option('--color', 'force colour')
    .option('--no-color', 'never use colour');
  command.addHelpText('after', '\nExamples:\n  $ fieldcode init my-study\n  $ fieldcode init my-study --yes --groups de-brug,krachtbron --phases I,II,III --coder anna\n  $ fieldcode init . --yes --empty-codebook');
  command.action(async (dir: string, options: InitOptions) => {
    const root = resolve(ctx.io.cwd, dir);
    const argv = ctx.io.argv;
    if (existsSync(root) && !statSync(root).isDirectory()) return stop(ctx, [usageProblem(argv, `Cannot create a project in \`${dir}\`: it is a file, expected a folder`, dir)], options);
    const lists = listOptions(argv, options);
    if (!lists.ok) return stop(ctx, lists.diagnostics, options);
    const defaults: InitAnswers = {
      name: options.name?.trim() || basename(root),
      ...lists.value,
      coder: options.coder?.trim() || DEFAULT_CODER,
      codebook: options.emptyCodebook ? 'empty' : 'bundled',
    };
    const found = answersFromProject(ctx.io.cwd, root, defaults);
    if (!found.ok) return stop(ctx, found.diagnostics, options);
    const existing = found.value;
    const interactive = !existing && !options.yes && options.input !== false && ctx.io.stdin.isTTY === true && ctx.io.stdout.isTTY === true;
    let answers = existing ?? defaults;
    if (existing) ctx.io.stderr.write(`${displayPath(ctx.io.cwd, join(root, CONFIG_NAME))} exists: adding only what is missing, with its groups, phases, methods and codebook.\n`);
    if (interactive) {
      try {
        answers = await ask(ctx, defaults, options);
      } catch (error) {
        // Loaded here, like the prompts, so commands that never ask do not load inquirer.
        const { ExitPromptError } = await import('@inquirer/core');
        if (error instanceof ExitPromptError) {
          ctx.io.stderr.write('\nCancelled: nothing was written.\n');
          ctx.exitCode = EXIT_CANCELLED;
          return;
        }
        throw error;
      }
    }
    ctx.exitCode = scaffold(ctx, root, answers, options);
  });
}

async function ask(ctx: CliContext, defaults: InitAnswers, options: InitOptions): Promise<InitAnswers> {
  const { checkbox, input, select } = await import('@inquirer/prompts');
  const { promptTheme } = await import('../code-picker.js');
  const context = { input: ctx.io.stdin, output: ctx.io.stdout };
  const theme = promptTheme(styleFor(ctx, 'stdout', { color: options.color }));
  const list = (value: string): true | string => (splitList(value).length > 0 ? true : 'Type at least one value, comma-separated.');
  const name = await input({ theme, message: 'Project name:', default: defaults.name, validate: (v) => (v.trim() ? true : 'Type a name.') }, context);
  const groups = splitList(await input({ theme, message: 'Groups (comma-separated):', default: defaults.groups.join(', '), validate: list }, context));
  const phases = splitList(await input({ theme, message: 'Phases, in research order (comma-separated):', default: defaults.phases.join(', '), validate: list }, context));
  const standard = await checkbox(
    {
      theme,
      message: 'Methods:',
      choices: STANDARD_METHODS.map((method) => ({ value: method as string, checked: defaults.methods.includes(method) })),
    },
    context,
  );
  const extraDefault = defaults.methods.filter((m) => !(STANDARD_METHODS as readonly string[]).includes(m)).join(', ');
  const extra = splitList(await input({ theme, message: 'Other methods (comma-separated, optional):', default: extraDefault }, context));
  const methods = [...new Set([...standard, ...extra])];
  const coder = (await input({ theme, message: 'Coder (your name or initials):', default: defaults.coder, validate: (v) => (v.trim() ? true : 'Type a name.') }, context)).trim();
  const codebook = await select<'bundled' | 'empty'>(
    {
      theme,
      message: 'Codebook:',
      default: defaults.codebook,
      choices: [
        { name: 'Working components of peer groups (bundled, English and Dutch keywords)', value: 'bundled' },
        { name: 'An empty codebook to fill in', value: 'empty' },
      ],
    },
    context,
  );
  return { name: name.trim(), groups, phases, methods: methods.length > 0 ? methods : defaults.methods, coder, codebook };
}

function scaffold(ctx: CliContext, root: string, answers: InitAnswers & { keepCodebook?: boolean }, options: InitOptions): number {
  const style = styleFor(ctx, 'stdout', { color: options.color });
  const rows: string[] = [];
  const shown = displayPath(ctx.io.cwd, root);
  const fail = (path: string, error: unknown): number => {
    const file = displayPath(ctx.io.cwd, join(root, path));
    return halted(ctx, [{ file, line: 1, column: 1, severity: 'fatal', message: `Cannot write \`${file}\` (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, ruleId: 'write-failed' }], options);
  };
  for (const file of plan(answers)) {
    const absolute = join(root, file.path);
    if (existsSync(absolute)) {
      rows.push(`  ${style.yellow('skipped')}  ${file.path} ${style.dim('(already exists, left as it was)')}`);
      continue;
    }
    try {
      mkdirSync(dirname(absolute), { recursive: true });
      const content = 'copyFrom' in file ? readFileSync(file.copyFrom) : file.content;
      // `wx`: fail rather than overwrite a file that appeared meanwhile.
      writeFileSync(absolute, content, { flag: 'wx' });
      rows.push(`  ${style.green('created')}  ${file.path}`);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') rows.push(`  ${style.yellow('skipped')}  ${file.path} ${style.dim('(already exists, left as it was)')}`);
      else return fail(file.path, error);
    }
  }
  const gitattributes = join(root, '.gitattributes');
  try {
    if (!existsSync(gitattributes)) {
      writeFileSync(gitattributes, withLfRule(''), { flag: 'wx' });
      rows.push(`  ${style.green('created')}  .gitattributes ${style.dim(`(${GITATTRIBUTES_RULE})`)}`);
    } else {
      const bytes = readFileSync(gitattributes);
      const text = bytes.toString('utf8');
      if (hasLfRule(text)) rows.push(`  ${style.yellow('skipped')}  .gitattributes ${style.dim(`(already has ${GITATTRIBUTES_RULE})`)}`);
      else {
        // Rewritten atomically, with every existing byte kept and the rule added at the end.
        writeFileAtomic(gitattributes, Buffer.concat([bytes, Buffer.from(withLfRule(text).slice(text.length), 'utf8')]));
        rows.push(`  ${style.green('updated')}  .gitattributes ${style.dim(`(added ${GITATTRIBUTES_RULE})`)}`);
      }
    }
  } catch (error) {
    return fail('.gitattributes', error);
  }
  const gitignore = join(root, '.gitignore');
  try {
    if (!existsSync(gitignore)) {
      writeFileSync(gitignore, withCacheRule(''), { flag: 'wx' });
      rows.push(`  ${style.green('created')}  .gitignore ${style.dim(`(${GITIGNORE_RULE}, the parse cache)`)}`);
    } else {
      const bytes = readFileSync(gitignore);
      const text = bytes.toString('utf8');
      if (hasCacheRule(text)) rows.push(`  ${style.yellow('skipped')}  .gitignore ${style.dim(`(already has ${GITIGNORE_RULE})`)}`);
      else {
        writeFileAtomic(gitignore, Buffer.concat([bytes, Buffer.from(withCacheRule(text).slice(text.length), 'utf8')]));
        rows.push(`  ${style.green('updated')}  .gitignore ${style.dim(`(added ${GITIGNORE_RULE}, the parse cache)`)}`);
      }
    }
  } catch (error) {
    return fail('.gitignore', error);
  }
  // The reports are meant to be committed (CI checks them); an old entry hides them from git.
  if (ignoresReports(readFileSync(gitignore, 'utf8'))) {
    rows.push(`  ${style.yellow('note')}     .gitignore ignores reports/: remove that line and commit what \`fieldcode build\` writes`);
  }
  const where = shown === '.' ? '' : ` ${shown}`;
  const firstNote = answers.methods.length > 0 ? sampleNote(answers.methods[0], answers, '').path : 'notes';
  ctx.io.stdout.write(
    [
      `${style.bold(`fieldcode project “${answers.name}”`)} in ${shown === '.' ? 'this folder' : shown}:`,
      ...rows,
      '',
      'Next:',
      `  fieldcode check${where}`,
      `  fieldcode tag ${shown === '.' ? '' : `${shown}/`}${firstNote}`,
      `  fieldcode report${where}`,
      `  fieldcode build${where}         ${style.dim('# writes reports/; commit them with the notes')}`,
      '',
    ].join('\n'),
  );
  return EXIT_OK;
}
