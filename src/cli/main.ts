// The CLI shell: parses argv with commander, runs one command with injected
// IO, and returns the exit code. It never calls process.exit.
import { Command, CommanderError, Help } from 'commander';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import type { CliContext } from './context.js';
import { EXIT_CANNOT_RUN, EXIT_OK } from './exit-codes.js';
import type { IO } from './io.js';
import { escapeControls } from '../reporters/terminal.js';

const pkg = createRequire(import.meta.url)('../../package.json') as { version: string };

export const HELP_FOOTER = `
Exit codes:
  0    done (warnings are allowed unless --strict)
  1    problems found in the data, or warnings under --strict
  2    the tool could not run: bad flags, unreadable codebook or project file, unwritable --out
  130  interactive tagging cancelled with Ctrl-C

Environment:
  NO_COLOR     any non-empty value turns colour off (wins over FORCE_COLOR)
  FORCE_COLOR  0 turns colour off; 1, 2 or 3 force that colour level
  DEBUG        set to "fieldcode" to print stack traces of internal errors
  FIELDCODE_CACHE_DIR  the parse cache folder (default .fieldcode/cache in the
               project; --no-cache turns it off; see docs/cache.md)

Paths in output are relative to the working directory; the same inputs give
byte-identical reports (no timestamps), so reports can be committed and diffed.
`;

const COMMAND_FOOTER = `
Exit codes: 0 done · 1 problems found in the data (or warnings with --strict) ·
2 the tool could not run · 130 cancelled (tag). See \`fieldcode --help\`.`;

type Register = (program: Command, ctx: CliContext) => void;

interface CommandRow {
  name: string;
  /** What follows the name in the top-level command list, as commander prints it for the real command. */
  usage: string;
  /** The command's `.summary()`, shown in the top-level list. */
  summary: string;
  load: () => Promise<Register>;
}

/**
 * Every command, in help order. A command's module (and its parser, prompts,
 * reporters) is imported only when that command runs or shows its own help,
 * so `--version` and the top-level `--help` load none of them.
 * test/cli/lazy-commands.test.ts checks each row against its module.
 */
export const COMMANDS: readonly CommandRow[] = [
  { name: 'init', usage: '[options] [dir]', summary: 'start a new project: fieldcode.yaml, a codebook, sample notes', load: async () => (await import('./commands/init.js')).registerInit },
  { name: 'check', usage: '[options] [dir]', summary: 'validate the project file, the codebook and every note', load: async () => (await import('./commands/check.js')).registerCheck },
  { name: 'tag', usage: '[options] [paths...]', summary: 'code segments and spans, interactively or with --add/--remove/--accept-suggestions', load: async () => (await import('./commands/tag.js')).registerTag },
  { name: 'report', usage: '[options] [dir]', summary: 'code frequencies per group and phase', load: async () => (await import('./commands/report.js')).registerReport },
  { name: 'quotes', usage: '[options] [dir]', summary: 'the coded passages behind each count', load: async () => (await import('./commands/quotes.js')).registerQuotes },
  { name: 'suggest', usage: '[options] [dir]', summary: 'where codebook keywords or patterns match but the code is not applied', load: async () => (await import('./commands/suggest.js')).registerSuggest },
  { name: 'codes', usage: '', summary: 'rename, merge, move, retire or split codes in every file at once, with lineage', load: async () => (await import('./commands/codes.js')).registerCodes },
  { name: 'codebook', usage: '[options] [path]', summary: 'validate a codebook and print it as a tree', load: async () => (await import('./commands/codebook.js')).registerCodebook },
  { name: 'phase-change', usage: '[options] [dir]', summary: 'how each code changed from one phase to the next', load: async () => (await import('./commands/phase-change.js')).registerPhaseChange },
  { name: 'cooccurrence', usage: '[options] [dir]', summary: 'which codes are applied together', load: async () => (await import('./commands/cooccurrence.js')).registerCooccurrence },
  { name: 'phase-report', usage: '[options] [dir]', summary: 'per phase: frequencies by group, change, co-occurrences, quotes, method', load: async () => (await import('./commands/phase-report.js')).registerPhaseReport },
  { name: 'matrix', usage: '[options] [dir]', summary: 'a framework matrix: cases × codes per phase, with summaries and quotes', load: async () => (await import('./commands/matrix.js')).registerMatrix },
  { name: 'trajectory', usage: '[options] [dir]', summary: 'each case across the phases: share per code, change, and quotes', load: async () => (await import('./commands/trajectory.js')).registerTrajectory },
  { name: 'build', usage: '[options] [dir]', summary: 'regenerate the reports declared in fieldcode.yaml', load: async () => (await import('./commands/build.js')).registerBuild },
  { name: 'agree', usage: '[options] [dirs...]', summary: 'intercoder agreement between two or more coders', load: async () => (await import('./commands/agree.js')).registerAgree },
  { name: 'reconcile', usage: '[options] [dir]', summary: 'decide each disagreement of two coders; write a consensus coder and a decision log', load: async () => (await import('./commands/reconcile.js')).registerReconcile },
  { name: 'practice', usage: '', summary: 'practise coding against an instructor’s key', load: async () => (await import('./commands/practice.js')).registerPractice },
  { name: 'import', usage: '[options] <files...>', summary: 'convert transcripts, codings and codebooks from other tools into fieldcode notes and projects', load: async () => (await import('./commands/import.js')).registerImport },
  { name: 'export', usage: '[options] [dir]', summary: 'export the codebook (.qdc) or the whole project (.qdpx) in the REFI-QDA exchange format', load: async () => (await import('./commands/export.js')).registerExport },
  { name: 'standoff', usage: '[options] [dir]', summary: 'show how standoff codings anchor to their notes; --fix writes re-anchored positions back', load: async () => (await import('./commands/standoff.js')).registerStandoff },
  { name: 'cache', usage: '', summary: 'show or clear the parse cache (.fieldcode/cache)', load: async () => (await import('./commands/cache.js')).registerCache },
  { name: 'memo', usage: '', summary: 'write and list memos on codes, notes, segments and cells', load: async () => (await import('./commands/memo.js')).registerMemo },
  { name: 'search', usage: '[options] <pattern> [dir]', summary: 'find passages by their words, in context', load: async () => (await import('./commands/search.js')).registerSearch },
  { name: 'saturation', usage: '[options] [dir]', summary: 'code saturation per group × phase (Guest, Namey & Chen 2020)', load: async () => (await import('./commands/saturation.js')).registerSaturation },
  { name: 'joint', usage: '[options] [dir]', summary: 'a measure beside a code’s share per group (or participant) × phase: a joint display', load: async () => (await import('./commands/joint.js')).registerJoint },
  { name: 'methods', usage: '[options] [dir]', summary: 'a methods appendix: sample, coders, agreement, saturation, codebook, rules, pseudonyms', load: async () => (await import('./commands/methods.js')).registerMethods },
];

/**
 * Commands whose action runs only when their flags are usable: a value a
 * flag's parser could not use (kept as an InvalidValue, cli/parse-options.ts)
 * is printed as a fatal diagnostic on the command line, with exit code 2, and
 * the action is not run. Subcommands are made by the same class.
 */
function commandCheckingFlags(ctx: CliContext): typeof Command {
  return class CheckingCommand extends Command {
    override createCommand(name?: string): Command {
      return new CheckingCommand(name);
    }

    override action(fn: (this: Command, ...args: any[]) => void | Promise<void>): this {
      return super.action(async (...args: unknown[]) => {
        const { flagProblems } = await import('./parse-options.js');
        const found = flagProblems(ctx.io, this.opts());
        if (found.length === 0) return fn.apply(this, args);
        const { stop } = await import('./context.js');
        stop(ctx, found, this.opts());
      });
    }
  };
}

/** The command argv asks for: `fieldcode <name> ...` or `fieldcode help <name>`. */
export function requestedCommand(argv: readonly string[]): CommandRow | undefined {
  const name = argv[0] === 'help' ? argv[1] : argv[0];
  return COMMANDS.find((row) => row.name === name);
}

/**
 * Builds the program with the requested command loaded in full and every
 * other command as a name and summary only (enough for the top-level help,
 * for "unknown command" suggestions, and for `help <name>`).
 */
export async function buildProgram(ctx: CliContext, argv: readonly string[]): Promise<Command> {
  const placeholderTerms = new WeakMap<Command, string>();
  const program = new (commandCheckingFlags(ctx))('fieldcode')
    .description('Code qualitative field notes in plain Markdown with a YAML codebook, and report code frequencies and quotes by group and phase.')
    .version(pkg.version, '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => ctx.io.stdout.write(text),
      writeErr: (text) => ctx.io.stderr.write(text),
    })
    .configureHelp({
      subcommandTerm: (command) => placeholderTerms.get(command) ?? Help.prototype.subcommandTerm.call(new Help(), command),
    });
  program.addHelpText('after', HELP_FOOTER);
  const wanted = requestedCommand(argv);
  for (const row of COMMANDS) {
    if (row === wanted) {
      (await row.load())(program, ctx);
    } else {
      const placeholder = program.command(row.name).summary(row.summary);
      placeholderTerms.set(placeholder, row.usage ? `${row.name} ${row.usage}` : row.name);
    }
  }
  for (const command of program.commands) {
    command.exitOverride().configureOutput({
      writeOut: (text) => ctx.io.stdout.write(text),
      writeErr: (text) => ctx.io.stderr.write(text),
    });
    command.showHelpAfterError('(run with --help for usage)');
    command.addHelpText('after', COMMAND_FOOTER);
  }
  return program;
}

export async function main(io: IO): Promise<number> {
  const ctx: CliContext = { io, exitCode: EXIT_OK };
  const program = await buildProgram(ctx, io.argv);
  try {
    const unfinished = await finishInterruptedChanges(ctx);
    if (unfinished !== undefined) return unfinished;
    await program.parseAsync(io.argv, { from: 'user' });
    return ctx.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here with exit code 0; usage errors are 2.
      return error.exitCode === 0 ? EXIT_OK : EXIT_CANNOT_RUN;
    }
    throw error;
  }
}

/**
 * A `fieldcode codes` change killed half-way left its plan in the project
 * (`.fieldcode/plan.json`): any command first completes it or rolls it back,
 * and says which. The project is the one around the working directory, or a
 * folder named on the command line. `--version` and `--help` alone skip this.
 */
async function finishInterruptedChanges(ctx: CliContext): Promise<number | undefined> {
  const io = ctx.io;
  if (io.argv.length === 0 || io.argv.every((arg) => /^(-V|--version|-h|--help|help)$/.test(arg))) return undefined;
  const { candidateRoots } = await import('../codes/recover.js');
  const roots = candidateRoots(io.cwd, io.argv);
  if (roots.length === 0) return undefined;
  const { finishPlan } = await import('../codes/journal.js');
  const { displayPath } = await import('../pipeline/paths.js');
  for (const root of roots) {
    // A plan that cannot be finished stops every command: a fatal diagnostic at the plan.
    const done = finishPlan(root, (path) => displayPath(io.cwd, resolve(root, path)));
    if (!done.ok) {
      const { stop } = await import('./context.js');
      stop(ctx, done.diagnostics);
      return ctx.exitCode;
    }
    if (done.value) io.stderr.write(`fieldcode: ${escapeControls(done.value.message)}\n`);
  }
  return undefined;
}
