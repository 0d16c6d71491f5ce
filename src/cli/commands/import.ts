import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, relative, resolve, sep } from 'node:path';
import { Option, type Command } from 'commander';
import type { Diagnostic } from '../../types.js';
import { importCodingsCsv, type ImportedFile, type ImportResult, type OffsetUnit, type TextFile } from '../../import/csv.js';
import { codebookFromCsv, codebookFromList, serializeCodebook } from '../../import/codebook.js';
import { readCsv } from '../../import/table.js';
import { exitCodeFor, report, type CliContext, type CommonOptions } from '../context.js';
import { EXIT_PROBLEMS } from '../exit-codes.js';
import { readUtf8, stageFile, UsageError, type StagedWrite } from '../io.js';
import { unsafePath } from '../../core/build.js';
import { displayPath } from '../project.js';
import { importTranscripts, isTranscriptInput } from '../transcript-import.js';
import { discover } from '../../pipeline/discover.js';
import { workingTreeSource } from '../../pipeline/sources/working-tree.js';
import { outsideDiagnostics } from '../../pipeline/confine.js';
import { CONFIG_NAME } from '../../core/config.js';

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

/** What `src/refi/import.ts` provides; loaded lazily so the CSV import works on its own. */
interface RefiImport {
  importQdpx(bytes: Uint8Array, options: Record<string, unknown>): ImportResult;
  importQdc(text: string, options: Record<string, unknown>): ImportResult;
}

const REFI_MODULE = '../../refi/import.js';

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
    if (isTranscriptInput(cwd, files, options)) {
      await importTranscripts(ctx, files, options);
      return;
    }
    if (files.length > 1) throw new UsageError(`Unexpected ${files.length} files: a codings CSV, REFI-QDA file or codebook is imported one at a time (several files or folders are read as transcripts)`);
    const file = files[0];
    const input = resolve(cwd, file);
    const shown = displayPath(cwd, input);
    if (!existsSync(input) || !statSync(input).isFile()) throw new UsageError(`Cannot find \`${file}\`: no such file`);
    const ext = extname(input).toLowerCase();
    const codebookOnlyInput = ext === '.qdc' || (ext !== '.qdpx' && ext !== '.tsv' && (ext !== '.csv' || !isCodingsCsv(readText(input, shown), shown)));
    if (options.into === undefined && !codebookOnlyInput) throw new UsageError(`Missing --into DIR: where to write the project imported from \`${file}\``);
    const into = resolve(cwd, options.into ?? '.');
    if (existsSync(into) && !statSync(into).isDirectory()) throw new UsageError(`Cannot import into \`${options.into}\`: it is not a folder`);
    const name = options.name ?? basename(input, extname(input));

    let result: ImportResult;
    if (ext === '.qdpx' || ext === '.qdc') {
      const refi = await loadRefi();
      if (ext === '.qdpx') result = refi.importQdpx(new Uint8Array(readFileSync(input)), { path: shown, name });
      else result = refi.importQdc(readText(input, shown), { path: shown, name });
    } else if (ext === '.csv' && !isCodingsCsv(readText(input, shown), shown)) {
      result = codebookOnly(shown, readText(input, shown), name, codebookFromCsv);
    } else if (ext === '.csv' || ext === '.tsv') {
      result = importCsv(ctx, input, shown, into, name, options);
    } else {
      result = codebookOnly(shown, readText(input, shown), name, codebookFromList);
    }

    const diagnostics = [...result.diagnostics];
    const errors = diagnostics.some((d) => d.severity === 'error');
    const targets: Array<{ file: ImportedFile; absolute: string }> = [];
    if (!errors) {
      for (const out of result.files) {
        const absolute = resolve(into, out.path);
        const rel = relative(into, absolute);
        if (rel === '' || rel.startsWith('..') || resolve(into, rel) !== absolute || rel.split(sep).includes('..')) {
          diagnostics.push({ file: shown, line: 1, column: 1, severity: 'error', message: `Refusing to write \`${out.path}\` outside \`${options.into ?? '.'}\``, ruleId: 'unsafe-path' });
          continue;
        }
        const unsafe = unsafePath(out.path);
        if (unsafe) {
          const long = unsafe.includes('longer than');
          diagnostics.push({ file: shown, line: 1, column: 1, severity: 'error', message: `Cannot write \`${out.path}\`: ${unsafe}${long ? '; shorten the name of its source in the other tool' : ''}`, ruleId: long ? 'name-too-long' : 'unsafe-path' });
          continue;
        }
        if (!options.force && existsSync(absolute)) {
          const current = readUtf8(absolute);
          if ('error' in current || current.text !== out.content) {
            diagnostics.push({ file: displayPath(cwd, absolute), line: 1, column: 1, severity: 'error', message: 'Refusing to overwrite an existing file that differs from the imported one (use --force to replace it)', ruleId: 'would-overwrite' });
            continue;
          }
        }
        targets.push({ file: out, absolute });
      }
    }
    report(ctx, diagnostics, options, options.verbose === true);
    if (diagnostics.some((d) => d.severity === 'error')) {
      ctx.io.stderr.write(`fieldcode: nothing written to ${displayPath(cwd, into)}: fix the errors above first\n`);
      ctx.exitCode = EXIT_PROBLEMS;
      return;
    }
    // All or nothing: every file is staged beside its target first, and only
    // when all of them are written are they renamed into place.
    const staged: StagedWrite[] = [];
    for (const { file: out, absolute } of targets) {
      try {
        staged.push(stageFile(absolute, out.content, { within: into }));
      } catch (error) {
        for (const write of staged.reverse()) write.abort();
        throw new UsageError(`Cannot write \`${displayPath(cwd, absolute)}\`: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}; nothing was written`, { cause: error });
      }
    }
    for (const write of staged) write.commit();
    if (!options.quiet) ctx.io.stderr.write(summary(result.files, displayPath(cwd, into)));
    ctx.exitCode = exitCodeFor(diagnostics, options.strict);
  });
}

async function loadRefi(): Promise<RefiImport> {
  try {
    const specifier = REFI_MODULE;
    return (await import(specifier)) as RefiImport;
  } catch (error) {
    throw new UsageError(`Cannot import REFI-QDA files: the REFI-QDA importer is not available (${(error as Error).message})`, { cause: error });
  }
}

function readText(absolute: string, shown: string): string {
  const file = readUtf8(absolute);
  if ('error' in file) throw new UsageError(`Cannot read \`${shown}\`: ${file.error}`);
  return file.text;
}

/** A CSV with a `doc` column holds codings; anything else is read as a code system. */
function isCodingsCsv(text: string, shown: string): boolean {
  const { table } = readCsv(shown, text.slice(0, text.search(/\r?\n|$/)) + '\n');
  return table ? table.columns.has('doc') : true;
}

function codebookOnly(
  shown: string,
  text: string,
  name: string,
  read: (path: string, text: string, name: string) => ReturnType<typeof codebookFromCsv>,
): ImportResult {
  const { codebook, diagnostics } = read(shown, text, name);
  if (!codebook || diagnostics.some((d) => d.severity === 'error')) return { files: [], diagnostics };
  return { files: [{ path: 'codebook.yaml', content: serializeCodebook(codebook, `Codebook imported from ${basename(shown)} by \`fieldcode import\`; ids are slugs of the names, kept as labels.`) }], diagnostics };
}

function importCsv(ctx: CliContext, input: string, shown: string, into: string, name: string, options: ImportOptions): ImportResult {
  const cwd = ctx.io.cwd;
  const diagnostics: Diagnostic[] = [];
  // Files are listed as every command lists them: one source, one glob matcher.
  const readAll = (dir: string, patterns: string[], ignore: string[]): TextFile[] => {
    const source = workingTreeSource(dir, { cwd, projectFile: false });
    const files: TextFile[] = [];
    // Only files really inside the folder: a link to /proc/self/environ must not become a note.
    const listing = source.list(patterns, ignore);
    diagnostics.push(...outsideDiagnostics(source, listing));
    for (const path of listing.paths) {
      const file = source.read(path);
      if ('error' in file) {
        diagnostics.push({ file: source.shown(path), line: file.line ?? 1, column: file.column ?? 1, severity: 'error', message: file.error, ruleId: 'unreadable-file' });
        continue;
      }
      files.push({ path, text: file.text });
    }
    return files;
  };
  /** The notes already in the target: the project's own `notes:` globs when it has a project file. */
  const existingNotes = (): TextFile[] => {
    if (!existsSync(resolve(into, CONFIG_NAME))) return readAll(into, ['**/*.md'], ['**/node_modules/**', 'reports/**']);
    const project = discover(workingTreeSource(into, { cwd }), { config: CONFIG_NAME }).project;
    return project ? readAll(into, project.notes, project.ignore) : readAll(into, ['**/*.md'], ['**/node_modules/**', 'reports/**']);
  };

  let sources: TextFile[] | undefined;
  let existing: TextFile[] | undefined;
  if (options.sources) {
    const dir = resolve(cwd, options.sources);
    if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`Cannot find the sources folder \`${options.sources}\``);
    sources = readAll(dir, ['**/*.md', '**/*.markdown', '**/*.txt'], ['**/node_modules/**', '**/*.codings.yaml']);
    if (sources.length === 0 && diagnostics.length === 0) throw new UsageError(`Cannot find any .md or .txt documents in \`${options.sources}\``);
  } else {
    existing = existsSync(into) ? existingNotes() : [];
    if (existing.length === 0 && diagnostics.length === 0) {
      throw new UsageError(`Cannot find the documents of \`${shown}\`: pass --sources DIR, or import into a project folder that already has notes`);
    }
    // Existing notes are coded in place: their paths are relative to --into.
  }
  let codebook: TextFile | undefined;
  if (options.codebook) {
    const absolute = resolve(cwd, options.codebook);
    if (!existsSync(absolute)) throw new UsageError(`Cannot find codebook \`${options.codebook}\``);
    codebook = { path: displayPath(cwd, absolute), text: readText(absolute, displayPath(cwd, absolute)) };
  }
  const result = importCodingsCsv(readText(input, shown), {
    csvPath: shown,
    offsets: options.offsets,
    sources,
    existing,
    codebook,
    name,
    sourceFormat: options.sourceFormat,
  });
  return { files: result.files, diagnostics: [...diagnostics, ...result.diagnostics] };
}

function summary(files: ImportedFile[], into: string): string {
  const memos = files.filter((f) => f.path.startsWith('memos/') && f.path.endsWith('.md')).length;
  const notes = files.filter((f) => f.path.endsWith('.md')).length - memos;
  const standoff = files.filter((f) => f.path.endsWith('.codings.yaml'));
  const codings = standoff.reduce((n, f) => n + (f.content.match(/^ {2}- code: /gm) ?? []).length, 0);
  const parts = [`${files.length} ${files.length === 1 ? 'file' : 'files'}`];
  if (notes > 0) parts.push(`${notes} ${notes === 1 ? 'note' : 'notes'}`);
  if (standoff.length > 0) parts.push(`${codings} ${codings === 1 ? 'coding' : 'codings'} in ${standoff.length} standoff ${standoff.length === 1 ? 'file' : 'files'}`);
  if (memos > 0) parts.push(`${memos} ${memos === 1 ? 'memo' : 'memos'}`);
  return `Imported into ${into}: ${parts.join(', ')}\n`;
}
