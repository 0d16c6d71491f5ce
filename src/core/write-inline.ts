// Pure edits of a note's inline codings: segment tags `#id` and spans
// `[words]{#id}`. Every edit is a few splices into the file text; every other
// byte (line endings, trailing spaces, front matter) stays as it was. After
// editing, the note is read again and must carry exactly the intended
// codings, with every segment's readable text unchanged; otherwise the edit
// is refused. No I/O: the caller reads and writes the file.
//
// Parses: an edit parses the edited text once (to verify it) and hands that
// note back, so a caller never reads it again. The note before the edit is
// the one given (as loaded, or from the cache); it is parsed again only when
// the edited one has problems to compare against.
import type { Coding, Note, Segment } from '../types.js';
import { readNote } from './note.js';
import type { RuleId } from '../model/rules.js';
import { ATTRIBUTE_CODE, attributeBlockPattern, tagOf } from '../model/grammar.js';
import { offsetAt } from '../model/offset-map.js';

export interface Splice {
  /** File offset (no BOM) where the change starts. */
  offset: number;
  /** Characters removed at `offset`. */
  remove: number;
  insert: string;
}

/** Why an edit cannot be made; `offset` points into the note's text. */
export interface EditProblem {
  offset: number;
  message: string;
  ruleId: RuleId;
}

/** `coder`: the coder the re-read note gives its inline codings (as the loader would for this note). */
export interface EditOptions {
  coder?: string;
}

export type EditResult =
  /** `note`: the edited text read into a note (with `EditOptions.coder`), verified. */
  | { ok: true; changed: true; text: string; splices: Splice[]; message: string; note: Note }
  | { ok: true; changed: false; text: string; splices: []; message: string }
  | { ok: false; problem: EditProblem };

/** Clean-text indices of some words in a segment, end exclusive. */
export interface TextRange {
  start: number;
  end: number;
}

const refuse = (offset: number, message: string, ruleId: RuleId): EditResult => ({ ok: false, problem: { offset, message, ruleId } });
const unchanged = (note: Note, message: string): EditResult => ({ ok: true, changed: false, text: note.text, splices: [], message });

/** Applies splices (in any order; they must not overlap) to a text. */
export function applySplices(text: string, splices: Splice[]): string {
  let out = text;
  for (const splice of [...splices].sort((a, b) => b.offset - a.offset)) {
    out = out.slice(0, splice.offset) + splice.insert + out.slice(splice.offset + splice.remove);
  }
  return out;
}

/** The segment whose range holds a 1-based line, if any. */
export function segmentAtLine(note: Note, line: number): Segment | undefined {
  return note.segments.find((segment) => segment.range.start.line <= line && line <= segment.range.end.line);
}

/** The inline codings of one segment. */
export function segmentCodings(note: Note, segment: Segment): Coding[] {
  return note.codings.filter((coding) => coding.segments[0] === segment.id && (coding.origin === 'inline-tag' || coding.origin === 'inline-span'));
}

/** Normalises typed words like the segment text: runs of whitespace become one space. */
export function normaliseWords(words: string): string {
  return words.trim().replace(/\s+/g, ' ');
}

/**
 * The parser reads a NUL byte as U+FFFD (CommonMark), which nobody can type
 * into `--span`: say so, instead of a bare "cannot find".
 */
function nulHint(text: string, typed: string): string {
  return text.includes('\uFFFD') && !typed.includes('\uFFFD') ? ' (the text holds a NUL byte or U+FFFD, shown as `\uFFFD`, that cannot be typed: remove it from the note first, see the `nul-character` warning)' : '';
}

/** Finds exact words in a segment's readable text; they must occur exactly once. */
export function findWords(segment: Segment, words: string): TextRange | EditProblem {
  const wanted = normaliseWords(words);
  const at = segment.range.start.offset;
  if (!wanted) return { offset: at, message: 'Unexpected empty `--span`, expected some exact words of the segment', ruleId: 'words-not-found' };
  const first = segment.text.indexOf(wanted);
  if (first < 0) {
    const loose = segment.text.toLowerCase().indexOf(wanted.toLowerCase());
    const near = loose >= 0 ? ` (the segment has \`${segment.text.slice(loose, loose + wanted.length)}\`, with different capitals)` : '';
    return { offset: at, message: `Cannot find the words \`${wanted}\` in the segment, expected words exactly as they read in it${near || nulHint(segment.text, wanted)}`, ruleId: 'words-not-found' };
  }
  if (segment.text.indexOf(wanted, first + 1) >= 0) {
    return { offset: offsetAt(segment.offsets, first)!, message: `Unexpected words \`${wanted}\` that occur more than once in the segment, expected words that occur once (add a word or two)`, ruleId: 'ambiguous-words' };
  }
  return { start: first, end: first + wanted.length };
}

export function isProblem(value: unknown): value is EditProblem {
  return typeof value === 'object' && value !== null && 'ruleId' in value && 'message' in value;
}

/** Adds a segment tag `#code` after the last visible character of the segment. */
export function addSegmentTag(note: Note, segment: Segment, code: string, options: EditOptions = {}): EditResult {
  const plain = refusePlain(note, segment);
  if (plain) return plain;
  const codings = segmentCodings(note, segment);
  if (codings.some((c) => c.origin === 'inline-tag' && c.code === code)) return unchanged(note, `already tagged \`#${code}\``);
  const offset = contentEnd(note, segment);
  const splices: Splice[] = [{ offset, remove: 0, insert: ` #${code}` }];
  return verified(note, segment, splices, { add: [key(segment.id, 'inline-tag', code, segment.text)] }, `added #${code}`, options);
}

/** Removes every `#code` segment tag of the segment, with one adjacent space. */
export function removeSegmentTag(note: Note, segment: Segment, code: string, options: EditOptions = {}): EditResult {
  const plain = refusePlain(note, segment);
  if (plain) return plain;
  const codings = segmentCodings(note, segment);
  const tags = codings.filter((c) => c.origin === 'inline-tag' && c.code === code);
  if (tags.length === 0) {
    const spans = codings.filter((c) => c.origin === 'inline-span' && c.code === code);
    if (spans.length > 0) {
      return refuse(spans[0].range.start.offset, `Cannot remove \`#${code}\`: the segment has no \`#${code}\` tag, only a span \`[${spans[0].text}]{#${code}}\`; use --span with its words${nulHint(spans[0].text, '')}`, 'code-not-applied');
    }
    return unchanged(note, `no #${code} tag to remove`);
  }
  const splices = tags.map((tag) => removalOf(note.text, tag.range.start.offset, tag.range.start.offset + code.length + 1, segment.range.start.offset));
  const removed = tags.map(() => key(segment.id, 'inline-tag', code, segment.text));
  return verified(note, segment, splices, { remove: removed }, `removed #${code}`, options);
}

/**
 * Codes some words of a segment as a span: `[words]{#code}`. When the same
 * words already are a span, the code joins its attribute block instead.
 */
export function addSpan(note: Note, segment: Segment, code: string, range: TextRange, options: EditOptions = {}): EditResult {
  const plain = refusePlain(note, segment);
  if (plain) return plain;
  const words = segment.text.slice(range.start, range.end);
  const fileStart = offsetAt(segment.offsets, range.start)!;
  const fileEnd = offsetAt(segment.offsets, range.end - 1)! + 1;
  const added = { add: [key(segment.id, 'inline-span', code, words)] };
  const existing = segmentCodings(note, segment).filter((c) => c.origin === 'inline-span' && c.start === fileStart && c.end === fileEnd);
  if (existing.some((c) => c.code === code)) return unchanged(note, `already coded [${words}]{#${code}}`);
  if (existing.length > 0) {
    const block = attributeBlock(note.text, existing[0]);
    if (!block) return refuse(existing[0].range.start.offset, 'Cannot find the `{#…}` block of the existing span', 'span-not-found');
    let at = block.end - 1;
    while (at > block.start && /[ \t]/.test(note.text[at - 1])) at--;
    return verified(note, segment, [{ offset: at, remove: 0, insert: ` #${code}` }], added, `added #${code} to [${words}]`, options);
  }
  const crossing = crossesMarkup(note.text, segment, range);
  if (crossing !== undefined) {
    return refuse(crossing, `Cannot code \`${words}\` as a span: the words cross Markdown markup (emphasis, a link, a code span or another span), expected words inside one stretch of plain text`, 'span-crosses-markup');
  }
  // An escaped first character keeps its backslash inside the span.
  const open = fileStart > 0 && note.text[fileStart - 1] === '\\' && /[!-/:-@[-`{-~]/.test(note.text[fileStart]) ? fileStart - 1 : fileStart;
  const splices: Splice[] = [
    { offset: open, remove: 0, insert: '[' },
    { offset: fileEnd, remove: 0, insert: `]{#${code}}` },
  ];
  return verified(note, segment, splices, added, `added [${words}]{#${code}}`, options);
}

/**
 * Removes `code` from the span over the given words (or the only span with
 * that code). The brackets go too when no code remains.
 */
export function removeSpan(note: Note, segment: Segment, code: string, range?: TextRange, options: EditOptions = {}): EditResult {
  const plain = refusePlain(note, segment);
  if (plain) return plain;
  const spans = segmentCodings(note, segment).filter((c) => c.origin === 'inline-span');
  let candidates = spans.filter((c) => c.code === code);
  if (range) {
    const fileStart = offsetAt(segment.offsets, range.start)!;
    const fileEnd = offsetAt(segment.offsets, range.end - 1)! + 1;
    candidates = candidates.filter((c) => c.start === fileStart && c.end === fileEnd);
  }
  if (candidates.length === 0) {
    const words = range ? ` over \`${segment.text.slice(range.start, range.end)}\`` : '';
    return unchanged(note, `no span${words} with #${code} to remove`);
  }
  if (candidates.length > 1) {
    return refuse(candidates[1].range.start.offset, `Unexpected several spans with \`#${code}\` in the segment, expected --span with the words of the one to remove`, 'ambiguous-words');
  }
  const span = candidates[0];
  const block = attributeBlock(note.text, span);
  if (!block) return refuse(span.range.start.offset, 'Cannot find the `{#…}` block of the span', 'span-not-found');
  const removed = { remove: [key(segment.id, 'inline-span', code, span.text)] };
  if (block.codes.length > 1) {
    const inBlock = note.text.slice(block.start, block.end);
    const match = tagOf(code).exec(inBlock);
    if (!match) return refuse(block.start, `Cannot find \`#${code}\` in the span's \`{#…}\` block`, 'span-not-found');
    const from = block.start + match.index;
    const to = from + match[0].length;
    const splice = /[ \t]/.test(note.text[from - 1]) ? { offset: from - 1, remove: to - from + 1, insert: '' } : /[ \t]/.test(note.text[to]) ? { offset: from, remove: to - from + 1, insert: '' } : { offset: from, remove: to - from, insert: '' };
    return verified(note, segment, [splice], removed, `removed #${code} from [${span.text}]`, options);
  }
  const splices: Splice[] = [
    { offset: span.range.start.offset, remove: 1, insert: '' },
    { offset: block.close, remove: block.end - block.close, insert: '' },
  ];
  return verified(note, segment, splices, removed, `removed [${span.text}]{#${code}}`, options);
}

/**
 * Recodes every inline tag and span of a note at once (`fieldcode codes`):
 * each code in `mapping` becomes its new id, or is taken out when mapped to
 * null. A tag or span that would then carry a code twice keeps it once.
 * `recoded` counts the codings changed or taken out.
 */
export function recodeInline(note: Note, mapping: ReadonlyMap<string, string | null>, options: EditOptions = {}): EditResult & { recoded: number } {
  const hit = note.codings.filter((c) => (c.origin === 'inline-tag' || c.origin === 'inline-span') && mapping.has(c.code));
  if (hit.length === 0) return { ...unchanged(note, 'no code to recode'), recoded: 0 };
  const segment = note.segments.find((s) => s.id === hit[0].segments[0]) ?? note.segments[0];
  if (note.data.format === 'text') return { ...refusePlain(note, segment)!, recoded: 0 };
  const splices: Splice[] = [];
  const expected: Required<Expected> = { add: [], remove: [] };
  const inline = note.codings.filter((c) => c.origin === 'inline-tag' || c.origin === 'inline-span');

  // Segment tags: one `#new` per segment.
  const present = new Map<string, Set<string>>();
  for (const c of inline) if (c.origin === 'inline-tag' && !mapping.has(c.code)) (present.get(c.segments[0]) ?? present.set(c.segments[0], new Set()).get(c.segments[0])!).add(c.code);
  for (const tag of hit.filter((c) => c.origin === 'inline-tag')) {
    const seg = tag.segments[0];
    const codes = present.get(seg) ?? present.set(seg, new Set()).get(seg)!;
    const next = mapping.get(tag.code) ?? null;
    const from = tag.range.start.offset;
    const to = from + tag.code.length + 1;
    expected.remove.push(codingKey(tag));
    if (next === null || codes.has(next)) {
      const owner = note.segments.find((s) => s.id === seg);
      splices.push(removalOf(note.text, from, to, owner?.range.start.offset ?? 0));
    } else {
      codes.add(next);
      splices.push({ offset: from + 1, remove: tag.code.length, insert: next });
      expected.add.push(key(seg, 'inline-tag', next, tag.text));
    }
  }

  // Spans: each `{#a #b}` block is edited tag by tag, so its spacing stays.
  const blocks = new Map<number, { block: NonNullable<ReturnType<typeof attributeBlock>>; spans: Coding[] }>();
  for (const span of inline.filter((c) => c.origin === 'inline-span')) {
    const block = attributeBlock(note.text, span);
    if (!block) {
      if (mapping.has(span.code)) return { ...refuse(span.range.start.offset, 'Cannot find the `{#…}` block of the span', 'span-not-found'), recoded: 0 };
      continue;
    }
    const entry = blocks.get(block.close) ?? blocks.set(block.close, { block, spans: [] }).get(block.close)!;
    entry.spans.push(span);
  }
  for (const { block, spans } of blocks.values()) {
    if (!spans.some((span) => mapping.has(span.code))) continue;
    const inBlock = note.text.slice(block.start, block.end);
    const tags = [...inBlock.matchAll(ATTRIBUTE_CODE)];
    const kept = new Set<string>();
    const edits: Array<Splice | 'remove'> = [];
    for (const match of tags) {
      const old = match[1];
      const next = mapping.has(old) ? mapping.get(old) ?? null : old;
      const from = block.start + match.index!;
      if (next === null || kept.has(next)) {
        edits.push('remove');
      } else {
        kept.add(next);
        edits.push({ offset: from + 1, remove: old.length, insert: next });
      }
    }
    const added = new Set<string>();
    for (const span of spans.filter((c) => mapping.has(c.code))) {
      expected.remove.push(codingKey(span));
      const next = mapping.get(span.code) ?? null;
      if (next === null || added.has(next) || spans.some((other) => !mapping.has(other.code) && other.code === next)) continue;
      added.add(next);
      expected.add.push(key(span.segments[0], 'inline-span', next, span.text));
    }
    if (kept.size === 0) {
      splices.push({ offset: spans[0].range.start.offset, remove: 1, insert: '' }, { offset: block.close, remove: block.end - block.close, insert: '' });
      continue;
    }
    tags.forEach((match, i) => {
      const edit = edits[i];
      if (edit !== 'remove') {
        if (edit.insert !== match[1]) splices.push(edit);
        return;
      }
      const from = block.start + match.index!;
      const to = from + match[0].length;
      // The blank before the tag goes with it; the first tag of a block takes the blank after it instead.
      splices.push(/[ \t]/.test(note.text[from - 1]) ? { offset: from - 1, remove: to - from + 1, insert: '' } : /[ \t]/.test(note.text[to]) ? { offset: from, remove: to - from + 1, insert: '' } : { offset: from, remove: to - from, insert: '' });
    });
  }
  const result = verified(note, segment, withoutOverlaps(splices), expected, `recoded ${hit.length} coding${hit.length === 1 ? '' : 's'}`, options);
  return { ...result, recoded: hit.length };
}

/** Two removals of neighbouring tags may both claim the blank between them: the later one gives it up. */
function withoutOverlaps(splices: Splice[]): Splice[] {
  const sorted = [...splices].sort((a, b) => a.offset - b.offset || a.remove - b.remove);
  const out: Splice[] = [];
  for (const splice of sorted) {
    const last = out[out.length - 1];
    if (last && splice.offset < last.offset + last.remove) {
      const overlap = last.offset + last.remove - splice.offset;
      out.push({ offset: splice.offset + overlap, remove: Math.max(0, splice.remove - overlap), insert: splice.insert });
    } else out.push(splice);
  }
  return out;
}

/** Sentences of a segment's text (clean-text ranges), for choosing a span. */
export function sentences(segment: Segment, locale = 'en'): TextRange[] {
  const out: TextRange[] = [];
  const segmenter = new Intl.Segmenter(locale, { granularity: 'sentence' });
  for (const part of segmenter.segment(segment.text)) {
    let start = part.index;
    let end = part.index + part.segment.length;
    while (start < end && /\s/.test(segment.text[start])) start++;
    while (end > start && /\s/.test(segment.text[end - 1])) end--;
    if (end > start) out.push({ start, end });
  }
  return out;
}

// ── internals ────────────────────────────────────────────────────────────

interface Expected {
  add?: string[];
  remove?: string[];
}

function key(segmentId: string, origin: string, code: string, text: string): string {
  return `${segmentId}\u0000${origin}\u0000${code}\u0000${text}`;
}

function codingKey(coding: Coding): string {
  return key(coding.segments[0] ?? '', coding.origin, coding.code, coding.text);
}

function refusePlain(note: Note, segment: Segment): EditResult | undefined {
  if (note.data.format === 'text') {
    return refuse(segment.range.start.offset, 'Cannot write inline codes into a plain-text note (`format: text`): fieldcode does not read tags there, expected a Markdown note', 'plain-text-note');
  }
  return undefined;
}

/**
 * Re-reads the edited note and checks it carries exactly the intended
 * codings, the same segments with the same readable text, and no new problems.
 * `note` is trusted to be what its text reads as (the loader's note, or one
 * an earlier edit returned); its problems are only needed, and so only read
 * again, when the edited text has some.
 */
function verified(note: Note, segment: Segment, splices: Splice[], expected: Expected, message: string, options: EditOptions): EditResult {
  const text = applySplices(note.text, splices);
  const after = readNote(note.path, text, note.bom, { coder: options.coder ?? 'fieldcode' });
  const fail = (why: string): EditResult =>
    refuse(segment.range.start.offset, `Cannot make this edit safely: ${why}; the file was left as it was`, 'edit-not-verified');
  if (after.note.segments.length !== note.segments.length) return fail('the note would have a different number of segments');
  for (let i = 0; i < note.segments.length; i++) {
    if (after.note.segments[i].text !== note.segments[i].text) return fail(`the text of the segment at line ${note.segments[i].range.start.line} would read differently`);
  }
  if (after.diagnostics.length > 0) {
    const before = readNote(note.path, note.text, note.bom, { coder: 'fieldcode' }).diagnostics;
    if (after.diagnostics.length > before.length) {
      const added = after.diagnostics.find((d) => !before.some((b) => b.ruleId === d.ruleId && b.message === d.message)) ?? after.diagnostics[0];
      return fail(`the note would get a new problem (${added.message})`);
    }
  }
  const want = new Map<string, number>();
  const bump = (map: Map<string, number>, k: string, by: number): void => {
    map.set(k, (map.get(k) ?? 0) + by);
  };
  for (const coding of note.codings) bump(want, codingKey(coding), 1);
  for (const k of expected.remove ?? []) bump(want, k, -1);
  for (const k of expected.add ?? []) bump(want, k, 1);
  const got = new Map<string, number>();
  for (const coding of after.note.codings) bump(got, codingKey(coding), 1);
  const keys = new Set([...want.keys(), ...got.keys()]);
  for (const k of keys) {
    if ((want.get(k) ?? 0) !== (got.get(k) ?? 0)) {
      return fail('the note would not carry exactly the intended codes (the words may sit in a code span, a link or other markup)');
    }
  }
  return { ok: true, changed: true, text, splices, message, note: after.note };
}

/**
 * Where a segment tag goes: after the last visible character of the
 * paragraph or table cell (before trailing whitespace and the cell's `|`).
 * The segment's range is its block's: a paragraph ends where its last inline
 * ends, and a cell runs on to its closing `|`, so no second parse is needed.
 */
function contentEnd(note: Note, segment: Segment): number {
  const start = segment.range.start.offset;
  let end = segment.range.end.offset;
  const back = (): void => {
    while (end > start && /\s/.test(note.text[end - 1])) end--;
  };
  back();
  if (segment.kind === 'table-cell' && note.text[end - 1] === '|' && !escaped(note.text, end - 1, start)) {
    end--;
    back();
  }
  return end;
}

/** Whether the character at `at` follows an odd run of backslashes (after `from`). */
function escaped(text: string, at: number, from: number): boolean {
  let slashes = 0;
  while (at - slashes - 1 >= from && text[at - slashes - 1] === '\\') slashes++;
  return slashes % 2 === 1;
}

/**
 * Removes `[from, to)` and one adjacent space or tab. When that leaves a line
 * of the paragraph empty (and it is not the first), the line goes too.
 */
function removalOf(text: string, from: number, to: number, blockStart: number): Splice {
  const lineStart = text.lastIndexOf('\n', from - 1) + 1;
  const nl = text.indexOf('\n', to);
  const lineEnd = nl < 0 ? text.length : text[nl - 1] === '\r' ? nl - 1 : nl;
  const prefix = text.slice(lineStart, from);
  const suffix = text.slice(to, lineEnd);
  if (lineStart > blockStart && /^[ \t>]*$/.test(prefix) && /^[ \t]*$/.test(suffix)) {
    const eolStart = text[lineStart - 2] === '\r' ? lineStart - 2 : lineStart - 1;
    return { offset: eolStart, remove: lineEnd - eolStart, insert: '' };
  }
  if (from > 0 && /[ \t]/.test(text[from - 1])) return { offset: from - 1, remove: to - from + 1, insert: '' };
  if (/[ \t]/.test(text[to] ?? '')) return { offset: from, remove: to - from + 1, insert: '' };
  return { offset: from, remove: to - from, insert: '' };
}

/** The `]{#a #b}` after a span's words: offsets of `]`, `{`, end after `}`, and the codes. */
function attributeBlock(text: string, span: Coding): { close: number; start: number; end: number; codes: string[] } | undefined {
  const pattern = attributeBlockPattern();
  pattern.lastIndex = span.end;
  // Spans that end on the same words close one after the other, innermost
  // first: `[[her bike]{#a}]{#b}`. Step over the inner blocks to the span's own.
  let expected: number | undefined;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    if (expected !== undefined && match.index !== expected) return undefined;
    const codes = [...match[0].matchAll(ATTRIBUTE_CODE)].map((m) => m[1]);
    if (codes.includes(span.code)) return { close: match.index, start: match.index + 1, end: match.index + match[0].length, codes };
    expected = match.index + match[0].length;
  }
  return undefined;
}

/**
 * The file offset where chosen words leave plain text, if they do: between
 * two of their characters the file may only hold whitespace, blockquote
 * markers at a line start, or escaping backslashes.
 */
function crossesMarkup(text: string, segment: Segment, range: TextRange): number | undefined {
  for (let i = range.start; i < range.end - 1; i++) {
    const gap = text.slice(offsetAt(segment.offsets, i)! + 1, offsetAt(segment.offsets, i + 1)!);
    const cleaned = gap.replace(/\n[ \t]*(?:>[ \t]*)+/g, '\n');
    if (!/^[\s\\]*$/.test(cleaned)) return offsetAt(segment.offsets, i)! + 1;
  }
  return undefined;
}
