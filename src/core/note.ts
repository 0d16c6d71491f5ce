// One note from text to segments and inline codings: the parse and segment
// stages for a single file. The syntax tree is dropped before returning so a
// large corpus can be streamed note by note.
import { isMap, isScalar, LineCounter, type Document } from 'yaml';
import { parseYamlDocument, yamlValue } from '../model/yaml.js';
import type { Coding, Diagnostic, FrontMatterValue, Note, Participant } from '../types.js';
import { parse } from './parse.js';
import { findTooDeep, MAX_NESTING } from './nesting.js';
import { DEFAULT_MAX_NOTE_SIZE, findTooManyBlocks, formatBytes, MAX_BLOCKS, MAX_NOTE_SIZE_FLAG } from './limits.js';
import { opensFrontMatter, splitFrontMatter } from '../model/front-matter.js';
import { lineIndex, type LineIndex } from '../model/offsets.js';
import { speakerId } from './speakers.js';
import { segmentMarkdown, segmentPlainText, type SegmentedParagraph } from './segment.js';

export interface ReadNoteOptions {
  /** Coder for inline codings when the note's front matter names none. */
  coder: string;
  /** Largest note in bytes of UTF-8 (default DEFAULT_MAX_NOTE_SIZE). */
  maxNoteSize?: number;
}

export interface ReadNoteResult {
  note: Note;
  diagnostics: Diagnostic[];
}

/** Reads a note's text (BOM already removed) into the data model. */
export function readNote(path: string, text: string, bom: boolean, options: ReadNoteOptions): ReadNoteResult {
  const diagnostics: Diagnostic[] = [];
  const maxNoteSize = options.maxNoteSize ?? DEFAULT_MAX_NOTE_SIZE;
  // UTF-8 takes at most 3 bytes per UTF-16 unit: short texts skip the byte count.
  if (text.length * 3 > maxNoteSize && Buffer.byteLength(text, 'utf8') > maxNoteSize) {
    const size = formatBytes(maxNoteSize);
    const note: Note = { path, text: '', bom, eol: '\n', data: {}, fieldPositions: {}, participants: [], segments: [], codings: [], broken: true };
    diagnostics.push({ file: path, line: 1, column: 1, severity: 'error', message: `Unexpected note larger than ${size}, expected at most ${size}; raise the limit with \`${MAX_NOTE_SIZE_FLAG} <size>\``, ruleId: 'file-too-large' });
    return { note, diagnostics };
  }
  const lines = lineIndex(text);
  const crlf = (text.match(/\r\n/g) ?? []).length;
  const lf = (text.match(/\n/g) ?? []).length - crlf;
  const note: Note = {
    path,
    text,
    bom,
    eol: crlf > lf ? '\r\n' : '\n',
    data: {},
    fieldPositions: {},
    participants: [],
    segments: [],
    codings: [],
  };

  if (/^---[ \t]*\r(?!\n)/.test(text)) {
    // remark reads a lone CR as a line end, the front-matter fences do not:
    // refuse, rather than count the note under `(none)` with its fields unread.
    diagnostics.push({ file: path, line: 1, column: 4, severity: 'error', message: 'Unexpected lone CR line endings (classic Mac) in front matter, expected LF or CRLF; save the note with LF line endings', ruleId: 'front-matter-invalid' });
    note.broken = true;
    return { note, diagnostics };
  }
  const fm = splitFrontMatter(text);
  let bodyStart = 0;
  if (fm) {
    bodyStart = fm.bodyStart;
    note.frontMatter = lines.range(0, fm.bodyStart);
    const parsed = readFrontMatter(fm.yaml, path, lines.point(fm.yamlStart).line);
    diagnostics.push(...parsed.diagnostics);
    if (parsed.fatal) {
      note.broken = true;
      return { note, diagnostics };
    }
    note.data = parsed.data;
    note.fieldPositions = parsed.positions;
    note.participants = readParticipants(note.data.participants);
  } else if (opensFrontMatter(text)) {
    diagnostics.push({ file: path, line: 1, column: 1, severity: 'error', message: 'Unexpected front matter without a closing `---`, expected the YAML block to end with a `---` line', ruleId: 'front-matter-invalid' });
    note.broken = true;
    return { note, diagnostics };
  }

  if (text.slice(bodyStart).trim().length === 0) {
    diagnostics.push({ file: path, line: lines.point(bodyStart).line, column: 1, severity: 'error', message: 'Unexpected empty note, expected text after the front matter', ruleId: 'empty-note' });
    return { note, diagnostics };
  }

  const plain = note.data.format === 'text';
  const nul = text.indexOf('\0');
  if (nul >= 0) {
    // CommonMark reads NUL as U+FFFD; a quote would show `\uFFFD` with no sign of why.
    const count = text.split('\0').length - 1;
    const at = lines.point(nul);
    diagnostics.push({ file: path, line: at.line, column: at.column, severity: 'warning', message: `Unexpected ${count === 1 ? 'NUL byte' : `${count} NUL bytes, the first here`} (U+0000), expected text: it reads as \`\uFFFD\` in quotes and reports; remove ${count === 1 ? 'it' : 'them'}`, ruleId: 'nul-character' });
  }
  const crowded = findTooManyBlocks(text, bodyStart);
  if (crowded !== undefined) {
    const at = lines.point(crowded);
    diagnostics.push({ file: path, line: at.line, column: at.column, severity: 'error', message: `Unexpected note with more than ${MAX_BLOCKS.toLocaleString('en')} paragraphs, list items and table cells, expected at most that; split the note`, ruleId: 'too-many-blocks' });
    return { note, diagnostics };
  }
  const deep = plain ? undefined : findTooDeep(text, bodyStart);
  if (deep) {
    const at = lines.point(deep.offset);
    diagnostics.push({ file: path, line: at.line, column: at.column, severity: 'error', message: `Unexpected blockquotes and lists nested ${MAX_NESTING + 1} deep, expected at most ${MAX_NESTING} levels; the note is not read`, ruleId: 'nesting-too-deep' });
    return { note, diagnostics };
  }
  const paragraphs = plain
    ? segmentPlainText({ path, text, lines, participants: note.participants }, bodyStart)
    : segmentMarkdown(parse(text), { path, text, lines, participants: note.participants });
  const coder = typeof note.data.coder === 'string' && note.data.coder ? note.data.coder : options.coder;
  for (const paragraph of paragraphs) {
    if (paragraph.segment.speaker !== undefined) paragraph.segment.speakerId = speakerId(path, paragraph.segment.speaker, note.participants);
    note.segments.push(paragraph.segment);
    note.codings.push(...inlineCodings(paragraph, coder, lines));
    for (const problem of paragraph.problems) {
      const at = lines.point(problem.offset);
      diagnostics.push({ file: path, line: at.line, column: at.column, severity: problem.severity ?? 'error', message: problem.message, ruleId: problem.ruleId });
    }
  }
  return { note, diagnostics };
}

function inlineCodings(paragraph: SegmentedParagraph, coder: string, lines: LineIndex): Coding[] {
  const { segment } = paragraph;
  const codings: Coding[] = [];
  const start = segment.range.start.offset;
  const end = segment.range.end.offset;
  for (const tag of paragraph.tags) {
    codings.push({
      code: tag.code,
      note: segment.note,
      start,
      end,
      coder,
      origin: 'inline-tag',
      segments: [segment.id],
      range: lines.range(tag.offset, tag.offset + tag.code.length + 1),
      text: segment.text,
    });
  }
  for (const span of paragraph.spans) {
    for (const code of span.codes) {
      codings.push({
        code,
        note: segment.note,
        start: span.start,
        end: span.end,
        coder,
        origin: 'inline-span',
        segments: [segment.id],
        range: lines.range(span.markupOffset, span.end),
        text: segment.text.slice(span.textStart, span.textEnd),
      });
    }
  }
  return codings;
}

interface FrontMatterResult {
  data: Record<string, FrontMatterValue>;
  positions: Record<string, { line: number; column: number }>;
  diagnostics: Diagnostic[];
  fatal: boolean;
}

function readFrontMatter(yaml: string, path: string, firstLine: number): FrontMatterResult {
  const counter = new LineCounter();
  const doc: Document = parseYamlDocument(yaml, counter);
  const diagnostics: Diagnostic[] = [];
  for (const error of doc.errors.slice(0, 1)) {
    // Later YAML errors are mostly echoes of the first; one precise message helps more.
    const pos = counter.linePos(error.pos[0]);
    diagnostics.push({
      file: path,
      line: firstLine + pos.line - 1,
      column: pos.col,
      severity: 'error',
      message: `Cannot parse front matter: ${firstSentence(error.message)}`,
      ruleId: 'front-matter-invalid',
    });
  }
  if (diagnostics.length > 0) return { data: {}, positions: {}, diagnostics, fatal: true };
  if (doc.contents === null) return { data: {}, positions: {}, diagnostics, fatal: false };
  if (!isMap(doc.contents)) {
    diagnostics.push({ file: path, line: firstLine, column: 1, severity: 'error', message: 'Unexpected front matter that is not a mapping, expected `key: value` lines', ruleId: 'front-matter-invalid' });
    return { data: {}, positions: {}, diagnostics, fatal: true };
  }
  // Dates stay the strings the researcher wrote; YAML 1.2 core schema keeps them so.
  const value = yamlValue(doc);
  if ('error' in value) {
    const pos = counter.linePos(value.error.offset);
    diagnostics.push({ file: path, line: firstLine + pos.line - 1, column: pos.col, severity: 'error', message: `Cannot parse front matter: ${value.error.message}`, ruleId: 'front-matter-invalid' });
    return { data: {}, positions: {}, diagnostics, fatal: true };
  }
  const data = value.value as Record<string, FrontMatterValue>;
  const positions: Record<string, { line: number; column: number }> = {};
  for (const pair of doc.contents.items) {
    const keyPos = counter.linePos((pair.key as { range?: [number] } | null)?.range?.[0] ?? 0);
    positions[String((pair.key as { value?: unknown } | null)?.value)] = { line: firstLine + keyPos.line - 1, column: keyPos.col };
    if (isScalar(pair.key) && isScalar(pair.value) && typeof pair.value.value === 'number' && typeof pair.value.source === 'string') {
      // Keep `phase: 2` comparable with declared string values.
      data[String(pair.key.value)] = pair.value.source;
    }
  }
  return { data, positions, diagnostics, fatal: false };
}

function readParticipants(value: FrontMatterValue | undefined): Participant[] {
  if (!value) return [];
  if (Array.isArray(value)) {
    return value
      .map((item) => (typeof item === 'string' ? { label: item } : item && typeof item === 'object' && !Array.isArray(item) && typeof item.label === 'string' ? { ...(item as object), label: item.label } : undefined))
      .filter((p): p is Participant => p !== undefined);
  }
  if (typeof value === 'object') {
    return Object.entries(value).map(([label, attributes]) =>
      attributes && typeof attributes === 'object' && !Array.isArray(attributes)
        ? { ...(attributes as Record<string, unknown>), label }
        : typeof attributes === 'string'
          ? { label, role: attributes }
          : { label },
    );
  }
  return [];
}

function firstSentence(message: string): string {
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}
