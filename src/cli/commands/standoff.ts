import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { Diagnostic } from '../../types.js';
import { serializeStandoff } from '../../standoff/format.js';
import { locateCodings, reanchorDocument } from '../../standoff/anchor.js';
import { exitCodeFor, load, projectOptions, report, stop, writeFailed, type CliContext, type CommonOptions } from '../context.js';
import { fileStamp, writeFileAtomic } from '../io.js';
import { readStandoffFiles } from '../../pipeline/run.js';
import { escapeControls } from '../../reporters/terminal.js';

interface StandoffOptions extends CommonOptions {
  fix?: boolean;
}

export function registerStandoff(program: Command, ctx: CliContext): void {
  const command = program
    .command('standoff')
    .summary('show how standoff codings anchor to their notes; --fix writes re-anchored positions back')
    .description(
      'Anchor every standoff codings file (`*.codings.yaml`, spec in docs/standoff.md) to its note and list, per file, how many codings are in place, re-anchored (their text moved) or orphaned (their text is gone). With --fix, files with re-anchored codings are rewritten with the new offsets, quotes and context; orphaned codings are kept unchanged for a person to resolve. Exit 1 while any coding is orphaned.',
    )
    .argument('[dir]', 'project folder', '.')
    .option('--fix', 'rewrite standoff files whose codings were re-anchored (atomically; comments and entry order are not kept)');
  projectOptions(command);
  command.addHelpText('after', '\nExamples:\n  $ fieldcode standoff\n  $ fieldcode standoff --fix');
  command.action((dir: string, options: StandoffOptions) => {
    const loaded = load(ctx, dir, options);
    if (!loaded) return;
    const diagnostics: Diagnostic[] = [];
    const lines: string[] = [];
    let fixed = 0;
    for (const { path, shown, stamp, document, note } of readStandoffFiles(loaded.source, loaded.corpus.notes, loaded.files, diagnostics)) {
      const absolute = resolve(loaded.root, path);
      const anchors = locateCodings(document, note.text);
      const moved = anchors.filter((a) => a.status === 'moved').length;
      const orphaned = anchors.filter((a) => a.status === 'orphaned').length;
      // The loader already reported the orphans and re-anchorings of this file.
      diagnostics.push(...loaded.corpus.diagnostics.filter((d) => d.file === shown && (d.ruleId === 'orphaned-coding' || (d.ruleId === 'reanchored-coding' && !options.fix))));
      let state = `${anchors.length - moved - orphaned} in place, ${moved} re-anchored, ${orphaned} orphaned`;
      if (options.fix && moved > 0) {
        if (fileStamp(absolute) !== stamp) return stop(ctx, [...diagnostics, { file: shown, line: 1, column: 1, severity: 'fatal', message: `Cannot fix \`${shown}\`: it changed while fieldcode was reading it; run again`, ruleId: 'write-failed' }], options);
        try {
          writeFileAtomic(absolute, serializeStandoff(reanchorDocument(document, note)));
        } catch (error) {
          return stop(ctx, [...diagnostics, writeFailed(shown, error)], options);
        }
        fixed++;
        state += ' (fixed)';
      }
      lines.push(`${shown}  ${document.codings.length} ${document.codings.length === 1 ? 'coding' : 'codings'}: ${state}`);
    }
    report(ctx, diagnostics, options, true);
    // File names come from the project, which may be hostile: no control byte of them reaches the terminal.
    ctx.io.stdout.write(lines.length ? `${escapeControls(lines.join('\n'))}\n` : '');
    if (!options.quiet) {
      if (lines.length === 0) ctx.io.stderr.write('No standoff codings files (*.codings.yaml) found\n');
      if (options.fix) ctx.io.stderr.write(`${fixed} ${fixed === 1 ? 'file' : 'files'} rewritten\n`);
    }
    ctx.exitCode = exitCodeFor(diagnostics, options.strict);
  });
}
