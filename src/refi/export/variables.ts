// Steps 3 and 5 of a .qdpx export: variables (the declared ones in their
// order, then other scalar front-matter keys by name), the cases (one per value
// of the case variable) and, on request, ATLAS.ti-style document sets.
import type { FrontMatterValue } from '../../types.js';
import type { XmlWriter } from '../xml.js';
import type { ExportScope } from './scope.js';

/** Front-matter keys that are not exported as variables: no REFI counterpart, or fieldcode's own. */
const NOT_VARIABLES = new Set(['participants', 'format', 'coder']);

export type Scalar = string | number | boolean;

export function scalar(value: FrontMatterValue | undefined): Scalar | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value === '' ? undefined : value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'boolean') return value;
  if ((value as unknown) instanceof Date) {
    const date = value as unknown as Date;
    return Number.isNaN(date.getTime()) ? undefined : date.toISOString().slice(0, 10);
  }
  return undefined;
}

export interface VariableInfo {
  name: string;
  guid: string;
  type: 'Text' | 'Integer' | 'Boolean';
}

function variableType(values: Scalar[]): VariableInfo['type'] {
  if (values.length > 0 && values.every((v) => typeof v === 'number' && Number.isInteger(v))) return 'Integer';
  if (values.length > 0 && values.every((v) => typeof v === 'boolean')) return 'Boolean';
  return 'Text';
}

export function valueElement(xml: XmlWriter, variable: VariableInfo, value: Scalar): void {
  xml.open('VariableValue');
  xml.empty('VariableRef', [['targetGUID', variable.guid]]);
  if (variable.type === 'Integer') xml.text('IntegerValue', String(value));
  else if (variable.type === 'Boolean') xml.text('BooleanValue', String(value));
  else xml.text('TextValue', String(value));
  xml.close('VariableValue');
}

/** The variables some note has a value of; a front-matter value that is a list or mapping is reported, not exported. */
export function planVariables(scope: ExportScope): VariableInfo[] {
  const { corpus, notes, guids, diagnostics } = scope;
  const declared = corpus.variables.map((v) => v.name);
  const extra = new Set<string>();
  for (const note of notes) {
    for (const [key, value] of Object.entries(note.data ?? {})) {
      if (!NOT_VARIABLES.has(key) && !declared.includes(key) && scalar(value) !== undefined) extra.add(key);
    }
  }
  const variableNames = [...declared.filter((name) => !NOT_VARIABLES.has(name)), ...[...extra].sort()];
  const variables: VariableInfo[] = variableNames
    .map((name) => {
      const values = notes.map((note) => scalar(note.data?.[name])).filter((v): v is Scalar => v !== undefined);
      return { name, guid: guids.get('variable', name), type: variableType(values), used: values.length > 0 };
    })
    .filter((v) => v.used)
    .map(({ name, guid, type }) => ({ name, guid, type }));
  for (const note of notes) {
    for (const [key, value] of Object.entries(note.data ?? {})) {
      if (key === 'participants' || NOT_VARIABLES.has(key)) continue;
      if (value !== null && typeof value === 'object' && !((value as unknown) instanceof Date)) {
        diagnostics.push({ file: note.path, line: note.frontMatter?.start.line ?? 1, column: 1, severity: 'info', message: `Front-matter field "${key}" is not a single value; REFI-QDA variables hold one value, so it is not exported`, ruleId: 'refi-export-skipped' });
      }
    }
  }
  return variables;
}

export interface Cases {
  variable: VariableInfo;
  /** Note paths by value, the declared values first in their order, then the others by name. */
  byValue: Map<string, string[]>;
}

/** One case per value of the case variable: `caseVariable`, default `group`; none when it is null or no note has a value. */
export function planCases(scope: ExportScope, variables: VariableInfo[]): Cases | undefined {
  const { corpus, options } = scope;
  const caseVariableName = options.caseVariable === null ? undefined : (options.caseVariable ?? 'group');
  const variable = variables.find((v) => v.name === caseVariableName);
  if (!variable) return undefined;
  const byValue = notesByValue(scope, variable);
  const order = corpus.variables.find((v) => v.name === variable.name)?.values ?? [];
  const sorted = new Map<string, string[]>();
  for (const key of inDeclaredOrder([...byValue.keys()], order)) sorted.set(key, byValue.get(key)!);
  return sorted.size > 0 ? { variable, byValue: sorted } : undefined;
}

export interface DocumentSet {
  name: string;
  key: string;
  paths: string[];
}

/** ATLAS.ti-style document groups: a set `variable: value` per value of every variable. */
export function planSets(scope: ExportScope, variables: VariableInfo[]): DocumentSet[] {
  const sets: DocumentSet[] = [];
  for (const v of variables) {
    const byValue = notesByValue(scope, v);
    const order = scope.corpus.variables.find((spec) => spec.name === v.name)?.values ?? [];
    for (const value of inDeclaredOrder([...byValue.keys()], order)) sets.push({ name: `${v.name}: ${value}`, key: `${v.name}:${value}`, paths: byValue.get(value)! });
  }
  return sets;
}

/** Note paths by the variable's value (as text), in note order. */
function notesByValue(scope: ExportScope, variable: VariableInfo): Map<string, string[]> {
  const byValue = new Map<string, string[]>();
  for (const note of scope.notes) {
    const value = scalar(note.data?.[variable.name]);
    if (value === undefined) continue;
    const key = String(value);
    if (!byValue.has(key)) byValue.set(key, []);
    byValue.get(key)!.push(note.path);
  }
  return byValue;
}

/** Declared values first, in their order; then the others by name. */
function inDeclaredOrder(values: string[], order: string[]): string[] {
  const rank = (v: string): number => (order.includes(v) ? order.indexOf(v) : order.length);
  return values.sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}
