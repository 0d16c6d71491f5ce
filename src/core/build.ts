// Declared reports: `reports:` in fieldcode.yaml → the files `fieldcode build`
// writes. Pure: a corpus and declarations in, a list of {path, content} out.
// The same inputs give byte-identical files (no timestamps, stable order).
import { posix } from 'node:path';
import type { Corpus, Diagnostic, ReportDeclaration } from '../types.js';
import { COOCCURRENCE_MEASURES, COOCCURRENCE_UNITS, type CooccurrenceMeasure, type CooccurrenceUnit } from './cooccurrence.js';
import { phaseVariable } from './phase-change.js';
import { PHASE_REPORT_DEFAULTS } from './phase-report.js';
import { leakDiagnostics, nameLeaks, pseudonymize, pseudonymizeFilters, unpseudonymizedNames } from './pseudonymize.js';
import { selectCorpus, type Filters } from './select.js';
import { CODER, noteValue, variableValues } from './variables.js';
import { caseDimensions } from './cases.js';
import { unknownWhereValue } from './where-values.js';
import { COMMAND_LINE_FIX, declarationFix, mixedCoders } from './mixed-coders.js';
import { parseSpec as parseSaturation } from '../analyses/saturation/index.js';
import { parseSpec as parseChange } from '../analyses/phase-change/index.js';
import { parseSpec as parseJoint } from '../analyses/joint/index.js';
import { analyses, COMMON_KEYS, KIND_KEYS, REPORT_KINDS, ReportError, type DeclarationPosition, type ReportKind, type ReportSpec } from '../analyses/index.js';
import { formatFromPath, formatsOf, render } from '../reporters/registry.js';
import { parseSpec as parseMatrixSpec } from '../analyses/matrix/index.js';
import { plain, type Style } from '../reporters/style.js';

export { REPORT_KINDS, ReportError, type DeclarationPosition, type ReportKind, type ReportSpec };


/** Kinds that can take participants as cases (`by: [speaker]`, `by: [role]`). */
export const CASE_KINDS: ReportKind[] = ['frequencies', 'quotes', 'phase-change'];

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

/** Default `by` of a kind: the variables that exist among its usual ones. */
export function defaultBy(kind: ReportKind, variables: string[]): string[] {
  if (kind === 'frequencies' || kind === 'quotes' || kind === 'saturation') return ['group', 'phase'].filter((name) => variables.includes(name));
  if (kind === 'phase-change') return ['group'].filter((name) => variables.includes(name));
  return [];
}

interface Analysed {
  result: unknown;
  corpus: Corpus;
  filters: Filters;
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
  if (kind !== 'quotes') diagnostics.push(...mixedCoders(source, filters, spec.by, options.coderFix ?? COMMAND_LINE_FIX));
  const published = (items: { note: string; text: string; speaker?: string }[]): void => {
    if (!spec.pseudonymize) diagnostics.push(...unpseudonymizedNames(source, items));
  };
  // One analysis per kind, one renderer per kind × format (src/reporters/registry.ts).
  const result = analyses[kind](corpus, { ...spec, filters });
  if (kind === 'quotes') published((result as ReturnType<typeof analyses.quotes>).sections.flatMap((s) => s.groups.flatMap((g) => g.quotes)));
  if (kind === 'matrix') {
    const matrix = result as ReturnType<typeof analyses.matrix>;
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
  if (kind === 'trajectory') published((result as ReturnType<typeof analyses.trajectory>).cases.flatMap((c) => c.codes.flatMap((code) => code.points.flatMap((p) => p.quotes))));
  if (kind === 'phase-report') published((result as ReturnType<(typeof analyses)['phase-report']>).sections.flatMap((s) => s.quotes.flatMap((q) => q.quotes)));
  return { result, corpus, filters, pseudonymized, linkBase, diagnostics };
}

/** Renders one report from a resolved spec. Throws ReportError when the spec cannot apply to this corpus. */
export function renderReport(source: Corpus, spec: ReportSpec, options: RenderOptions = {}, pseudonymized?: ReturnType<typeof pseudonymize>): Rendered {
  const analysed = analyseReport(source, spec, options, spec.pseudonymize ? (pseudonymized ?? pseudonymize(source)) : undefined);
  const { result, corpus, filters, linkBase, diagnostics } = analysed;
  const content = render(spec.kind, spec.format, result as never, { codebook: corpus.codebook, filters, style: options.style ?? plain, measure: spec.measure, ...(spec.commit ? { commit: spec.commit } : {}), ...(spec.title !== undefined ? { title: spec.title } : {}), ...(linkBase !== undefined ? { linkBase } : {}) });
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
}

function positionOf(declaration: ReportDeclaration, file: string): DeclarationPosition {
  const pos = (declaration as { position?: { line: number; column: number } }).position;
  return { file, line: pos?.line ?? 1, column: pos?.column ?? 1 };
}

function list(value: unknown, key: string, at: DeclarationPosition, label: string): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value.split(',').map((v) => v.trim()).filter(Boolean);
  if (typeof value === 'number') return [String(value)];
  if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number')) return value.map(String);
  throw new ReportError(`${label} Unexpected \`${key}\`, expected a name or a list of names`, at);
}

/** Checks one declaration against the corpus and resolves its defaults. */
export function resolveDeclaration(corpus: Corpus, declaration: ReportDeclaration, configPath = 'fieldcode.yaml'): ReportSpec & { name: string; out: string } {
  const at = positionOf(declaration, configPath);
  const d = declaration as Record<string, unknown>;
  for (const key of Object.keys(d)) if (!KEYS.includes(key)) throw new ReportError(`Unexpected key \`${key}\` in report, expected one of ${KEYS.map((k) => `\`${k}\``).join(', ')}`, at);
  if (typeof d.name !== 'string' || d.name.trim() === '') throw new ReportError(`Unexpected report without a \`name\``, at);
  const label = `report \`${d.name}\`:`;
  if (typeof d.out !== 'string' || d.out.trim() === '') throw new ReportError(`${label} Unexpected report without \`out\`, expected an output path`, at);
  const out = d.out.replace(/\\/g, '/');
  const unsafe = unsafePath(out);
  if (unsafe) throw new ReportError(`${label} Unexpected \`out: ${d.out}\`, expected a file path inside the project (${unsafe})`, at);
  if (typeof d.kind !== 'string' || !(REPORT_KINDS as readonly string[]).includes(d.kind)) throw new ReportError(`${label} Unexpected \`kind: ${String(d.kind)}\`, expected one of ${REPORT_KINDS.join(', ')}`, at);
  const kind = d.kind as ReportKind;
  // An option the kind does not read is an error, so it is never silently ignored.
  const allowed = [...COMMON_KEYS, ...KIND_KEYS[kind]];
  for (const key of Object.keys(d)) {
    if (KEYS.includes(key) && !allowed.includes(key)) throw new ReportError(`${label} Unexpected \`${key}\` for kind ${kind}, expected only ${allowed.map((k) => `\`${k}\``).join(', ')}`, at);
  }
  const format = typeof d.format === 'string' ? d.format : formatFromPath(out);
  if (!format || !formatsOf(kind).includes(format)) throw new ReportError(`${label} Unexpected \`format: ${String(d.format ?? posix.extname(out))}\` for kind ${kind}, expected one of ${formatsOf(kind).join(', ')}`, at);

  const variables = corpus.variables.map((v) => v.name);
  const known = (name: string, key: string, cases: string[] = []): string => {
    if (name !== CODER && !variables.includes(name) && !cases.includes(name)) throw new ReportError(`${label} Unexpected variable \`${name}\` in \`${key}\`, expected one of ${[...variables, ...cases].map((v) => `\`${v}\``).join(', ')}`, at);
    return name;
  };
  const cases = CASE_KINDS.includes(kind) ? caseDimensions(corpus) : [];
  const by = (list(d.by, 'by', at, label) ?? defaultBy(kind, variables)).map((name) => known(name, 'by', cases));
  const whereMap: Record<string, string[]> = {};
  if (d.where !== undefined && d.where !== null) {
    if (typeof d.where !== 'object' || Array.isArray(d.where)) throw new ReportError(`${label} Unexpected \`where\`, expected a mapping of variable to value(s)`, at);
    for (const [name, value] of Object.entries(d.where as Record<string, unknown>)) whereMap[known(name, 'where')] = list(value, `where.${name}`, at, label) ?? [];
    const unknown = unknownWhereValue(corpus.variables, corpus.notes, whereMap, 'where');
    if (unknown) throw new ReportError(`${label} ${unknown}`, at);
  }
  const codes = list(d.codes, 'codes', at, label) ?? [];
  for (const code of codes) if (!corpus.codebook.byId.has(code)) throw new ReportError(`${label} Unexpected code \`${code}\` in \`codes\`, expected a code from the codebook`, at);
  const filters: Filters = { where: whereMap, codes };
  if (d.coder !== undefined) filters.coder = String(d.coder);
  const unit = (d.unit ?? 'segment') as CooccurrenceUnit;
  if (!COOCCURRENCE_UNITS.includes(unit)) throw new ReportError(`${label} Unexpected \`unit: ${String(d.unit)}\`, expected segment or document`, at);
  const measure = (d.measure ?? 'count') as CooccurrenceMeasure;
  if (kind === 'cooccurrence' && !COOCCURRENCE_MEASURES.includes(measure)) throw new ReportError(`${label} Unexpected \`measure: ${String(d.measure)}\`, expected count or jaccard`, at);
  // A matrix's `per` names the phase variable; a phase report's says how to cut sections.
  const matrixKind = kind === 'matrix' || kind === 'trajectory';
  const per = (matrixKind ? PHASE_REPORT_DEFAULTS.per : (d.per ?? PHASE_REPORT_DEFAULTS.per)) as 'phase' | 'group-phase';
  if (per !== 'phase' && per !== 'group-phase') throw new ReportError(`${label} Unexpected \`per: ${String(d.per)}\`, expected phase or group-phase`, at);
  const count = (key: string, fallback: number): number => {
    const value = d[key] ?? fallback;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw new ReportError(`${label} Unexpected \`${key}: ${String(value)}\`, expected a whole number`, at);
    return value;
  };
  const spec: ReportSpec & { name: string; out: string } = {
    name: d.name,
    out,
    kind,
    format,
    by,
    filters,
    unit,
    measure: kind === 'cooccurrence' ? measure : 'count',
    per,
    quotes: count('quotes', PHASE_REPORT_DEFAULTS.quotes),
    top: count('top', PHASE_REPORT_DEFAULTS.top),
    pseudonymize: d.pseudonymize === true,
  };
  if (d.phase !== undefined) spec.phase = known(String(d.phase), 'phase');
  if (d.group !== undefined) spec.group = known(String(d.group), 'group');
  if (d.title !== undefined) spec.title = String(d.title);
  const fail = (key: string, value: unknown, expected: string): never => {
    throw new ReportError(`${label} Unexpected \`${key}: ${String(value)}\`, expected ${expected}`, at);
  };
  if (kind === 'saturation') spec.saturation = parseSaturation(d, fail);
  if (kind === 'phase-change' || kind === 'phase-report') spec.change = parseChange(d, fail);
  if (matrixKind) {
    spec.name = d.name;
    try {
      spec.matrix = parseMatrixSpec(corpus, { rows: d.rows, cols: d.cols, per: d.per, summaries: d.summaries }, { rows: 'rows:', cols: 'cols', per: 'per:' }, kind === 'trajectory');
    } catch (error) {
      if (error instanceof ReportError) throw new ReportError(`${label} ${error.reason}`, at);
      throw error;
    }
  }
  if (kind === 'joint') spec.joint = parseJoint(d, fail);
  if (kind === 'methods' && d.coders !== undefined) spec.coders = list(d.coders, 'coders', at, label);
  if ((kind === 'phase-change' || kind === 'phase-report') && !phaseVariable(corpus.variables, spec.phase)) {
    throw new ReportError(`${label} Cannot find a phase variable: declare one with \`ordered: true\`, or name it with \`phase\``, at);
  }
  return spec;
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

/**
 * Every file the declarations produce. `{var}` in `out` makes one file per
 * value of the variable that has notes (after the report's own filters),
 * with `where: {var: value}` added; e.g. `reports/phase-{phase}.html`.
 */
export function buildReports(corpus: Corpus, declarations: ReportDeclaration[], configPath = 'fieldcode.yaml', reads?: InputKind, mode: 'write' | 'check' = 'write'): BuildResult {
  const outputs: BuildOutput[] = [];
  const diagnostics: Diagnostic[] = [];
  const names = new Set<string>();
  const paths = new Map<string, { name: string; path: string }>();
  const pseudonymized = declarations.some((d) => (d as { pseudonymize?: unknown }).pseudonymize === true) ? pseudonymize(corpus) : undefined;
  for (const declaration of declarations) {
    const spec = resolveDeclaration(corpus, declaration, configPath);
    if (names.has(spec.name)) throw new ReportError(`Unexpected second report named \`${spec.name}\`, expected unique names`, positionOf(declaration, configPath));
    names.add(spec.name);
    const placeholders = [...new Set([...spec.out.matchAll(PLACEHOLDER)].map((m) => m[1]))];
    for (const name of placeholders) if (!corpus.variables.some((v) => v.name === name)) throw new ReportError(`report \`${spec.name}\`: Unexpected \`{${name}}\` in \`out\`, expected a variable name`, positionOf(declaration, configPath));
    let expansions: Record<string, string>[] = [{}];
    for (const name of placeholders) {
      const spec2 = corpus.variables.find((v) => v.name === name);
      expansions = expansions.flatMap((partial) => {
        const { notes } = selectCorpus(corpus, { ...spec.filters, where: { ...spec.filters.where, ...Object.fromEntries(Object.entries(partial).map(([k, v]) => [k, [v]])) } });
        const values = variableValues(spec2, name, notes, []).filter((value) => notes.some((note) => noteValue(note, name) === value));
        const allowed = spec.filters.where[name];
        return values.filter((value) => !allowed || allowed.includes(value)).map((value) => ({ ...partial, [name]: value }));
      });
    }
    const at = positionOf(declaration, configPath);
    const label = `report \`${spec.name}\`:`;
    for (const expansion of expansions) {
      // A pseudonymised report's file name is published too: it holds the published value.
      const published = (value: string): string => (spec.pseudonymize && pseudonymized ? pseudonymized.value(value) : value);
      const path = spec.out.replace(PLACEHOLDER, (_, name: string) => fileSafe(published(expansion[name])));
      const unsafe = unsafePath(path);
      if (unsafe) {
        const values = Object.entries(expansion).map(([name, value]) => `\`${name}: ${value}\``).join(', ');
        throw new ReportError(`${label} Unexpected output \`${path}\` from ${values} in \`out: ${spec.out}\`, expected a file path inside the project (${unsafe})`, at);
      }
      const input = reads?.(path);
      if (input) throw new ReportError(`${label} Unexpected output \`${path}\`: it is ${input}, and a report never overwrites an input of the project`, at);
      // One file on macOS and Windows, whose file systems ignore case (and Unicode form).
      const key = path.normalize('NFC').toLowerCase();
      const previous = paths.get(key);
      if (previous !== undefined) {
        const same = previous.path === path ? '' : ` as \`${previous.path}\` (names differing only in case are one file on macOS and Windows)`;
        throw new ReportError(`${label} Unexpected output \`${path}\`, also written by report \`${previous.name}\`${same}`, at);
      }
      paths.set(key, { name: spec.name, path });
      const where = { ...spec.filters.where, ...Object.fromEntries(Object.entries(expansion).map(([k, v]) => [k, [v]])) };
      let rendered: ReturnType<typeof renderReport>;
      try {
        const produce = mode === 'check' ? checkReport : renderReport;
        rendered = produce(corpus, { ...spec, filters: { ...spec.filters, where } }, { linkBase: linkBaseFor(path), reportName: `report \`${spec.name}\``, coderFix: declarationFix(spec.name) }, pseudonymized);
      } catch (error) {
        // A declared report's problem is the declaration's: positioned at it.
        if (error instanceof ReportError && !error.at) throw new ReportError(`${label} ${error.reason}`, at);
        throw error;
      }
      const pathLeaks = spec.pseudonymize && pseudonymized ? leakDiagnostics(nameLeaks(pseudonymized.table, path), `the file name of report \`${spec.name}\``) : [];
      if (mode === 'write' && !rendered.refused && pathLeaks.length === 0) outputs.push({ name: spec.name, path, content: rendered.content, format: spec.format });
      diagnostics.push(...rendered.diagnostics, ...pathLeaks);
    }
  }
  return { outputs, diagnostics: dedupe(diagnostics) };
}

/**
 * What `fieldcode check` can say about the declared reports without
 * writing them, and rendering only the pseudonymised ones (see checkReport):
 * a declaration that cannot apply (error `report-declaration`), and
 * names a report would publish without a pseudonym (warning `unpseudonymized-name`).
 */
export function declaredReportDiagnostics(corpus: Corpus, configPath = 'fieldcode.yaml', reads?: InputKind): Diagnostic[] {
  if (corpus.config.reports.length === 0) return [];
  try {
    return buildReports(corpus, corpus.config.reports, configPath, reads, 'check').diagnostics;
  } catch (error) {
    if (!(error instanceof ReportError)) throw error;
    return [error.diagnostic(configPath)];
  }
}
