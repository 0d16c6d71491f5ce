import { describe, expect, test } from 'vitest';
import { readNote } from '../../src/core/note.js';

const read = (text: string, bom = false) => readNote('n.md', text, bom, { coder: 'ann' });
const brief = (text: string) =>
  read(text).note.codings.map((c) => `${c.origin} ${c.code} ${c.range.start.line}:${c.range.start.column} “${c.text}”`);

describe('segments', () => {
  test('every paragraph is a segment, wherever it stands; headings, code, HTML and front matter are not', () => {
    const { note, diagnostics } = read(
      [
        '---',
        'id: a',
        '---',
        '# Meeting',
        '',
        'First paragraph.',
        '',
        '## Round',
        '',
        '- a list item',
        '',
        '> a quoted line',
        '',
        '| who | said |',
        '| --- | --- |',
        '| Anna | yes |',
        '',
        '```',
        'code #reciprocity',
        '```',
        '',
        '<!-- comment #feedback -->',
        '',
      ].join('\n'),
    );
    expect(diagnostics).toEqual([]);
    expect(note.segments.map((s) => [s.kind, s.text, s.range.start.line, s.headings.join(' > ')])).toEqual([
      ['paragraph', 'First paragraph.', 6, 'Meeting'],
      ['list-item', 'a list item', 10, 'Meeting > Round'],
      ['blockquote', 'a quoted line', 12, 'Meeting > Round'],
      ['table-cell', 'Anna', 16, 'Meeting > Round'],
      ['table-cell', 'yes', 16, 'Meeting > Round'],
    ]);
    expect(note.codings).toEqual([]);
  });

  test('speaker labels: bold, plain declared names and ids like P03', () => {
    const { note } = read(
      ['---', 'participants:', '  Anna de Vries: {pseudonym: P01}', '---', '**Kees:** I went.', '', 'Anna de Vries: Me too.', '', 'P03: And me.', '', 'Note that: no speaker.'].join('\n'),
    );
    expect(note.segments.map((s) => [s.speaker ?? null, s.text])).toEqual([
      ['Kees', 'I went.'],
      ['Anna de Vries', 'Me too.'],
      [null, 'P03: And me.'],
      [null, 'Note that: no speaker.'],
    ]);
    const undeclared = read('P03: And me.\n\nWe: agreed.\n').note.segments;
    expect(undeclared.map((s) => s.speaker ?? null)).toEqual(['P03', 'We']);
  });

  test('segment ids are stable when other text changes', () => {
    const a = read('One.\n\nTwo.\n').note.segments[1].id;
    const b = read('# Added heading\n\nOne, edited.\n\nTwo.\n').note.segments[1].id;
    expect(a).toBe(b);
    expect(read('Same.\n\nSame.\n').note.segments.map((s) => s.id.split('#')[1].length)).toEqual([8, 10]);
  });

  test('CRLF, BOM and no front matter work and keep file-true positions', () => {
    const { note, diagnostics } = readNote('w.md', 'Intro line.\r\n\r\n**Bo:** We gave back. #reciprocity\r\n', true, { coder: 'x' });
    expect(diagnostics).toEqual([]);
    expect(note.bom).toBe(true);
    expect(note.eol).toBe('\r\n');
    expect(note.segments[1]).toMatchObject({ speaker: 'Bo', text: 'We gave back.', range: { start: { line: 3, column: 1 } } });
    expect(note.codings.map((c) => [c.code, c.range.start.line, c.range.start.column])).toEqual([['reciprocity', 3, 23]]);
  });

  test('plain-text notes (format: text) keep indented paragraphs as segments and read no tags', () => {
    const { note } = read('---\nformat: text\n---\n    An indented paragraph\n    that goes on. #not-a-tag\n\n    Second *one*.\n');
    expect(note.segments.map((s) => s.text)).toEqual(['An indented paragraph that goes on. #not-a-tag', 'Second *one*.']);
    expect(note.codings).toEqual([]);
  });
});

describe('inline coding', () => {
  test('segment tags code the whole segment, and are removed from the text', () => {
    expect(brief('We share tea #mutual-support.practical #reciprocity.\n')).toEqual([
      'inline-tag mutual-support.practical 1:14 “We share tea.”',
      'inline-tag reciprocity 1:40 “We share tea.”',
    ]);
  });

  test('spans code their own words, nest, and carry several codes', () => {
    expect(brief('She said [I [gave it back]{#reciprocity} gladly]{#feedback #mutual-support}.\n')).toEqual([
      'inline-span feedback 1:10 “I gave it back gladly”',
      'inline-span mutual-support 1:10 “I gave it back gladly”',
      'inline-span reciprocity 1:13 “gave it back”',
    ]);
    expect(read('She said [I gave it back]{#reciprocity}.\n').note.segments[0].text).toBe('She said I gave it back.');
  });

  test('escaped hashes, inline code, URLs and hashtags that are not ids do not count', () => {
    const { note } = read('Room \\#4, `#code`, http://x.org/#frag, C#, #Capital, #1 and #ok.\n');
    expect(note.codings.map((c) => c.code)).toEqual(['ok']);
    expect(note.segments[0].text).toBe('Room #4, #code, http://x.org/#frag, C#, #Capital, #1 and.');
  });

  test('plain brackets are text; a closing span without an opening one is an error', () => {
    const { note, diagnostics } = read('He laughed [laughs] and left]{#feedback}.\n');
    expect(note.segments[0].text).toBe('He laughed [laughs] and left.');
    expect(diagnostics.map((d) => `${d.line}:${d.column} ${d.ruleId}`)).toEqual(['1:29 unbalanced-span']);
    expect(read('Lost {#feedback} attributes.\n').diagnostics.map((d) => d.ruleId)).toEqual(['unbalanced-span']);
  });

  test('a span that crosses emphasis is reported', () => {
    const { diagnostics } = read('Some *[crossing* words]{#feedback} here.\n');
    expect(diagnostics.map((d) => `${d.line}:${d.column} ${d.ruleId}`)).toEqual(['1:7 crossing-span']);
  });

  test('the coder comes from front matter, else the default', () => {
    expect(read('---\ncoder: bea\n---\nText #feedback\n').note.codings[0].coder).toBe('bea');
    expect(read('Text #feedback\n').note.codings[0].coder).toBe('ann');
  });
});

describe('bad notes', () => {
  test('broken front matter is positioned and the note is skipped', () => {
    const { note, diagnostics } = read('---\nid: a\ngroup: a: b\n---\nText #feedback\n');
    expect(diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${d.ruleId}`)).toEqual(['3:8 error front-matter-invalid']);
    expect(note.segments).toEqual([]);
    expect(note.codings).toEqual([]);
    // An unclosed flow sequence is reported where the parser finds it must end.
    expect(read('---\nid: a\ngroup: [unclosed\n---\nText\n').diagnostics[0]).toMatchObject({ line: 4, ruleId: 'front-matter-invalid' });
  });

  test('unclosed front matter', () => {
    expect(read('---\nid: a\nText\n').diagnostics.map((d) => `${d.line}:${d.column} ${d.ruleId}`)).toEqual(['1:1 front-matter-invalid']);
  });

  test('an empty note', () => {
    expect(read('---\nid: a\n---\n\n').diagnostics.map((d) => `${d.line} ${d.ruleId}`)).toEqual(['4 empty-note']);
    expect(read('').diagnostics.map((d) => d.ruleId)).toEqual(['empty-note']);
  });
});
