// `fieldcode import`: transcripts become notes (transcript-import.ts); a
// codings CSV, REFI-QDA file or codebook becomes a project (src/import/).
import { Option, type Command } from 'commander';
import type { OffsetUnit } from '../../import/csv.js';
import { importFromFile, importSummary, importTargets } from '../../import/from-file.js';
import { exitCodeFor, report, stop, type CliContext, type CommonOptions } from '../context.js';
import { EXIT_PROBLEMS } from '../exit-codes.js';
import { stageFile, type StagedWrite } from '../io.js';
import { displayPath } from '../project.js';
import { importTranscripts, isTranscriptInput } from '../transcript-import.js';

interface ImportOptions extends CommonOptions {
  into?: string;
  sources?: string;
  offsets?: OffsetUnit;
  name?: string;
  sourceFormat?: 'auto' | 'text' | 'markdown';
  force?: boolean;
  verbose?: boolean;
  from?: string;
  set?: string[];
  speakers?: string;
  dryRun?: boolean;
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

export function registerImport(program: Command, ctx: CliContext): void {
  const command = program
    .command('import')
    .summary('convert transcripts, codings and codebooks from other tools into fieldcode notes and projects')
    .description(
      'Convert another tool’s data into a fieldcode project in --into DIR: notes (Markdown with front matter), standoff codings (`*.codings.yaml`), `codebook.yaml` and `fieldcode.yaml`. Transcripts (WebVTT, SRT, Otter, Whisper, Amberscript, f4, oTranscribe, DOCX, plain text) become one note each in the notes folder --into DIR. Nothing is written when any error is found; every file is written atomically. See docs/import.md.',
    )
    .argument('<files...>', 'the file to import (.csv, .qdpx, .qdc, or an indented-list codebook), or transcript files and folders')
    .option('--into <dir>', 'target project folder, created if needed (default for a codebook-only import: the current folder)')
    .option('--sources <dir>', 'folder of the documents the codings refer to (.md or .txt); they become notes under notes/')
    .option('--codebook <file>', 'codebook for a codings CSV: a CSV code system or an indented list')
    .addOption(new Option('--offsets <unit>', 'unit of start/end in a codings CSV').choices(['codepoints', 'utf16']).default('codepoints'))
    .addOption(new Option('--source-format <format>', 'how to read --sources: detect plain text, or force it').choices(['auto', 'text', 'markdown']).default('auto'))
    .option('--name <name>', 'project name for fieldcode.yaml and the codebook')
    .option('--force', 'overwrite files in --into that differ from the imported ones (never a note that has codings)')
    .option('--from <format>', 'read the transcripts as this format: webvtt, srt, otter, whisper-json, whisper-txt, whisper-tsv, amberscript, f4, otr, docx, plain')
    .option('--set <key=value>', 'transcripts: a front matter variable for every imported note, checked against fieldcode.yaml (repeatable)', collect)
    .option('--speakers <file>', 'transcripts: YAML map of speaker labels to names and pseudonyms (`SPEAKER_00: { name: Anna, pseudonym: P01 }`)')
    .option('--dry-run', 'transcripts: print the notes instead of writing them')
    .option('--strict', 'exit 1 on warnings too')
    .option('-v, --verbose', 'also show informational messages (e.g. rows located by their text)')
    .option('-q, --quiet', 'show no warnings and no summary on stderr (errors are still shown)')
    .option('--color', 'force colour')
    .option('--no-color', 'never use colour');
  command.addHelpText(
    'after',
    [
      '',
      'Inputs:',
      '  codings CSV       columns doc, coder, code, start, end [, text, memo]; start/end count',
      '                    characters into the note body (--offsets); doc is a note id, file name or stem',
      '  code system CSV   a `path` (or `code`/`name`) column and no `doc`: codebook only (paths use ` > `)',
      '  indented list     any other text file: codebook only, one code per line, children indented',
      '  .qdpx / .qdc      REFI-QDA project or codebook (ATLAS.ti, NVivo, MAXQDA, QualCoder)',
      '  transcripts       .vtt .srt .docx .otr .json, Whisper .tsv, and .txt whose content shows its tool;',
      '                    a plain `Name:` text transcript needs --from plain; a folder imports every transcript in it',
    ].join('\n') +
      '\n\nExamples:\n  $ fieldcode import recordings/fg-1.vtt --into notes/fg --set group=de-brug --set phase=I --speakers speakers.yaml\n  $ fieldcode import coded_segments.csv --sources transcripts --codebook code_system.csv --into pd-project\n  $ fieldcode import codings.csv --into my-project            # code the notes already in my-project\n  $ fieldcode import study.qdpx --into study',
  );
  command.action(async (files: string[], options: ImportOptions) => {
    const cwd = ctx.io.cwd;
    if (isTranscriptInput(cwd, files, options)) return importTranscripts(ctx, files, options);
    const imported = await importFromFile(ctx.io, files, options);
    if (!imported.ok) return stop(ctx, imported.diagnostics, options);
    const { result, into } = imported.value;
    const diagnostics = [...result.diagnostics];
    const planned = diagnostics.some((d) => d.severity === 'error') ? { targets: [], diagnostics: [] } : importTargets(cwd, imported.value, options);
    diagnostics.push(...planned.diagnostics);
    report(ctx, diagnostics, options, options.verbose === true);
    if (diagnostics.some((d) => d.severity === 'error')) {
      ctx.io.stderr.write(`fieldcode: nothing written to ${displayPath(cwd, into)}: fix the errors above first\n`);
      ctx.exitCode = EXIT_PROBLEMS;
      return;
    }
    // All or nothing: every file is staged beside its target first, and only
    // when all of them are written are they renamed into place.
    const staged: StagedWrite[] = [];
    for (const { file: out, absolute } of planned.targets) {
      try {
        staged.push(stageFile(absolute, out.content, { within: into }));
      } catch (error) {
        for (const write of staged.reverse()) write.abort();
        const shown = displayPath(cwd, absolute);
        return stop(ctx, [{ file: shown, line: 1, column: 1, severity: 'fatal', message: `Cannot write \`${shown}\`: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}; nothing was written`, ruleId: 'write-failed' }], options);
      }
    }
    for (const write of staged) write.commit();
    if (!options.quiet) ctx.io.stderr.write(importSummary(result.files, displayPath(cwd, into)));
    ctx.exitCode = exitCodeFor(diagnostics, options.strict);
  });
}
