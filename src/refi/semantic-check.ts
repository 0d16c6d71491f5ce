// Checks the XSD cannot make (NOTES.md §8): references resolve, GUIDs are unique,
// selections lie within their source text, no container is empty, colours are
// `#RRGGBB`/`#RGB`, sources are UTF-8 without BOM and LF only. Used on every
// export in the tests, and available for checking any `.qdpx` or `.qdc`.
import type { Diagnostic } from '../types.js';
import { normalizeGuid } from './guid.js';
import { codePointToUnitTable } from '../model/offsets.js';
import { kid, kids, parseXml, walk, type XmlElement } from './xml-read.js';
import { readZip } from './zip.js';
import type { RuleId } from '../model/rules.js';

const CONTAINERS = new Set(['Users', 'CodeBook', 'Codes', 'Variables', 'Cases', 'Sources', 'Notes', 'Links', 'Sets', 'Graphs']);
const SOURCE_ELEMENTS = new Set(['TextSource', 'PictureSource', 'PDFSource', 'AudioSource', 'VideoSource']);
const SELECTION_ELEMENTS = new Set(['PlainTextSelection', 'PictureSelection', 'PDFSelection', 'AudioSelection', 'VideoSelection', 'TranscriptSelection']);
const COLOR = /^#([0-9A-Fa-f]{6}|[0-9A-Fa-f]{3})$/;

/** Which kind of element each reference must resolve to. */
const REFERENCES: Record<string, { attr: string; targets: Set<string>; what: string }> = {
  CodeRef: { attr: 'targetGUID', targets: new Set(['Code']), what: 'a Code' },
  VariableRef: { attr: 'targetGUID', targets: new Set(['Variable']), what: 'a Variable' },
  SourceRef: { attr: 'targetGUID', targets: SOURCE_ELEMENTS, what: 'a source' },
  MemberSource: { attr: 'targetGUID', targets: SOURCE_ELEMENTS, what: 'a source' },
  NoteRef: { attr: 'targetGUID', targets: new Set(['Note']), what: 'a Note' },
  MemberNote: { attr: 'targetGUID', targets: new Set(['Note']), what: 'a Note' },
  SelectionRef: { attr: 'targetGUID', targets: SELECTION_ELEMENTS, what: 'a selection' },
};

const USER_ATTRS = ['creatingUser', 'modifyingUser', 'creatingUserGUID', 'modifyingUserGUID'];

export interface CheckOptions {
  /** Path shown in diagnostics. */
  file?: string;
  /** Also require each selection's `name` to equal its text (what fieldcode writes). */
  selectionNames?: boolean;
  /** Unit of selection positions. Default code points, as the standard says. */
  offsets?: 'codepoints' | 'utf16';
}

function at(file: string, element: XmlElement, message: string, ruleId: RuleId, severity: Diagnostic['severity'] = 'error'): Diagnostic {
  return { file, line: element.line, column: element.column, severity, message, ruleId };
}

function commonChecks(root: XmlElement, file: string, diagnostics: Diagnostic[], memberCodeAttr: string): Map<string, XmlElement> {
  const byGuid = new Map<string, XmlElement>();
  for (const element of walk(root)) {
    const guid = element.attrs.guid;
    if (guid !== undefined && element.local !== 'MemberCode') {
      const key = normalizeGuid(guid);
      const other = byGuid.get(key);
      if (other) diagnostics.push(at(file, element, `GUID ${guid} is used twice (first by the ${other.local} at line ${other.line})`, 'refi-duplicate-guid'));
      else byGuid.set(key, element);
    }
    if (CONTAINERS.has(element.local) && element.children.length === 0) {
      diagnostics.push(at(file, element, `Empty container <${element.local}>; write it only with children`, 'refi-empty-container'));
    }
    if (element.local === 'Code' && element.attrs.color !== undefined && !COLOR.test(element.attrs.color)) {
      diagnostics.push(at(file, element, `Colour "${element.attrs.color}" is not #RRGGBB or #RGB`, 'refi-bad-color'));
    }
  }
  for (const element of walk(root)) {
    const ref = element.local === 'MemberCode' ? { attr: memberCodeAttr, targets: new Set(['Code']), what: 'a Code' } : REFERENCES[element.local];
    if (ref) {
      const value = element.attrs[ref.attr];
      const target = value === undefined ? undefined : byGuid.get(normalizeGuid(value));
      if (!target || !ref.targets.has(target.local)) {
        diagnostics.push(at(file, element, `${element.local} ${ref.attr}="${value ?? ''}" does not point at ${ref.what}`, 'refi-dangling-reference'));
      } else if (element.local === 'CodeRef' && !/^(true|1)$/.test(target.attrs.isCodable ?? '')) {
        diagnostics.push(at(file, element, `CodeRef points at code "${target.attrs.name ?? ''}", which is not codable`, 'refi-not-codable'));
      }
    }
    for (const attr of USER_ATTRS) {
      const value = element.attrs[attr];
      if (value === undefined) continue;
      const target = byGuid.get(normalizeGuid(value));
      if (!target || target.local !== 'User') diagnostics.push(at(file, element, `${attr}="${value}" does not point at a User`, 'refi-dangling-reference'));
    }
  }
  return byGuid;
}

/** Semantic checks of a `.qdc` codebook. */
export function checkQdc(xml: string, options: CheckOptions = {}): Diagnostic[] {
  const file = options.file ?? 'codebook.qdc';
  const parsed = parseXml(xml);
  if ('error' in parsed) return [{ file, ...parsed.error, severity: 'error', message: `Not well-formed XML: ${parsed.error.message}`, ruleId: 'xml-not-well-formed' }];
  const diagnostics: Diagnostic[] = [];
  if (xml.charCodeAt(0) === 0xfeff) diagnostics.push({ file, line: 1, column: 1, severity: 'error', message: 'The file starts with a BOM', ruleId: 'refi-bom' });
  commonChecks(parsed.root, file, diagnostics, 'guid');
  return diagnostics;
}

/** Semantic checks of a parsed `project.qde` with the texts of its internal sources (by file name). */
export function checkProjectXml(xml: string, sources: Map<string, string>, options: CheckOptions = {}): Diagnostic[] {
  const file = options.file ?? 'project.qde';
  const parsed = parseXml(xml);
  if ('error' in parsed) return [{ file, ...parsed.error, severity: 'error', message: `Not well-formed XML: ${parsed.error.message}`, ruleId: 'xml-not-well-formed' }];
  const diagnostics: Diagnostic[] = [];
  if (xml.charCodeAt(0) === 0xfeff) diagnostics.push({ file, line: 1, column: 1, severity: 'error', message: 'project.qde starts with a BOM', ruleId: 'refi-bom' });
  const root = parsed.root;
  commonChecks(root, file, diagnostics, 'targetGUID');
  for (const element of walk(root)) {
    if (element.local === 'Coding' && kids(element, 'CodeRef').length !== 1) {
      diagnostics.push(at(file, element, 'A Coding needs exactly one CodeRef', 'refi-coding-coderef'));
    }
    if (element.local !== 'TextSource' && element.local !== 'Note') continue;
    const path = element.attrs.plainTextPath;
    const content = kid(element, 'PlainTextContent');
    if ((path === undefined) === (content === undefined)) {
      diagnostics.push(at(file, element, `${element.local} needs exactly one of plainTextPath and PlainTextContent`, 'refi-text-location'));
      continue;
    }
    let text: string | undefined = content?.text;
    if (path !== undefined) {
      const name = path.replace(/^internal:\/\//, '');
      text = sources.get(name);
      if (text === undefined) {
        diagnostics.push(at(file, element, `plainTextPath "${path}" has no entry sources/${name} in the archive`, 'refi-missing-source'));
        continue;
      }
      if (text.charCodeAt(0) === 0xfeff) diagnostics.push(at(file, element, `sources/${name} starts with a BOM`, 'refi-bom'));
      if (text.includes('\r')) diagnostics.push(at(file, element, `sources/${name} has CR line ends; write LF only`, 'refi-crlf'));
    }
    const utf16 = options.offsets === 'utf16';
    const body = text ?? '';
    const table = utf16 ? undefined : codePointToUnitTable(body);
    const length = table ? table.length - 1 : body.length;
    for (const selection of kids(element, 'PlainTextSelection')) {
      const start = Number(selection.attrs.startPosition);
      const end = Number(selection.attrs.endPosition);
      if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || start > end || end > length) {
        diagnostics.push(at(file, selection, `Selection [${selection.attrs.startPosition}, ${selection.attrs.endPosition}) lies outside its text of ${length} ${utf16 ? 'UTF-16 units' : 'code points'}`, 'refi-offset-out-of-range'));
        continue;
      }
      const name = selection.attrs.name;
      if (options.selectionNames && name !== undefined) {
        const slice = (table ? body.slice(table[start], table[end]) : body.slice(start, end)).replace(/\s+/g, ' ').trim();
        const ok = name.endsWith('…') ? slice.startsWith(name.slice(0, -1)) : slice === name;
        if (!ok) diagnostics.push(at(file, selection, `Selection name "${name}" differs from its text "${slice.slice(0, 60)}"`, 'refi-selection-name'));
      }
    }
  }
  return diagnostics;
}

/** Semantic checks of `.qdpx` bytes: the archive layout, then `checkProjectXml`. */
export function checkQdpx(bytes: Uint8Array, options: CheckOptions = {}): Diagnostic[] {
  const file = options.file ?? 'project.qdpx';
  const zip = readZip(bytes);
  if ('problem' in zip) return [{ file, line: 1, column: 1, severity: 'error', message: zip.problem.message, ruleId: zip.problem.ruleId }];
  const diagnostics: Diagnostic[] = [];
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const sources = new Map<string, string>();
  let project: string | undefined;
  for (const entry of zip.entries) {
    let text: string;
    try {
      text = decoder.decode(entry.data);
    } catch {
      diagnostics.push({ file: `${file}/${entry.name}`, line: 1, column: 1, severity: 'error', message: 'Not valid UTF-8', ruleId: 'refi-not-utf8' });
      continue;
    }
    if (entry.name === 'project.qde') project = text;
    else if (/^sources\/[^/]+$/.test(entry.name)) sources.set(entry.name.slice('sources/'.length), text);
    else diagnostics.push({ file: `${file}/${entry.name}`, line: 1, column: 1, severity: 'error', message: 'Unexpected archive entry; a .qdpx holds project.qde and sources/ only', ruleId: 'refi-extra-entry' });
  }
  if (project === undefined) {
    diagnostics.push({ file, line: 1, column: 1, severity: 'error', message: 'The archive has no project.qde', ruleId: 'qdpx-no-project' });
    return diagnostics;
  }
  return [...diagnostics, ...checkProjectXml(project, sources, { ...options, file: `${file}/project.qde` })];
}
