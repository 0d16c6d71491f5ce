// Which combinations of `fieldcode tag`'s flags make sense, and what
// `--at PATH:LINE` names. A wrong combination is a fatal diagnostic on the
// command line (exit 2), pointing at the flag it is about; nothing is thrown.
import type { Diagnostic } from '../types.js';
import { ok, problems, type Checked } from '../model/checked.js';
import { usageProblem } from '../model/command-line.js';

export interface TagFlags {
  add?: string;
  remove?: string;
  at?: string;
  span?: string;
  acceptSuggestions?: boolean;
  all?: boolean;
  code?: string[];
  dryRun?: boolean;
  input?: boolean;
  review?: string;
}

export type TagMode = 'edit' | 'accept' | 'session';

export const NON_INTERACTIVE_HINT = 'use `fieldcode tag --add ID --at PATH:LINE [--span "exact words"]`, `--remove ID --at PATH:LINE`, or `--accept-suggestions [--code ID] [--dry-run]`';

/** The mode the flags ask for, or why they do not go together. */
export function tagMode(argv: readonly string[], paths: readonly string[], options: TagFlags): Checked<TagMode> {
  const problem = (message: string, at?: string): Checked<TagMode> => problems(usageProblem(argv, message, at));
  const editing = options.add !== undefined || options.remove !== undefined;
  const edit = options.add !== undefined ? '--add' : '--remove';
  if (options.add !== undefined && options.remove !== undefined) return problem('Unexpected --add together with --remove, expected one of them', '--remove');
  if (editing && options.acceptSuggestions) return problem('Unexpected --accept-suggestions together with --add or --remove, expected one of them', '--accept-suggestions');
  if (editing && !options.at) return problem(`Missing --at for ${edit}, expected \`--at PATH:LINE\``, edit);
  if (!editing && options.at && (paths.length > 0 || options.acceptSuggestions || options.review !== undefined)) {
    return problem('Unexpected --at with paths, --accept-suggestions or --review; `tag --at PATH:LINE` opens the tagger at that passage', '--at');
  }
  if (!editing && options.span !== undefined) return problem('Unexpected --span without --add or --remove', '--span');
  if (editing && paths.length > 0) return problem('Unexpected paths with --add or --remove, expected the note in `--at PATH:LINE`', paths[0]);
  if (editing) return ok('edit');
  if (options.acceptSuggestions) return ok('accept');
  if (options.dryRun) return problem('Unexpected --dry-run without --add, --remove or --accept-suggestions', '--dry-run');
  if (options.review !== undefined && (options.all || options.code)) return problem('Unexpected --review together with --all or --code, expected --review ID alone', '--review');
  return ok('session');
}

/** A session needs a terminal on both ends; without one, say what to use instead. */
export function needsTerminal(argv: readonly string[], options: TagFlags, terminal: boolean): Diagnostic | undefined {
  if (options.input !== false && terminal) return undefined;
  const why = options.input === false ? 'with --no-input' : 'without a terminal (stdin and stdout must both be a TTY)';
  return usageProblem(argv, `Cannot tag interactively ${why}; ${NON_INTERACTIVE_HINT}`, options.input === false ? '--no-input' : undefined);
}

export interface At {
  path: string;
  line: number;
}

/** `notes/interview.md:12` → the note and the 1-based line. */
export function parseAt(argv: readonly string[], at: string): Checked<At> {
  const match = /^(.+):(\d+)$/.exec(at.trim());
  if (!match || Number(match[2]) < 1) return problems(usageProblem(argv, `Unexpected \`--at ${at}\`, expected \`PATH:LINE\`, e.g. \`notes/interview.md:12\``, '--at'));
  return ok({ path: match[1], line: Number(match[2]) });
}
