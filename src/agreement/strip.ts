// Makes an uncoded copy of an inline-coded note: `[words]{#code}` becomes
// `words`, `#code` tags disappear with the space before them, and the front
// matter loses its `coder`. Used to turn an instructor's key into a practice
// exercise. The caller checks the result with `readNote` (same segment texts,
// no codings left), so a construct this misses is caught, never shipped.

import { RAW_SPAN, RAW_TAG } from '../model/grammar.js';
import { splitFrontMatter } from '../model/front-matter.js';
import { parseYamlDocument } from '../model/yaml.js';

export function stripInlineTags(text: string): string {
  let body = text;
  let head = '';
  const fm = splitFrontMatter(text);
  if (fm) {
    const closing = fm.block.slice(fm.yamlStart + fm.yaml.length);
    head = fm.block.slice(0, fm.yamlStart) + fm.yaml.replace(/^coder:.*(?:\r?\n|$)/m, '') + closing;
    body = text.slice(fm.bodyStart);
  }
  // Spans over the whole body, since their words may wrap a line; they keep
  // every line break, so the lines still pair up with the original ones.
  // Innermost spans first, so nested spans unwrap one level per pass.
  let unwrapped = body;
  for (let previous = ''; previous !== unwrapped; ) {
    previous = unwrapped;
    unwrapped = unwrapped.replace(RAW_SPAN, '$1');
  }
  const original = body.split(/(\r?\n)/);
  const stripped = unwrapped
    .split(/(\r?\n)/)
    .map((line, i) => {
      if (i % 2 === 1) return line;
      // Fenced or indented code is left alone by the parser too; notes rarely have it.
      const cleaned = line.replace(RAW_TAG, '');
      return cleaned === original[i] ? cleaned : cleaned.replace(/[ \t]+$/, '');
    })
    .join('');
  // A tag alone on a line leaves an empty line; collapse runs of blank lines to one.
  return head + stripped.replace(/(\r?\n)(?:[ \t]*\r?\n){2,}/g, '$1$1');
}

/**
 * The note without the key's `why:` rationales in its front matter, so a
 * practice copy does not give the answers away. Other front matter is kept as
 * written; a note without `why:` is returned unchanged.
 */
export function withoutRationales(text: string): string {
  const block = splitFrontMatter(text);
  if (!block || !/^why\s*:/m.test(block.yaml)) return text;
  const doc = parseYamlDocument(block.yaml);
  if (doc.errors.length > 0 || !doc.has('why')) return text;
  doc.delete('why');
  const yaml = doc.contents && String(doc).trim() !== '{}' ? String(doc) : '';
  return text.slice(0, block.yamlStart) + yaml + text.slice(block.yamlStart + block.yaml.length);
}
