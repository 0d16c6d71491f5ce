// Step 5 of a .qdpx import: the text sources. Each one's text (from its
// archive entry or inline), its offset model, what fieldcode's own export says
// about it, its codings (./selections.ts) and its variable values.
import type { Diagnostic, FrontMatterValue } from '../../types.js';
import { cleanTextOffsets, codePointLength } from '../../model/offsets.js';
import { PARTICIPANTS_PREFIX } from '../export/descriptions.js';
import { normalizeGuid } from '../guid.js';
import { kid, kids, type XmlElement } from '../xml-read.js';
import type { ZipEntry } from '../zip.js';
import { baseName, diag, type QdeContext, type SourceInfo } from './context.js';
import { chooseModel } from './offset-model.js';
import { readSelectionCodings, readSelections, readSourceCodings, type CodingRefs } from './selections.js';
import { decodeBytes } from '../../model/decode.js';
import type { Variables } from './variables.js';

const SOURCE_KINDS = new Set(['PictureSource', 'PDFSource', 'AudioSource', 'VideoSource']);

export interface SourceRefs extends CodingRefs {
  /** The project's `origin`: which tool wrote it. */
  origin: string;
  findEntry: (path: string) => ZipEntry | undefined;
  variables: Variables;
}

export interface Sources {
  sources: SourceInfo[];
  /** The first source of each guid. */
  byGuid: Map<string, SourceInfo>;
  /** False when a source or one of its codings cannot be imported: nothing is written then. */
  fine: boolean;
}

export function readSources(root: XmlElement, refs: SourceRefs, ctx: QdeContext): Sources {
  const sources: SourceInfo[] = [];
  const byGuid = new Map<string, SourceInfo>();
  let fine = true;
  for (const element of kid(root, 'Sources')?.children ?? []) {
    if (SOURCE_KINDS.has(element.local)) {
      ctx.diagnostics.push(diag(ctx.file, element.line, element.column, 'warning', `${element.local} "${element.attrs.name ?? ''}" is not imported: fieldcode reads text sources only`, 'refi-not-imported'));
      continue;
    }
    if (element.local !== 'TextSource') continue;
    const read = readSource(element, refs, ctx);
    if (read === undefined) {
      fine = false;
      continue;
    }
    const { info } = read;
    if (!read.fine) fine = false;
    const twin = info.guid ? byGuid.get(info.guid) : undefined;
    if (twin) ctx.diagnostics.push(diag(ctx.file, element.line, element.column, 'warning', `Source "${info.name}" has the guid ${info.guid} of source "${twin.name}" (line ${twin.element.line}); both are imported, but references to the guid go to the first`, 'refi-duplicate-guid'));
    sources.push(info);
    if (info.guid && !twin) byGuid.set(info.guid, info);
  }
  return { sources, byGuid, fine };
}

/** One TextSource; undefined when its text cannot be had, `fine: false` when a coding cannot be imported. */
function readSource(element: XmlElement, refs: SourceRefs, ctx: QdeContext): { info: SourceInfo; fine: boolean } | undefined {
  const { file, diagnostics } = ctx;
  const guid = normalizeGuid(element.attrs.guid ?? '');
  const path = element.attrs.plainTextPath;
  const raw = readSourceText(element, guid, refs.findEntry, ctx);
  if (raw === undefined) return undefined;
  const name = (element.attrs.name ?? '').trim() || (path ? baseName(path.replace(/^internal:\/\//i, '')) : guid);
  const tables = cleanTextOffsets(raw);
  const selections = readSelections(element);
  const model = chooseModel(tables, selections, refs.origin);
  if (tables.ambiguous && model !== 'code-points') {
    diagnostics.push(diag(file, element.line, element.column, 'info', `Source "${name}": selection offsets read as ${model === 'utf16' ? 'UTF-16 code units' : 'code points with CRLF counted once'}`, 'refi-offset-model'));
  }
  const descriptionLines = (kid(element, 'Description')?.text ?? '').trim().split(/\r?\n/);
  const own = /^fieldcode note (.+) \((Markdown|plain text)\)$/.exec(descriptionLines[0].trim());
  const format = /^fieldcode\b/.test(refs.origin) && own ? (own[2] === 'Markdown' ? 'markdown' : 'text') : undefined;
  const info: SourceInfo = { guid, element, name, text: tables.normalized, values: new Map(), codings: [], format };
  if (format && own) info.path = own[1];
  const participants = readParticipants(descriptionLines, file, element, diagnostics);
  if (participants !== undefined) info.participants = participants;
  const selectionsFine = readSelectionCodings(info, selections, tables, model, refs, ctx);
  const sourceFine = readSourceCodings(info, codePointLength(tables.normalized), refs, ctx);
  for (const vv of kids(element, 'VariableValue')) refs.variables.apply(info.values, vv, true);
  return { info, fine: selectionsFine && sourceFine };
}

/** The raw text of a source without its BOM, or undefined (with an error) when the project does not hold it. */
function readSourceText(element: XmlElement, guid: string, findEntry: SourceRefs['findEntry'], ctx: QdeContext): string | undefined {
  const { file, diagnostics } = ctx;
  const path = element.attrs.plainTextPath;
  let raw: string;
  const content = kid(element, 'PlainTextContent');
  if (path !== undefined) {
    if (/^(relative|absolute):\/\//i.test(path)) {
      diagnostics.push(diag(file, element.line, element.column, 'error', `Source "${element.attrs.name ?? path}" is an external file (${path}) that the archive does not hold`, 'refi-missing-source'));
      return undefined;
    }
    const entry = findEntry(path);
    if (!entry) {
      diagnostics.push(diag(file, element.line, element.column, 'error', `Source "${element.attrs.name ?? path}": plainTextPath "${path}" has no entry in the archive`, 'refi-missing-source'));
      return undefined;
    }
    const text = decodeBytes(entry.data, 'lenient');
    if (text.lossy) diagnostics.push(diag(file, element.line, element.column, 'warning', `Source "${element.attrs.name ?? path}" is not valid UTF-8; read as Windows-1252`, 'refi-not-utf8'));
    if (text.bomless) diagnostics.push(diag(file, element.line, element.column, 'warning', `Source "${element.attrs.name ?? path}" has no byte order mark but is UTF-16 (every other byte is NUL); read as UTF-16${text.encoding === 'UTF-16 LE' ? 'LE' : 'BE'}`, 'refi-not-utf8'));
    raw = text.text;
  } else if (content !== undefined) {
    raw = content.text;
  } else {
    const rich = element.attrs.richTextPath ? ` (only richTextPath ${element.attrs.richTextPath}, which fieldcode does not read)` : '';
    diagnostics.push(diag(file, element.line, element.column, 'error', `Source "${element.attrs.name ?? guid}" has neither plainTextPath nor PlainTextContent${rich}`, 'refi-missing-source'));
    return undefined;
  }
  if (raw.charCodeAt(0) === 0xfeff) raw = raw.slice(1);
  // NVivo can keep a document's text only in its .docx, with an empty .txt beside it.
  const rich = element.attrs.richTextPath;
  if (raw.trim() === '' && rich && /\.docx?$/i.test(rich)) {
    diagnostics.push(diag(file, element.line, element.column, 'error', `Source "${element.attrs.name ?? guid}" has its text only in a .docx (${rich}); its plain text is empty. Export again with plain text sources, or convert the .docx to text`, 'refi-missing-source'));
    return undefined;
  }
  return raw;
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
