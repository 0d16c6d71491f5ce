// `fieldcode import FILE --into DIR` for one codings CSV, REFI-QDA file or
// codebook: what to write, or the diagnostics that say why not. Nothing here
// writes; the command stages and commits the files it is given.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, relative, resolve, sep } from 'node:path';
import type { Diagnostic } from '../types.js';
import { CONFIG_NAME } from '../core/config.js';
import { unsafePath } from '../core/build.js';
import { ok, problems, type Checked } from '../model/checked.js';
import { flagValue, usageProblem } from '../model/command-line.js';
import { outsideDiagnostics } from '../pipeline/confine.js';
import { discover } from '../pipeline/discover.js';
import { displayPath } from '../pipeline/paths.js';
import { readUtf8 } from '../pipeline/read-file.js';
import { workingTreeSource } from '../pipeline/sources/working-tree.js';
import { codebookFromCsv, codebookFromList, serializeCodebook } from './codebook.js';
import { importCodingsCsv, type ImportedFile, type ImportResult, type OffsetUnit, type TextFile } from './csv.js';
import { readCsv } from './table.js';

export interface FileImportOptions {
  into?: string;
  sources?: string;
  codebook?: string;
  offsets?: OffsetUnit;
  name?: string;
  sourceFormat?: 'auto' | 'text' | 'markdown';
  force?: boolean;
}

export interface FileImport {
  result: ImportResult;
  /** Absolute target folder. */
  into: string;
  /** The input as shown in diagnostics. */
  shown: string;
}

/** What `src/refi/import.ts` provides; loaded lazily so the CSV import works on its own. */
interface RefiImport {
  importQdpx(bytes: Uint8Array, options: Record<string, unknown>): ImportResult;
  importQdc(text: string, options: Record<string, unknown>): ImportResult;
}

const REFI_MODULE = '../refi/import.js';

interface Where {
  cwd: string;
  argv: readonly string[];
}

/** Reads one input and converts it; a flag or file the import cannot use is a fatal diagnostic. */
export async function importFromFile(at: Where, files: string[], options: FileImportOptions): Promise<Checked<FileImport>> {
  const { cwd, argv } = at;
  if (files.length > 1) return problems(usageProblem(argv, `Unexpected ${files.length} files: a codings CSV, REFI-QDA file or codebook is imported one at a time (several files or folders are read as transcripts)`, files[1]));
  const file = files[0]!;
  const input = resolve(cwd, file);
  const shown = displayPath(cwd, input);
  if (!existsSync(input) || !statSync(input).isFile()) return problems(usageProblem(argv, `Cannot find \`${file}\`: no such file`, file, 'missing-file'));
  const ext = extname(input).toLowerCase();
  const text = ext === '.qdpx' ? ok('') : readText(input, shown);
  if (!text.ok) return text;
  const codingsCsv = ext === '.csv' && isCodingsCsv(text.value, shown);
  const codebookOnlyInput = ext === '.qdc' || (ext !== '.qdpx' && ext !== '.tsv' && !codingsCsv);
  if (options.into === undefined && !codebookOnlyInput) return problems(usageProblem(argv, `Missing --into DIR: where to write the project imported from \`${file}\``));
  const into = resolve(cwd, options.into ?? '.');
  if (existsSync(into) && !statSync(into).isDirectory()) return problems(usageProblem(argv, `Cannot import into \`${options.into}\`: it is not a folder`, '--into'));
  const name = options.name ?? basename(input, extname(input));

  let result: Checked<ImportResult>;
  if (ext === '.qdpx' || ext === '.qdc') {
    const refi = await loadRefi(argv, file);
    if (!refi.ok) return refi;
    result = ok(ext === '.qdpx' ? refi.value.importQdpx(new Uint8Array(readFileSync(input)), { path: shown, name }) : refi.value.importQdc(text.value, { path: shown, name }));
  } else if (ext === '.csv' && !codingsCsv) {
    result = ok(codebookOnly(shown, text.value, name, codebookFromCsv));
  } else if (ext === '.csv' || ext === '.tsv') {
    result = importCsv(at, { input, file, shown, text: text.value }, into, name, options);
  } else {
    result = ok(codebookOnly(shown, text.value, name, codebookFromList));
  }
  return result.ok ? ok({ result: result.value, into, shown }) : result;
}

/**
 * Where each imported file goes in `into`, and the problems that stop the
 * import: a path out of the folder or too long, or (without --force) an
 * existing file that differs.
 */
export function importTargets(cwd: string, imported: FileImport, options: Pick<FileImportOptions, 'into' | 'force'>): { targets: Array<{ file: ImportedFile; absolute: string }>; diagnostics: Diagnostic[] } {
  const { into, shown } = imported;
  const diagnostics: Diagnostic[] = [];
  const targets: Array<{ file: ImportedFile; absolute: string }> = [];
  for (const out of imported.result.files) {
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
  return { targets, diagnostics };
}

/** `Imported into DIR: 5 files, 3 notes, 12 codings in 3 standoff files`. */
export function importSummary(files: ImportedFile[], into: string): string {
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

async function loadRefi(argv: readonly string[], file: string): Promise<Checked<RefiImport>> {
  try {
    const specifier = REFI_MODULE;
    return ok((await import(specifier)) as RefiImport);
  } catch (error) {
    return problems(usageProblem(argv, `Cannot import REFI-QDA files: the REFI-QDA importer is not available (${(error as Error).message})`, file));
  }
}

function readText(absolute: string, shown: string): Checked<string> {
  const file = readUtf8(absolute);
  if ('error' in file) return problems({ file: shown, line: file.line ?? 1, column: file.column ?? 1, severity: 'fatal', message: `Cannot read \`${shown}\`: ${file.error}`, ruleId: 'unreadable-file' });
  return ok(file.text);
}

/** A CSV with a `doc` column holds codings; anything else is read as a code system. */
function isCodingsCsv(text: string, shown: string): boolean {
  const { table } = readCsv(shown, text.slice(0, text.search(/\r?\n|$/)) + '\n');
  return table ? table.columns.has('doc') : true;
}

function codebookOnly(shown: string, text: string, name: string, read: (path: string, text: string, name: string) => ReturnType<typeof codebookFromCsv>): ImportResult {
  const { codebook, diagnostics } = read(shown, text, name);
  if (!codebook || diagnostics.some((d) => d.severity === 'error')) return { files: [], diagnostics };
  return { files: [{ path: 'codebook.yaml', content: serializeCodebook(codebook, `Codebook imported from ${basename(shown)} by \`fieldcode import\`; ids are slugs of the names, kept as labels.`) }], diagnostics };
}

/** Every file the patterns find inside `dir` (never through a link out of it), with the problems of the ones that cannot be read. */
function readAll(cwd: string, dir: string, patterns: string[], ignore: string[], diagnostics: Diagnostic[]): TextFile[] {
  // Files are listed as every command lists them: one source, one glob matcher.
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
}

const NOTES_WITHOUT_PROJECT = { notes: ['**/*.md'], ignore: ['**/node_modules/**', 'reports/**'] };

/** The notes already in the target: the project's own `notes:` globs when it has a project file. */
function existingNotes(cwd: string, into: string, diagnostics: Diagnostic[]): TextFile[] {
  const project = existsSync(resolve(into, CONFIG_NAME)) ? discover(workingTreeSource(into, { cwd }), { config: CONFIG_NAME }).project : undefined;
  const { notes, ignore } = project ?? NOTES_WITHOUT_PROJECT;
  return readAll(cwd, into, notes, ignore, diagnostics);
}

function importCsv(at: Where, csv: { input: string; file: string; shown: string; text: string }, into: string, name: string, options: FileImportOptions): Checked<ImportResult> {
  const { cwd, argv } = at;
  const diagnostics: Diagnostic[] = [];
  let sources: TextFile[] | undefined;
  let existing: TextFile[] | undefined;
  if (options.sources) {
    const dir = resolve(cwd, options.sources);
    if (!existsSync(dir) || !statSync(dir).isDirectory()) return problems(usageProblem(argv, `Cannot find the sources folder \`${options.sources}\``, flagValue(argv, '--sources', options.sources), 'missing-file'));
    sources = readAll(cwd, dir, ['**/*.md', '**/*.markdown', '**/*.txt'], ['**/node_modules/**', '**/*.codings.yaml'], diagnostics);
    if (sources.length === 0 && diagnostics.length === 0) return problems(usageProblem(argv, `Cannot find any .md or .txt documents in \`${options.sources}\``, flagValue(argv, '--sources', options.sources)));
  } else {
    // Existing notes are coded in place: their paths are relative to --into.
    existing = existsSync(into) ? existingNotes(cwd, into, diagnostics) : [];
    if (existing.length === 0 && diagnostics.length === 0) {
      return problems(usageProblem(argv, `Cannot find the documents of \`${csv.shown}\`: pass --sources DIR, or import into a project folder that already has notes`, csv.file));
    }
  }
  let codebook: TextFile | undefined;
  if (options.codebook) {
    const absolute = resolve(cwd, options.codebook);
    if (!existsSync(absolute)) return problems(usageProblem(argv, `Cannot find codebook \`${options.codebook}\``, flagValue(argv, '--codebook', options.codebook), 'missing-file'));
    const text = readText(absolute, displayPath(cwd, absolute));
    if (!text.ok) return text;
    codebook = { path: displayPath(cwd, absolute), text: text.value };
  }
  const result = importCodingsCsv(csv.text, { csvPath: csv.shown, offsets: options.offsets, sources, existing, codebook, name, sourceFormat: options.sourceFormat });
  return ok({ files: result.files, diagnostics: [...diagnostics, ...result.diagnostics] });
}
