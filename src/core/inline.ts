// Turns the inline content of one paragraph into readable text plus the
// inline codings written in it. Markup is found in the text the reader sees
// (mdast text nodes), aligned back to the file so every character keeps its
// offset; inline code, HTML and escaped characters never carry tags.
import { endianness } from 'node:os';
import type { Nodes, PhrasingContent } from 'mdast';
import { CODE_ID_CHAR, CODE_ID_PREFIX, ID_TRAILING_PUNCTUATION, lowercasedId, malformedBlockMessage, TAG_BLOCKER, WORD_CHARACTER } from '../model/grammar.js';

/**
 * The visible characters of a paragraph, as parallel arrays: a corpus of
 * tens of megabytes passes through here, so no object per character.
 */
export interface CharStream {
  text: string;
  length: number;
  /** File offset of each character. */
  offset: Int32Array;
  /** 1 when escaped (`\#`) or inside inline code: never markup. */
  literal: Uint8Array;
  /** Id of the innermost inline container (emphasis, link…), to detect spans that cross it. */
  container: Int32Array;
}

export interface InlineSpan {
  codes: string[];
  /** File offsets of the spanned words, end exclusive. */
  start: number;
  end: number;
  /** Clean-text indices of the spanned words, end exclusive. */
  textStart: number;
  textEnd: number;
  /** Offset of the `[` that opens the span, for messages. */
  markupOffset: number;
}

export interface InlineProblem {
  offset: number;
  ruleId: 'unbalanced-span' | 'crossing-span' | 'malformed-span' | 'capitalised-tag' | 'unlisted-speaker';
  /** Errors unless said otherwise: almost-right markup is a warning, as it is read anyway. */
  severity?: 'warning';
  message: string;
}

export interface InlineResult {
  text: string;
  /** File offset per character of `text`; a view of a scan buffer, valid until the next scan. */
  offsets: Int32Array;
  tags: Array<{ code: string; offset: number }>;
  spans: InlineSpan[];
  problems: InlineProblem[];
  /** True when the paragraph opens with a `**Label:**`-style strong label. */
  strongLead: boolean;
}


// The per-paragraph scan buffers are allocated once and grown when a longer
// paragraph comes: a corpus has hundreds of thousands of paragraphs, and
// fresh typed arrays for each were a large share of the garbage collector's work.
let scratchSize = 0;
let scratchGrowths = 0;
let offsetBuffer = new Int32Array(0);
let literalBuffer = new Uint8Array(0);
let containerBuffer = new Int32Array(0);
let unitBuffer = new Uint16Array(0);
let removedBuffer = new Uint8Array(0);
let streamToTextBuffer = new Int32Array(0);
let cleanOffsetBuffer = new Int32Array(0);
let cleanUnitBuffer = new Uint16Array(0);

function ensureScratch(capacity: number): void {
  if (capacity <= scratchSize) return;
  scratchSize = Math.max(capacity, scratchSize * 2, 1024);
  scratchGrowths++;
  offsetBuffer = new Int32Array(scratchSize);
  literalBuffer = new Uint8Array(scratchSize);
  containerBuffer = new Int32Array(scratchSize);
  unitBuffer = new Uint16Array(scratchSize);
  removedBuffer = new Uint8Array(scratchSize);
  streamToTextBuffer = new Int32Array(scratchSize + 1);
  cleanOffsetBuffer = new Int32Array(scratchSize);
  cleanUnitBuffer = new Uint16Array(scratchSize);
}

/** How often the scan buffers were allocated in this process (a debug stat for tests). */
export function scanBufferGrowths(): number {
  return scratchGrowths;
}

const LITTLE_ENDIAN = endianness() === 'LE';

/** The string of the first `length` UTF-16 units, built in one go rather than a character at a time. */
function unitsToString(units: Uint16Array, length: number): string {
  // A typed array holds its units in the platform's byte order: on little-endian
  // machines the bytes are UTF-16LE already, and Buffer decodes them fastest
  // (lone surrogates stay as they are).
  if (LITTLE_ENDIAN) return Buffer.from(units.buffer, units.byteOffset, length * 2).toString('utf16le');
  const CHUNK = 8192;
  const parts: string[] = [];
  for (let from = 0; from < length; from += CHUNK) parts.push(String.fromCharCode.apply(null, units.subarray(from, Math.min(length, from + CHUNK)) as unknown as number[]));
  return parts.join('');
}

/**
 * Collects the visible characters of inline nodes, aligned to file offsets.
 * The returned arrays are shared scan buffers, valid until the next call and
 * possibly longer than `length`: scan them with `scanInline` right away.
 */
export function collectChars(children: PhrasingContent[], source: string, capacity: number): CharStream {
  ensureScratch(capacity);
  const offset = offsetBuffer;
  const literalFlags = literalBuffer;
  const containers = containerBuffer;
  const units = unitBuffer;
  let length = 0;
  let nextContainer = 1;
  const push = (ch: string, at: number, literal: boolean, container: number): void => {
    if (length >= capacity) return;
    units[length] = ch.charCodeAt(0);
    offset[length] = at;
    literalFlags[length] = literal ? 1 : 0;
    containers[length] = container;
    length++;
  };
  const visit = (nodes: Nodes[], container: number): void => {
    for (const node of nodes) {
      switch (node.type) {
        case 'text':
          align(node.value, node, false, container);
          break;
        case 'inlineCode':
          align(node.value, node, true, container);
          break;
        case 'break':
          if (node.position) push(' ', node.position.start.offset ?? 0, true, container);
          break;
        case 'image':
        case 'html':
          break;
        default:
          if ('children' in node) visit(node.children as Nodes[], nextContainer++);
      }
    }
  };
  const align = (value: string, node: Nodes, literal: boolean, container: number): void => {
    let j = node.position?.start.offset ?? 0;
    const end = node.position?.end.offset ?? j;
    for (let i = 0; i < value.length; i++) {
      const wanted = value[i];
      let escaped = false;
      let reference = 0;
      // Skip what the value does not show: container prefixes (`> `), indents, escapes.
      while (j < end && source[j] !== wanted) {
        if (source[j] === '\\' && source[j + 1] === wanted) {
          escaped = true;
          j++;
          break;
        }
        if (source[j] === '&' && (reference = referenceLength(source, j)) > 0) break;
        j++;
      }
      if (reference > 0) {
        // A character reference (`&#35;`, `&num;`) is literal text, like `\#`:
        // what it decodes to is never tag or span markup.
        push(wanted, j, true, container);
        const code = wanted.charCodeAt(0);
        if (code >= 0xd800 && code <= 0xdbff && i + 1 < value.length) push(value[++i], j, true, container);
        j += reference;
        continue;
      }
      push(wanted, Math.min(j, end), literal || escaped, container);
      j++;
    }
  };
  visit(children as Nodes[], 0);
  return { text: unitsToString(units, length), length, offset, literal: literalFlags, container: containers };
}

const CHARACTER_REFERENCE = /&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});/y;

/** Length of the HTML character reference at `at` in `source`, or 0. */
function referenceLength(source: string, at: number): number {
  CHARACTER_REFERENCE.lastIndex = at;
  return CHARACTER_REFERENCE.exec(source)?.[0].length ?? 0;
}

/** Finds tags and spans among the characters and builds the clean text. */
export function scanInline(chars: CharStream): Omit<InlineResult, 'strongLead'> {
  ensureScratch(chars.length);
  const removed = removedBuffer;
  removed.fill(0, 0, chars.length);
  const tags: Array<{ code: string; offset: number }> = [];
  const rawSpans: Array<{ open: number; close: number; codes: string[] }> = [];
  const problems: InlineProblem[] = [];
  const brackets: number[] = [];

  for (let k = 0; k < chars.length; k++) {
    if (chars.literal[k]) continue;
    const ch = chars.text[k];
    const at = chars.offset[k];
    if (ch === '[') {
      brackets.push(k);
    } else if (ch === ']') {
      const attr = readAttributes(chars, k + 1);
      const open = brackets.pop();
      if (!attr) continue;
      if (open === undefined) {
        problems.push({ offset: at, ruleId: 'unbalanced-span', message: 'Unexpected `]{…}` without an opening `[`, expected `[words]{#code}`' });
        markRemoved(removed, k, attr.end);
        k = attr.end - 1;
        continue;
      }
      if (chars.container[open] !== chars.container[k]) {
        problems.push({ offset: chars.offset[open], ruleId: 'crossing-span', message: 'Unexpected span crossing emphasis or link markup, expected the span to open and close inside the same markup' });
      }
      rawSpans.push({ open, close: k, codes: attr.codes });
      removed[open] = 1;
      markRemoved(removed, k, attr.end);
      k = attr.end - 1;
    } else if (ch === '{' && chars.text[k + 1] === '#' && !chars.literal[k + 1]) {
      const attr = readAttributes(chars, k);
      if (attr) {
        problems.push({ offset: at, ruleId: 'unbalanced-span', message: 'Unexpected `{#…}` without `[words]` before it, expected `[words]{#code}`' });
        markRemoved(removed, k, attr.end);
        k = attr.end - 1;
      } else {
        const bracket = k > 0 && chars.text[k - 1] === ']' && !chars.literal[k - 1];
        problems.push({ offset: bracket ? chars.offset[k - 1] : at, ruleId: 'malformed-span', severity: 'warning', message: malformedBlockMessage(visibleFrom(chars, k), bracket ? ']' : '') });
      }
    } else if (ch === '#') {
      if (k > 0 && TAG_BLOCKER.test(chars.text[k - 1])) continue;
      const tag = readId(chars, k + 1);
      if (!tag) {
        const capitalised = readCapitalised(chars, k + 1);
        if (capitalised) problems.push({ offset: at, ruleId: 'capitalised-tag', severity: 'warning', message: `Unexpected \`#${capitalised.raw}\`: code ids are lowercase, so this is not a tag; write \`#${capitalised.id}\`, or \`\\#${capitalised.raw}\` to keep it as text` });
        continue;
      }
      tags.push({ code: tag.id, offset: at });
      markRemoved(removed, k, tag.end);
      k = tag.end - 1;
    }
  }

  // Build the clean text: drop markup, fold whitespace, trim, keep offsets.
  const streamToText = streamToTextBuffer;
  const offsets = cleanOffsetBuffer;
  const units = cleanUnitBuffer;
  let length = 0;
  let pendingSpace = false;
  let afterMarkup = false;
  for (let k = 0; k < chars.length; k++) {
    streamToText[k] = length + (pendingSpace && length > 0 ? 1 : 0);
    if (removed[k]) {
      afterMarkup = true;
      continue;
    }
    const ch = chars.text[k];
    if (ch === ' ' || ch === '\n' || ch === '\r' || ch === '\t' || /\s/.test(ch)) {
      pendingSpace = true;
      continue;
    }
    // `…tea #reciprocity.` reads `…tea.`: no space before punctuation left by a removed tag.
    if (afterMarkup && /[.,;:!?)]/.test(ch)) pendingSpace = false;
    afterMarkup = false;
    if (pendingSpace && length > 0) {
      offsets[length] = chars.offset[k] - 1;
      units[length++] = 0x20;
    }
    pendingSpace = false;
    offsets[length] = chars.offset[k];
    units[length++] = chars.text.charCodeAt(k);
  }
  streamToText[chars.length] = length;
  const text = unitsToString(units, length);

  const spans: InlineSpan[] = rawSpans
    .map(({ open, close, codes }) => {
      let textStart = Math.min(streamToText[open + 1], text.length);
      let textEnd = Math.min(streamToText[close], text.length);
      while (textStart < textEnd && text[textStart] === ' ') textStart++;
      while (textEnd > textStart && text[textEnd - 1] === ' ') textEnd--;
      const start = textStart < text.length ? offsets[textStart] : chars.offset[close];
      const end = textEnd > textStart ? offsets[textEnd - 1] + 1 : start;
      return { codes, start, end, textStart, textEnd, markupOffset: chars.offset[open] };
    })
    .sort((a, b) => a.start - b.start || b.end - a.end);

  // `offsets` is a view of a scan buffer: the caller keeps a compact copy (model/offset-map.ts).
  return { text, offsets: offsets.subarray(0, text.length), tags, spans, problems };
}

function markRemoved(removed: Uint8Array, from: number, to: number): void {
  for (let i = from; i < to; i++) removed[i] = 1;
}

/** The rest of the paragraph's visible characters from `from`, for messages. */
function visibleFrom(chars: CharStream, from: number): string {
  return chars.text.slice(from, from + 200);
}

/** `#Feedback`: an id run that is a code id once lowercased. */
function readCapitalised(chars: CharStream, from: number): { raw: string; id: string } | undefined {
  let k = from;
  while (k < chars.length && !chars.literal[k] && CODE_ID_CHAR.test(chars.text[k])) k++;
  let raw = chars.text.slice(from, k);
  while (raw.length > 0 && ID_TRAILING_PUNCTUATION.test(raw)) raw = raw.slice(0, -1);
  if (from + raw.length < chars.length && WORD_CHARACTER.test(chars.text[from + raw.length])) return undefined;
  const id = lowercasedId(raw);
  return id ? { raw, id } : undefined;
}

function readId(chars: CharStream, from: number): { id: string; end: number } | undefined {
  let raw = '';
  let k = from;
  while (k < chars.length && !chars.literal[k] && CODE_ID_CHAR.test(chars.text[k])) {
    raw += chars.text[k];
    k++;
  }
  // Sentence punctuation after a tag is not part of the id.
  while (raw.length > 0 && ID_TRAILING_PUNCTUATION.test(raw)) {
    raw = raw.slice(0, -1);
    k--;
  }
  const match = CODE_ID_PREFIX.exec(raw);
  if (!match || match[0] !== raw) return undefined;
  if (k < chars.length && WORD_CHARACTER.test(chars.text[k])) return undefined;
  return { id: raw, end: k };
}

/** Reads `{#a #b}` starting at `from`; returns the codes and the index after `}`. */
function readAttributes(chars: CharStream, from: number): { codes: string[]; end: number } | undefined {
  if (from >= chars.length || chars.text[from] !== '{' || chars.literal[from]) return undefined;
  const codes: string[] = [];
  let k = from + 1;
  for (;;) {
    while (k < chars.length && chars.text[k] === ' ') k++;
    if (k >= chars.length || chars.literal[k]) return undefined;
    if (chars.text[k] === '}') break;
    if (chars.text[k] !== '#') return undefined;
    const id = readId(chars, k + 1);
    if (!id) return undefined;
    codes.push(id.id);
    k = id.end;
  }
  return codes.length > 0 ? { codes, end: k + 1 } : undefined;
}
