// The CLI shell: parses argv with commander, runs one command with injected
// IO, and returns the exit code. It never calls process.exit.
import { Command, CommanderError } from 'commander';
import { createRequire } from 'node:module';
import type { CliContext } from './context.js';
import { EXIT_CANNOT_RUN, EXIT_OK } from './exit-codes.js';
import { Halt, UsageError, type IO } from './io.js';
import { registerInit } from './commands/init.js';
import { registerCheck } from './commands/check.js';
import { registerTag } from './commands/tag.js';
import { registerReport } from './commands/report.js';
import { registerQuotes } from './commands/quotes.js';
import { registerSuggest } from './commands/suggest.js';
import { registerCodebook } from './commands/codebook.js';
import { registerPhaseChange } from './commands/phase-change.js';
import { registerCooccurrence } from './commands/cooccurrence.js';
import { registerPhaseReport } from './commands/phase-report.js';
import { registerBuild } from './commands/build.js';
import { registerAgree } from './commands/agree.js';
import { registerPractice } from './commands/practice.js';
import { registerImport } from './commands/import.js';
import { registerExport } from './commands/export.js';
import { registerStandoff } from './commands/standoff.js';
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

Paths in output are relative to the working directory; the same inputs give
byte-identical reports (no timestamps), so reports can be committed and diffed.
`;

const COMMAND_FOOTER = `
Exit codes: 0 done · 1 problems found in the data (or warnings with --strict) ·
2 the tool could not run · 130 cancelled (tag). See \`fieldcode --help\`.`;

/** Registers every command. Each command lives in its own file under commands/. */
export function buildProgram(ctx: CliContext): Command {
  const program = new Command('fieldcode')
    .description('Code qualitative field notes in plain Markdown with a YAML codebook, and report code frequencies and quotes by group and phase.')
    .version(pkg.version, '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => ctx.io.stdout.write(text),
      writeErr: (text) => ctx.io.stderr.write(text),
    });
  program.addHelpText('after', HELP_FOOTER);
  registerInit(program, ctx);
  registerCheck(program, ctx);
  registerTag(program, ctx);
  registerReport(program, ctx);
  registerQuotes(program, ctx);
  registerSuggest(program, ctx);
  registerCodebook(program, ctx);
  registerPhaseChange(program, ctx);
  registerCooccurrence(program, ctx);
  registerPhaseReport(program, ctx);
  registerBuild(program, ctx);
  registerAgree(program, ctx);
  registerPractice(program, ctx);
  registerImport(program, ctx);
  registerExport(program, ctx);
  registerStandoff(program, ctx);
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
  const program = buildProgram(ctx);
  try {
    await program.parseAsync(io.argv, { from: 'user' });
    return ctx.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here with exit code 0; usage errors are 2.
      return error.exitCode === 0 ? EXIT_OK : EXIT_CANNOT_RUN;
    }
    if (error instanceof Halt) return error.exitCode;
    if (error instanceof UsageError) {
      // A message can quote a hostile project file: no control byte of it reaches the terminal.
      io.stderr.write(`fieldcode: ${escapeControls(error.message)}\n`);
      return EXIT_CANNOT_RUN;
    }
    throw error;
  }
}
