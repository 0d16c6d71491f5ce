// `fieldcode tag`: code segments and spans in the notes themselves, in the
// inline syntax. Interactive with a terminal; `--add`, `--remove` and
// `--accept-suggestions` for scripts. The flags pick a mode (src/tag/flags.ts);
// each mode runs in ../tag-run.ts, and every write goes through writeTagFile:
// checked against the disk, atomic, every other byte kept.
import type { Command } from 'commander';
import { needsTerminal, tagMode, type TagFlags } from '../../tag/flags.js';
import { projectOptions, stop, type CliContext, type CommonOptions } from '../context.js';
import { acceptSuggestions, editOne, openAt, openSession } from '../tag-run.js';

/** The command's flags: the tag flags (src/tag/flags.ts) and the ones every command has. */
export interface TagOptions extends CommonOptions, TagFlags {}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

export function registerTag(program: Command, ctx: CliContext): void {
  const command = program
    .command('tag')
    .summary('code segments and spans, interactively or with --add/--remove/--accept-suggestions')
    .description(
      'Walk the segments of the notes and pick codes for each, written back in the inline syntax (`#code` at the end of the paragraph, `[words]{#code}` for spans). Only the added or removed markup changes: line endings, BOM, trailing spaces and front matter stay byte for byte. Writes are atomic, and a note that changed on disk since it was read is never overwritten.\n\nWithout a terminal (or with --no-input) use --add, --remove or --accept-suggestions.',
    )
    .argument('[paths...]', 'notes or folders to walk (default: every note of the project)')
    .option('--add <id>', 'add this code to the segment at --at (or to --span words in it)')
    .option('--remove <id>', 'remove this code from the segment at --at (or from the --span words)')
    .option('--at <path:line>', 'the segment that holds this line of this note: open the tagger there, or edit it with --add/--remove')
    .option('--span <words>', 'exact words of the segment, to code (or uncode) as a span')
    .option('--accept-suggestions', 'apply every suggestion `fieldcode suggest` lists, as segment tags')
    .option('--code <id>', 'only this code and its descendants: suggestions to accept, or segments to visit (repeatable)', collect)
    .option('--where <var=value>', 'only notes where VAR equals VALUE (repeatable)', collect)
    .option('--all', 'visit every segment, not only those with no code yet')
    .option('--review <id>', 'visit exactly the passages `fieldcode codes split` left on this code for review (fieldcode.review.yaml)')
    .option('--dry-run', 'print a unified diff of the changes instead of writing them')
    .option('--no-input', 'never prompt; without --add/--remove/--accept-suggestions this exits 2');
  projectOptions(command);
  command.addHelpText(
    'after',
    '\nExamples:\n  $ fieldcode tag notes/de-brug/II-interview.md\n  $ fieldcode tag --all notes/de-brug/\n  $ fieldcode tag --code reciprocity\n  $ fieldcode tag --review feedback     # the passages left on feedback by \`codes split\`\n  $ fieldcode tag --at notes/de-brug/II-interview.md:23   # open at that passage (a search hit)\n  $ fieldcode tag --add feedback --at notes/de-brug/II-interview.md:23\n  $ fieldcode tag --add reciprocity --at notes/de-brug/II-interview.md:23 --span "give back"\n  $ fieldcode tag --remove feedback --at notes/de-brug/II-interview.md:23\n  $ fieldcode tag --accept-suggestions --code reciprocity --dry-run\n\nInteractive keys: type to filter the codes, ↑↓ move, space check, ⏎ save and go on,\n→ skip, ← back, tab more (code a span, write a memo on the segment, undo, quit). Ctrl-C exits 130; saved changes stay.',
  );
  command.action(async (paths: string[], options: TagOptions) => {
    const mode = tagMode(ctx.io.argv, paths, options);
    if (!mode.ok) return stop(ctx, mode.diagnostics, options);
    if (mode.value === 'edit') ctx.exitCode = editOne(ctx, options);
    else if (mode.value === 'accept') ctx.exitCode = acceptSuggestions(ctx, paths, options);
    else {
      const terminal = needsTerminal(ctx.io.argv, options, ctx.io.stdin.isTTY === true && ctx.io.stdout.isTTY === true);
      if (terminal) return stop(ctx, [terminal], options);
      ctx.exitCode = options.at ? await openAt(ctx, options) : await openSession(ctx, paths, options);
    }
  });
}
