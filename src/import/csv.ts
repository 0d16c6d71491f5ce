// `fieldcode import codings.csv`: a table of codings (`doc, coder, code,
// start, end[, text]`) plus the documents it refers to becomes a fieldcode
// project: Markdown notes, standoff codings files, a YAML codebook and a
// `fieldcode.yaml`. Pure: texts in, `{files, diagnostics}` out; the command
// writes the files, and only when there is no error.
import { stringify } from 'yaml';
import type { Diagnostic, FrontMatterValue, ImportedFile, ImportResult } from '../types.js';
import { OffsetIndex } from '../model/offsets.js';
import { serializeStandoff, standoffCodingFromSpan, standoffPathFor, type StandoffCoding, type StandoffDocument } from '../standoff/format.js';
import { hint } from '../core/did-you-mean.js';
import { parseYamlDocument, yamlValue } from '../model/yaml.js';
import {
  addPath,
  assignIds,
  codebookFromCsv,
  codebookFromList,
  codeLookup,
  flattenCodes,
  serializeCodebook,
  splitPath,
  type ImportedCode,
  type ImportedCodebook,
} from './codebook.js';
import { field, readCsv, type CsvField, type CsvRecord, type CsvTable } from './table.js';
import type { RuleId } from '../model/rules.js';
import { HAS_INLINE_CODING } from '../model/grammar.js';
import { splitFrontMatter } from '../model/front-matter.js';

export type OffsetUnit = 'codepoints' | 'utf16';

export interface TextFile {
  /** POSIX path: relative to the sources folder for sources, project-relative for existing notes. */
  path: string;
  /** Text without BOM. */
  text: string;
}

export type { ImportedFile, ImportResult } from '../types.js';

export interface CsvImportOptions {
  /** How the CSV is named in diagnostics. */
  csvPath: string;
  /** Unit of `start`/`end` (default: code points). Offsets are always relative to the note body. */
  offsets?: OffsetUnit;
  /** Documents to convert into notes under `notesDir` (from `--sources`). */
  sources?: TextFile[];
  /** Notes already in the target project: coded in place, not rewritten (when there are no `sources`). */
  existing?: TextFile[];
  /** A codebook as CSV (`.csv`) or indented list (anything else). */
  codebook?: TextFile;
  /** Project name for `fieldcode.yaml` and the codebook. */
  name?: string;
  /** Folder for converted notes inside the target (default `notes`). */
  notesDir?: string;
  /** How to treat sources: `auto` detects plain text (see docs/import.md). */
  sourceFormat?: 'auto' | 'text' | 'markdown';
}

/** Coder written to `fieldcode.yaml` for rows whose `coder` cell is empty. */
export const IMPORT_CODER = 'imported';

/** A line this long, directly followed by another text line, means the text is not hard-wrapped: one paragraph per line. */
const UNWRAPPED_LINE = 200;

/** A note of the imported project, with everything needed to place codings in it. */
interface TargetNote {
  /** Path in the target folder. */
  path: string;
  /** Final text of the note as written (or as it exists). */
  text: string;
  index: OffsetIndex;
  /** The body exactly as the offsets see it (before any paragraph breaks were added). */
  body: string;
  bodyIndex: OffsetIndex;
  /** Code point offset of the body in the final text. */
  bodyStart: number;
  /** Code point positions (in `body`) before which one extra line break was inserted, ascending. */
  insertions: number[];
  /** Length in code points of one inserted line break. */
  eolLength: number;
  id?: string;
  data: Record<string, FrontMatterValue>;
  /** Whether this note is newly written by the import. */
  write: boolean;
  plain: boolean;
  codings: StandoffCoding[];
}

function posix(path: string): string {
  return path.replace(/\\/g, '/');
}

function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function stem(path: string): string {
  const name = basename(path);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}

function splitNote(text: string): { frontMatter: string; yaml: string; body: string } {
  const found = splitFrontMatter(text);
  if (!found) return { frontMatter: '', yaml: '', body: text };
  return { frontMatter: found.block, yaml: found.yaml, body: text.slice(found.bodyStart) };
}

function readData(yaml: string): Record<string, FrontMatterValue> {
  if (yaml.trim() === '') return {};
  const doc = parseYamlDocument(yaml);
  if (doc.errors.length > 0) return {};
  const result = yamlValue(doc);
  if ('error' in result) return {};
  const value = result.value;
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, FrontMatterValue>) : {};
}

/**
 * Decides whether a document is plain text rather than Markdown: a `.txt`
 * file, front matter `format: text`; or, when the body has no Markdown
 * structure (headings, fences, tables, block quotes, fieldcode tags), a
 * paragraph indented with spaces or a tab directly under a text line (an
 * essay's first-line indent, which Markdown would read as a continuation or a
 * code block), or a long unwrapped line directly followed by another text line
 * that is not a list item (one paragraph per line).
 */
export function looksLikePlainText(path: string, data: Record<string, FrontMatterValue>, body: string): boolean {
  if (/\.txt$/i.test(path)) return true;
  if (data.format === 'text') return true;
  const lines = body.split(/\r?\n/);
  // Markdown structure (headings, fences, tables, block quotes, inline tags) means Markdown.
  if (lines.some((line) => /^ {0,3}(?:#{1,6}\s|```|~~~|>|\|)/.test(line) || HAS_INLINE_CODING.test(line))) return false;
  for (let i = 1; i < lines.length; i++) {
    const previous = lines[i - 1];
    const line = lines[i];
    if (previous.trim() === '' || line.trim() === '') continue;
    if (/^(?: +|\t)[\p{L}\p{N}"'“‘(]/u.test(line) && !/^\s*(?:[-*+]|\d+[.)])\s/.test(line)) return true;
    if ([...previous].length >= UNWRAPPED_LINE && !/^\s*(?:[-*+]|\d+[.)])\s/.test(line)) return true;
  }
  return false;
}

/**
 * Writes plain text one paragraph per line, so each line stays a segment:
 * a line break between two text lines gets a second line break. Returns the
 * new body and the code point positions (in the old body) of each insertion.
 */
export function paragraphPerLine(body: string): { body: string; insertions: number[]; eol: string } {
  const eol = body.includes('\r\n') ? '\r\n' : '\n';
  const insertions: number[] = [];
  let out = '';
  let cp = 0;
  const lines = body.split(/(\r?\n)/);
  // lines alternates: text, break, text, break, …
  for (let i = 0; i < lines.length; i++) {
    const part = lines[i];
    out += part;
    cp += [...part].length;
    if (i % 2 === 1) {
      const previous = lines[i - 1] ?? '';
      const next = lines[i + 1] ?? '';
      if (previous.trim() !== '' && next.trim() !== '') {
        insertions.push(cp);
        out += part;
      }
    }
  }
  return { body: out, insertions, eol };
}

/** Maps a code point offset in the original body to one in the rewritten body. */
function shiftOffset(note: TargetNote, offset: number, isEnd: boolean): number {
  let shifted = 0;
  for (const at of note.insertions) {
    if (at < offset || (at === offset && !isEnd)) shifted++;
    else break;
  }
  return note.bodyStart + offset + shifted * note.eolLength;
}

function yamlScalar(value: string): string {
  return stringify(value, { lineWidth: 0 }).trimEnd();
}

function convertSource(source: TextFile, notesDir: string, mode: 'auto' | 'text' | 'markdown'): TargetNote {
  const split = splitNote(source.text);
  const data = readData(split.yaml);
  const plain = mode === 'text' || (mode === 'auto' && looksLikePlainText(source.path, data, split.body));
  const relative = posix(source.path).replace(/\.(txt|md|markdown|text)$/i, '') + '.md';
  const path = `${notesDir}/${relative}`;
  let frontMatter = split.frontMatter;
  const eol = source.text.includes('\r\n') ? '\r\n' : '\n';
  if (frontMatter === '') {
    const lines = ['---', `id: ${yamlScalar(stem(source.path))}`];
    if (plain) lines.push('format: text');
    lines.push('---', '');
    frontMatter = lines.join(eol);
    data.id = stem(source.path);
  } else if (plain && data.format !== 'text') {
    // Keep the author's front matter byte for byte; add one line before the closing fence.
    const close = /(?:---|\.\.\.)[ \t]*(?:\r?\n|$)$/.exec(frontMatter)!;
    const fmEol = frontMatter.includes('\r\n') ? '\r\n' : '\n';
    const before = frontMatter.slice(0, close.index);
    frontMatter = `${before}${before.endsWith('\n') ? '' : fmEol}format: text${fmEol}${frontMatter.slice(close.index)}`;
    if (!/\r?\n$/.test(frontMatter)) frontMatter += fmEol;
  }
  if (plain) data.format = 'text';
  const rewritten = plain ? paragraphPerLine(split.body) : { body: split.body, insertions: [], eol };
  const text = frontMatter + rewritten.body;
  return {
    path,
    text,
    index: new OffsetIndex(text),
    body: split.body,
    bodyIndex: new OffsetIndex(split.body),
    bodyStart: [...frontMatter].length,
    insertions: rewritten.insertions,
    eolLength: rewritten.eol.length,
    id: typeof data.id === 'string' || typeof data.id === 'number' ? String(data.id) : undefined,
    data,
    write: true,
    plain,
    codings: [],
  };
}

function existingNote(file: TextFile): TargetNote {
  const split = splitNote(file.text);
  const data = readData(split.yaml);
  return {
    path: posix(file.path),
    text: file.text,
    index: new OffsetIndex(file.text),
    body: split.body,
    bodyIndex: new OffsetIndex(split.body),
    bodyStart: [...split.frontMatter].length,
    insertions: [],
    eolLength: 1,
    id: typeof data.id === 'string' || typeof data.id === 'number' ? String(data.id) : undefined,
    data,
    write: false,
    plain: data.format === 'text',
    codings: [],
  };
}

const collapse = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** Finds `quote` in `body`: exactly, else ignoring all whitespace. Returns UTF-16 offsets. */
function findQuote(body: string, quote: string): { start: number; end: number; count: number; exact: boolean } | undefined {
  const first = body.indexOf(quote);
  if (quote !== '' && first >= 0) {
    let count = 0;
    for (let at = first; at >= 0; at = body.indexOf(quote, at + 1)) count++;
    return { start: first, end: first + quote.length, count, exact: true };
  }
  const squeezed = quote.replace(/\s+/g, '');
  if (squeezed === '') return undefined;
  let flat = '';
  const map: number[] = [];
  for (let i = 0; i < body.length; i++) {
    if (/\s/.test(body[i])) continue;
    flat += body[i];
    map.push(i);
  }
  const at = flat.indexOf(squeezed);
  if (at < 0) return undefined;
  let count = 0;
  for (let k = at; k >= 0; k = flat.indexOf(squeezed, k + 1)) count++;
  return { start: map[at], end: map[at + squeezed.length - 1] + 1, count, exact: false };
}

/** Imports a codings CSV into a project. See docs/import.md. */
/** Where a problem with one CSV cell is reported. */
type CellError = (f: { line: number; column: number }, message: string, ruleId: RuleId) => void;

/**
 * The import as named steps: read the codebook, read the table, convert the
 * notes, index them by name, settle the codes, place every row, and write the
 * files. It returns no files when any step found an error.
 */
export function importCodingsCsv(csvText: string, options: CsvImportOptions): ImportResult {
  const diagnostics: Diagnostic[] = [];
  const csvPath = options.csvPath;
  const name = options.name ?? 'Imported project';
  const error: CellError = (f, message, ruleId) => {
    diagnostics.push({ file: csvPath, line: f.line, column: f.column, severity: 'error', message, ruleId });
  };

  // Codebook first: its problems are reported even if the CSV is broken.
  const given = readGivenCodebook(options, name, diagnostics);
  const { table, diagnostics: csvDiagnostics } = readCsv(csvPath, csvText);
  diagnostics.push(...csvDiagnostics);
  if (!table || csvDiagnostics.some((d) => d.severity === 'error')) return { files: [], diagnostics };
  const missing = ['doc', 'code', 'start', 'end'].filter((c) => !table.columns.has(c));
  if (missing.length > 0) {
    error({ line: 1, column: 1 }, `Missing column${missing.length > 1 ? 's' : ''} ${missing.map((m) => `\`${m}\``).join(', ')}; expected \`doc, coder, code, start, end\` and optionally \`text\`, \`memo\` (found: ${table.header.join(', ')})`, 'csv-missing-column');
    return { files: [], diagnostics };
  }

  const sources = options.sources ? [...options.sources].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)) : undefined;
  const mode = options.sourceFormat ?? 'auto';
  const notesDir = options.notesDir ?? 'notes';
  const notes = sources ? sources.map((s) => convertSource(s, notesDir, mode)) : (options.existing ?? []).map(existingNote);
  const findNotes = noteFinder(notes, sources);
  const codebook = given ?? codebookFromColumn(table, name);
  const placed = placeRows(table, { notes, findNotes, codebook, unit: options.offsets ?? 'codepoints', csvPath, error, diagnostics });
  if (diagnostics.some((d) => d.severity === 'error')) return { files: [], diagnostics };

  const files = importedFiles(notes, codebook, { options, csvPath, name, notesDir, generated: !given });
  if (placed.located > 0) {
    diagnostics.push({ file: csvPath, line: 1, column: 1, severity: 'info', message: `${placed.located} ${placed.located === 1 ? 'row' : 'rows'} without offsets located by their text`, ruleId: 'located-by-text' });
  }
  return { files, diagnostics };
}

/** The `--codebook` file, as CSV (`.csv`) or an indented list. */
function readGivenCodebook(options: CsvImportOptions, name: string, diagnostics: Diagnostic[]): ImportedCodebook | undefined {
  if (!options.codebook) return undefined;
  const { path, text } = options.codebook;
  const read = /\.csv$/i.test(path) ? codebookFromCsv(path, text, name) : codebookFromList(path, text, name);
  diagnostics.push(...read.diagnostics);
  return read.codebook;
}

/** Without a codebook, the codes are the distinct paths of the `code` column. */
function codebookFromColumn(table: CsvTable, name: string): ImportedCodebook {
  const roots: ImportedCode[] = [];
  for (const record of table.records) {
    const cell = field(table, record, 'code')!.value.trim();
    if (cell !== '') addPath(roots, splitPath(cell));
  }
  assignIds(roots);
  return { name, codes: roots };
}

/**
 * How a `doc` cell finds its note. Tiers, most specific first: id, then
 * relative path or file name, then stem. A name is ambiguous only if it names
 * several notes in its first matching tier.
 */
function noteFinder(notes: TargetNote[], sortedSources: TextFile[] | undefined): (name: string) => TargetNote[] {
  const tiers = [new Map<string, TargetNote[]>(), new Map<string, TargetNote[]>(), new Map<string, TargetNote[]>()];
  const addKey = (tier: number, key: string | undefined, note: TargetNote): void => {
    if (!key) return;
    const list = tiers[tier].get(key) ?? [];
    if (!list.includes(note)) list.push(note);
    tiers[tier].set(key, list);
  };
  for (const note of notes) {
    addKey(0, note.id, note);
    addKey(1, basename(note.path), note);
    addKey(2, stem(note.path), note);
  }
  if (sortedSources) {
    // Keep the original source names too (a `.txt` source becomes `.md`).
    sortedSources.forEach((s, i) => {
      addKey(1, basename(posix(s.path)), notes[i]);
      addKey(1, posix(s.path), notes[i]);
    });
  } else {
    for (const note of notes) addKey(1, note.path, note);
  }
  return (name) => {
    for (const tier of tiers) {
      const found = tier.get(name);
      if (found) return found;
    }
    return [];
  };
}

interface RowContext {
  notes: TargetNote[];
  findNotes: (name: string) => TargetNote[];
  codebook: ImportedCodebook;
  unit: OffsetUnit;
  csvPath: string;
  error: CellError;
  diagnostics: Diagnostic[];
}

/** Places every row as a standoff coding on its note; returns how many rows were located by their text. */
function placeRows(table: CsvTable, ctx: RowContext): { located: number } {
  const { csvPath, error, diagnostics } = ctx;
  const lookup = codeLookup(ctx.codebook);
  const labels = flattenCodes(ctx.codebook.codes).flatMap((c) => [c.path.join(' > '), c.label]);
  let skipped = 0;
  let firstSkipped = 0;
  let located = 0;
  // A repeated row would be a second, identical coding: counted twice in every report.
  const seenRows = new Map<string, number>();
  for (const record of table.records) {
    const docField = field(table, record, 'doc')!;
    const codeField = field(table, record, 'code')!;
    const note = rowNote(docField, ctx);
    if (!note) continue;

    const codeName = codeField.value.trim();
    if (codeName === '') {
      skipped++;
      if (firstSkipped === 0) firstSkipped = record.line;
      continue;
    }
    const code = lookup(codeName);
    if (!code) {
      error(codeField, `Unknown code \`${codeName}\`${hint(codeName, labels)}; expected a code of the imported codebook`, 'unknown-code');
      continue;
    }
    const span = rowSpan(table, record, note, ctx);
    if (!span) continue;
    if (span.byText) located++;

    const coder = field(table, record, 'coder')?.value.trim() || undefined;
    const memo = field(table, record, 'memo')?.value.trim() || undefined;
    const rowKey = JSON.stringify([note.path, span.start, span.end, code.id, coder ?? '']);
    const firstLine = seenRows.get(rowKey);
    if (firstLine !== undefined) {
      diagnostics.push({ file: csvPath, line: docField.line, column: 1, severity: 'warning', message: `Unexpected duplicate of the row on line ${firstLine} (same document, offsets, code and coder), expected each coding once; it is imported once`, ruleId: 'duplicate-row' });
      continue;
    }
    seenRows.set(rowKey, docField.line);
    const coding = standoffCodingFromSpan(note.index, shiftOffset(note, span.start, false), shiftOffset(note, span.end, true), { code: code.id, coder, memo });
    if (!coding) {
      error(field(table, record, 'start')!, `internal: cannot place ${span.start}–${span.end} in ${note.path}`, 'bad-offsets');
      continue;
    }
    note.codings.push(coding);
  }
  if (skipped > 0) {
    diagnostics.push({ file: csvPath, line: firstSkipped, column: 1, severity: 'warning', message: `${skipped} ${skipped === 1 ? 'row has' : 'rows have'} an empty \`code\` and ${skipped === 1 ? 'was' : 'were'} left out (the first on this line)`, ruleId: 'empty-code' });
  }
  return { located };
}

/** The one note a row's `doc` cell names, or undefined after an error. */
function rowNote(docField: CsvField, ctx: RowContext): TargetNote | undefined {
  const docName = docField.value.trim();
  const matches = ctx.findNotes(docName);
  if (docName === '' || matches.length === 0) {
    const known = [...new Set(ctx.notes.map((n) => n.id ?? stem(n.path)))].sort();
    ctx.error(docField, docName === '' ? 'Empty `doc`, expected the id, file name or stem of a note' : `Unknown document \`${docName}\`${hint(docName, known)}; expected the id, file name or stem of one of ${ctx.notes.length} notes`, 'unknown-document');
    return undefined;
  }
  if (matches.length > 1) {
    ctx.error(docField, `Ambiguous document \`${docName}\`: it names ${matches.map((m) => m.path).join(', ')}`, 'ambiguous-document');
    return undefined;
  }
  return matches[0];
}

/** A row's span in code points of the note's original body: from its offsets, or found by its `text`. */
function rowSpan(table: CsvTable, record: CsvRecord, note: TargetNote, ctx: RowContext): { start: number; end: number; byText: boolean } | undefined {
  const startField = field(table, record, 'start')!;
  const endField = field(table, record, 'end')!;
  const textField = field(table, record, 'text');
  const quoteCell = textField?.value ?? '';
  const rawStart = startField.value.trim();
  const rawEnd = endField.value.trim();
  if (rawStart === '' && rawEnd === '') {
    if (quoteCell.trim() === '') {
      ctx.error(startField, 'Missing `start` and `end`, and no `text` to locate the coding by', 'missing-offsets');
      return undefined;
    }
    return spanByText(note, quoteCell, textField!, ctx);
  }
  return spanByOffsets(note, { startField, endField, textField, rawStart, rawEnd, quoteCell }, ctx);
}

function spanByText(note: TargetNote, quoteCell: string, textField: CsvField, ctx: RowContext): { start: number; end: number; byText: boolean } | undefined {
  const found = findQuote(note.body, quoteCell);
  if (!found) {
    ctx.error(textField, `Cannot find the \`text\` of this row in ${note.path}, and the row has no offsets`, 'quote-not-found');
    return undefined;
  }
  const start = note.bodyIndex.toCodePoint(found.start)!;
  const end = note.bodyIndex.toCodePoint(found.end)!;
  ctx.diagnostics.push({
    file: ctx.csvPath,
    line: textField.line,
    column: textField.column,
    severity: found.count > 1 ? 'warning' : 'info',
    message: `Row without offsets located by its text${found.exact ? '' : ' (ignoring whitespace)'} at ${start}–${end}${found.count > 1 ? `, the first of ${found.count} occurrences` : ''}`,
    ruleId: 'located-by-text',
  });
  return { start, end, byText: true };
}

interface OffsetCells {
  startField: CsvField;
  endField: CsvField;
  textField: CsvField | undefined;
  rawStart: string;
  rawEnd: string;
  quoteCell: string;
}

function spanByOffsets(note: TargetNote, cells: OffsetCells, ctx: RowContext): { start: number; end: number; byText: boolean } | undefined {
  const { startField, endField, textField, quoteCell } = cells;
  const { unit, error } = ctx;
  const parse = (f: CsvField, raw: string): number | undefined => {
    if (!/^\d+$/.test(raw)) {
      error(f, `Unexpected offset \`${raw}\`, expected a whole number ≥ 0`, 'bad-offsets');
      return undefined;
    }
    return Number(raw);
  };
  const s = parse(startField, cells.rawStart);
  const e = parse(endField, cells.rawEnd);
  if (s === undefined || e === undefined) return undefined;
  const length = unit === 'utf16' ? note.body.length : note.bodyIndex.codePoints;
  if (e <= s || e > length) {
    error(endField, e <= s ? `Offsets ${s}–${e} are empty or reversed, expected end > start` : `Offsets ${s}–${e} lie outside the body of ${note.path}, which has ${length} ${unit === 'utf16' ? 'UTF-16 units' : 'code points'}`, 'bad-offsets');
    return undefined;
  }
  let start = s;
  let end = e;
  if (unit === 'utf16') {
    if (note.bodyIndex.splitsPair(s) || note.bodyIndex.splitsPair(e)) {
      error(note.bodyIndex.splitsPair(s) ? startField : endField, `Offsets ${s}–${e} split a character (a surrogate pair); are the offsets code points? Try \`--offsets codepoints\``, 'bad-offsets');
      return undefined;
    }
    start = note.bodyIndex.toCodePoint(s)!;
    end = note.bodyIndex.toCodePoint(e)!;
  }
  if (textField && quoteCell.trim() !== '') {
    const actual = note.bodyIndex.sliceCodePoints(start, end)!;
    if (collapse(actual) !== collapse(quoteCell)) {
      let advice = '';
      const other = unit === 'utf16' ? note.bodyIndex.sliceCodePoints(s, e) : note.body.slice(s, e);
      if (other !== undefined && collapse(other) === collapse(quoteCell)) advice = `; the offsets fit as ${unit === 'utf16' ? 'code points' : 'UTF-16 units'}: try \`--offsets ${unit === 'utf16' ? 'codepoints' : 'utf16'}\``;
      const show = (t: string): string => {
        const c = collapse(t);
        return c.length > 50 ? `${c.slice(0, 47)}…` : c;
      };
      error(textField, `Text does not match ${note.path} at ${s}–${e}: the note has "${show(actual)}", the row "${show(quoteCell)}"${advice}`, 'text-mismatch');
      return undefined;
    }
  }
  return { start, end, byText: false };
}

/** The notes, standoff files, codebook and project file the import writes, sorted by path. */
function importedFiles(notes: TargetNote[], codebook: ImportedCodebook, how: { options: CsvImportOptions; csvPath: string; name: string; notesDir: string; generated: boolean }): ImportedFile[] {
  const { options, csvPath } = how;
  const files: ImportedFile[] = [];
  for (const note of notes) {
    if (note.write) files.push({ path: note.path, content: note.text });
    if (note.codings.length === 0) continue;
    const doc: StandoffDocument = { version: 'standoff/1', note: basename(note.path), codings: note.codings };
    files.push({ path: standoffPathFor(note.path), content: serializeStandoff(doc) });
  }
  if (options.sources || options.codebook) {
    const comment = how.generated
      ? `Codebook built from the codes used in ${basename(csvPath)} by \`fieldcode import\`.`
      : `Codebook imported from ${basename(options.codebook!.path)} by \`fieldcode import\`; ids are slugs of the names, kept as labels.`;
    files.push({ path: 'codebook.yaml', content: serializeCodebook(codebook, comment) });
  }
  if (options.sources) files.push({ path: 'fieldcode.yaml', content: projectFile(how.name, how.notesDir, notes) });
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

const NOT_VARIABLES = new Set(['id', 'title', 'date', 'coder', 'participants', 'format', 'description', 'tags', 'source']);

/** `fieldcode.yaml` for an imported project. Variables: scalar front-matter fields every note has. */
export function projectFile(name: string, notesDir: string, notes: Array<{ data: Record<string, FrontMatterValue> }>): string {
  const keys = new Map<string, number>();
  for (const note of notes) {
    for (const [key, value] of Object.entries(note.data)) {
      if (NOT_VARIABLES.has(key)) continue;
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') keys.set(key, (keys.get(key) ?? 0) + 1);
    }
  }
  const variables: Record<string, Record<string, unknown>> = {};
  for (const key of [...keys.keys()].sort()) {
    if (keys.get(key) !== notes.length) continue;
    variables[key] = { description: 'from the imported front matter' };
  }
  const config: Record<string, unknown> = {
    name,
    codebook: 'codebook.yaml',
    notes: [`${notesDir}/**/*.md`],
    coder: IMPORT_CODER,
    variables,
  };
  return `# Written by \`fieldcode import\`. Coders of imported codings are kept in the standoff files.\n${stringify(config, { lineWidth: 0 })}`;
}
