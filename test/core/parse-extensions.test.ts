// The parser loads only the GFM extensions segmenting needs (no autolink
// literals): segments, offsets and inline codings must be exactly what all of
// remark-gfm gives, on the example project, the bench corpus and a note that
// uses every GFM construct.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Root } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { offsetAt } from '../../src/model/offset-map.js';
import { describe, expect, it } from 'vitest';
import { parse } from '../../src/core/parse.js';
import { lineIndex } from '../../src/model/offsets.js';
import { segmentMarkdown } from '../../src/core/segment.js';
import { splitFrontMatter } from '../../src/model/front-matter.js';
import { EXAMPLE, tempDir } from '../helpers/cli.js';
// @ts-expect-error the bench is plain JavaScript without types
import { generate } from '../../bench/corpus.js';

const allOfGfm = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm);

/** Everything segmenting derives from a tree, with each segment's file offset per character. */
function segmentsOf(tree: Root, path: string, text: string): unknown {
  return segmentMarkdown(tree, { path, text, lines: lineIndex(text), participants: [] }).map(({ segment, tags, spans, problems }) => ({
    ...segment,
    offsets: Array.from({ length: segment.text.length }, (_, i) => offsetAt(segment.offsets, i)!),
    tags,
    spans,
    problems,
  }));
}

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => join(dir, name))
    .filter((file) => file.endsWith('.md') && statSync(file).isFile())
    .sort();
}

function expectSameSegments(path: string, text: string): void {
  const body = text.replace(/^\uFEFF/, '');
  expect(segmentsOf(parse(body), path, body), path).toEqual(segmentsOf(allOfGfm.parse(body), path, body));
}

const EVERY_CONSTRUCT = `---
group: de-brug
---
# Session

A [span of words]{#reciprocity} and ~~struck~~ ~single~ text.

- [ ] an open task #next-step
- [x] a done task with [some words]{#feedback}

| who | said |
| --- | --- |
| Anna | a cell #reciprocity |
| Ben | ~~no~~ [yes]{#feedback} |

A claim[^1] with a note.

[^1]: The footnote text #feedback.

> quoted [x]{#feedback} words
`;

describe('the GFM extensions fieldcode loads', () => {
  it('leave bare URLs as text (no autolink literals)', () => {
    const tree = parse('Visit www.example.org or https://example.org now.\n');
    expect(JSON.stringify(tree)).not.toContain('"type":"link"');
    expect(JSON.stringify(allOfGfm.parse('Visit www.example.org now.\n'))).toContain('"type":"link"');
  });

  it('give the characters of a bare URL their own file offsets', () => {
    // With autolink literals the URL became a link node whose text fieldcode
    // aligned to offset 0; as plain text each character keeps its place.
    const text = 'Intro.\n\n[See www.example.org/help]{#reciprocity} and mail anna@example.org.\n';
    const paragraphs = segmentMarkdown(parse(text), { path: 'url.md', text, lines: lineIndex(text), participants: [] });
    const { segment, spans } = paragraphs[1]!;
    expect(segment.text).toBe('See www.example.org/help and mail anna@example.org.');
    for (let i = 0; i < segment.text.length; i++) {
      if (segment.text[i] !== ' ') expect(text[offsetAt(segment.offsets, i)!], `character ${i}`).toBe(segment.text[i]);
    }
    expect(spans[0]).toMatchObject({ start: text.indexOf('See'), end: text.indexOf(']') });
  });

  it('still read tables, footnotes, strikethrough and task lists', () => {
    const types = new Set<string>();
    const walk = (node: { type: string; children?: unknown[] }): void => {
      types.add(node.type);
      for (const child of node.children ?? []) walk(child as { type: string; children?: unknown[] });
    };
    walk(parse(EVERY_CONSTRUCT));
    expect([...types]).toEqual(expect.arrayContaining(['table', 'tableCell', 'footnoteReference', 'footnoteDefinition', 'delete']));
    expect(JSON.stringify(parse(EVERY_CONSTRUCT))).toContain('"checked":false');
  });

  it('segment a note with every GFM construct as all of remark-gfm does', () => {
    expect(splitFrontMatter(EVERY_CONSTRUCT)).toBeDefined();
    expectSameSegments('every-construct.md', EVERY_CONSTRUCT);
  });

  it('segment every note of the example project as all of remark-gfm does', () => {
    const files = markdownFiles(EXAMPLE);
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) expectSameSegments(file, readFileSync(file, 'utf8'));
  });

  it('segment the bench corpus as all of remark-gfm does', { timeout: 60_000 }, () => {
    const dir = join(tempDir(), 'corpus');
    generate(dir, 12, 42);
    for (const file of markdownFiles(dir)) expectSameSegments(file, readFileSync(file, 'utf8'));
  });
});
