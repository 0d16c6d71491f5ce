// REFI-QDA import: a `.qdpx` project or a `.qdc` codebook to fieldcode files.
// Pure: bytes or text in, a list of files and diagnostics out; the caller writes
// the files (atomically) only when no diagnostic is an error. Lenient where real
// files vary (GUID case and braces, `Sources/` vs `sources/`, `internal://` or
// bare paths, BOMs, CRLF, namespace versions, colour notations); strict where
// data would be lost (no project.qde, broken XML, offsets outside the text,
// references to unknown codes, unsafe or oversized archive entries).
import type { Diagnostic, ImportResult } from '../types.js';
import { serializeCodebook, type ImportedCodebook } from '../import/codebook.js';
import { kid, kids, parseXml } from './xml-read.js';
import { readProjectArchive } from './import/archive.js';
import { namespaceCheck, readCodes } from './import/codes.js';
import { readCodingMemos } from './import/coding-memos.js';
import { baseName, diag, type QdeContext } from './import/context.js';
import { readSources } from './import/sources.js';
import { readUsers } from './import/users.js';
import { applyCases, applyDocumentSets, readVariables } from './import/variables.js';
import { writeNotes } from './import/write-notes.js';
import { writeMemos, writeProject } from './import/write-project.js';

export type { ImportedFile, ImportResult } from '../types.js';
export type { OffsetModel } from '../model/offsets.js';
export { escapeTags, survivesAsMarkdown } from './import/markdown.js';

export interface QdcImportOptions {
  /** The input path as given, for diagnostics. Default `codebook.qdc`. */
  path?: string;
  /** Codebook name; default the file's base name. */
  name?: string;
  /** Output path of the YAML codebook. Default `codebook.yaml`. */
  out?: string;
}

export interface QdpxImportOptions {
  /** The input path as given, for diagnostics. Default `project.qdpx`. */
  path?: string;
  /** Largest uncompressed archive entry accepted, in bytes. Default 200 MB. */
  maxEntryBytes?: number;
  /** Folder for the notes and their standoff files. Default `notes`. */
  notesDir?: string;
  /** Path of the YAML codebook. Default `codebook.yaml`. */
  codebookPath?: string;
  /** Project name when the project.qde names none (its `name` is required by the schema but may be empty). */
  name?: string;
}

/** Imports a `.qdc` codebook as fieldcode YAML. */
export function importQdc(text: string, options: QdcImportOptions = {}): ImportResult {
  return guarded(options.path ?? 'codebook.qdc', () => readQdc(text, options));
}

function readQdc(text: string, options: QdcImportOptions = {}): ImportResult {
  const file = options.path ?? 'codebook.qdc';
  const diagnostics: Diagnostic[] = [];
  const parsed = parseXml(text);
  if ('error' in parsed) {
    return { files: [], diagnostics: [diag(file, parsed.error.line, parsed.error.column, 'error', `Cannot read the codebook: not well-formed XML (${parsed.error.message})`, 'xml-not-well-formed')] };
  }
  const root = parsed.root;
  if (root.local !== 'CodeBook') {
    return { files: [], diagnostics: [diag(file, root.line, root.column, 'error', `Unexpected root element <${root.local}>, expected <CodeBook> of a REFI-QDA codebook`, 'qdc-not-codebook')] };
  }
  namespaceCheck(root, 'codebook', file, diagnostics);
  const tree = readCodes(kid(root, 'Codes'), file, diagnostics);
  if (tree.roots.length === 0) {
    diagnostics.push(diag(file, root.line, root.column, 'error', 'The codebook has no codes', 'qdc-no-codes'));
    return { files: [], diagnostics };
  }
  for (const set of kids(kid(root, 'Sets'), 'Set')) {
    diagnostics.push(diag(file, set.line, set.column, 'info', `Code set "${set.attrs.name ?? ''}" is not imported: fieldcode codebooks have no sets`, 'refi-not-imported'));
  }
  const name = options.name ?? baseName(file);
  const codebook: ImportedCodebook = { name, codes: tree.roots };
  const origin = root.attrs.origin ? ` (origin: ${root.attrs.origin.replace(/\s+/g, ' ')})` : '';
  return { files: [{ path: options.out ?? 'codebook.yaml', content: serializeCodebook(codebook, `Imported from ${baseName(file)}.qdc${origin} by fieldcode`) }], diagnostics };
}

/** Imports a `.qdpx` project: notes with front matter, a YAML codebook, standoff codings and `fieldcode.yaml`. */
export function importQdpx(bytes: Uint8Array, options: QdpxImportOptions = {}): ImportResult {
  return guarded(options.path ?? 'project.qdpx', () => readQdpx(bytes, options));
}

/** The steps of a .qdpx import, in order; each reads one part of the project and reports on it. */
function readQdpx(bytes: Uint8Array, options: QdpxImportOptions = {}): ImportResult {
  const archive = options.path ?? 'project.qdpx';
  const read = readProjectArchive(bytes, archive, options.maxEntryBytes);
  if (!read.ok) return { files: [], diagnostics: read.diagnostics };
  const { file, root, findEntry } = read.value;
  const ctx: QdeContext = { file, diagnostics: [] };
  namespaceCheck(root, 'project', file, ctx.diagnostics);
  const origin = root.attrs.origin ?? '';
  const users = readUsers(root);
  const tree = readCodes(kid(kid(root, 'CodeBook'), 'Codes'), file, ctx.diagnostics);
  const variables = readVariables(root, ctx);
  const memoOf = readCodingMemos(root, findEntry);
  const { sources, byGuid, fine } = readSources(root, { origin, findEntry, variables, tree, users, memoOf }, ctx);
  if (!fine) return { files: [], diagnostics: ctx.diagnostics };
  applyCases(root, byGuid, variables);
  applyDocumentSets(root, byGuid, ctx);
  if (sources.length === 0) ctx.diagnostics.push(diag(file, root.line, root.column, 'warning', 'The project has no text sources', 'refi-no-sources'));

  const variableNames = [...variables.order];
  for (const s of sources) for (const key of s.values.keys()) if (!variableNames.includes(key)) variableNames.push(key);
  const notesDir = (options.notesDir ?? 'notes').replace(/\/+$/, '');
  const notes = writeNotes(sources, variableNames, notesDir, /^fieldcode\b/.test(origin), ctx);
  const plan = { root, archive, tree, sources, notes, users: users.names, projectUser: users.projectUser, variables, variableNames, notesDir, codebookPath: options.codebookPath ?? 'codebook.yaml', name: options.name };
  const files = [...notes.files, ...writeMemos(plan, ctx), ...writeProject(plan)];
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, diagnostics: ctx.diagnostics };
}

/** Bad input must never end in a stack trace: anything unexpected becomes one error and no files. */
function guarded(file: string, work: () => ImportResult): ImportResult {
  try {
    return work();
  } catch (error) {
    return { files: [], diagnostics: [diag(file, 1, 1, 'error', `Cannot import this file: ${(error as Error).message ?? String(error)}`, 'refi-import-failed')] };
  }
}
