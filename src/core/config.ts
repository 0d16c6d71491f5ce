// `fieldcode.yaml`, the project file, read without throwing.
import { isMap, isSeq, isScalar, type Node } from 'yaml';
import { readPositionedYaml } from '../model/positioned-yaml.js';
import type { Diagnostic, ProjectConfig, ReportDeclaration, VariableSpec } from '../types.js';
import { hint } from './did-you-mean.js';
import { yamlValue } from '../model/yaml.js';

export const CONFIG_NAME = 'fieldcode.yaml';
export const DEFAULT_NOTE_GLOBS = ['**/*.md'];
export const KEYS = ['name', 'notes', 'codebook', 'variables', 'coder', 'reports', 'memos', 'measures'];
export const MEASURE_KEYS = ['file', 'join'];
export const VARIABLE_KEYS = ['values', 'ordered', 'required', 'description'];

export interface ReadConfigResult {
  config: ProjectConfig;
  diagnostics: Diagnostic[];
}

export function readConfig(path: string, text: string): ReadConfigResult {
  const { doc, counter, diagnostics, at, broken } = readPositionedYaml(path, text, 'Cannot parse project file', 'config-yaml');
  const config: ProjectConfig = { path, notes: DEFAULT_NOTE_GLOBS, variables: [], reports: [] };
  if (broken) return { config, diagnostics };
  if (doc.contents === null) return { config, diagnostics };
  if (!isMap(doc.contents)) {
    at(doc.contents, 'error', 'Unexpected project file that is not a mapping, expected keys such as `codebook` and `variables`', 'config-shape');
    return { config, diagnostics };
  }
  const root = doc.contents;
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    if (!KEYS.includes(key)) at(pair.key as Node, 'warning', `Unexpected key \`${key}\` in project file${hint(key, KEYS)}`, 'unknown-field');
  }
  const str = (key: string): string | undefined => {
    const node = root.get(key, true);
    if (node === undefined) return undefined;
    if (isScalar(node) && (typeof node.value === 'string' || typeof node.value === 'number')) return String(node.value);
    at(node as Node, 'error', `Unexpected \`${key}\` value, expected a string`, 'config-shape');
    return undefined;
  };
  config.name = str('name');
  config.codebook = str('codebook');
  config.coder = str('coder');
  const memos = str('memos');
  if (memos !== undefined) {
    config.memos = memos;
    const pos = counter.linePos((root.get('memos', true) as Node).range?.[0] ?? 0);
    config.memosAt = { line: pos.line, column: pos.col };
  }

  const notes = root.get('notes', true) as Node | undefined;
  if (notes !== undefined) {
    const where = (node: Node): { line: number; column: number } => {
      const pos = counter.linePos(node.range?.[0] ?? 0);
      return { line: pos.line, column: pos.col };
    };
    if (isScalar(notes) && typeof notes.value === 'string') {
      config.notes = [notes.value];
      config.notesAt = [where(notes)];
    } else if (isSeq(notes) && notes.items.every((item) => isScalar(item) && typeof item.value === 'string')) {
      config.notes = notes.items.map((item) => String((item as { value: unknown }).value));
      config.notesAt = notes.items.map((item) => where(item as Node));
    } else at(notes, 'error', 'Unexpected `notes` value, expected a glob or a list of globs', 'config-shape');
  }

  const variables = root.get('variables', true) as Node | undefined;
  if (variables !== undefined) {
    if (!isMap(variables)) at(variables, 'error', 'Unexpected `variables` value, expected a mapping of variable names', 'config-shape');
    else {
      for (const pair of variables.items) {
        const name = isScalar(pair.key) ? String(pair.key.value) : '';
        const spec: VariableSpec = { name, ordered: false, required: false };
        const value = pair.value as Node | null;
        // `group:` with nothing after it declares the variable with no constraints.
        const body = value === null || (isScalar(value) && value.value === null) ? null : value;
        if (body !== null && !isMap(body)) {
          at(body, 'error', `Unexpected value for variable \`${name}\`, expected \`values\`, \`ordered\` or \`required\``, 'config-shape');
        } else if (body) {
          for (const inner of body.items) {
            const key = isScalar(inner.key) ? String(inner.key.value) : '';
            if (!VARIABLE_KEYS.includes(key)) at(inner.key as Node, 'warning', `Unexpected key \`${key}\` in variable \`${name}\`${hint(key, VARIABLE_KEYS)}`, 'unknown-field');
          }
          const values = body.get('values', true) as Node | undefined;
          if (values !== undefined) {
            if (isSeq(values)) spec.values = values.items.map((item) => (isScalar(item) ? String(item.value) : ''));
            else at(values, 'error', `Unexpected \`values\` of \`${name}\`, expected a list`, 'config-shape');
          }
          spec.ordered = body.get('ordered') === true;
          spec.required = body.get('required') === true;
        }
        config.variables.push(spec);
      }
    }
  }

  const measures = root.get('measures', true) as Node | undefined;
  if (measures !== undefined) {
    if (!isSeq(measures)) at(measures, 'error', 'Unexpected `measures` value, expected a list of `{file, join}` entries', 'config-shape');
    else {
      config.measures = [];
      for (const item of measures.items as Node[]) {
        const pos = counter.linePos(item.range?.[0] ?? 0);
        if (!isMap(item)) {
          at(item, 'error', 'Unexpected measures entry, expected a mapping with `file` and `join`', 'config-shape');
          continue;
        }
        for (const pair of item.items) {
          const key = isScalar(pair.key) ? String(pair.key.value) : '';
          if (!MEASURE_KEYS.includes(key)) at(pair.key as Node, 'warning', `Unexpected key \`${key}\` in measures entry${hint(key, MEASURE_KEYS)}`, 'unknown-field');
        }
        const file = item.get('file', true) as Node | undefined;
        const join = item.get('join', true) as Node | undefined;
        if (!file || !isScalar(file) || typeof file.value !== 'string' || file.value.trim() === '') {
          at(file ?? item, 'error', 'Unexpected measures entry without `file`, expected the path of a CSV file', 'config-shape');
          continue;
        }
        if (!join || !isMap(join) || join.items.length === 0 || !join.items.every((pair) => isScalar(pair.key) && isScalar(pair.value) && typeof (pair.value as { value: unknown }).value === 'string')) {
          at(join ?? item, 'error', 'Unexpected `join`, expected a mapping of CSV column to variable, e.g. `{ group: group, phase: phase }`', 'config-shape');
          continue;
        }
        const mapping: Record<string, string> = {};
        for (const pair of join.items) mapping[String((pair.key as { value: unknown }).value)] = String((pair.value as { value: unknown }).value);
        config.measures.push({ file: file.value.replace(/\\/g, '/'), join: mapping, at: { line: pos.line, column: pos.col } });
      }
    }
  }

  const reports = root.get('reports', true) as Node | undefined;
  if (reports !== undefined) {
    if (!isSeq(reports)) at(reports, 'error', 'Unexpected `reports` value, expected a list of reports', 'config-shape');
    else {
      for (const item of reports.items as Node[]) {
        if (!isMap(item)) {
          at(item, 'error', 'Unexpected report entry, expected a mapping with `name`, `kind`, `out`', 'config-shape');
          continue;
        }
        const value = yamlValue(doc, item);
        if ('error' in value) {
          const pos = counter.linePos(value.error.offset);
          diagnostics.push({ file: path, line: pos.line, column: pos.col, severity: 'error', message: value.error.message, ruleId: 'config-yaml' });
          continue;
        }
        const entry = value.value as ReportDeclaration;
        const pos = counter.linePos(item.range?.[0] ?? 0);
        Object.defineProperty(entry, 'position', { value: { line: pos.line, column: pos.col }, enumerable: false });
        config.reports.push(entry);
      }
    }
  }
  return { config, diagnostics };
}
