// A problem with what was typed (an unknown value for a flag, a missing
// argument) is a diagnostic like any other: positioned on the command line as
// typed (`<command line>:1:COLUMN`, the column of the offending argument in
// `fieldcode ARGS…`), fatal (exit 2), and printed in the chosen `--format`.
import type { Diagnostic, RuleId } from '../types.js';

/** The `file` of a diagnostic about the command line; reporters give it no artifact location. */
export const COMMAND_LINE = '<command line>';

/**
 * `at` names the argument the problem is about: a flag (`--where`, matched as
 * `--where` or `--where=…`) or a value as typed. Without it, or when it is not
 * in `argv`, the problem points at the command line's start.
 */
export function usageProblem(argv: readonly string[], message: string, at?: string, ruleId: RuleId = 'invalid-option'): Diagnostic {
  return { file: COMMAND_LINE, line: 1, column: columnOf(argv, at), severity: 'fatal', message, ruleId };
}

function columnOf(argv: readonly string[], at: string | undefined): number {
  if (at === undefined) return 1;
  const index = argv.findIndex((arg) => arg === at || (at.startsWith('-') && arg.startsWith(`${at}=`)));
  if (index < 0) return 1;
  // `fieldcode ` and every argument before, each followed by one space.
  return 'fieldcode '.length + argv.slice(0, index).reduce((sum, arg) => sum + arg.length + 1, 0) + 1;
}

/** What to place a problem with `flag VALUE` at: the value when it was typed as its own argument after the flag, else the flag. */
export function flagValue(argv: readonly string[], flag: string, value: string): string {
  return argv.some((arg, i) => arg === value && argv[i - 1] === flag) ? value : flag;
}

export function isCommandLine(diagnostic: Diagnostic): boolean {
  return diagnostic.file === COMMAND_LINE;
}
