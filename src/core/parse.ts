import { unified, type Processor } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item';
import type { Root } from 'mdast';

/**
 * GFM without autolink literals, which were about 28% of the parse time and
 * change nothing fieldcode reads (a bare URL's link node shows the same
 * characters). The rest stays because segments depend on it: tables (cells
 * are segments), footnotes (a definition is not a segment, a reference is not
 * text), strikethrough (`~~` is not text) and task list items (`[ ]` is not
 * text). test/core/parse-extensions.test.ts checks the segments are the same
 * as with all of remark-gfm.
 */
function remarkSegmentingGfm(this: Processor): void {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(gfmFootnote(), gfmStrikethrough(), gfmTable(), gfmTaskListItem());
  (data.fromMarkdownExtensions ??= []).push(gfmFootnoteFromMarkdown(), gfmStrikethroughFromMarkdown(), gfmTableFromMarkdown(), gfmTaskListItemFromMarkdown());
}

// Front matter stays in the tree (remark-frontmatter) so every position is
// true to the whole file; splitting it off first would shift every line.
const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkSegmentingGfm);

let parses = 0;

/** How many notes this process has parsed: a debug stat, so tests can check that a command parses each note at most once. */
export function parseCount(): number {
  return parses;
}

/** Parses a note's text (without BOM) into an mdast tree with file-true positions. */
export function parse(text: string): Root {
  parses++;
  return processor.parse(text);
}
