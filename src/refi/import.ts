// REFI-QDA import: a `.qdpx` project or a `.qdc` codebook to fieldcode files.
// Pure: bytes or text in, a list of files and diagnostics out; the caller writes
// the files (atomically) only when no diagnostic is an error. Lenient where real
// files vary (GUID case and braces, `Sources/` vs `sources/`, `internal://` or
// bare paths, BOMs, CRLF, namespace versions, colour notations); strict where
// data would be lost (no project.qde, broken XML, offsets outside the text,
// references to unknown codes, unsafe or oversized archive entries).
import { Document } from 'yaml';
import type { Diagnostic, FrontMatterValue, ImportedFile, ImportResult } from '../types.js';
import { importMemos } from './memo-import.js';
import { assignIds, serializeCodebook, type ImportedCode, type ImportedCodebook } from '../import/codebook.js';
import { serializeStandoff, standoffCodingFromSpan, type StandoffCoding } from '../standoff/format.js';
import { cleanTextOffsets, codePointLength, codePointToUnitTable, OffsetIndex, type CleanTextOffsets, type OffsetModel } from '../model/offsets.js';
import { normalizeColor, parseDescription } from './codebook-xml.js';
import { PARTICIPANTS_PREFIX } from './project-xml.js';
import { normalizeGuid } from './guid.js';
import { kid, kids, parseXml, type XmlElement } from './xml-read.js';
import { DEFAULT_MAX_ENTRY_BYTES, readZip, type ZipEntry, type ZipProblem } from './zip.js';
import type { RuleId } from '../model/rules.js';
import { BRACKET_MARKUP, CODE_ID_START, READS_AS_TAG, TAG_BLOCKER } from '../model/grammar.js';

export type { ImportedFile, ImportResult } from '../types.js';

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

export type { OffsetModel } from '../model/offsets.js';

const SOURCE_KINDS = new Set(['PictureSource', 'PDFSource', 'AudioSource', 'VideoSource']);

function diag(file: string, line: number, column: number, severity: Diagnostic['severity'], message: string, ruleId: RuleId): Diagnostic {
  return { file, line, column, severity, message, ruleId };
}

function baseName(path: string): string {
  return (path.split('/').pop() ?? path).replace(/\.[^.]+$/, '');
}

// ---------------------------------------------------------------- codebook

interface CodeTree {
  roots: ImportedCode[];
  byGuid: Map<string, { code: ImportedCode; codable: boolean; element: XmlElement }>;
}

function readCodes(codes: XmlElement | undefined, file: string, diagnostics: Diagnostic[]): CodeTree {
  const byGuid: CodeTree['byGuid'] = new Map();
  const build = (element: XmlElement, path: string[]): ImportedCode => {
    const name = (element.attrs.name ?? '').trim() || 'code';
    const code: ImportedCode = { id: '', label: name, path: [...path, name], children: [] };
    const description = kid(element, 'Description')?.text;
    if (description && description.trim()) {
      const parsed = parseDescription(description);
      if (parsed.definition) code.definition = parsed.definition;
      if (parsed.useWhen.length) code.use_when = parsed.useWhen;
      if (parsed.notWhen.length) code.not_when = parsed.notWhen;
      if (parsed.examples.length) code.examples = parsed.examples;
      if (parsed.keywords.length) code.keywords = parsed.keywords;
      if (parsed.patterns.length) code.patterns = parsed.patterns;
      if (parsed.id) code.preferredId = parsed.id;
    }
    const color = element.attrs.color;
    if (color !== undefined) {
      const normal = normalizeColor(color);
      if (normal) code.color = normal;
      else diagnostics.push(diag(file, element.line, element.column, 'warning', `Colour "${color}" of code "${name}" is not a colour fieldcode can read; it is left out`, 'refi-bad-color'));
    }
    const guid = element.attrs.guid;
    const codable = !/^(false|0)$/.test((element.attrs.isCodable ?? 'true').trim());
    if (guid === undefined) diagnostics.push(diag(file, element.line, element.column, 'warning', `Code "${name}" has no guid; nothing can refer to it`, 'refi-missing-guid'));
    else {
      const key = normalizeGuid(guid);
      if (byGuid.has(key)) diagnostics.push(diag(file, element.line, element.column, 'warning', `Code GUID ${guid} is used twice; references go to the first code`, 'refi-duplicate-guid'));
      else byGuid.set(key, { code, codable, element });
    }
    code.children = kids(element, 'Code').map((child) => build(child, code.path));
    return code;
  };
  const roots = kids(codes, 'Code').map((element) => build(element, []));
  assignIds(roots);
  return { roots, byGuid };
}

function namespaceCheck(root: XmlElement, kind: 'codebook' | 'project', file: string, diagnostics: Diagnostic[]): void {
  const ns = root.attrs.xmlns ?? Object.entries(root.attrs).find(([k]) => k === `xmlns:${root.name.split(':')[0]}`)?.[1];
  const expected = `urn:QDA-XML:${kind}:1.0`;
  if (ns === expected) return;
  const message = ns === undefined ? `No namespace; expected ${expected}` : ns.startsWith(`urn:QDA-XML:${kind}:`) ? `Namespace ${ns} is another version than ${expected}; reading it as ${expected}` : `Unexpected namespace ${ns}; expected ${expected}`;
  diagnostics.push(diag(file, root.line, root.column, 'warning', message, 'refi-namespace'));
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

// ---------------------------------------------------------------- offsets

function defaultModel(origin: string): OffsetModel {
  if (/nvivo/i.test(origin)) return 'utf16';
  if (/atlas/i.test(origin)) return 'code-points-crlf-as-one';
  return 'code-points';
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function nameMatches(name: string, slice: string): boolean {
  const n = collapse(name);
  const s = collapse(slice);
  if (n === '') return false;
  if (n.endsWith('…') || n.endsWith('...')) return s.startsWith(n.replace(/(…|\.\.\.)$/, '').trimEnd());
  return s === n;
}

/** Picks the offset model: the one under which most selection names equal their text; ties go to the vendor's model. */
function chooseModel(tables: CleanTextOffsets, selections: Array<{ start: number; end: number; name?: string }>, origin: string): OffsetModel {
  const preferred = defaultModel(origin);
  if (!tables.ambiguous) return preferred;
  const models: OffsetModel[] = [preferred, ...(['code-points', 'utf16', 'code-points-crlf-as-one'] as OffsetModel[]).filter((m) => m !== preferred)];
  const units = codePointToUnitTable(tables.normalized);
  let best = preferred;
  let bestScore = -1;
  for (const model of models) {
    let score = 0;
    for (const s of selections) {
      if (!s.name) continue;
      const a = tables.toNormalized(model, s.start);
      const b = tables.toNormalized(model, s.end);
      if (a === undefined || b === undefined || b < a) {
        score -= 1;
        continue;
      }
      if (nameMatches(s.name, tables.normalized.slice(units[a], units[b]))) score += 2;
    }
    if (score > bestScore) {
      best = model;
      bestScore = score;
    }
  }
  return best;
}

// ---------------------------------------------------------------- notes

/**
 * Whether a source text reads the same as Markdown: no indented lines (code
 * blocks), no line-start syntax, no characters Markdown would eat or fieldcode
 * would read as tags. Otherwise the note gets `format: text`.
 */
export function survivesAsMarkdown(text: string): boolean {
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    if (/^[ \t]/.test(line)) return false;
    if (/^(#|>|[-*+=_|<`~]|\d+[.)])/.test(line)) return false;
  }
  if (/[\\`*_<&|~]/.test(text)) return false;
  if (BRACKET_MARKUP.test(text)) return false;
  if (READS_AS_TAG.test(text)) return false;
  return true;
}

/** Reads `Values: [...]`, `Ordered: true`, `Required: true` from a variable's Description (see project-xml.ts). */
function readVariableDescription(text: string | undefined): { values?: string[]; ordered?: boolean; required?: boolean } | undefined {
  if (!text) return undefined;
  const spec: { values?: string[]; ordered?: boolean; required?: boolean } = {};
  const values = /^Values: (\[.*\])$/m.exec(text);
  if (values) {
    try {
      const parsed: unknown = JSON.parse(values[1]);
      if (Array.isArray(parsed) && parsed.every((v) => typeof v === 'string')) spec.values = parsed as string[];
    } catch {
      // Not ours: an ordinary description.
    }
  }
  if (/^Ordered: true$/m.test(text)) spec.ordered = true;
  if (/^Required: true$/m.test(text)) spec.required = true;
  return Object.keys(spec).length > 0 ? spec : undefined;
}


/**
 * Escapes every `#` that fieldcode would read as a tag (`#word`, `{#word}`) as
 * `\#`, outside code blocks and code spans, where tags never count. Over-escaping
 * is harmless: `\#` is a literal hash, and the export removes the backslash again.
 * `map` takes a code point offset of the input to the output (an insertion
 * before a position moves that position onto the backslash).
 */
export function escapeTags(text: string): { text: string; map: (cp: number) => number } {
  const chars = Array.from(text);
  const inserted: number[] = [];
  const out: string[] = [];
  let fence: string | undefined;
  let lineStart = true;
  let indentedLine = false;
  let inCode = false;
  let codeTicks = 0;
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i];
    if (lineStart) {
      const rest = chars.slice(i, i + 200).join('');
      const line = rest.split('\n')[0];
      const fenceMatch = /^ {0,3}(`{3,}|~{3,})/.exec(line);
      if (fence) {
        if (fenceMatch && fenceMatch[1][0] === fence[0] && fenceMatch[1].length >= fence.length) fence = undefined;
      } else if (fenceMatch) fence = fenceMatch[1];
      indentedLine = /^( {4}|\t)/.test(line);
      inCode = false;
      lineStart = false;
    }
    if (ch === '\n') {
      lineStart = true;
      out.push(ch);
      continue;
    }
    if (!fence && !indentedLine && ch === '`') {
      let run = 1;
      while (chars[i + run] === '`') run++;
      if (!inCode) {
        inCode = true;
        codeTicks = run;
      } else if (run === codeTicks) inCode = false;
      out.push(chars.slice(i, i + run).join(''));
      i += run - 1;
      continue;
    }
    if (ch === '#' && !fence && !indentedLine && !inCode && CODE_ID_START.test(chars[i + 1] ?? '') && (i === 0 || !TAG_BLOCKER.test(chars[i - 1]))) {
      inserted.push(i);
      out.push('\\');
    }
    out.push(ch);
  }
  return {
    text: out.join(''),
    map(cp: number): number {
      let lo = 0;
      let hi = inserted.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (inserted[mid] < cp) lo = mid + 1;
        else hi = mid;
      }
      return cp + lo;
    },
  };
}

/** A name made safe as one path segment: ASCII letters, digits, `._-`; no leading or trailing dots or dashes. */
function cleanName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
}

/**
 * The note path a fieldcode export's source name stands for: the tail of the
 * described path whose parts, joined with `--`, are the name
 * (`de-brug--I-observation` for `notes/de-brug/I-observation.md`).
 */
function ownStem(display: string, path: string | undefined): string | undefined {
  if (!path) return display.includes('/') ? display.split('/').map(cleanName).filter((part) => part !== '').join('/') || undefined : undefined;
  const parts = path.replace(/\.(md|markdown|txt)$/i, '').split('/').map(cleanName).filter((part) => part !== '');
  for (let k = 1; k <= parts.length; k++) if (parts.slice(-k).join('--') === cleanName(display)) return parts.slice(-k).join('/');
  return undefined;
}

function safeFileName(name: string): string {
  return cleanName(name) || 'source';
}

type Value = string | number | boolean;

function frontMatter(data: Array<[string, Value | FrontMatterValue]>): string {
  if (data.length === 0) return '';
  const doc = new Document(Object.fromEntries(data), { version: '1.2' });
  return `---\n${doc.toString({ lineWidth: 0, minContentWidth: 0 })}---\n`;
}

function readValue(element: XmlElement): Value | undefined {
  for (const child of element.children) {
    const text = child.text.trim();
    switch (child.local) {
      case 'TextValue':
      case 'DateValue':
      case 'DateTimeValue':
        return text === '' ? undefined : text;
      case 'IntegerValue':
      case 'FloatValue': {
        const n = Number(text);
        return text !== '' && Number.isFinite(n) ? n : text || undefined;
      }
      case 'BooleanValue':
        return text === 'true' || text === '1' ? true : text === 'false' || text === '0' ? false : text || undefined;
      default:
    }
  }
  return undefined;
}

interface SourceInfo {
  guid: string;
  element: XmlElement;
  name: string;
  text: string;
  values: Map<string, Value>;
  codings: Array<{ start: number; end: number; code: string; coder: string; memo?: string }>;
  /** The note's path, from a fieldcode export's source description. */
  path?: string;
  /** Known from a fieldcode export's source description; otherwise decided from the text. */
  format?: 'markdown' | 'text';
  /** The note's `participants`, carried in the source description by fieldcode. */
  participants?: FrontMatterValue;
}

/** `fieldcode participants: {...}` in a source description (see project-xml.ts): a mapping or list, else a warning. */
function readParticipants(lines: string[], file: string, element: XmlElement, diagnostics: Diagnostic[]): FrontMatterValue | undefined {
  const line = lines.map((l) => l.trim()).find((l) => l.startsWith(PARTICIPANTS_PREFIX));
  if (line === undefined) return undefined;
  try {
    const value = JSON.parse(line.slice(PARTICIPANTS_PREFIX.length)) as FrontMatterValue;
    if (value !== null && typeof value === 'object') return value;
  } catch {
    // Reported below.
  }
  diagnostics.push(diag(file, element.line, element.column, 'warning', `Source "${element.attrs.name ?? ''}" has a \`participants\` line that is not a JSON mapping or list; it is not imported`, 'refi-not-imported'));
  return undefined;
}

/** Imports a `.qdpx` project: notes with front matter, a YAML codebook, standoff codings and `fieldcode.yaml`. */
export function importQdpx(bytes: Uint8Array, options: QdpxImportOptions = {}): ImportResult {
  return guarded(options.path ?? 'project.qdpx', () => readQdpx(bytes, options));
}

function readQdpx(bytes: Uint8Array, options: QdpxImportOptions = {}): ImportResult {
  const archive = options.path ?? 'project.qdpx';
  const fail = (d: Diagnostic[]): ImportResult => ({ files: [], diagnostics: d });
  const maxEntryBytes = options.maxEntryBytes ?? DEFAULT_MAX_ENTRY_BYTES;
  const zipProblem = (problem: ZipProblem): ImportResult => {
    const message = problem.ruleId === 'qdpx-not-zip' && !problem.entry ? `${problem.message}; a .qdpx file is a zip archive` : problem.message;
    return fail([diag(archive, 1, 1, 'error', message, problem.ruleId)]);
  };
  // Two passes: the project first, then only the sources it refers to, so an
  // archive full of unreferenced entries inflates none of them.
  const zip = readZip(bytes, { maxEntryBytes, wanted: (name) => !name.includes('/') && /\.qde$/i.test(name) });
  if ('problem' in zip) return zipProblem(zip.problem);
  const entries = zip.entries;
  const qdes = entries.filter((e) => !e.name.includes('/') && /\.qde$/i.test(e.name));
  const qde = qdes.find((e) => e.name.toLowerCase() === 'project.qde') ?? (qdes.length === 1 ? qdes[0] : undefined);
  if (!qde) {
    const message = qdes.length > 1 ? `The archive holds ${qdes.length} .qde files and none is named project.qde; cannot tell which is the project` : 'The archive has no project.qde, so it is not a REFI-QDA .qdpx project';
    return fail([diag(archive, 1, 1, 'error', message, 'qdpx-no-project')]);
  }
  const file = `${archive}/${qde.name}`;
  const diagnostics: Diagnostic[] = [];
  const decoded = decodeText(qde.data);
  if (decoded.lossy) return fail([diag(file, 1, 1, 'error', 'project.qde is not valid UTF-8', 'refi-not-utf8')]);
  const parsed = parseXml(decoded.text);
  if ('error' in parsed) {
    return fail([diag(file, parsed.error.line, parsed.error.column, 'error', `Cannot read the project: not well-formed XML (${parsed.error.message})`, 'xml-not-well-formed')]);
  }
  const root = parsed.root;
  if (root.local !== 'Project') {
    return fail([diag(file, root.line, root.column, 'error', `Unexpected root element <${root.local}>, expected <Project> of a REFI-QDA project`, 'qdpx-no-project')]);
  }
  namespaceCheck(root, 'project', file, diagnostics);
  const origin = root.attrs.origin ?? '';

  // Users.
  const users = new Map<string, string>();
  for (const user of kids(kid(root, 'Users'), 'User')) {
    if (!user.attrs.guid) continue;
    const name = (user.attrs.name ?? '').trim() || (user.attrs.id ?? '').trim() || normalizeGuid(user.attrs.guid);
    users.set(normalizeGuid(user.attrs.guid), name);
  }
  const userName = (guid: string | undefined): string | undefined => {
    if (!guid) return undefined;
    const name = users.get(normalizeGuid(guid));
    if (name === undefined) return normalizeGuid(guid);
    return name;
  };
  const projectUser = userName(root.attrs.creatingUserGUID);

  // Codebook.
  const tree = readCodes(kid(kid(root, 'CodeBook'), 'Codes'), file, diagnostics);

  // Variables.
  const variables = new Map<string, string>();
  const variableSpecs = new Map<string, { values?: string[]; ordered?: boolean; required?: boolean }>();
  for (const variable of kids(kid(root, 'Variables'), 'Variable')) {
    if (!variable.attrs.guid || !variable.attrs.name) continue;
    const name = variable.attrs.name.trim();
    variables.set(normalizeGuid(variable.attrs.guid), name);
    const spec = readVariableDescription(kid(variable, 'Description')?.text);
    if (spec && !variableSpecs.has(name)) variableSpecs.set(name, spec);
  }
  const variableOrder = [...new Set(variables.values())];
  const applyValue = (target: Map<string, Value>, vv: XmlElement, overwrite: boolean): void => {
    const ref = kid(vv, 'VariableRef')?.attrs.targetGUID;
    const name = ref ? variables.get(normalizeGuid(ref)) : undefined;
    if (!name) {
      diagnostics.push(diag(file, vv.line, vv.column, 'warning', `VariableValue refers to an unknown variable ${ref ?? ''}; it is left out`, 'refi-dangling-reference'));
      return;
    }
    const value = readValue(vv);
    if (value === undefined) return;
    if (overwrite || !target.has(name)) target.set(name, value);
  };

  // Memos (Notes).
  const entryKeys = (path: string): string[] => {
    const lower = path.replace(/^internal:\/\//i, '').replace(/^\/+/, '').toLowerCase();
    return [`sources/${lower}`, lower];
  };
  const referenced = new Set<string>();
  for (const element of [...kids(kid(root, 'Notes'), 'Note'), ...(kid(root, 'Sources')?.children ?? [])]) {
    const path = element.attrs.plainTextPath;
    if (path !== undefined && !/^(relative|absolute):\/\//i.test(path)) for (const key of entryKeys(path)) referenced.add(key);
  }
  const sourceZip = readZip(bytes, { maxEntryBytes, wanted: (name) => referenced.has(name.toLowerCase()) });
  if ('problem' in sourceZip) return zipProblem(sourceZip.problem);
  const sourceEntries = new Map<string, ZipEntry>();
  for (const entry of sourceZip.entries) sourceEntries.set(entry.name.toLowerCase(), entry);
  const findEntry = (path: string): ZipEntry | undefined => {
    const [inSources, bare] = entryKeys(path);
    return sourceEntries.get(inSources) ?? sourceEntries.get(bare);
  };
  const memos = new Map<string, string>();
  for (const note of kids(kid(root, 'Notes'), 'Note')) {
    if (!note.attrs.guid) continue;
    const content = kid(note, 'PlainTextContent')?.text;
    let text = content;
    if (text === undefined && note.attrs.plainTextPath) {
      const entry = findEntry(note.attrs.plainTextPath);
      if (entry) text = decodeText(entry.data).text;
    }
    if (text !== undefined && text.trim()) memos.set(normalizeGuid(note.attrs.guid), text.replace(/\r\n?/g, '\n').trim());
  }
  const memoOf = (element: XmlElement): string[] =>
    kids(element, 'NoteRef')
      .map((ref) => memos.get(normalizeGuid(ref.attrs.targetGUID ?? '')))
      .filter((m): m is string => m !== undefined);

  // Sources.
  const sourcesEl = kid(root, 'Sources');
  const sources: SourceInfo[] = [];
  const byGuid = new Map<string, SourceInfo>();
  let fatal = false;
  for (const element of sourcesEl?.children ?? []) {
    if (SOURCE_KINDS.has(element.local)) {
      diagnostics.push(diag(file, element.line, element.column, 'warning', `${element.local} "${element.attrs.name ?? ''}" is not imported: fieldcode reads text sources only`, 'refi-not-imported'));
      continue;
    }
    if (element.local !== 'TextSource') continue;
    const guid = normalizeGuid(element.attrs.guid ?? '');
    const path = element.attrs.plainTextPath;
    let raw: string | undefined;
    const content = kid(element, 'PlainTextContent');
    if (path !== undefined) {
      if (/^(relative|absolute):\/\//i.test(path)) {
        diagnostics.push(diag(file, element.line, element.column, 'error', `Source "${element.attrs.name ?? path}" is an external file (${path}) that the archive does not hold`, 'refi-missing-source'));
        fatal = true;
        continue;
      }
      const entry = findEntry(path);
      if (!entry) {
        diagnostics.push(diag(file, element.line, element.column, 'error', `Source "${element.attrs.name ?? path}": plainTextPath "${path}" has no entry in the archive`, 'refi-missing-source'));
        fatal = true;
        continue;
      }
      const text = decodeText(entry.data);
      if (text.lossy) diagnostics.push(diag(file, element.line, element.column, 'warning', `Source "${element.attrs.name ?? path}" is not valid UTF-8; read as Windows-1252`, 'refi-not-utf8'));
      if (text.utf16) diagnostics.push(diag(file, element.line, element.column, 'warning', `Source "${element.attrs.name ?? path}" has no byte order mark but is UTF-16 (every other byte is NUL); read as UTF-16${text.utf16 === 'le' ? 'LE' : 'BE'}`, 'refi-not-utf8'));
      raw = text.text;
    } else if (content !== undefined) {
      raw = content.text;
    } else {
      const rich = element.attrs.richTextPath ? ` (only richTextPath ${element.attrs.richTextPath}, which fieldcode does not read)` : '';
      diagnostics.push(diag(file, element.line, element.column, 'error', `Source "${element.attrs.name ?? guid}" has neither plainTextPath nor PlainTextContent${rich}`, 'refi-missing-source'));
      fatal = true;
      continue;
    }
    if (raw.charCodeAt(0) === 0xfeff) raw = raw.slice(1);
    // NVivo can keep a document's text only in its .docx, with an empty .txt beside it.
    const rich = element.attrs.richTextPath;
    if (raw.trim() === '' && rich && /\.docx?$/i.test(rich)) {
      diagnostics.push(diag(file, element.line, element.column, 'error', `Source "${element.attrs.name ?? guid}" has its text only in a .docx (${rich}); its plain text is empty. Export again with plain text sources, or convert the .docx to text`, 'refi-missing-source'));
      fatal = true;
      continue;
    }
    const name = (element.attrs.name ?? '').trim() || (path ? baseName(path.replace(/^internal:\/\//i, '')) : guid);
    const tables = cleanTextOffsets(raw);
    const selections = kids(element, 'PlainTextSelection').map((s) => ({ element: s, start: position(s.attrs.startPosition), end: position(s.attrs.endPosition), name: s.attrs.name }));
    const model = chooseModel(tables, selections, origin);
    if (tables.ambiguous && model !== 'code-points') {
      diagnostics.push(diag(file, element.line, element.column, 'info', `Source "${name}": selection offsets read as ${model === 'utf16' ? 'UTF-16 code units' : 'code points with CRLF counted once'}`, 'refi-offset-model'));
    }
    const descriptionLines = (kid(element, 'Description')?.text ?? '').trim().split(/\r?\n/);
    const own = /^fieldcode note (.+) \((Markdown|plain text)\)$/.exec(descriptionLines[0].trim());
    const format = /^fieldcode\b/.test(origin) && own ? (own[2] === 'Markdown' ? 'markdown' : 'text') : undefined;
    const info: SourceInfo = { guid, element, name, text: tables.normalized, values: new Map(), codings: [], format };
    if (format && own) info.path = own[1];
    const participants = readParticipants(descriptionLines, file, element, diagnostics);
    if (participants !== undefined) info.participants = participants;
    const length = codePointLength(tables.normalized);
    const coderFor = (...candidates: Array<string | undefined>): string => {
      for (const c of candidates) {
        const name = userName(c);
        if (name) return name;
      }
      return projectUser ?? 'imported';
    };
    for (const selection of selections) {
      const s = selection.element;
      const a = tables.toNormalized(model, selection.start);
      const b = tables.toNormalized(model, selection.end);
      const codings = kids(s, 'Coding');
      if (a === undefined || b === undefined || b < a) {
        if (codings.length === 0) continue;
        const bad = Number.isNaN(selection.start) ? 'startPosition' : Number.isNaN(selection.end) ? 'endPosition' : undefined;
        if (bad) diagnostics.push(diag(file, s.line, s.column, 'error', `Unexpected ${bad}="${s.attrs[bad] ?? ''}" of a selection in source "${name}", expected a whole number in decimal digits`, 'refi-offset-out-of-range'));
        else diagnostics.push(diag(file, s.line, s.column, 'error', `Selection [${s.attrs.startPosition}, ${s.attrs.endPosition}) of source "${name}" lies outside its text of ${tables.max[model]} ${model === 'utf16' ? 'UTF-16 units' : 'code points'}`, 'refi-offset-out-of-range'));
        fatal = true;
        continue;
      }
      if (codings.length === 0) {
        if (kid(s, 'Description')) diagnostics.push(diag(file, s.line, s.column, 'info', `Selection "${s.attrs.name ?? ''}" has a comment but no coding; it is not imported`, 'refi-not-imported'));
        continue;
      }
      const selectionMemos = [kid(s, 'Description')?.text.trim(), ...memoOf(s)].filter((m): m is string => !!m);
      for (const coding of codings) {
        const ref = kid(coding, 'CodeRef');
        const target = ref?.attrs.targetGUID;
        const code = target ? tree.byGuid.get(normalizeGuid(target)) : undefined;
        if (!code) {
          const at = ref ?? coding;
          diagnostics.push(diag(file, at.line, at.column, 'error', target ? `CodeRef points at ${target}, which is no code in the codebook` : 'Coding has no CodeRef', 'refi-unknown-code'));
          fatal = true;
          continue;
        }
        if (b === a) {
          diagnostics.push(diag(file, s.line, s.column, 'warning', `Selection of source "${name}" at ${selection.start} is empty; its coding "${code.code.label}" is not imported`, 'refi-empty-selection'));
          continue;
        }
        // fieldcode writes a coding's memo both as the selection's Description and as a Note; read it once.
        const memo = [...new Set([...selectionMemos, ...memoOf(coding)])].join('\n\n');
        info.codings.push({ start: a, end: b, code: code.code.id, coder: coderFor(coding.attrs.creatingUser, s.attrs.creatingUser, element.attrs.creatingUser), ...(memo ? { memo } : {}) });
      }
    }
    for (const coding of kids(element, 'Coding')) {
      const target = kid(coding, 'CodeRef')?.attrs.targetGUID;
      const code = target ? tree.byGuid.get(normalizeGuid(target)) : undefined;
      if (!code) {
        diagnostics.push(diag(file, coding.line, coding.column, 'error', `CodeRef points at ${target ?? '(none)'}, which is no code in the codebook`, 'refi-unknown-code'));
        fatal = true;
        continue;
      }
      if (length === 0) continue;
      const memo = memoOf(coding).join('\n\n');
      info.codings.push({ start: 0, end: length, code: code.code.id, coder: coderFor(coding.attrs.creatingUser, element.attrs.creatingUser), ...(memo ? { memo } : {}) });
    }
    for (const vv of kids(element, 'VariableValue')) applyValue(info.values, vv, true);
    const twin = guid ? byGuid.get(guid) : undefined;
    if (twin) diagnostics.push(diag(file, element.line, element.column, 'warning', `Source "${name}" has the guid ${guid} of source "${twin.name}" (line ${twin.element.line}); both are imported, but references to the guid go to the first`, 'refi-duplicate-guid'));
    sources.push(info);
    if (guid && !twin) byGuid.set(guid, info);
  }
  if (fatal) return fail(diagnostics);

  // Cases: named or nameless, their values go to the sources they hold (source-level values win).
  for (const c of kids(kid(root, 'Cases'), 'Case')) {
    const members = kids(c, 'SourceRef')
      .map((ref) => byGuid.get(normalizeGuid(ref.attrs.targetGUID ?? '')))
      .filter((s): s is SourceInfo => s !== undefined);
    const values = kids(c, 'VariableValue');
    for (const source of members) {
      for (const vv of values) applyValue(source.values, vv, false);
      if (values.length === 0 && c.attrs.name && !source.values.has('case')) source.values.set('case', c.attrs.name.trim());
    }
  }
  // ATLAS.ti document groups: Sets named "variable: value".
  for (const set of kids(kid(root, 'Sets'), 'Set')) {
    const match = /^\s*([^:]+?)\s*:\s*(.+?)\s*$/.exec(set.attrs.name ?? '');
    if (!match) {
      diagnostics.push(diag(file, set.line, set.column, 'warning', `Document set "${set.attrs.name ?? ''}" is not imported: only sets named \`variable: value\` (such as \`group: de-brug\`) become variables`, 'refi-not-imported'));
      continue;
    }
    for (const member of kids(set, 'MemberSource')) {
      const source = byGuid.get(normalizeGuid(member.attrs.targetGUID ?? ''));
      if (source && !source.values.has(match[1])) source.values.set(match[1], match[2]);
    }
  }
  if (sources.length === 0) diagnostics.push(diag(file, root.line, root.column, 'warning', 'The project has no text sources', 'refi-no-sources'));

  // Write the files.
  const notesDir = (options.notesDir ?? 'notes').replace(/\/+$/, '');
  const codebookPath = options.codebookPath ?? 'codebook.yaml';
  const files: ImportedFile[] = [];
  const usedNames = new Set<string>();
  const allVariables = [...variableOrder];
  for (const s of sources) for (const key of s.values.keys()) if (!allVariables.includes(key)) allVariables.push(key);
  const coders = new Set<string>();
  const ownExport = /^fieldcode\b/.test(origin);
  const notePaths = new Map<string, string>();
  for (const source of sources) {
    // Source names are display names; in fieldcode's own exports the note's
    // folders are joined to its name with `--`, and its path is in the description.
    const display = source.name.replace(/\.(txt|md|docx?|rtf)$/i, '');
    let stem = (ownExport && ownStem(display, source.path)) || safeFileName(display);
    if (usedNames.has(stem.toLowerCase())) {
      let n = 2;
      while (usedNames.has(`${stem}-${n}`.toLowerCase())) n++;
      stem = `${stem}-${n}`;
    }
    usedNames.add(stem.toLowerCase());
    const data: Array<[string, Value | FrontMatterValue]> = [];
    for (const name of allVariables) if (source.values.has(name)) data.push([name, source.values.get(name)!]);
    if (source.participants !== undefined) data.push(['participants', source.participants]);
    // Markdown when the text is Markdown (fieldcode's own export says so) or reads
    // the same as Markdown; plain text otherwise. In Markdown, whatever would now
    // read as a tag is escaped (`\#`), and offsets move with the inserted backslashes.
    const markdown = source.format ? source.format === 'markdown' : survivesAsMarkdown(source.text);
    if (!markdown) data.push(['format', 'text']);
    const escaped = markdown ? escapeTags(source.text) : { text: source.text, map: (cp: number) => cp };
    const header = frontMatter(data);
    const content = header + escaped.text;
    const notePath = `${notesDir}/${stem}.md`;
    notePaths.set(normalizeGuid(source.guid), notePath);
    files.push({ path: notePath, content });
    if (source.text.trim() === '') diagnostics.push(diag(file, source.element.line, source.element.column, 'warning', `Source "${source.name}" has no text`, 'refi-empty-source'));
    if (source.codings.length > 0) {
      const shift = codePointLength(header);
      const docCoders = [...new Set(source.codings.map((c) => c.coder))];
      const single = docCoders.length === 1 ? docCoders[0] : undefined;
      const codings: StandoffCoding[] = [];
      const index = new OffsetIndex(content);
      for (const c of source.codings) {
        coders.add(c.coder);
        const coding = standoffCodingFromSpan(index, escaped.map(c.start) + shift, escaped.map(c.end) + shift, { code: c.code, ...(single ? {} : { coder: c.coder }), ...(c.memo ? { memo: c.memo } : {}) });
        if (coding) codings.push(coding);
      }
      files.push({ path: `${notesDir}/${stem}.codings.yaml`, content: serializeStandoff({ version: 'standoff/1', note: `${stem.split('/').pop()}.md`, ...(single ? { coder: single } : {}), codings }) });
    }
  }
  const memoFiles = importMemos({
    notes: kids(kid(root, 'Notes'), 'Note'),
    codeIds: new Map([...tree.byGuid].map(([guid, entry]) => [guid, entry.code.id])),
    notePaths,
    codeElements: [...tree.byGuid].map(([guid, entry]) => ({ guid, element: entry.element })),
    sourceElements: sources.map((source) => ({ guid: source.guid, element: source.element })),
    users,
    kid,
    kids,
    fileName: safeFileName,
    diag: (line, column, message) => diag(file, line, column, 'warning', message, 'refi-not-imported'),
  });
  files.push(...memoFiles.files);
  diagnostics.push(...memoFiles.diagnostics);
  const projectName = (root.attrs.name ?? '').trim() || options.name || baseName(archive);
  if (tree.roots.length > 0) {
    const origin = root.attrs.origin ? ` (origin: ${root.attrs.origin.replace(/\s+/g, ' ')})` : '';
    files.push({ path: codebookPath, content: serializeCodebook({ name: projectName, codes: tree.roots }, `Imported from ${baseName(archive)}.qdpx${origin} by fieldcode`) });
  }
  const config: Record<string, unknown> = { name: projectName };
  if (tree.roots.length > 0) config.codebook = codebookPath;
  config.notes = [`${notesDir}/**/*.md`];
  if (allVariables.length > 0) {
    const vars: Record<string, unknown> = {};
    for (const name of allVariables) {
      const seen = sources.map((s) => s.values.get(name)).filter((v) => v !== undefined).map(String);
      const distinct = [...new Set(seen)].sort();
      const spec = variableSpecs.get(name);
      const entry: Record<string, unknown> = {};
      // Declared values (fieldcode's own export) keep their order; otherwise list
      // the values only when some repeat, i.e. the variable groups sources.
      if (spec?.values) entry.values = [...spec.values, ...distinct.filter((v) => !spec.values!.includes(v))];
      else if (distinct.length < seen.length) entry.values = distinct;
      if (spec?.ordered) entry.ordered = true;
      if (spec?.required) entry.required = true;
      vars[name] = entry;
    }
    config.variables = vars;
  }
  const coder = projectUser ?? (coders.size === 1 ? [...coders][0] : undefined);
  if (coder) config.coder = coder;
  const configDoc = new Document(config, { version: '1.2' });
  configDoc.commentBefore = ` Imported from ${baseName(archive)}.qdpx by fieldcode`;
  files.push({ path: 'fieldcode.yaml', content: configDoc.toString({ lineWidth: 0, minContentWidth: 0 }) });
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, diagnostics };
}

/** Bad input must never end in a stack trace: anything unexpected becomes one error and no files. */
function guarded(file: string, work: () => ImportResult): ImportResult {
  try {
    return work();
  } catch (error) {
    return { files: [], diagnostics: [diag(file, 1, 1, 'error', `Cannot import this file: ${(error as Error).message ?? String(error)}`, 'refi-import-failed')] };
  }
}

/** UTF-16 without a BOM: even length, and NUL in most odd (LE) or even (BE) bytes, as Latin-script text has. */
function bomlessUtf16(data: Uint8Array): 'le' | 'be' | undefined {
  if (data.length < 2 || data.length % 2 !== 0) return undefined;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < data.length; i += 2) {
    if (data[i] === 0) even++;
    if (data[i + 1] === 0) odd++;
  }
  const pairs = data.length / 2;
  if (odd > pairs * 0.5 && even === 0) return 'le';
  if (even > pairs * 0.5 && odd === 0) return 'be';
  return undefined;
}

/** A selection offset: decimal digits only (`Number` would read `0x1` as 1 and `` as 0). */
function position(value: string | undefined): number {
  return value !== undefined && /^\s*\d+\s*$/.test(value) ? Number(value) : NaN;
}

function decodeText(data: Uint8Array): { text: string; lossy: boolean; utf16?: 'le' | 'be' } {
  // UTF-16 with a BOM is legal XML and some Windows tools write it.
  if (data[0] === 0xff && data[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(data.subarray(2)), lossy: false };
  if (data[0] === 0xfe && data[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(data.subarray(2)), lossy: false };
  const utf16 = bomlessUtf16(data);
  if (utf16) return { text: new TextDecoder(`utf-16${utf16}`).decode(data), lossy: false, utf16 };
  try {
    let text = new TextDecoder('utf-8', { fatal: true }).decode(data);
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    return { text, lossy: false };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(data), lossy: true };
  }
}
