// The codebook as REFI-QDA XML: a standalone `.qdc` file, and the `<CodeBook>`
// block inside `project.qde`. Pure functions, no I/O.
import type { Code, Codebook } from '../types.js';
import { GuidFactory, uuidV5 } from './guid.js';
import { XmlWriter } from './xml.js';
import { slugify } from '../import/codebook.js';
import { ok, problems, type Checked } from '../model/checked.js';
import { COMMAND_LINE } from '../model/command-line.js';

export const CODEBOOK_NS = 'urn:QDA-XML:codebook:1.0';
export const PROJECT_NS = 'urn:QDA-XML:project:1.0';

export interface QdcOptions {
  /** Producing software, written as `origin`. Default `fieldcode`. */
  origin?: string;
}

/** Section labels of a code `Description`; `parseDescription` reads the same labels back. */
export const DESCRIPTION_SECTIONS = [
  ['useWhen', 'Use when:'],
  ['notWhen', 'Do not use when:'],
  ['examples', 'Examples:'],
  ['keywords', 'Keywords:'],
  ['patterns', 'Patterns:'],
] as const;

export type DescriptionField = (typeof DESCRIPTION_SECTIONS)[number][0];

/**
 * REFI-QDA has no field for a code's id: an importer makes one from the name.
 * When that would not give the id back (`feedback` named "Feedback from
 * peers", or `support.practical`), the Description ends with this line.
 */
export const ID_LINE = /^fieldcode id: ([^\s]+)$/;

export interface ParsedDescription {
  /** The code id written by fieldcode (`fieldcode id: …`). */
  id?: string;
  definition?: string;
  useWhen: string[];
  notWhen: string[];
  examples: string[];
  keywords: string[];
  patterns: string[];
}

/**
 * The `Description` text of a code: the definition, then one labelled list per
 * criterion (`Use when:`, `Do not use when:`, `Examples:`, `Keywords:`, `Patterns:`).
 * Returns undefined when the code has nothing to describe (no empty element is written).
 */
export function describeCode(code: Code): string | undefined {
  const parts: string[] = [];
  const definition = code.definition?.trim();
  if (definition) parts.push(definition);
  for (const [field, label] of DESCRIPTION_SECTIONS) {
    const items = (code[field] ?? []).map((item) => item.replace(/\s*\r?\n\s*/g, ' ').trim()).filter((item) => item !== '');
    if (items.length > 0) parts.push(`${label}\n${items.map((item) => `- ${item}`).join('\n')}`);
  }
  if (slugify(codeName(code)) !== code.id) parts.push(`fieldcode id: ${code.id}`);
  return parts.length > 0 ? parts.join('\n\n') : undefined;
}

/** Reads a `Description` written by `describeCode` (or by any tool: unlabelled text is the definition). */
export function parseDescription(text: string): ParsedDescription {
  const result: ParsedDescription = { useWhen: [], notWhen: [], examples: [], keywords: [], patterns: [] };
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const labels = new Map<string, DescriptionField>(DESCRIPTION_SECTIONS.map(([field, label]) => [label, field]));
  const definition: string[] = [];
  let section: DescriptionField | undefined;
  for (const line of lines) {
    const id = ID_LINE.exec(line.trim());
    if (id) {
      result.id = id[1];
      section = undefined;
      continue;
    }
    const label = labels.get(line.trim());
    if (label) {
      section = label;
      continue;
    }
    if (section) {
      const item = /^\s*-\s+(.*)$/.exec(line);
      if (item) {
        result[section].push(item[1].trim());
        continue;
      }
      if (line.trim() === '') continue;
      // Not a list item: the labelled part has ended, keep the text as definition.
      section = undefined;
    }
    definition.push(line);
  }
  const def = definition.join('\n').trim();
  if (def) result.definition = def;
  return result;
}

/** `#RRGGBB` (uppercase) from a fieldcode colour, or undefined when it cannot be expressed. */
export function normalizeColor(color: string | undefined): string | undefined {
  if (!color) return undefined;
  const value = color.trim();
  let match = /^#?([0-9a-fA-F]{6})(?:[0-9a-fA-F]{2})?$/.exec(value);
  if (match) return `#${match[1].toUpperCase()}`;
  match = /^#?([0-9a-fA-F])([0-9a-fA-F])([0-9a-fA-F])[0-9a-fA-F]?$/.exec(value);
  if (match) return `#${match[1]}${match[1]}${match[2]}${match[2]}${match[3]}${match[3]}`.toUpperCase();
  const rgb = /^rgba?\(\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})\s*(?:,\s*[\d.]+%?\s*)?\)$/i.exec(value);
  if (rgb) {
    const parts = rgb.slice(1, 4).map(Number);
    if (parts.every((n) => n <= 255)) return `#${parts.map((n) => n.toString(16).padStart(2, '0')).join('')}`.toUpperCase();
  }
  return undefined;
}

/** The name shown in other tools: the label, or the id when there is none. */
export function codeName(code: Code): string {
  return code.label?.trim() ? code.label.trim() : code.id;
}

/**
 * The GUID namespace of an export, derived from the codebook name, so a code has the
 * same GUID in the `.qdc` and in the `.qdpx` of the same project, on every run.
 */
export function codebookNamespace(codebook: Codebook): string {
  return uuidV5(`fieldcode-codebook:${codebook.name}`);
}

export function codeGuid(guids: GuidFactory, code: Code): string {
  return guids.get('code', code.id);
}

/** Writes `<Code>` elements for `ids` and their descendants, in codebook order. */
export function writeCodes(
  xml: XmlWriter,
  codebook: Codebook,
  ids: string[],
  guids: GuidFactory,
  noteRefs?: (code: Code) => string[],
): void {
  for (const id of ids) {
    const code = codebook.byId.get(id);
    if (!code) continue;
    const attributes: Array<[string, string | undefined]> = [
      ['guid', codeGuid(guids, code)],
      ['name', codeName(code)],
      ['isCodable', 'true'],
      ['color', normalizeColor(code.color)],
    ];
    const description = describeCode(code);
    const notes = noteRefs?.(code) ?? [];
    if (!description && notes.length === 0 && code.children.length === 0) {
      xml.empty('Code', attributes);
      continue;
    }
    xml.open('Code', attributes);
    if (description) xml.text('Description', description);
    for (const note of notes) xml.empty('NoteRef', [['targetGUID', note]]);
    writeCodes(xml, codebook, code.children, guids, noteRefs);
    xml.close('Code');
  }
}

/** Top-level codes, in file order. */
export function rootCodeIds(codebook: Codebook): string[] {
  return codebook.codes.filter((code) => !code.parent || !codebook.byId.has(code.parent)).map((code) => code.id);
}

/**
 * The codebook as a REFI-QDA `.qdc` file (namespace `urn:QDA-XML:codebook:1.0`).
 * Hierarchy by nesting, colours as `#RRGGBB`, definitions and criteria as `Description`.
 * A codebook without codes cannot be expressed (the schema needs one `Code`):
 * that is a fatal diagnostic at the codebook.
 */
export function exportQdc(codebook: Codebook, options: QdcOptions = {}): Checked<string> {
  if (codebook.codes.length === 0) {
    return problems({ file: codebook.path || COMMAND_LINE, line: 1, column: 1, severity: 'fatal', message: 'Cannot export the codebook: it has no codes, and a .qdc file needs at least one', ruleId: 'codebook-shape' });
  }
  const guids = new GuidFactory(codebookNamespace(codebook));
  const xml = new XmlWriter();
  xml.open('CodeBook', [
    ['xmlns', CODEBOOK_NS],
    ['origin', options.origin ?? 'fieldcode'],
  ]);
  xml.open('Codes');
  writeCodes(xml, codebook, rootCodeIds(codebook), guids);
  xml.close('Codes');
  xml.close('CodeBook');
  return ok(xml.toString());
}
