// The inline coding grammar in one place: what a code id is, when `#` starts a
// tag, and what `[words]{#a #b}` looks like. The parser (core/inline.ts), the
// tag writer (core/write-inline.ts), the practice stripper, the REFI-QDA
// import and plain-text reader and the CSV importer's sniffing all use these,
// so no copy of a pattern can drift from the others. See docs/tagging.md.

/** A code id as a codebook declares it: a lowercase letter, then lowercase letters, digits, `.`, `_`, `-`. */
export const CODE_ID = /^[a-z][a-z0-9._-]*$/;
/** The code-id prefix of a run of id characters. */
export const CODE_ID_PREFIX = /^[a-z][a-z0-9._-]*/;
/** The first character of a code id, right after `#`. */
export const CODE_ID_START = /[a-z]/;
/**
 * Characters read into a tag's id before trailing punctuation is trimmed.
 * Uppercase is read too, so `#Care` is rejected whole instead of being read as `#`.
 */
export const CODE_ID_CHAR = /[a-zA-Z0-9._-]/;
/** Sentence punctuation that may follow a tag (`#care.`) and is not part of its id. */
export const ID_TRAILING_PUNCTUATION = /[._-]$/;
/** A letter or digit right after an id: the `#` belongs to a word, not a tag. */
export const WORD_CHARACTER = /[\p{L}\p{N}]/u;

/**
 * The id a capitalised would-be tag (`#Feedback`) most likely means: not a
 * tag, since ids are lowercase, but almost surely meant as one.
 */
export function lowercasedId(raw: string): string | undefined {
  const lower = raw.toLowerCase();
  return raw !== lower && CODE_ID.test(lower) ? lower : undefined;
}

/**
 * Why `{#…` (at the start of `block`, the rest of the paragraph) is not a
 * span block, with the fix; `after` is `]` when the block follows a bracket.
 * Without this, `niet]{#feedback goed.` reads `#feedback` as a tag on the
 * whole paragraph, silently.
 */
export function malformedBlockMessage(block: string, after: string): string {
  const first = /^\{[ \t]*#([A-Za-z0-9._-]*)/.exec(block)?.[1] ?? '';
  const id = first.toLowerCase().replace(/[._-]+$/, '') || 'code';
  const close = block.indexOf('}');
  if (close < 0) {
    return `Unexpected \`${after}{#${first}\` without a closing \`}\`: \`#${first}\` is read as a tag on the whole paragraph; write \`${after === ']' ? ']' : '[words]'}{#${id}}\` to code the words in brackets, or \`\\{\` for a literal brace`;
  }
  return `Unexpected \`${block.slice(0, close + 1)}\`: a span block holds only \`#code\` tags with lowercase ids, separated by spaces; write \`{#${id}}\``;
}

/** Regular-expression source of a character that, right before `#`, makes it part of a word (`C#`, `&#35;`, a URL), not a tag. */
const TAG_BLOCKER_SOURCE = '[\\p{L}\\p{N}_&/\\\\:#]';
export const TAG_BLOCKER = new RegExp(TAG_BLOCKER_SOURCE, 'u');

/** A code id as the practice stripper reads it in raw text: dots only between parts, so a sentence's full stop stays. */
const RAW_CODE_ID = '[a-z][a-z0-9_-]*(?:\\.[a-z0-9_-]+)*';
/**
 * `[words]{#a #b}` in raw text, the words in group 1 (no nested brackets:
 * innermost spans first). The words may wrap onto the next line, as `tag`
 * writes them, but not across a blank line (a paragraph break).
 */
export const RAW_SPAN = new RegExp(`\\[((?:[^\\[\\]\\n]|\\n(?![ \\t]*\\r?\\n))*)\\]\\{[ \\t]*#${RAW_CODE_ID}(?:[ \\t]+#${RAW_CODE_ID})*[ \\t]*\\}`, 'gu');
/** A `#code` tag in raw text with the blanks before it. */
export const RAW_TAG = new RegExp(`[ \\t]*(?<!${TAG_BLOCKER_SOURCE})#${RAW_CODE_ID}(?![\\p{L}\\p{N}_-])`, 'gu');

/** `]{#a #b}` at the start of a string: the close of a span, as the plain-text reader sees it. */
export const SPAN_CLOSE = /^\]\{[ \t]*#[a-z][a-z0-9._-]*(?:[ \t]+#[a-z][a-z0-9._-]*)*[ \t]*\}/;
/** A fresh global matcher of a span's `]{#a #b}` block, for scanning from a `lastIndex`. */
export function attributeBlockPattern(): RegExp {
  return /\]\{([ \t]*#[a-z][a-zA-Z0-9._-]*)+[ \t]*\}/g;
}
/** Each `#code` inside a `{#a #b}` block, the id in group 1. */
export const ATTRIBUTE_CODE = /#([a-z](?:[a-zA-Z0-9._-]*[a-zA-Z0-9])?)/g;
/** `#code` for one given code, not followed by more id characters. */
export function tagOf(code: string): RegExp {
  return new RegExp(`#${code.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![a-zA-Z0-9._-])`);
}

/** A line that holds an inline tag or span: the CSV importer's sign that a document is Markdown. */
export const HAS_INLINE_CODING = /(?:^|\s)#[a-z][a-z0-9._-]*\b|\]\{#[a-z]/;
/** Text where fieldcode would read a `#` as a tag: a REFI-QDA source with this cannot be stored as Markdown unchanged. */
export const READS_AS_TAG = /(^|[^\p{L}\p{N}_&/\\:#])#[a-z]/u;
/** Span, link or reference markup (`]{`, `{#`, `](`, `][`, `]:`, `![`): text with this is not plain prose. */
export const BRACKET_MARKUP = /\]\(|\]\[|\]:|\]\{|!\[|\{#/;
