// The summaries file format (src/core/summaries.ts): read, scaffold, refresh
// and rename keep every byte they were not asked to change.
import { describe, expect, it } from 'vitest';
import { parseSummaries, quoteHash, refreshSummaries, renameCodeInSummaries, scaffoldSummaries } from '../../src/core/summaries.js';

const FILE = [
  '# Summaries: fw',
  '',
  'Intro text.',
  '',
  '## north × support × I',
  '',
  '<!-- fieldcode:quotes',
  'notes/a.md#11111111 aaaaaaaa',
  '-->',
  '',
  'Support is practical.',
  '',
  'Second paragraph.',
  '',
  '```',
  '## not a heading inside a fence',
  '```',
  '',
  '## south × support × I',
  '',
].join('\r\n');

describe('summaries file', () => {
  it('reads sections, their cited quotes and their text; a fenced ## is no heading', () => {
    const doc = parseSummaries('summaries/fw.md', FILE);
    expect(doc.diagnostics).toEqual([]);
    expect(doc.eol).toBe('\r\n');
    expect(doc.sections.map((s) => s.parts)).toEqual([['north', 'support', 'I'], ['south', 'support', 'I']]);
    expect(doc.sections[0].cited).toEqual([{ id: 'notes/a.md#11111111', hash: 'aaaaaaaa', line: 8 }]);
    expect(doc.sections[0].text).toBe('Support is practical.\n\nSecond paragraph.\n\n```\n## not a heading inside a fence\n```');
    expect(doc.sections[1].text).toBe('');
    expect(doc.sections[1].line).toBe(19);
  });

  it('a malformed quote line and an unclosed list are positioned errors', () => {
    const doc = parseSummaries('s.md', '## a × b\n\n<!-- fieldcode:quotes\nnot a quote line\n');
    expect(doc.diagnostics.map((d) => [d.line, d.ruleId])).toEqual([
      [3, 'summary-syntax'],
      [4, 'summary-syntax'],
    ]);
  });

  it('a second section for one cell is a positioned error; the first counts', () => {
    const doc = parseSummaries('s.md', '## a × b\n\nFirst.\n\n## a ×  b\n\nSecond.\n');
    expect(doc.sections.map((s) => s.text)).toEqual(['First.']);
    expect(doc.diagnostics.map((d) => [d.line, d.ruleId, d.message])).toEqual([[5, 'summary-syntax', 'Unexpected second section `a ×  b`, expected one section per cell (the first is at line 1); merge them']]);
  });

  it('scaffold appends missing sections in the file’s line endings and never changes a written one', () => {
    const doc = parseSummaries('summaries/fw.md', FILE);
    const { text, added } = scaffoldSummaries(doc, 'fw', [
      { parts: ['north', 'support', 'I'], quotes: [{ id: 'notes/a.md#22222222', hash: 'bbbbbbbb' }] },
      { parts: ['north', 'support', 'II'], quotes: [{ id: 'notes/b.md#33333333', hash: 'cccccccc' }] },
    ]);
    expect(added).toBe(1);
    expect(text.startsWith(FILE)).toBe(true);
    expect(text.slice(FILE.length)).toBe('\r\n## north × support × II\r\n\r\n<!-- fieldcode:quotes\r\nnotes/b.md#33333333 cccccccc\r\n-->\r\n');
    expect(scaffoldSummaries(parseSummaries('x', text), 'fw', [{ parts: ['north', 'support', 'II'], quotes: [] }])).toEqual({ text, added: 0 });
  });

  it('a new file gets a header and one section per cell', () => {
    const { text } = scaffoldSummaries(undefined, 'fw', [{ parts: ['a', 'b'], quotes: [{ id: 'n.md#1', hash: '12345678' }] }]);
    expect(text).toMatch(/^# Summaries: fw\n\n.*\n\n## a × b\n\n<!-- fieldcode:quotes\nn\.md#1 12345678\n-->\n$/);
    expect(parseSummaries('x', text).sections[0].cited).toHaveLength(1);
  });

  it('refresh replaces only the quote lists; a section without one gets one', () => {
    const doc = parseSummaries('summaries/fw.md', FILE);
    const { text, refreshed } = refreshSummaries(doc, [
      { parts: ['north', 'support', 'I'], quotes: [{ id: 'notes/a.md#44444444', hash: 'dddddddd' }] },
      { parts: ['south', 'support', 'I'], quotes: [{ id: 'notes/c.md#55555555', hash: 'eeeeeeee' }] },
    ]);
    expect(refreshed).toBe(2);
    expect(text).toBe(FILE.replace('notes/a.md#11111111 aaaaaaaa', 'notes/a.md#44444444 dddddddd').replace('## south × support × I\r\n', '## south × support × I\r\n\r\n<!-- fieldcode:quotes\r\nnotes/c.md#55555555 eeeeeeee\r\n-->\r\n'));
    const again = parseSummaries('x', text);
    expect(again.sections[0].text).toBe(doc.sections[0].text);
    expect(refreshSummaries(again, [{ parts: ['north', 'support', 'I'], quotes: [{ id: 'notes/a.md#44444444', hash: 'dddddddd' }] }]).refreshed).toBe(0);
  });

  it('renaming a code rewrites the headings that name it, nothing else', () => {
    const { text, renamed } = renameCodeInSummaries(parseSummaries('x', FILE), 'support', 'mutual-support');
    expect(renamed).toBe(2);
    expect(text).toBe(FILE.replace('## north × support × I', '## north × mutual-support × I').replace('## south × support × I', '## south × mutual-support × I'));
  });

  it('a quote hash follows the words, not their Unicode form', () => {
    expect(quoteHash('Zoë')).toBe(quoteHash('Zoe\u0308'));
    expect(quoteHash('a')).not.toBe(quoteHash('b'));
  });
});

describe('a summaries file with a byte order mark', () => {
  it('is read, and every rewrite keeps the mark', () => {
    const text = '\uFEFF## a × b\n\n<!-- fieldcode:quotes\nn.md#1 12345678\n-->\n\nText.\n';
    const doc = parseSummaries('x', text);
    expect(doc.sections.map((s) => s.heading)).toEqual(['a × b']);
    expect(refreshSummaries(doc, [{ parts: ['a', 'b'], quotes: [{ id: 'n.md#2', hash: '87654321' }] }]).text).toBe(text.replace('n.md#1 12345678', 'n.md#2 87654321'));
    expect(renameCodeInSummaries(doc, 'b', 'c').text).toBe(text.replace('a × b', 'a × c'));
    expect(scaffoldSummaries(doc, 'm', [{ parts: ['a', 'd'], quotes: [] }]).text.startsWith(text)).toBe(true);
  });
});
