// Declared reports: `reports:` in fieldcode.yaml → the files `fieldcode build`
// writes. Pure: a corpus and declarations in, a list of {path, content} out.
// The same inputs give byte-identical files (no timestamps, stable order).
import { posix } from 'node:path';
import type { Corpus, Diagnostic, ReportDeclaration } from '../types.js';
import { leakDiagnostics, nameLeaks, pseudonymize, pseudonymizeFilters, unpseudonymizedNames } from './pseudonymize.js';
import { selectCorpus } from './select.js';
import { noteValue, variableValues } from './variables.js';
import { COMMAND_LINE_FIX, declarationFix, mixedCoders } from './mixed-coders.js';
import { analyse, byOf, COMMON_KEYS, declarationContext, KIND_KEYS, parseSpec, REPORT_KINDS, type DeclarationPosition, type ReportKind, type ReportSpec } from '../analyses/index.js';
import type { KindResults } from '../analyses/index.js';
import { ok, problems, type Checked } from '../model/checked.js';
import { formatFromPath, formatsOf, render } from '../reporters/registry.js';
import { plain, type Style } from '../reporters/style.js';

export { REPORT_KINDS, type DeclarationPosition, type ReportKind, type ReportSpec };

/** Every key a declaration may have: the common ones, then each kind's own, in declaration order. */
export const KEYS = [...new Set([...COMMON_KEYS, ...Object.values(KIND_KEYS).flat()])];

export interface RenderOptions {
  /** Prefix that turns a note path into a link relative to the output; undefined for none. */
  linkBase?: string;
  style?: Style;
  /** How to choose one coder, in the `mixed-coders` warning; default: the command-line flags. */
  coderFix?: string;
  /** How messages name the report, e.g. "report `quotes`". */
  reportName?: string;
}

export interface Rendered {
  content: string;
  /** Warnings about the content (names without a pseudonym), or errors when names would leak. */
  diagnostics: Diagnostic[];
  /** True when a pseudonymised report would still show a real name: `content` must not be published. */
  refused: boolean;
}

interface Analysed {
  result: unknown;
  corpus: Corpus;
  filters: ReportSpec['filters'];
  pseudonymized?: ReturnType<typeof pseudonymize>;
  linkBase?: string;
  diagnostics: Diagnostic[];
}

/** The analysis behind one report, and what it says about coders and unpseudonymised names. */
function analyseReport(source: Corpus, spec: ReportSpec, options: RenderOptions, pseudonymized = spec.pseudonymize ? pseudonymize(source) : undefined): Analysed {
  const corpus = pseudonymized?.corpus ?? source;
  const { kind } = spec;
  const filters = pseudonymized ? pseudonymizeFilters(spec.filters, pseudonymized.value) : spec.filters;
  // A link to a note whose path was replaced by its id would give the name away (or point nowhere).
  const linkBase = pseudonymized && pseudonymized.table.paths.size > 0 ? undefined : options.linkBase;
  const diagnostics: Diagnostic[] = [];
  // Quotes list each coder's passage apart; every other kind adds codings up.
  if (kind !== 'quotes') diagnostics.push(...mixedCoders(source, filters, byOf(spec), options.coderFix ?? COMMAND_LINE_FIX));
  const published = (items: { note: string; text: string; speaker?: string }[]): void => {
    if (!spec.pseudonymize) diagnostics.push(...unpseudonymizedNames(source, items));
  };
  // One analysis per kind, one renderer per kind × format (src/reporters/registry.ts).
  const result = analyse(corpus, { ...spec, filters });
  if (kind === 'quotes') published((result as KindResults['quotes']).sections.flatMap((s) => s.groups.flatMap((g) => g.quotes)));
  if (kind === 'matrix') {
    const matrix = result as KindResults['matrix'];
    diagnostics.push(...matrix.diagnostics);
    // A summary is the researcher's text, which fieldcode cannot pseudonymise: point at the one that names someone.
    if (pseudonymized && matrix.summaries) {
      for (const cell of matrix.tables.flatMap((t) => t.rows.flatMap((r) => r.cells))) {
        if (cell.summary && nameLeaks(pseudonymized.table, cell.summary.text).length > 0) {
          diagnostics.push({ file: matrix.summaries, line: cell.summary.line, column: 1, severity: 'error', message: `Unexpected real name in the summary of cell \`${cell.parts.join(' × ')}\` of a pseudonymised matrix, expected pseudonyms only: the report would publish it, so nothing was written for it`, ruleId: 'pseudonym-leak' });
        }
      }
    }
    published(matrix.tables.flatMap((t) => t.rows.flatMap((r) => r.cells.flatMap((c) => c.quotes))));
  }
  if (kind === 'trajectory') published((result as KindResults['trajectory']).cases.flatMap((c) => c.codes.flatMap((code) => code.points.flatMap((p) => p.quotes))));
  if (kind === 'phase-report') published((result as KindResults['phase-report']).sections.flatMap((s) => s.quotes.flatMap((q) => q.quotes)));
  return { result, corpus, filters, pseudonymized, linkBase, diagnostics };
}

/** Renders one report from a spec its kind's `parseSpec` has checked. */
export function renderReport(source: Corpus, spec: ReportSpec, options: RenderOptions = {}, pseudonymized?: ReturnType<typeof pseudonymize>): Rendered {
  const analysed = analyseReport(source, spec, options, spec.pseudonymize ? (pseudonymized ?? pseudonymize(source)) : undefined);
  const { result, corpus, filters, linkBase, diagnostics } = analysed;
  const content = render(spec.kind, spec.format, result as never, { codebook: corpus.codebook, filters, style: options.style ?? plain, measure: spec.kind === 'cooccurrence' ? spec.measure : 'count', ...(spec.kind === 'methods' && spec.commit ? { commit: spec.commit } : {}), ...(spec.title !== undefined ? { title: spec.title } : {}), ...(linkBase !== undefined ? { linkBase } : {}) });
  const leaks = analysed.pseudonymized ? nameLeaks(analysed.pseudonymized.table, content) : [];
  diagnostics.push(...leakDiagnostics(leaks, options.reportName ?? 'this report'));
  return { content, diagnostics: dedupe(diagnostics), refused: leaks.length > 0 };
}

/**
 * What rendering one report would say. A report that is not pseudonymised is
 * only analysed: its unpseudonymised names come from the analysis result. A
 * pseudonymised one is rendered, as its text is the one exact record of which
 * names it would still show (a code label, a title, a value in some formats).
 */
function checkReport(source: Corpus, spec: ReportSpec, options: RenderOptions, pseudonymized?: ReturnType<typeof pseudonymize>): Rendered {
  if (spec.pseudonymize) return renderReport(source, spec, options, pseudonymized);
  return { content: '', diagnostics: dedupe(analyseReport(source, spec, options).diagnostics), refused: false };
}

function dedupe(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.file}:${d.line}:${d.column}:${d.ruleId}:${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

// ---------------------------------------------------------------- declarations

export interface BuildOutput {
  /** The declaration's name. */
  name: string;
  /** Project-relative POSIX path. */
  path: string;
  content: string;
  /** The format `content` is in; for a binary format (xlsx) `content` is the model the file is made from. */
  format?: string;
}

/** What a project-relative path is among the project's inputs ("a note"), or undefined. */
export type InputKind = (path: string) => string | undefined;

export interface BuildResult {
  outputs: BuildOutput[];
  diagnostics: Diagnostic[];
  /** The declarations that cannot be built (also in `diagnostics`); when there are any, `outputs` is empty. */
  problems: Diagnostic[];
}

function positionOf(declaration: ReportDeclaration, file: string): DeclarationPosition {
  const pos = (declaration as { position?: { line: number; column: number } }).position;
  return { file, line: pos?.line ?? 1, column: pos?.column ?? 1 };
}

/** A declaration's spec, with the name and output path every declaration has. */
export type DeclaredSpec = ReportSpec & { name: string; out: string };

/**
 * Checks one declaration against the corpus and resolves its defaults: the
 * keys every declaration has here, the kind's own in its `parseSpec`. Every
 * problem is an error (rule `report-declaration`) at the declaration.
 */
export function resolveDeclaration(corpus: Corpus, declaration: ReportDeclaration, configPath = 'fieldcode.yaml'): Checked<DeclaredSpec> {
  const at = positionOf(declaration, configPath);
  const d = declaration as Record<string, unknown>;
  const fail = (message: string): Checked<DeclaredSpec> => problems({ ...at, severity: 'error', message, ruleId: 'report-declaration' });
  const unknownKey = Object.keys(d).find((key) => !KEYS.includes(key));
  if (unknownKey !== undefined) return fail(`Unexpected key \`${unknownKey}\` in report, expected one of ${KEYS.map((k) => `\`${k}\``).join(', ')}`);
  if (typeof d.name !== 'string' || d.name.trim() === '') return fail(`Unexpected report without a \`name\``);
  const name = d.name;
  const label = `report \`${name}\`:`;
  if (typeof d.out !== 'string' || d.out.trim() === '') return fail(`${label} Unexpected report without \`out\`, expected an output path`);
  const out = d.out.replace(/\\/g, '/');
  const unsafe = unsafePath(out);
  if (unsafe) return fail(`${label} Unexpected \`out: ${d.out}\`, expected a file path inside the project (${unsafe})`);
  if (typeof d.kind !== 'string' || !(REPORT_KINDS as readonly string[]).includes(d.kind)) return fail(`${label} Unexpected \`kind: ${String(d.kind)}\`, expected one of ${REPORT_KINDS.join(', ')}`);
  const kind = d.kind as ReportKind;
  // An option the kind does not read is an error, so it is never silently ignored.
  const allowed = [...COMMON_KEYS, ...KIND_KEYS[kind]];
  const foreign = Object.keys(d).find((key) => KEYS.includes(key) && !allowed.includes(key));
  if (foreign !== undefined) return fail(`${label} Unexpected \`${foreign}\` for kind ${kind}, expected only ${allowed.map((k) => `\`${k}\``).join(', ')}`);
  const format = typeof d.format === 'string' ? d.format : formatFromPath(out);
  if (!format || !formatsOf(kind).includes(format)) return fail(`${label} Unexpected \`format: ${String(d.format ?? posix.extname(out))}\` for kind ${kind}, expected one of ${formatsOf(kind).join(', ')}`);
  const { out: _out, kind: _kind, ...raw } = d;
  const parsed = parseSpec(kind, { ...raw, format }, declarationContext(corpus, at, label));
  return parsed.ok ? ok({ ...parsed.value, name, out }) : parsed;
}

const PLACEHOLDER = /\{([A-Za-z0-9_.-]+)\}/g;

/**
 * Why `path` (POSIX) cannot name a file inside the project, or undefined when
 * it can. It is checked as written, not normalised: `.` and `..` are never
 * segments, so `reports/../notes/a.md` and `..` are refused before anything
 * is written, and so is a value such as `..` filled in for `{group}`.
 */
export function unsafePath(path: string): string | undefined {
  if (posix.isAbsolute(path) || /^[A-Za-z]:/.test(path)) return 'it is absolute';
  const segments = path.split('/');
  if (segments.some((s) => s === '.' || s === '..')) return '`.` and `..` are not allowed as folder or file names';
  if (segments.some((s) => s === '')) return 'it has an empty folder or file name';
  if (segments.some((s) => Buffer.byteLength(s) > MAX_NAME_BYTES)) return `a folder or file name is longer than ${MAX_NAME_BYTES} bytes`;
  return undefined;
}

/** Room for the temp and lock names beside a file within the usual 255-byte limit. */
export const MAX_NAME_BYTES = 200;

/** A value as it appears in a file name. */
export function fileSafe(value: string): string {
  return value.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || '_';
}

/** `a/b/c.html` → `../../`: from the output's folder back to the project root. */
export function linkBaseFor(out: string): string {
  const dir = posix.dirname(out);
  if (dir === '.' || dir === '') return '';
  return `${posix.relative(dir, '.')}/`;
}

/** One file a declaration makes: its spec with the `where` of its `{var}` values. */
interface Planned {
  spec: DeclaredSpec;
  path: string;
}

/**
 * The files of one declaration (one per value of each `{var}` in `out`, with
 * `where: {var: value}` added), or the problems with its output paths.
 */
function planOutputs(corpus: Corpus, spec: DeclaredSpec, at: DeclarationPosition, pseudonymized: ReturnType<typeof pseudonymize> | undefined, paths: Map<string, { name: string; path: string }>, reads: InputKind | undefined): Checked<Planned[]> {
  const label = `report \`${spec.name}\`:`;
  const fail = (message: string): Checked<Planned[]> => problems({ ...at, severity: 'error', message: `${label} ${message}`, ruleId: 'report-declaration' });
  const placeholders = [...new Set([...spec.out.matchAll(PLACEHOLDER)].map((m) => m[1]))];
  const missing = placeholders.find((name) => !corpus.variables.some((v) => v.name === name));
  if (missing !== undefined) return fail(`Unexpected \`{${missing}}\` in \`out\`, expected a variable name`);
  let expansions: Record<string, string>[] = [{}];
  for (const name of placeholders) {
    const variable = corpus.variables.find((v) => v.name === name);
    expansions = expansions.flatMap((partial) => {
      const { notes } = selectCorpus(corpus, { ...spec.filters, where: { ...spec.filters.where, ...Object.fromEntries(Object.entries(partial).map(([k, v]) => [k, [v]])) } });
      const values = variableValues(variable, name, notes, []).filter((value) => notes.some((note) => noteValue(note, name) === value));
      const allowed = spec.filters.where[name];
      return values.filter((value) => !allowed || allowed.includes(value)).map((value) => ({ ...partial, [name]: value }));
    });
  }
  const planned: Planned[] = [];
  for (const expansion of expansions) {
    // A pseudonymised report's file name is published too: it holds the published value.
    const published = (value: string): string => (spec.pseudonymize && pseudonymized ? pseudonymized.value(value) : value);
    const path = spec.out.replace(PLACEHOLDER, (_, name: string) => fileSafe(published(expansion[name])));
    const unsafe = unsafePath(path);
    if (unsafe) {
      const values = Object.entries(expansion).map(([name, value]) => `\`${name}: ${value}\``).join(', ');
      return fail(`Unexpected output \`${path}\` from ${values} in \`out: ${spec.out}\`, expected a file path inside the project (${unsafe})`);
    }
    const input = reads?.(path);
    if (input) return fail(`Unexpected output \`${path}\`: it is ${input}, and a report never overwrites an input of the project`);
    // One file on macOS and Windows, whose file systems ignore case (and Unicode form).
    const key = path.normalize('NFC').toLowerCase();
    const previous = paths.get(key);
    if (previous !== undefined) {
      const same = previous.path === path ? '' : ` as \`${previous.path}\` (names differing only in case are one file on macOS and Windows)`;
      return fail(`Unexpected output \`${path}\`, also written by report \`${previous.name}\`${same}`);
    }
    paths.set(key, { name: spec.name, path });
    const where = { ...spec.filters.where, ...Object.fromEntries(Object.entries(expansion).map(([k, v]) => [k, [v]])) };
    planned.push({ spec: { ...spec, filters: { ...spec.filters, where } }, path });
  }
  return ok(planned);
}

/**
 * Every file the declarations produce. `{var}` in `out` makes one file per
 * value of the variable that has notes (after the report's own filters),
 * with `where: {var: value}` added; e.g. `reports/phase-{phase}.html`.
 * A declaration that cannot be built is an error at it (rule
 * `report-declaration`); then nothing is written, and `problems` holds them.
 */
export function buildReports(corpus: Corpus, declarations: ReportDeclaration[], configPath = 'fieldcode.yaml', reads?: InputKind, mode: 'write' | 'check' = 'write'): BuildResult {
  const declarationProblems: Diagnostic[] = [];
  const names = new Set<string>();
  const paths = new Map<string, { name: string; path: string }>();
  const pseudonymized = declarations.some((d) => (d as { pseudonymize?: unknown }).pseudonymize === true) ? pseudonymize(corpus) : undefined;
  const planned: Planned[] = [];
  for (const declaration of declarations) {
    const at = positionOf(declaration, configPath);
    const resolved = resolveDeclaration(corpus, declaration, configPath);
    if (!resolved.ok) {
      declarationProblems.push(...resolved.diagnostics);
      continue;
    }
    const spec = resolved.value;
    if (names.has(spec.name)) {
      declarationProblems.push({ ...at, severity: 'error', message: `Unexpected second report named \`${spec.name}\`, expected unique names`, ruleId: 'report-declaration' });
      continue;
    }
    names.add(spec.name);
    const outputs = planOutputs(corpus, spec, at, pseudonymized, paths, reads);
    if (outputs.ok) planned.push(...outputs.value);
    else declarationProblems.push(...outputs.diagnostics);
  }
  // A project whose declarations cannot all be built gets none of its reports rewritten.
  if (mode === 'write' && declarationProblems.length > 0) return { outputs: [], diagnostics: declarationProblems, problems: declarationProblems };
  const outputs: BuildOutput[] = [];
  const diagnostics: Diagnostic[] = [...declarationProblems];
  for (const { spec, path } of planned) {
    const produce = mode === 'check' ? checkReport : renderReport;
    const rendered = produce(corpus, spec, { linkBase: linkBaseFor(path), reportName: `report \`${spec.name}\``, coderFix: declarationFix(spec.name) }, pseudonymized);
    const pathLeaks = spec.pseudonymize && pseudonymized ? leakDiagnostics(nameLeaks(pseudonymized.table, path), `the file name of report \`${spec.name}\``) : [];
    if (mode === 'write' && !rendered.refused && pathLeaks.length === 0) outputs.push({ name: spec.name, path, content: rendered.content, format: spec.format });
    diagnostics.push(...rendered.diagnostics, ...pathLeaks);
  }
  return { outputs, diagnostics: dedupe(diagnostics), problems: declarationProblems };
}

/**
 * What `fieldcode check` can say about the declared reports without
 * writing them, and rendering only the pseudonymised ones (see checkReport):
 * each declaration that cannot apply (error `report-declaration`), and
 * names a report would publish without a pseudonym (warning `unpseudonymized-name`).
 */
export function declaredReportDiagnostics(corpus: Corpus, configPath = 'fieldcode.yaml', reads?: InputKind): Diagnostic[] {
  if (corpus.config.reports.length === 0) return [];
  return buildReports(corpus, corpus.config.reports, configPath, reads, 'check').diagnostics;
}
