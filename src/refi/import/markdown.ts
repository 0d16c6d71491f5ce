// Whether a source's text can become a Markdown note, and the escaping that
// keeps a `#` in it from reading as a tag.
import { BRACKET_MARKUP, CODE_ID_START, READS_AS_TAG, TAG_BLOCKER } from '../../model/grammar.js';

/**
 * Whether a source text reads the same as Markdown: no indented lines (code
 * blocks), no line-start syntax, no characters Markdown would eat or fieldcode
 * would read as tags. Otherwise the note gets `format: text`.
 */
export function survivesAsMarkdown(text: string): boolean {
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    if (/^[ \t]/.test(line)) return false;
    if (/^(#|>|[-*+=_|<`~]|\d+[.)])/.test(line)) return false;
  }
  if (/[\\`*_<&|~]/.test(text)) return false;
  if (BRACKET_MARKUP.test(text)) return false;
  if (READS_AS_TAG.test(text)) return false;
  return true;
}

/**
 * Escapes every `#` that fieldcode would read as a tag (`#word`, `{#word}`) as
 * `\#`, outside code blocks and code spans, where tags never count. Over-escaping
 * is harmless: `\#` is a literal hash, and the export removes the backslash again.
 * `map` takes a code point offset of the input to the output (an insertion
 * before a position moves that position onto the backslash).
 */
export function escapeTags(text: string): { text: string; map: (cp: number) => number } {
  const chars = Array.from(text);
  const inserted: number[] = [];
  const out: string[] = [];
  let fence: string | undefined;
  let lineStart = true;
  let indentedLine = false;
  let inCode = false;
  let codeTicks = 0;
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i];
    if (lineStart) {
      const rest = chars.slice(i, i + 200).join('');
      const line = rest.split('\n')[0];
      const fenceMatch = /^ {0,3}(`{3,}|~{3,})/.exec(line);
      if (fence) {
        if (fenceMatch && fenceMatch[1][0] === fence[0] && fenceMatch[1].length >= fence.length) fence = undefined;
      } else if (fenceMatch) fence = fenceMatch[1];
      indentedLine = /^( {4}|\t)/.test(line);
      inCode = false;
      lineStart = false;
    }
    if (ch === '\n') {
      lineStart = true;
      out.push(ch);
      continue;
    }
    if (!fence && !indentedLine && ch === '`') {
      let run = 1;
      while (chars[i + run] === '`') run++;
      if (!inCode) {
        inCode = true;
        codeTicks = run;
      } else if (run === codeTicks) inCode = false;
      out.push(chars.slice(i, i + run).join(''));
      i += run - 1;
      continue;
    }
    if (ch === '#' && !fence && !indentedLine && !inCode && CODE_ID_START.test(chars[i + 1] ?? '') && (i === 0 || !TAG_BLOCKER.test(chars[i - 1]))) {
      inserted.push(i);
      out.push('\\');
    }
    out.push(ch);
  }
  return {
    text: out.join(''),
    map(cp: number): number {
      let lo = 0;
      let hi = inserted.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (inserted[mid] < cp) lo = mid + 1;
        else hi = mid;
      }
      return cp + lo;
    },
  };
}
