// The standoff codings format, `fieldcode: standoff/1` (spec: docs/standoff.md).
// A YAML file beside a note that holds codings by position *and* by quote, so
// the note itself stays untouched and codings survive edits to it.
import { Document, isMap, isScalar, isSeq } from 'yaml';
import type { Node as YamlNode, Pair, YAMLMap } from 'yaml';
import type { Diagnostic } from '../types.js';
import { readPositionedYaml } from '../model/positioned-yaml.js';
import { codePointsAfter, codePointsBefore, OffsetIndex } from '../model/offsets.js';
import type { RuleId } from '../model/rules.js';

export const STANDOFF_VERSION = 'standoff/1';
/** Files with this suffix are read as standoff codings. */
export const STANDOFF_SUFFIX = '.codings.yaml';
/** Code points of context kept before and after a quote. */
export const CONTEXT_LENGTH = 32;

export interface StandoffCoding {
  code: string;
  /** Overrides the document's `coder`. */
  coder?: string;
  /** Code point offsets into the note's text (file without BOM), end exclusive. */
  start: number;
  end: number;
  /** The exact text between `start` and `end`. */
  quote: string;
  /** Up to 32 code points before the quote. */
  prefix?: string;
  /** Up to 32 code points after the quote. */
  suffix?: string;
  memo?: string;
  /** In a practice key: why the key codes the passage so, shown to students after scoring. */
  why?: string;
  /** Where the entry stands in the standoff file (set by `parseStandoff`, never serialized). */
  position?: { line: number; column: number };
}

export interface StandoffDocument {
  /** Always `standoff/1` for documents this module produces. */
  version: typeof STANDOFF_VERSION;
  /** POSIX path of the note, relative to the standoff file's folder. */
  note: string;
  /** Default coder for codings that name none. */
  coder?: string;
  codings: StandoffCoding[];
}

export interface ParsedStandoff {
  /** Undefined when the file cannot be used at all (syntax error, unknown version, no note). */
  document?: StandoffDocument;
  diagnostics: Diagnostic[];
}

const CODING_KEYS = ['code', 'coder', 'start', 'end', 'quote', 'prefix', 'suffix', 'memo', 'why'] as const;
const TOP_KEYS = ['fieldcode', 'note', 'coder', 'codings'] as const;

/** The coder a coding belongs to: its own, else the document's, else `fallback`. */
export function effectiveCoder(doc: StandoffDocument, coding: StandoffCoding, fallback = ''): string {
  return coding.coder ?? doc.coder ?? fallback;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Order of codings in a serialized file: start, end, code, coder, then the remaining fields (code unit order, locale-free). */
export function compareStandoffCodings(doc: StandoffDocument, a: StandoffCoding, b: StandoffCoding): number {
  return (
    a.start - b.start ||
    a.end - b.end ||
    compareStrings(a.code, b.code) ||
    compareStrings(effectiveCoder(doc, a), effectiveCoder(doc, b)) ||
    compareStrings(a.quote, b.quote) ||
    compareStrings(a.memo ?? '', b.memo ?? '') ||
    compareStrings(a.why ?? '', b.why ?? '') ||
    compareStrings(a.prefix ?? '', b.prefix ?? '') ||
    compareStrings(a.suffix ?? '', b.suffix ?? '')
  );
}

/**
 * Serializes a standoff document deterministically: codings sorted by start,
 * end, code, coder; keys always in the order of the spec; no line folding.
 */
export function serializeStandoff(doc: StandoffDocument): string {
  const codings = [...doc.codings].sort((a, b) => compareStandoffCodings(doc, a, b));
  const plain: Record<string, unknown> = { fieldcode: STANDOFF_VERSION, note: doc.note };
  if (doc.coder !== undefined) plain.coder = doc.coder;
  plain.codings = codings.map((c) => {
    const entry: Record<string, unknown> = { code: c.code };
    if (c.coder !== undefined) entry.coder = c.coder;
    entry.start = c.start;
    entry.end = c.end;
    entry.quote = c.quote;
    if (c.prefix !== undefined) entry.prefix = c.prefix;
    if (c.suffix !== undefined) entry.suffix = c.suffix;
    if (c.memo !== undefined) entry.memo = c.memo;
    if (c.why !== undefined) entry.why = c.why;
    return entry;
  });
  const yamlDoc = new Document(plain, { version: '1.2' });
  return yamlDoc.toString({
    lineWidth: 0,
    minContentWidth: 0,
    indentSeq: true,
    // The yaml library quotes any string a plain scalar cannot hold exactly
    // (leading/trailing spaces, tabs, CR, `: `, …); round trips are tested.
    defaultStringType: 'PLAIN',
    defaultKeyType: 'PLAIN',
    // Multi-line strings as one double-quoted line with `\n` escapes, never as
    // block scalars, whose trailing spaces editors strip.
    blockQuote: false,
    doubleQuotedMinMultiLineLength: Number.MAX_SAFE_INTEGER,
  });
}

/**
 * Builds a standoff coding for the code point span [start, end) of `text`,
 * filling `quote`, `prefix` and `suffix`. Returns undefined when the span lies
 * outside the text. Importers (CSV, REFI-QDA) use this.
 */
export function standoffCodingFromSpan(
  text: string | OffsetIndex,
  start: number,
  end: number,
  fields: { code: string; coder?: string; memo?: string },
): StandoffCoding | undefined {
  const index = typeof text === 'string' ? new OffsetIndex(text) : text;
  const s = index.toUtf16(start);
  const e = index.toUtf16(end);
  if (s === undefined || e === undefined || e <= s) return undefined;
  return {
    code: fields.code,
    ...(fields.coder !== undefined ? { coder: fields.coder } : {}),
    start,
    end,
    quote: index.text.slice(s, e),
    prefix: codePointsBefore(index.text, s, CONTEXT_LENGTH),
    suffix: codePointsAfter(index.text, e, CONTEXT_LENGTH),
    ...(fields.memo !== undefined && fields.memo !== '' ? { memo: fields.memo } : {}),
  };
}

/** True when a file name is a standoff codings file. */
export function isStandoffPath(path: string): boolean {
  return path.endsWith(STANDOFF_SUFFIX);
}

/** Conventional standoff file name for a note: `<stem>.codings.yaml`. */
export function standoffPathFor(notePath: string): string {
  const slash = notePath.lastIndexOf('/');
  const dir = slash >= 0 ? notePath.slice(0, slash + 1) : '';
  const name = notePath.slice(slash + 1);
  const dot = name.lastIndexOf('.');
  const stem = dot > 0 ? name.slice(0, dot) : name;
  return `${dir}${stem}${STANDOFF_SUFFIX}`;
}

/**
 * Parses a standoff file. Never throws: every problem is a diagnostic at the
 * offending YAML node (`path:line:col`). Entries with errors are left out of
 * the returned document (and reported); the rest are kept.
 */
export function parseStandoff(path: string, text: string): ParsedStandoff {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  // The positioned reader of the project file and the codebook: one parse, its
  // line counter, and the first syntax error as the diagnostic.
  const yaml = readPositionedYaml(path, source, 'Invalid YAML', 'standoff-syntax');
  const diagnostics = yaml.diagnostics;
  if (yaml.broken) return { diagnostics };

  const at = (offset: number | undefined): { line: number; column: number } => {
    if (offset === undefined) return { line: 1, column: 1 };
    const pos = yaml.counter.linePos(offset);
    return { line: pos.line, column: pos.col };
  };
  // Unlike `yaml.at`, a problem here spans its node (endLine/endColumn), for editors.
  const report = (
    node: YamlNode | Pair | null | undefined,
    severity: Diagnostic['severity'],
    ruleId: RuleId,
    message: string,
  ): void => {
    const range = node && 'range' in node ? node.range : undefined;
    const start = at(range?.[0]);
    const diagnostic: Diagnostic = { file: path, ...start, severity, message, ruleId };
    if (range) {
      const end = at(range[1]);
      diagnostic.endLine = end.line;
      diagnostic.endColumn = end.column;
    }
    diagnostics.push(diagnostic);
  };

  const root = yaml.doc.contents;
  if (!isMap(root)) {
    report(root, 'error', 'standoff-syntax', 'A standoff file must be a YAML mapping with `fieldcode`, `note` and `codings`');
    return { diagnostics };
  }

  const pairOf = (map: YAMLMap, key: string): Pair | undefined =>
    map.items.find((p) => isScalar(p.key) && p.key.value === key) as Pair | undefined;
  const valueNode = (pair: Pair | undefined): YamlNode | undefined => (pair?.value ?? undefined) as YamlNode | undefined;

  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
    if (key === undefined || !(TOP_KEYS as readonly string[]).includes(key)) {
      report(pair.key as YamlNode, 'warning', 'standoff-unknown-field', `Unknown field \`${key ?? '?'}\` in standoff file, ignored`);
    }
  }

  const versionPair = pairOf(root, 'fieldcode');
  const versionNode = valueNode(versionPair);
  if (!versionPair) {
    report(root, 'error', 'standoff-version', `Missing \`fieldcode: ${STANDOFF_VERSION}\` version line`);
    return { diagnostics };
  }
  const version = isScalar(versionNode) ? versionNode.value : undefined;
  if (version !== STANDOFF_VERSION) {
    report(
      versionNode ?? versionPair.key as YamlNode,
      'error',
      'standoff-version',
      `Unknown standoff version \`${String(version)}\`; this fieldcode reads \`${STANDOFF_VERSION}\``,
    );
    return { diagnostics };
  }

  const notePair = pairOf(root, 'note');
  const noteNode = valueNode(notePair);
  if (!notePair || !isScalar(noteNode) || typeof noteNode.value !== 'string' || noteNode.value.trim() === '') {
    report(noteNode ?? root, 'error', 'standoff-missing-field', 'Missing `note`: the path of the coded note, relative to this file');
    return { diagnostics };
  }
  const document: StandoffDocument = { version: STANDOFF_VERSION, note: noteNode.value, codings: [] };

  const coderPair = pairOf(root, 'coder');
  if (coderPair) {
    const coderNode = valueNode(coderPair);
    if (isScalar(coderNode) && (typeof coderNode.value === 'string' || typeof coderNode.value === 'number') && String(coderNode.value) !== '') {
      document.coder = String(coderNode.value);
    } else {
      report(coderNode ?? coderPair.key as YamlNode, 'error', 'standoff-invalid-field', '`coder` must be a non-empty string');
    }
  }

  const codingsPair = pairOf(root, 'codings');
  const codingsNode = valueNode(codingsPair);
  if (!codingsPair) {
    report(root, 'error', 'standoff-missing-field', 'Missing `codings`: a list of codings (use `codings: []` for none)');
    return { document, diagnostics };
  }
  if (isScalar(codingsNode) && codingsNode.value === null) return { document, diagnostics };
  if (!isSeq(codingsNode)) {
    report(codingsNode ?? codingsPair.key as YamlNode, 'error', 'standoff-invalid-field', '`codings` must be a list');
    return { document, diagnostics };
  }

  codingsNode.items.forEach((item, i) => {
    const entryNode = item as YamlNode;
    if (!isMap(entryNode)) {
      report(entryNode, 'error', 'standoff-invalid-field', `Coding #${i + 1} must be a mapping with code, start, end and quote`);
      return;
    }
    const position = at(entryNode.range?.[0]);
    let ok = true;
    for (const pair of entryNode.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
      if (key === undefined || !(CODING_KEYS as readonly string[]).includes(key)) {
        report(pair.key as YamlNode, 'warning', 'standoff-unknown-field', `Unknown field \`${key ?? '?'}\` in coding #${i + 1}, ignored`);
      }
    }
    const stringField = (name: string, required: boolean, allowEmpty: boolean): string | undefined => {
      const pair = pairOf(entryNode, name);
      if (!pair) {
        if (required) {
          report(entryNode, 'error', 'standoff-missing-field', `Coding #${i + 1} has no \`${name}\``);
          ok = false;
        }
        return undefined;
      }
      const node = valueNode(pair);
      let value: unknown = isScalar(node) ? node.value : undefined;
      if (typeof value === 'number' && (name === 'code' || name === 'coder')) value = String(value);
      if (typeof value !== 'string' || (!allowEmpty && value === '')) {
        report(node ?? pair.key as YamlNode, 'error', 'standoff-invalid-field', `\`${name}\` of coding #${i + 1} must be a ${allowEmpty ? '' : 'non-empty '}string`);
        ok = false;
        return undefined;
      }
      return value;
    };
    const offsetField = (name: 'start' | 'end'): { value?: number; node?: YamlNode } => {
      const pair = pairOf(entryNode, name);
      if (!pair) {
        report(entryNode, 'error', 'standoff-missing-field', `Coding #${i + 1} has no \`${name}\``);
        ok = false;
        return {};
      }
      const node = valueNode(pair);
      const value = isScalar(node) ? node.value : undefined;
      if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
        report(node ?? pair.key as YamlNode, 'error', 'standoff-bad-offsets', `\`${name}\` of coding #${i + 1} must be a whole number ≥ 0 (code points), got \`${String(value)}\``);
        ok = false;
        return { node };
      }
      return { value, node };
    };

    const code = stringField('code', true, false);
    const coder = stringField('coder', false, false);
    const start = offsetField('start');
    const end = offsetField('end');
    const quote = stringField('quote', true, false);
    const prefix = stringField('prefix', false, true);
    const suffix = stringField('suffix', false, true);
    const memo = stringField('memo', false, true);
    const why = stringField('why', false, true);
    if (start.value !== undefined && end.value !== undefined && end.value <= start.value) {
      report(end.node, 'error', 'standoff-bad-offsets', `Coding #${i + 1} ends at ${end.value}, not after its start ${start.value}`);
      ok = false;
    }
    if (!ok || code === undefined || quote === undefined || start.value === undefined || end.value === undefined) return;
    document.codings.push({
      code,
      ...(coder !== undefined ? { coder } : {}),
      start: start.value,
      end: end.value,
      quote,
      ...(prefix !== undefined ? { prefix } : {}),
      ...(suffix !== undefined ? { suffix } : {}),
      ...(memo !== undefined ? { memo } : {}),
      ...(why !== undefined ? { why } : {}),
      position,
    });
  });

  return { document, diagnostics };
}
