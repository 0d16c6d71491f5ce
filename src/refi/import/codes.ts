// The codebook of a project.qde or a .qdc: nested <Code> elements to fieldcode
// codes with ids, and every code's guid to it for the references that follow.
import type { Diagnostic } from '../../types.js';
import { assignIds, type ImportedCode } from '../../import/codebook.js';
import { normalizeColor, parseDescription } from '../codebook-xml.js';
import { normalizeGuid } from '../guid.js';
import { kid, kids, type XmlElement } from '../xml-read.js';
import { diag } from './context.js';

export interface CodeTree {
  roots: ImportedCode[];
  byGuid: Map<string, { code: ImportedCode; codable: boolean; element: XmlElement }>;
}

export function readCodes(codes: XmlElement | undefined, file: string, diagnostics: Diagnostic[]): CodeTree {
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

export function namespaceCheck(root: XmlElement, kind: 'codebook' | 'project', file: string, diagnostics: Diagnostic[]): void {
  const ns = root.attrs.xmlns ?? Object.entries(root.attrs).find(([k]) => k === `xmlns:${root.name.split(':')[0]}`)?.[1];
  const expected = `urn:QDA-XML:${kind}:1.0`;
  if (ns === expected) return;
  const message = ns === undefined ? `No namespace; expected ${expected}` : ns.startsWith(`urn:QDA-XML:${kind}:`) ? `Namespace ${ns} is another version than ${expected}; reading it as ${expected}` : `Unexpected namespace ${ns}; expected ${expected}`;
  diagnostics.push(diag(file, root.line, root.column, 'warning', message, 'refi-namespace'));
}
