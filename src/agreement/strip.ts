// Makes an uncoded copy of an inline-coded note: `[words]{#code}` becomes
// `words`, `#code` tags disappear with the space before them, and the front
// matter loses its `coder`. Used to turn an instructor's key into a practice
// exercise. The caller checks the result with `readNote` (same segment texts,
// no codings left), so a construct this misses is caught, never shipped.

/** A code id as the inline syntax reads it: dots only between parts, so a sentence's full stop stays. */
const CODE = '[a-z][a-z0-9_-]*(?:\\.[a-z0-9_-]+)*';
/** Characters that, right before `#`, make it part of a word rather than a tag (mirrors core/inline.ts). */
const BLOCKER = '[\\p{L}\\p{N}_&/\\\\:#]';

const SPAN = new RegExp(`\\[([^\\[\\]\\n]*)\\]\\{\\s*#${CODE}(?:\\s+#${CODE})*\\s*\\}`, 'gu');
const TAG = new RegExp(`[ \\t]*(?<!${BLOCKER})#${CODE}(?![\\p{L}\\p{N}_-])`, 'gu');
const FRONT_MATTER = /^(---[ \t]*\r?\n)([\s\S]*?\r?\n)((?:---|\.\.\.)[ \t]*(?:\r?\n|$))/;

export function stripInlineTags(text: string): string {
  let body = text;
  let head = '';
  const fm = FRONT_MATTER.exec(text);
  if (fm) {
    head = fm[1] + fm[2].replace(/^coder:.*(?:\r?\n|$)/m, '') + fm[3];
    body = text.slice(fm[0].length);
  }
  const stripped = body
    .split(/(\r?\n)/)
    .map((line, i) => {
      if (i % 2 === 1) return line;
      // Fenced or indented code is left alone by the parser too; notes rarely have it.
      // Innermost spans first, so nested spans unwrap one level per pass.
      let cleaned = line;
      for (let previous = ''; previous !== cleaned; ) {
        previous = cleaned;
        cleaned = cleaned.replace(SPAN, '$1');
      }
      cleaned = cleaned.replace(TAG, '');
      return cleaned === line ? line : cleaned.replace(/[ \t]+$/, '');
    })
    .join('');
  // A tag alone on a line leaves an empty line; collapse runs of blank lines to one.
  return head + stripped.replace(/(\r?\n)(?:[ \t]*\r?\n){2,}/g, '$1$1');
}
