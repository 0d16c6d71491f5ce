import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import type { Root } from 'mdast';

// Front matter stays in the tree (remark-frontmatter) so every position is
// true to the whole file; splitting it off first would shift every line.
const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm);

/** Parses a note's text (without BOM) into an mdast tree with file-true positions. */
export function parse(text: string): Root {
  return processor.parse(text);
}
