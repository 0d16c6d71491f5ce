// Codebooks from other tools: a CSV code system (e.g. MAXQDA's, with
// `A > B > C` paths) or an indented list, converted to fieldcode's YAML
// codebook (nested `codes:`). Names become ids by a deterministic slug; the
// original name is kept as `label`. Pure: text in, YAML text out.
import { Document } from 'yaml';
import type { Diagnostic } from '../types.js';
import { field, readCsv } from './table.js';
import { CODE_ID } from '../model/grammar.js';

export const PATH_SEPARATOR = ' > ';

export interface ImportedCode {
  id: string;
  /** The id the source gives the code (a fieldcode export does); used when valid and free. */
  preferredId?: string;
  label: string;
  /** Full path of names from the root, e.g. ['Explainability purposes', 'SHAP']. */
  path: string[];
  definition?: string;
  color?: string;
  keywords?: string[];
  patterns?: string[];
  examples?: string[];
  use_when?: string[];
  not_when?: string[];
  /** A frequency column, when the source has one (not written to YAML; used to check imports). */
  frequency?: number;
  children: ImportedCode[];
}

export interface ImportedCodebook {
  name: string;
  /** Roots, in source order. */
  codes: ImportedCode[];
}

/** Lower-case ASCII slug of a name: diacritics dropped, other runs of characters become `-`. */
export function slugify(name: string): string {
  const ascii = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’']/g, '')
    .toLowerCase();
  let slug = ascii.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  if (slug === '') slug = 'code';
  if (!/^[a-z]/.test(slug)) slug = `c-${slug}`;
  return slug;
}

/** Every code of a tree, parents before children, in source order. */
export function flattenCodes(codes: ImportedCode[]): ImportedCode[] {
  const out: ImportedCode[] = [];
  const walk = (list: ImportedCode[]): void => {
    for (const code of list) {
      out.push(code);
      walk(code.children);
    }
  };
  walk(codes);
  return out;
}

/**
 * Assigns ids: the slug of the name; when taken, the parent's id and the slug
 * joined with `.`; when still taken, a `-2`, `-3`… suffix. Source order decides.
 */
export function assignIds(codes: ImportedCode[]): void {
  const used = new Set<string>();
  // Ids the source states come first, so that no slug takes one of them.
  const preferred = new Set<ImportedCode>();
  for (const code of flattenCodes(codes)) {
    if (code.preferredId && CODE_ID.test(code.preferredId) && !used.has(code.preferredId)) {
      used.add(code.preferredId);
      preferred.add(code);
    }
  }
  const walk = (list: ImportedCode[], parent?: ImportedCode): void => {
    for (const code of list) {
      if (preferred.has(code)) {
        code.id = code.preferredId!;
        walk(code.children, code);
        continue;
      }
      const slug = slugify(code.label);
      let id = slug;
      if (used.has(id) && parent) id = `${parent.id}.${slug}`;
      if (used.has(id)) {
        let n = 2;
        while (used.has(`${id}-${n}`)) n++;
        id = `${id}-${n}`;
      }
      code.id = id;
      used.add(id);
      walk(code.children, code);
    }
  };
  walk(codes);
}

/** Builds (or extends) a tree from code paths; returns the code at the end of the path. */
export function addPath(roots: ImportedCode[], path: string[]): ImportedCode {
  let level = roots;
  let code: ImportedCode | undefined;
  path.forEach((name, depth) => {
    let next = level.find((c) => c.label === name);
    if (!next) {
      next = { id: '', label: name, path: path.slice(0, depth + 1), children: [] };
      level.push(next);
    }
    code = next;
    level = next.children;
  });
  return code!;
}

/** Splits a code path written as `A > B > C` (the separator needs its spaces, so `PDP/ICE` stays one name). */
export function splitPath(value: string): string[] {
  return value
    .split(/\s+>\s+/)
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

function listCell(value: string | undefined): string[] | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  return value
    .split(/\s*[;|]\s*/)
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

/**
 * Reads a code system CSV. Recognised columns (case-insensitive): `path`, or
 * `code`/`name` with an optional `parent` (a path) or `depth` (outline order);
 * `memo`/`description`/`definition`; `color`/`colour`; `keywords`,
 * `examples`, `use_when`, `not_when` (`;`-separated); `frequency`.
 */
export function codebookFromCsv(path: string, text: string, name: string): { codebook?: ImportedCodebook; diagnostics: Diagnostic[] } {
  const { table, diagnostics } = readCsv(path, text);
  if (!table || diagnostics.some((d) => d.severity === 'error')) return { diagnostics };
  const nameColumn = ['path', 'code', 'name', 'code path', 'code_path'].find((c) => table.columns.has(c));
  if (!nameColumn) {
    diagnostics.push({ file: path, line: 1, column: 1, severity: 'error', message: `Missing column \`path\` (or \`code\`/\`name\`), found: ${table.header.join(', ')}`, ruleId: 'csv-missing-column' });
    return { diagnostics };
  }
  const roots: ImportedCode[] = [];
  const stack: ImportedCode[] = [];
  const seen = new Map<string, number>();
  for (const record of table.records) {
    const nameField = field(table, record, nameColumn)!;
    const raw = nameField.value.trim();
    if (raw === '') {
      diagnostics.push({ file: path, line: nameField.line, column: nameField.column, severity: 'error', message: 'Empty code name', ruleId: 'csv-empty-code' });
      continue;
    }
    let codePath = splitPath(raw);
    const parent = field(table, record, 'parent')?.value.trim();
    const depthField = field(table, record, 'depth', 'level');
    if (codePath.length === 1 && parent) codePath = [...splitPath(parent), codePath[0]];
    else if (codePath.length === 1 && depthField && depthField.value.trim() !== '') {
      const depth = Number(depthField.value);
      if (!Number.isInteger(depth) || depth < 0 || depth > stack.length) {
        diagnostics.push({ file: path, line: depthField.line, column: depthField.column, severity: 'error', message: `Unexpected depth \`${depthField.value}\`, expected 0 to ${stack.length} after the previous code`, ruleId: 'csv-bad-depth' });
        continue;
      }
      codePath = [...stack.slice(0, depth).map((c) => c.label), codePath[0]];
    }
    const key = codePath.join(PATH_SEPARATOR);
    if (seen.has(key)) {
      diagnostics.push({ file: path, line: nameField.line, column: nameField.column, severity: 'error', message: `Duplicate code \`${key}\`, first defined on line ${seen.get(key)}`, ruleId: 'duplicate-code' });
      continue;
    }
    seen.set(key, record.line);
    const code = addPath(roots, codePath);
    stack.length = codePath.length - 1;
    // Re-walk the stack so outline depth follows the last code seen.
    let level = roots;
    stack.length = 0;
    for (const part of codePath) {
      const c = level.find((x) => x.label === part)!;
      stack.push(c);
      level = c.children;
    }
    const definition = field(table, record, 'memo', 'description', 'definition')?.value.trim();
    if (definition) code.definition = definition;
    const color = field(table, record, 'color', 'colour')?.value.trim();
    if (color) {
      if (/^#[0-9a-fA-F]{6}$/.test(color)) code.color = color.toUpperCase();
      else {
        const f = field(table, record, 'color', 'colour')!;
        diagnostics.push({ file: path, line: f.line, column: f.column, severity: 'warning', message: `Unexpected colour \`${color}\`, expected #RRGGBB; left out`, ruleId: 'bad-color' });
      }
    }
    const keywords = listCell(field(table, record, 'keywords')?.value);
    if (keywords) code.keywords = keywords;
    const examples = listCell(field(table, record, 'examples')?.value);
    if (examples) code.examples = examples;
    const useWhen = listCell(field(table, record, 'use_when', 'use when')?.value);
    if (useWhen) code.use_when = useWhen;
    const notWhen = listCell(field(table, record, 'not_when', 'not when')?.value);
    if (notWhen) code.not_when = notWhen;
    const frequency = field(table, record, 'frequency', 'freq', 'count')?.value.trim();
    if (frequency && /^\d+$/.test(frequency)) code.frequency = Number(frequency);
  }
  assignIds(roots);
  return { codebook: { name, codes: roots }, diagnostics };
}

/**
 * Reads an indented list: one code per line, children indented deeper than
 * their parent (spaces or tabs, a tab counting as 4 spaces); list bullets
 * (`-`, `*`, `+`) are dropped; `#` lines and blank lines are ignored. An
 * optional description follows ` -- ` on the same line.
 */
export function codebookFromList(path: string, text: string, name: string): { codebook?: ImportedCodebook; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const roots: ImportedCode[] = [];
  const stack: Array<{ indent: number; code: ImportedCode }> = [];
  const seen = new Map<string, number>();
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n|\r/);
  lines.forEach((rawLine, i) => {
    const lineNo = i + 1;
    if (rawLine.trim() === '' || /^\s*#/.test(rawLine)) return;
    const lead = /^[ \t]*/.exec(rawLine)![0];
    const indent = [...lead].reduce((n, ch) => n + (ch === '\t' ? 4 : 1), 0);
    let content = rawLine.slice(lead.length).replace(/^[-*+]\s+/, '');
    let definition: string | undefined;
    const sep = content.indexOf(' -- ');
    if (sep >= 0) {
      definition = content.slice(sep + 4).trim();
      content = content.slice(0, sep);
    }
    const label = content.trim();
    while (stack.length > 0 && stack[stack.length - 1].indent >= indent) {
      const top = stack.pop()!;
      if (top.indent > indent && (stack.length === 0 || stack[stack.length - 1].indent < indent)) {
        diagnostics.push({ file: path, line: lineNo, column: 1, severity: 'error', message: `Inconsistent indentation: ${indent} does not match any enclosing level`, ruleId: 'list-indentation' });
        return;
      }
    }
    const parentPath = stack.length > 0 ? stack[stack.length - 1].code.path : [];
    const codePath = [...parentPath, label];
    const key = codePath.join(PATH_SEPARATOR);
    if (seen.has(key)) {
      diagnostics.push({ file: path, line: lineNo, column: lead.length + 1, severity: 'error', message: `Duplicate code \`${key}\`, first defined on line ${seen.get(key)}`, ruleId: 'duplicate-code' });
      return;
    }
    seen.set(key, lineNo);
    const code = addPath(roots, codePath);
    if (definition) code.definition = definition;
    stack.push({ indent, code });
  });
  if (roots.length === 0 && !diagnostics.some((d) => d.severity === 'error')) {
    diagnostics.push({ file: path, line: 1, column: 1, severity: 'error', message: 'Empty code list, expected one code per line', ruleId: 'empty-codebook' });
  }
  assignIds(roots);
  return { codebook: { name, codes: roots }, diagnostics };
}

/** Serializes a codebook as fieldcode YAML (nested `codes:`), deterministically. */
export function serializeCodebook(codebook: ImportedCodebook, comment?: string): string {
  const toPlain = (code: ImportedCode): Record<string, unknown> => {
    if (!CODE_ID.test(code.id)) throw new Error(`internal: bad id ${code.id}`);
    const entry: Record<string, unknown> = { id: code.id, label: code.label };
    if (code.definition) entry.definition = code.definition;
    if (code.use_when?.length) entry.use_when = code.use_when;
    if (code.not_when?.length) entry.not_when = code.not_when;
    if (code.examples?.length) entry.examples = code.examples;
    if (code.keywords?.length) entry.keywords = code.keywords;
    if (code.patterns?.length) entry.patterns = code.patterns;
    if (code.color) entry.color = code.color;
    if (code.children.length > 0) entry.codes = code.children.map(toPlain);
    return entry;
  };
  const doc = new Document({ name: codebook.name, version: '1.0.0', codes: codebook.codes.map(toPlain) });
  if (comment) doc.commentBefore = ` ${comment}`;
  return doc.toString({ lineWidth: 0, minContentWidth: 0, indentSeq: true });
}

/** Index from every way a row may name a code (full path, unique label, id) to the code. */
export function codeLookup(codebook: ImportedCodebook): (name: string) => ImportedCode | undefined {
  const byPath = new Map<string, ImportedCode>();
  const byLabel = new Map<string, ImportedCode | null>();
  const byId = new Map<string, ImportedCode>();
  for (const code of flattenCodes(codebook.codes)) {
    byPath.set(code.path.join(PATH_SEPARATOR), code);
    byId.set(code.id, code);
    byLabel.set(code.label, byLabel.has(code.label) ? null : code);
  }
  return (name: string) => {
    const trimmed = name.trim();
    const path = splitPath(trimmed).join(PATH_SEPARATOR);
    return byPath.get(path) ?? byLabel.get(trimmed) ?? byId.get(trimmed) ?? undefined;
  };
}
