// Turns the inline content of one paragraph into readable text plus the
// inline codings written in it. Markup is found in the text the reader sees
// (mdast text nodes), aligned back to the file so every character keeps its
// offset; inline code, HTML and escaped characters never carry tags.
import type { Nodes, PhrasingContent } from 'mdast';

/** One visible character of a paragraph. */
interface Char {
  ch: string;
  offset: number;
  /** Escaped (`\#`) or inside inline code: never markup. */
  literal: boolean;
  /** Id of the innermost inline container (emphasis, link…), to detect spans that cross it. */
  container: number;
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
  ruleId: 'unbalanced-span' | 'crossing-span';
  message: string;
}

export interface InlineResult {
  text: string;
  offsets: number[];
  tags: Array<{ code: string; offset: number }>;
  spans: InlineSpan[];
  problems: InlineProblem[];
  /** True when the paragraph opens with a `**Label:**`-style strong label. */
  strongLead: boolean;
}

const ID = /^[a-z][a-z0-9._-]*/;
const TAG_BLOCKER = /[\p{L}\p{N}_&/\\:#]/u;

/** Collects the visible characters of inline nodes, aligned to file offsets. */
export function collectChars(children: PhrasingContent[], source: string): Char[] {
  const chars: Char[] = [];
  let nextContainer = 1;
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
          if (node.position) chars.push({ ch: ' ', offset: node.position.start.offset ?? 0, literal: true, container });
          break;
        case 'image':
          break;
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
      // Skip what the value does not show: container prefixes (`> `), indents, escapes.
      while (j < end && source[j] !== wanted) {
        if (source[j] === '\\' && source[j + 1] === wanted) {
          escaped = true;
          j++;
          break;
        }
        j++;
      }
      chars.push({ ch: wanted, offset: Math.min(j, end), literal: literal || escaped, container });
      j++;
    }
  };
  visit(children as Nodes[], 0);
  return chars;
}

/** Finds tags and spans among the characters and builds the clean text. */
export function scanInline(chars: Char[]): Omit<InlineResult, 'strongLead'> {
  const removed = new Uint8Array(chars.length);
  const tags: Array<{ code: string; offset: number }> = [];
  const rawSpans: Array<{ open: number; close: number; codes: string[] }> = [];
  const problems: InlineProblem[] = [];
  const brackets: number[] = [];

  for (let k = 0; k < chars.length; k++) {
    const c = chars[k];
    if (c.literal) continue;
    if (c.ch === '[') {
      brackets.push(k);
    } else if (c.ch === ']') {
      const attr = readAttributes(chars, k + 1);
      const open = brackets.pop();
      if (!attr) continue;
      if (open === undefined) {
        problems.push({ offset: c.offset, ruleId: 'unbalanced-span', message: 'Unexpected `]{…}` without an opening `[`, expected `[words]{#code}`' });
        markRemoved(removed, k, attr.end);
        k = attr.end - 1;
        continue;
      }
      if (chars[open].container !== c.container) {
        problems.push({ offset: chars[open].offset, ruleId: 'crossing-span', message: 'Unexpected span crossing emphasis or link markup, expected the span to open and close inside the same markup' });
      }
      rawSpans.push({ open, close: k, codes: attr.codes });
      removed[open] = 1;
      markRemoved(removed, k, attr.end);
      k = attr.end - 1;
    } else if (c.ch === '{' && chars[k + 1]?.ch === '#' && !chars[k + 1].literal) {
      const attr = readAttributes(chars, k);
      if (attr) {
        problems.push({ offset: c.offset, ruleId: 'unbalanced-span', message: 'Unexpected `{#…}` without `[words]` before it, expected `[words]{#code}`' });
        markRemoved(removed, k, attr.end);
        k = attr.end - 1;
      }
    } else if (c.ch === '#') {
      const before = chars[k - 1];
      if (before && TAG_BLOCKER.test(before.ch)) continue;
      const tag = readId(chars, k + 1);
      if (!tag) continue;
      tags.push({ code: tag.id, offset: c.offset });
      markRemoved(removed, k, tag.end);
      k = tag.end - 1;
    }
  }

  // Build the clean text: drop markup, fold whitespace, trim, keep offsets.
  const streamToText = new Int32Array(chars.length + 1);
  let text = '';
  const offsets: number[] = [];
  let pendingSpace = false;
  let afterMarkup = false;
  for (let k = 0; k < chars.length; k++) {
    streamToText[k] = text.length + (pendingSpace && text.length > 0 ? 1 : 0);
    if (removed[k]) {
      afterMarkup = true;
      continue;
    }
    const ch = chars[k].ch;
    if (/\s/.test(ch)) {
      pendingSpace = true;
      continue;
    }
    // `…tea #reciprocity.` reads `…tea.`: no space before punctuation left by a removed tag.
    if (afterMarkup && /[.,;:!?)]/.test(ch)) pendingSpace = false;
    afterMarkup = false;
    if (pendingSpace && text.length > 0) {
      text += ' ';
      offsets.push(chars[k].offset - 1);
    }
    pendingSpace = false;
    text += ch;
    offsets.push(chars[k].offset);
  }
  streamToText[chars.length] = text.length;

  const spans: InlineSpan[] = rawSpans
    .map(({ open, close, codes }) => {
      let textStart = Math.min(streamToText[open + 1] ?? text.length, text.length);
      let textEnd = Math.min(streamToText[close], text.length);
      while (textStart < textEnd && text[textStart] === ' ') textStart++;
      while (textEnd > textStart && text[textEnd - 1] === ' ') textEnd--;
      const start = textStart < text.length ? offsets[textStart] : chars[close].offset;
      const end = textEnd > textStart ? offsets[textEnd - 1] + 1 : start;
      return { codes, start, end, textStart, textEnd, markupOffset: chars[open].offset };
    })
    .sort((a, b) => a.start - b.start || b.end - a.end);

  return { text, offsets, tags, spans, problems };
}

function markRemoved(removed: Uint8Array, from: number, to: number): void {
  for (let i = from; i < to; i++) removed[i] = 1;
}

function readId(chars: Char[], from: number): { id: string; end: number } | undefined {
  let raw = '';
  let k = from;
  while (k < chars.length && !chars[k].literal && /[a-zA-Z0-9._-]/.test(chars[k].ch)) {
    raw += chars[k].ch;
    k++;
  }
  // Sentence punctuation after a tag is not part of the id.
  while (raw.length > 0 && /[._-]$/.test(raw)) {
    raw = raw.slice(0, -1);
    k--;
  }
  const match = ID.exec(raw);
  if (!match || match[0] !== raw) return undefined;
  const next = chars[k];
  if (next && /[\p{L}\p{N}]/u.test(next.ch)) return undefined;
  return { id: raw, end: k };
}

/** Reads `{#a #b}` starting at `from`; returns the codes and the index after `}`. */
function readAttributes(chars: Char[], from: number): { codes: string[]; end: number } | undefined {
  if (chars[from]?.ch !== '{' || chars[from].literal) return undefined;
  const codes: string[] = [];
  let k = from + 1;
  for (;;) {
    while (chars[k] && chars[k].ch === ' ') k++;
    const c = chars[k];
    if (!c || c.literal) return undefined;
    if (c.ch === '}') break;
    if (c.ch !== '#') return undefined;
    const id = readId(chars, k + 1);
    if (!id) return undefined;
    codes.push(id.id);
    k = id.end;
  }
  return codes.length > 0 ? { codes, end: k + 1 } : undefined;
}
