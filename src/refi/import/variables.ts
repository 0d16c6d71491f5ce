// Steps 3 and 6 of a .qdpx import: variables. Their declarations (with the
// values, order and requiredness fieldcode's own export writes in a
// Description), the values a source holds, and the values that reach sources
// through cases and through ATLAS.ti document groups (Sets named
// `variable: value`). A source's own value wins over a case's.
import { normalizeGuid } from '../guid.js';
import { kid, kids, type XmlElement } from '../xml-read.js';
import { diag, type QdeContext, type SourceInfo, type Value } from './context.js';

export interface VariableSpec {
  values?: string[];
  ordered?: boolean;
  required?: boolean;
}

export interface Variables {
  /** Variable names in the order the project declares them. */
  order: string[];
  specs: Map<string, VariableSpec>;
  /** Sets the value of a <VariableValue> on `target`; an unknown variable is a warning. */
  apply(target: Map<string, Value>, vv: XmlElement, overwrite: boolean): void;
}

export function readVariables(root: XmlElement, ctx: QdeContext): Variables {
  const variables = new Map<string, string>();
  const specs = new Map<string, VariableSpec>();
  for (const variable of kids(kid(root, 'Variables'), 'Variable')) {
    if (!variable.attrs.guid || !variable.attrs.name) continue;
    const name = variable.attrs.name.trim();
    variables.set(normalizeGuid(variable.attrs.guid), name);
    const spec = readVariableDescription(kid(variable, 'Description')?.text);
    if (spec && !specs.has(name)) specs.set(name, spec);
  }
  const apply = (target: Map<string, Value>, vv: XmlElement, overwrite: boolean): void => {
    const ref = kid(vv, 'VariableRef')?.attrs.targetGUID;
    const name = ref ? variables.get(normalizeGuid(ref)) : undefined;
    if (!name) {
      ctx.diagnostics.push(diag(ctx.file, vv.line, vv.column, 'warning', `VariableValue refers to an unknown variable ${ref ?? ''}; it is left out`, 'refi-dangling-reference'));
      return;
    }
    const value = readValue(vv);
    if (value === undefined) return;
    if (overwrite || !target.has(name)) target.set(name, value);
  };
  return { order: [...new Set(variables.values())], specs, apply };
}

/** Cases, named or nameless: their values go to the sources they hold (source-level values win). */
export function applyCases(root: XmlElement, byGuid: Map<string, SourceInfo>, variables: Variables): void {
  for (const c of kids(kid(root, 'Cases'), 'Case')) {
    const members = kids(c, 'SourceRef')
      .map((ref) => byGuid.get(normalizeGuid(ref.attrs.targetGUID ?? '')))
      .filter((s): s is SourceInfo => s !== undefined);
    const values = kids(c, 'VariableValue');
    for (const source of members) {
      for (const vv of values) variables.apply(source.values, vv, false);
      if (values.length === 0 && c.attrs.name && !source.values.has('case')) source.values.set('case', c.attrs.name.trim());
    }
  }
}

/** ATLAS.ti document groups: Sets named "variable: value". */
export function applyDocumentSets(root: XmlElement, byGuid: Map<string, SourceInfo>, ctx: QdeContext): void {
  for (const set of kids(kid(root, 'Sets'), 'Set')) {
    const match = /^\s*([^:]+?)\s*:\s*(.+?)\s*$/.exec(set.attrs.name ?? '');
    if (!match) {
      ctx.diagnostics.push(diag(ctx.file, set.line, set.column, 'warning', `Document set "${set.attrs.name ?? ''}" is not imported: only sets named \`variable: value\` (such as \`group: de-brug\`) become variables`, 'refi-not-imported'));
      continue;
    }
    for (const member of kids(set, 'MemberSource')) {
      const source = byGuid.get(normalizeGuid(member.attrs.targetGUID ?? ''));
      if (source && !source.values.has(match[1])) source.values.set(match[1], match[2]);
    }
  }
}

/** Reads `Values: [...]`, `Ordered: true`, `Required: true` from a variable's Description (see project-xml.ts). */
function readVariableDescription(text: string | undefined): VariableSpec | undefined {
  if (!text) return undefined;
  const spec: VariableSpec = {};
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
