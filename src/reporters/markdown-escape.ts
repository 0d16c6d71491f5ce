// Any value placed in Markdown — transcript text, a code label, a group or
// phase value, a coder's name, a path — must stay text when the Markdown is
// rendered, even by renderers that pass raw HTML through (pandoc, Jekyll,
// MkDocs): no tables broken by `|`, no emphasis, links, headings or HTML made
// from a participant's words or a hostile codebook.

/** Escapes a value for a Markdown table cell: `\`, `|` and line breaks only (for text that is already safe otherwise). */
export function escapeMarkdownCell(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r\n?|\n/g, ' ');
}

/**
 * Escapes text so that no Markdown or HTML syntax in it takes effect: every
 * ASCII punctuation mark that starts markup (CommonMark lets a backslash
 * escape any of them) and `&`, so that `&lt;` stays the four characters it is.
 */
export function escapeMarkdownText(text: string): string {
  return escapeMarkdownCell(text).replace(/([*_`[\]<>#~&])/g, '\\$1');
}

/**
 * A code span that holds any value as literal text: a fence of backticks
 * longer than any run inside, padded when the value starts or ends with a
 * backtick. HTML inside a code span is never markup. `|` is escaped for tables.
 */
export function markdownCode(value: string): string {
  const flat = value.replace(/\r\n?|\n/g, ' ').replace(/\|/g, '\\|');
  const longest = Math.max(0, ...[...flat.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') || flat.startsWith(' ') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}
