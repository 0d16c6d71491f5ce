// Hostile transcript and codebook text must come out as text: no element,
// attribute or style rule from the data may reach the HTML or SVG.
import { fileURLToPath } from 'node:url';
import { XMLValidator } from 'fast-xml-parser';
import { parse, parseFragment } from 'parse5';
import { describe, expect, test } from 'vitest';
import { run } from '../helpers/cli.js';
import { escapeHtml, safeColor, safeHref, safeId } from '../../src/reporters/html/escape.js';

const HOSTILE = fileURLToPath(new URL('./hostile/', import.meta.url));

interface Node {
  nodeName: string;
  tagName?: string;
  value?: string;
  attrs?: { name: string; value: string }[];
  childNodes?: Node[];
  content?: Node;
}

function walk(node: Node, visit: (node: Node) => void): void {
  visit(node);
  for (const child of node.childNodes ?? []) walk(child, visit);
  if (node.content) walk(node.content, visit);
}

function elements(root: Node): Node[] {
  const out: Node[] = [];
  walk(root, (node) => {
    if (node.tagName) out.push(node);
  });
  return out;
}

function text(root: Node): string {
  let out = '';
  walk(root, (node) => {
    if (node.nodeName === '#text') out += node.value;
  });
  return out;
}

/** What a browser would build from the page, checked for anything the data could have injected. */
function expectInert(html: string): Node {
  const doc = parse(html) as unknown as Node;
  const all = elements(doc);
  const names = all.map((e) => e.tagName);
  expect(names).not.toContain('script');
  expect(names).not.toContain('img');
  expect(names).not.toContain('iframe');
  expect(names).not.toContain('textarea');
  expect(names).not.toContain('b');
  expect(names).not.toContain('i');
  for (const element of all) {
    for (const attr of element.attrs ?? []) {
      expect(attr.name.startsWith('on'), `${element.tagName} has ${attr.name}`).toBe(false);
      expect(attr.value).not.toMatch(/javascript:|<script|onerror/i);
      if (attr.name === 'style') expect(attr.value).toMatch(/^(background:#[0-9a-f]{3,6}|padding-left:[0-9.]+em)$/);
      if (attr.name === 'href') expect(attr.value).toMatch(/^(#[A-Za-z0-9-]+|[A-Za-z0-9%._/()'-]+#L\d+)$/);
    }
  }
  // Exactly one style element, in the head, and the data did not close it early.
  const styles = all.filter((e) => e.tagName === 'style');
  expect(styles).toHaveLength(1);
  expect(text(styles[0])).not.toMatch(/alert|<\/?script/);
  expect(text(styles[0]).trim().endsWith('}')).toBe(true);
  // The page's own structure survived: one body with one main.
  expect(names.filter((n) => n === 'main')).toHaveLength(1);
  expect(names.filter((n) => n === 'html')).toHaveLength(1);
  return doc;
}

function expectTextShown(doc: Node, ...strings: string[]): void {
  const body = text(doc);
  for (const s of strings) expect(body).toContain(s);
}

describe('HTML escaping with hostile transcripts and codebooks', () => {
  const kinds: [string, string[]][] = [
    ['report', []],
    ['quotes', []],
    ['cooccurrence', ['--unit', 'document']],
    ['phase-change', ['--by', 'group']],
    ['phase-report', ['--quotes', '5']],
  ];
  for (const [command, extra] of kinds) {
    test(`${command} --format html`, async () => {
      const result = await run([command, HOSTILE, '--format', 'html', '--quiet', ...extra]);
      expect(result.code, result.stderr).toBe(0);
      const doc = expectInert(result.stdout);
      // The hostile text is still there, as text a reader sees.
      expectTextShown(doc, `<script>alert('label')</script>`);
      if (command === 'quotes' || command === 'phase-report') {
        expectTextShown(doc, `Then "><img src=x onerror=alert('img')> happened.`, `Typed <script>alert("code")</script> and </style> in the chat.`, `"><img src=x onerror=alert('group')>`);
      }
      // Nothing is loaded from the network.
      expect(result.stdout).not.toMatch(/(src|href)=["']?(https?:)?\/\//i);
      expect(result.stdout).toContain(`Content-Security-Policy" content="default-src 'none'`);
    });
  }

  for (const command of ['report', 'cooccurrence', 'phase-change']) {
    test(`${command} --format svg is well-formed and inert`, async () => {
      const result = await run([command, HOSTILE, '--format', 'svg', '--quiet']);
      expect(result.code, result.stderr).toBe(0);
      expect(XMLValidator.validate(result.stdout)).toBe(true);
      const fragment = parseFragment(result.stdout.replace(/^<\?xml[^>]*>\n/, '')) as unknown as Node;
      const names = elements(fragment).map((e) => e.tagName);
      expect(names[0]).toBe('svg');
      expect(names).not.toContain('script');
      expect(names).not.toContain('img');
      expect(names).not.toContain('foreignObject');
      expect(text(fragment)).toContain(`<script>alert('label')</script>`);
    });
  }

  for (const command of ['phase-report', 'phase-change', 'cooccurrence']) {
    test(`${command} --format markdown keeps angle brackets from becoming HTML`, async () => {
      const result = await run([command, HOSTILE, '--format', 'markdown', '--quiet', ...(command === 'cooccurrence' ? ['--by', 'group'] : [])]);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/img|script/);
      expect(result.stdout).not.toMatch(/(?<!\\)<(img|script|\/style)/);
    });
  }
});

describe('escape helpers', () => {
  test('escapeHtml covers the five characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
    expect(escapeHtml(3)).toBe('3');
  });

  test('colours must be hex; links are percent-encoded; ids are plain', () => {
    expect(safeColor('#ABCDEF', '#000')).toBe('#abcdef');
    expect(safeColor('red;"><script>', '#000')).toBe('#000');
    expect(safeColor(undefined, '#111')).toBe('#111');
    expect(safeHref('../notes/"><x>/javascript:a.md')).toBe('../notes/%22%3E%3Cx%3E/javascript%3Aa.md');
    expect(safeId('"><script>')).toBe('script');
  });
});
