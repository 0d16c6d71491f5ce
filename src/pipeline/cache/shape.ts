// A cached value is checked field by field before it is used: the checksum
// proves the bytes are what was written, this proves what was written is
// still the shape the pipeline expects (a forgotten CACHE_FORMAT bump shows
// up as a miss, not as a crash or a wrong count). Segment offsets are only
// required to be present: their encoding is the segmenter's business.
import type { CachedParse } from './entry.js';

type Value = Record<string, unknown>;

const isObject = (value: unknown): value is Value => typeof value === 'object' && value !== null && !Array.isArray(value);
const isString = (value: unknown): value is string => typeof value === 'string';
const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const isPoint = (value: unknown): boolean => isObject(value) && isNumber(value.line) && isNumber(value.column) && isNumber(value.offset);
const isRange = (value: unknown): boolean => isObject(value) && isPoint(value.start) && isPoint(value.end);
const everyOf = (value: unknown, check: (item: unknown) => boolean): boolean => Array.isArray(value) && value.every(check);

const isSegment = (s: unknown): boolean =>
  isObject(s) && isString(s.id) && isString(s.note) && isNumber(s.index) && isString(s.kind) && isRange(s.range) && everyOf(s.headings, isString) && (s.time === null || isNumber(s.time)) && isString(s.text) && s.offsets !== undefined && s.offsets !== null;

const isCoding = (c: unknown): boolean =>
  isObject(c) && isString(c.code) && isString(c.note) && isNumber(c.start) && isNumber(c.end) && isString(c.coder) && isString(c.origin) && everyOf(c.segments, isString) && isRange(c.range) && isString(c.text);

const isDiagnostic = (d: unknown): boolean => isObject(d) && isString(d.file) && isNumber(d.line) && isNumber(d.column) && isString(d.severity) && isString(d.message) && isString(d.ruleId);

export function isParseResult(value: unknown): value is CachedParse {
  if (!isObject(value) || !isObject(value.note) || !everyOf(value.diagnostics, isDiagnostic)) return false;
  const note = value.note;
  return (
    isString(note.path) &&
    typeof note.bom === 'boolean' &&
    (note.eol === '\n' || note.eol === '\r\n') &&
    isObject(note.data) &&
    isObject(note.fieldPositions) &&
    (note.frontMatter === undefined || isRange(note.frontMatter)) &&
    everyOf(note.participants, (p) => isObject(p) && isString(p.label)) &&
    everyOf(note.segments, isSegment) &&
    everyOf(note.codings, isCoding) &&
    (note.broken === undefined || typeof note.broken === 'boolean')
  );
}
