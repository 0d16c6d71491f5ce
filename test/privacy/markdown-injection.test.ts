// Issue 15.3: no value placed in Markdown may turn into markup when the
// Markdown is rendered with raw HTML passed through (pandoc, Jekyll, MkDocs).
import { describe, expect, it } from 'vitest';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import { toString } from 'mdast-util-to-string';
import type { Nodes, Root } from 'mdast';
import { run } from '../helpers/cli.js';
import { config, project } from './helpers.js';

const SCRIPT = '<script>alert(1)</script>';
const CODEBOOK = `name: "Book ${SCRIPT}"
version: "1"
codes:
  - id: support
    label: "${SCRIPT} **bold** [x](javascript:alert(1))"
    definition: "<img src=x onerror=alert(2)> _define_"
    use_when: ["<iframe src=//evil>"]
    keywords: [helping, "help\`<b>x</b>\`"]
  - id: feedback
    label: "# Feedback | ![i](x)"
`;
const HOSTILE_GROUP = '<img src=x onerror=alert(3)>';
const note = (phase: string, coder: string, tags: string): string => `---
group: "${HOSTILE_GROUP}"
phase: "${phase}"
coder: "${coder}"
---
I help <b onmouseover=alert(4)>you</b> &lt;script&gt; [link](javascript:alert(5)) ${tags}

Second turn, *emphasis* and | pipes | here. #feedback
`;

const files = {
  'codebook.yaml': CODEBOOK,
  'fieldcode.yaml': config().replace('phase: { values: [I, II], ordered: true }', 'phase: { values: ["<s>I</s>", "II"], ordered: true }'),
  'notes/a.md': note('<s>I</s>', 'kim', '#support'),
  'notes/b.md': note('II', 'kim', '#support #feedback'),
};

function tree(markdown: string): Root {
  return unified().use(remarkParse).use(remarkGfm).parse(markdown);
}

function nodes(node: Nodes): Nodes[] {
  return [node, ...('children' in node ? (node.children as Nodes[]).flatMap(nodes) : [])];
}

/** The rendered Markdown has no raw HTML, no link or image built from data, and the values read back as written. */
function assertInert(markdown: string, allowedLinks = 0): Nodes[] {
  const all = nodes(tree(markdown));
  expect(all.filter((n) => n.type === 'html').map((n) => (n as { value: string }).value)).toEqual([]);
  expect(all.filter((n) => n.type === 'image')).toEqual([]);
  expect(all.filter((n) => n.type === 'link').length).toBeLessThanOrEqual(allowedLinks);
  // Text nodes hold the hostile markup as text; code nodes may hold it verbatim (never rendered as HTML).
  expect(markdown).not.toMatch(/(?<![\\`])<(script|img|iframe|b )/);
  return all;
}

describe('every Markdown report escapes what it places', () => {
  const dir = project(files);

  it('quotes: a <script> label and a hostile group stay text in headings', async () => {
    const result = await run(['quotes', dir, '--format', 'markdown']);
    expect(result.code, result.stderr).toBe(0);
    const all = assertInert(result.stdout);
    const headings = all.filter((n) => n.type === 'heading').map((n) => toString(n));
    expect(headings).toContain(`${SCRIPT} **bold** [x](javascript:alert(1)) (support)`);
    expect(headings.some((h) => h.includes(`group ${HOSTILE_GROUP}`))).toBe(true);
    expect(result.stdout).toContain('\\<script\\>alert(1)\\</script\\>');
  });

  it('report, phase-change, cooccurrence, phase-report', async () => {
    for (const argv of [
      ['report', dir, '--format', 'markdown'],
      ['phase-change', dir, '--format', 'markdown'],
      ['cooccurrence', dir, '--format', 'markdown', '--by', 'group'],
      ['phase-report', dir, '--format', 'markdown', '--per', 'group-phase', '--title', SCRIPT],
    ]) {
      const result = await run(argv);
      expect(result.code, `${argv[0]}: ${result.stderr}`).toBe(0);
      const all = assertInert(result.stdout);
      // Table cells stay the cells they were: no pipe from the data splits a row.
      for (const table of all.filter((n) => n.type === 'table')) {
        const widths = new Set((table as { children: { children: unknown[] }[] }).children.map((row) => row.children.length));
        expect(widths.size, argv[0]).toBe(1);
      }
    }
  });

  it('codebook --format markdown', async () => {
    const result = await run(['codebook', `${dir}/codebook.yaml`, '--format', 'markdown']);
    expect(result.code, result.stderr).toBe(0);
    const all = assertInert(result.stdout);
    expect(all.filter((n) => n.type === 'heading').map((n) => toString(n))).toContain('# Feedback | ![i](x) (feedback)');
  });

  it('suggest --format markdown, with a file name that is Markdown', async () => {
    const named = project({ ...files, 'notes/[x](javascript:alert(6)) *y*.md': '---\ngroup: g\nphase: II\n---\nWe are helping each other.\n' });
    const result = await run(['suggest', named, '--format', 'markdown']);
    expect(result.code).toBeLessThan(2);
    expect(result.stdout).toContain('helping');
    assertInert(result.stdout);
  });

  it('agree --format markdown, with hostile coder names and quotes', async () => {
    const coderA = project({ ...files, 'notes/b.md': note('II', '<b>ann</b>', '#feedback') });
    const coderB = project({ ...files, 'notes/b.md': note('II', 'bob`<i>', '#support') });
    const result = await run(['agree', coderA, coderB, '--format', 'markdown']);
    expect(result.code, result.stderr).toBeLessThan(2);
    expect(result.stdout).toContain('Disagreements');
    assertInert(result.stdout);
  });
});
