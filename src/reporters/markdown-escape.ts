// Transcript text placed in Markdown must stay text: no tables broken by `|`,
// no emphasis, links or HTML made from a participant's words.

/** Escapes a value for a Markdown table cell. */
export function escapeMarkdownCell(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** Escapes text so that no Markdown or HTML syntax in it takes effect. */
export function escapeMarkdownText(text: string): string {
  return escapeMarkdownCell(text).replace(/([*_`[\]<>#])/g, '\\$1');
}
