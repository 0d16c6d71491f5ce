import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { readNote } from '../../src/core/note.js';
import { addSegmentTag, addSpan, applySplices, findWords, isProblem, removeSegmentTag, removeSpan, segmentAtLine, sentences, type EditResult } from '../../src/core/write-inline.js';
import type { Note } from '../../src/types.js';

const FIXTURES = new URL('../fixtures/tag/', import.meta.url);

/** Reads a fixture the way the CLI does: bytes, BOM off, strict UTF-8. */
function fixture(name: string): { bytes: Buffer; note: Note } {
  const bytes = readFileSync(new URL(name, FIXTURES));
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const text = new TextDecoder('utf-8', { fatal: true }).decode(bom ? bytes.subarray(3) : bytes);
  return { bytes, note: readNote(name, text, bom, { coder: 'ann' }).note };
}

const read = (text: string, path = 'n.md'): Note => readNote(path, text, false, { coder: 'ann' }).note;

function ok(result: EditResult): string {
  if (!result.ok) throw new Error(`edit refused: ${result.problem.message}`);
  return result.text;
}

/** The file bytes after an edit, BOM re-added as the CLI writes them. */
const bytesOf = (note: Note, text: string): Buffer => Buffer.from((note.bom ? '\uFEFF' : '') + text, 'utf8');

const codings = (text: string) =>
  read(text).codings.map((c) => `${c.origin} ${c.code} “${c.text}”`).sort();

describe('segment tags', () => {
  test('go after the last visible character of a one-line paragraph', () => {
    const note = read('First line.\n\nSecond line.\n');
    expect(ok(addSegmentTag(note, note.segments[0], 'feedback'))).toBe('First line. #feedback\n\nSecond line.\n');
  });

  test('go after the last visible character of a multi-line paragraph, before its trailing spaces', () => {
    const note = read('One line  \nand another   \n\nNext.\n');
    expect(ok(addSegmentTag(note, note.segments[0], 'feedback'))).toBe('One line  \nand another #feedback   \n\nNext.\n');
  });

  test('go inside a table cell, before the padding and the pipe', () => {
    const note = read('| who | said |\n| --- | --- |\n| Anna | we **swap** favours  |\n');
    const cell = note.segments.find((s) => s.text === 'we swap favours')!;
    expect(ok(addSegmentTag(note, cell, 'reciprocity'))).toBe('| who | said |\n| --- | --- |\n| Anna | we **swap** favours #reciprocity  |\n');
  });

  test('in a table cell, an escaped pipe is the cell’s text and an escaped backslash is not, so the tag goes after the one and before the other’s pipe', () => {
    const note = read('| who | said |\n| --- | --- |\n| Anna | a \\| b |\n| Ben | c \\\\|\n');
    const escapedPipe = note.segments.find((s) => s.text === 'a | b')!;
    expect(ok(addSegmentTag(note, escapedPipe, 'feedback'))).toBe('| who | said |\n| --- | --- |\n| Anna | a \\| b #feedback |\n| Ben | c \\\\|\n');
    const pipeAfterBackslash = note.segments.find((s) => s.text === 'c \\')!;
    expect(ok(addSegmentTag(note, pipeAfterBackslash, 'feedback'))).toBe('| who | said |\n| --- | --- |\n| Anna | a \\| b |\n| Ben | c \\\\ #feedback|\n');
  });

  test('the edited note comes back read, with the coder asked for, so the caller need not parse it again', () => {
    const note = read('First line.\n\nSecond line.\n');
    const result = addSegmentTag(note, note.segments[1], 'feedback', { coder: 'ben' });
    expect(result).toMatchObject({ ok: true, changed: true });
    if (!result.ok || !result.changed) return;
    expect(result.note.text).toBe(result.text);
    expect(result.note.codings.map((c) => `${c.code} ${c.coder} ${c.text}`)).toEqual(['feedback ben Second line.']);
  });

  test('go after closing emphasis and links, not inside them', () => {
    const note = read('It was *really* [good](https://x.org)\n');
    const text = ok(addSegmentTag(note, note.segments[0], 'feedback'));
    expect(text).toBe('It was *really* [good](https://x.org) #feedback\n');
    expect(codings(text)).toEqual(['inline-tag feedback “It was really good”']);
  });

  test('adding a tag that is already there changes nothing', () => {
    const note = read('Done. #feedback\n');
    const result = addSegmentTag(note, note.segments[0], 'feedback');
    expect(result).toMatchObject({ ok: true, changed: false });
  });

  test('removing takes the tag and one adjacent space, in the middle or at the end', () => {
    const note = read('I went #feedback home. #reciprocity\n');
    expect(ok(removeSegmentTag(note, note.segments[0], 'feedback'))).toBe('I went home. #reciprocity\n');
    expect(ok(removeSegmentTag(note, note.segments[0], 'reciprocity'))).toBe('I went #feedback home.\n');
  });

  test('removing a tag alone on the last line of a paragraph removes that line', () => {
    const note = read('Some text\r\n#feedback\r\n\r\nNext.\r\n');
    expect(ok(removeSegmentTag(note, note.segments[0], 'feedback'))).toBe('Some text\r\n\r\nNext.\r\n');
  });

  test('removing a tag refuses when only a span carries the code', () => {
    const note = read('I [give back]{#reciprocity} now.\n');
    const result = removeSegmentTag(note, note.segments[0], 'reciprocity');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem.ruleId).toBe('code-not-applied');
  });
});

describe('spans', () => {
  test('wrap exact words found in the readable text', () => {
    const note = read('**Anna:** I want to give back to the group.\n', 'n.md');
    const segment = note.segments[0];
    expect(segment.speaker).toBe('Anna');
    const range = findWords(segment, 'give  back');
    if (isProblem(range)) throw new Error(range.message);
    const text = ok(addSpan(note, segment, 'reciprocity', range));
    expect(text).toBe('**Anna:** I want to [give back]{#reciprocity} to the group.\n');
    expect(codings(text)).toEqual(['inline-span reciprocity “give back”']);
  });

  test('inside emphasis, the brackets stay inside the emphasis', () => {
    const note = read('She said *we swap favours here* and laughed.\n');
    const range = findWords(note.segments[0], 'swap favours');
    if (isProblem(range)) throw new Error(range.message);
    expect(ok(addSpan(note, note.segments[0], 'reciprocity', range))).toBe('She said *we [swap favours]{#reciprocity} here* and laughed.\n');
  });

  test('refuse words that cross markup, with a position', () => {
    const note = read('She said *we swap* favours here.\n');
    const range = findWords(note.segments[0], 'swap favours');
    if (isProblem(range)) throw new Error(range.message);
    const result = addSpan(note, note.segments[0], 'reciprocity', range);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problem.ruleId).toBe('span-crosses-markup');
      expect(result.problem.offset).toBe('She said *we swap'.length);
    }
  });

  test('refuse words inside inline code, where brackets would be literal', () => {
    const note = read('Type `give back now` here.\n');
    const range = findWords(note.segments[0], 'give back');
    if (isProblem(range)) throw new Error(range.message);
    const result = addSpan(note, note.segments[0], 'reciprocity', range);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem.ruleId).toBe('edit-not-verified');
  });

  test('words that are missing or occur twice are problems', () => {
    const note = read('We give and we give.\n');
    expect(findWords(note.segments[0], 'take')).toMatchObject({ ruleId: 'words-not-found' });
    expect(findWords(note.segments[0], 'We Give')).toMatchObject({ ruleId: 'words-not-found', message: expect.stringContaining('different capitals') });
    expect(findWords(note.segments[0], 'give')).toMatchObject({ ruleId: 'ambiguous-words' });
    expect(findWords(note.segments[0], 'we give.')).toEqual({ start: 12, end: 20 });
  });

  test('the same words again join the existing attribute block; removing takes one code, then the brackets', () => {
    const note = read('I [give back]{#reciprocity} now.\n');
    const range = findWords(note.segments[0], 'give back');
    if (isProblem(range)) throw new Error(range.message);
    const two = ok(addSpan(note, note.segments[0], 'feedback', range));
    expect(two).toBe('I [give back]{#reciprocity #feedback} now.\n');
    const note2 = read(two);
    const one = ok(removeSpan(note2, note2.segments[0], 'reciprocity', range));
    expect(one).toBe('I [give back]{#feedback} now.\n');
    const note3 = read(one);
    expect(ok(removeSpan(note3, note3.segments[0], 'feedback'))).toBe('I give back now.\n');
  });

  test('an escaped first character stays escaped inside the span', () => {
    const note = read('Prices went up \\*a lot\\* this year.\n');
    const range = findWords(note.segments[0], '*a lot*');
    if (isProblem(range)) throw new Error(range.message);
    const text = ok(addSpan(note, note.segments[0], 'cost', range));
    expect(text).toBe('Prices went up [\\*a lot\\*]{#cost} this year.\n');
    expect(codings(text)).toEqual(['inline-span cost “*a lot*”']);
  });

  test('sentences of a segment come from Intl.Segmenter', () => {
    const note = read('**Anna:** First one. Second one? Third!\n');
    const segment = note.segments[0];
    expect(sentences(segment).map((r) => segment.text.slice(r.start, r.end))).toEqual(['First one.', 'Second one?', 'Third!']);
  });
});

describe('byte preservation on real files', () => {
  test('CRLF + BOM: only the inserted bytes differ, the BOM and every CRLF stay', () => {
    const { bytes, note } = fixture('crlf-bom.md');
    expect(note.bom).toBe(true);
    expect(note.eol).toBe('\r\n');
    const segment = segmentAtLine(note, 19)!;
    expect(segment.speaker).toBe('Anna');
    const tagged = ok(addSegmentTag(note, segment, 'reciprocity'));
    const after = bytesOf(note, tagged);
    const marker = Buffer.from('tax forms.', 'utf8');
    const at = bytes.indexOf(marker) + marker.length;
    expect(Buffer.concat([bytes.subarray(0, at), Buffer.from(' #reciprocity'), bytes.subarray(at)]).equals(after)).toBe(true);
    expect(after.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(true);
    expect(tagged.split('\r\n').length).toBe(note.text.split('\r\n').length);
    expect(/[^\r]\n/.test(tagged)).toBe(false);

    // A span on the multi-line turn, then removing both: back to the original bytes.
    const note2 = readNote('crlf-bom.md', tagged, true, { coder: 'ann' }).note;
    const turn = segmentAtLine(note2, 16)!;
    const range = findWords(turn, 'four parties. My counsellor');
    if (isProblem(range)) throw new Error(range.message);
    const spanned = ok(addSpan(note2, turn, 'feedback', range));
    expect(spanned).toContain('[four parties.\r\nMy counsellor]{#feedback}');
    const note3 = readNote('crlf-bom.md', spanned, true, { coder: 'ann' }).note;
    const untagged = ok(removeSegmentTag(note3, segmentAtLine(note3, 19)!, 'reciprocity'));
    const note4 = readNote('crlf-bom.md', untagged, true, { coder: 'ann' }).note;
    const restored = ok(removeSpan(note4, segmentAtLine(note4, 16)!, 'feedback'));
    expect(bytesOf(note, restored).equals(bytes)).toBe(true);
  });

  test('CRLF table cell: the tag goes inside the cell and the trailing spaces stay', () => {
    const { note } = fixture('crlf-bom.md');
    const cell = note.segments.find((s) => s.text === 'we swap favours here')!;
    const text = ok(addSegmentTag(note, cell, 'reciprocity'));
    expect(text.endsWith('| Anna | we swap favours here #reciprocity  |\r\n')).toBe(true);
  });

  test('trailing whitespace: every trailing space and tab stays where it was', () => {
    const { bytes, note } = fixture('trailing-space.md');
    let text = note.text;
    let current = note;
    for (const segment of [...note.segments].reverse()) {
      const seg = current.segments[segment.index];
      text = ok(addSegmentTag(current, seg, 'feedback'));
      current = read(text, 'trailing-space.md');
    }
    expect(text).toBe(
      bytes
        .toString('utf8')
        .replace('coffee first.\t', 'coffee first. #feedback\t')
        .replace('for everyone.  ', 'for everyone. #feedback  ')
        .replace('allowance   ', 'allowance #feedback   ')
        .replace('It went on.   ', 'It went on. #feedback   ')
        .replace('final newline.   ', 'final newline. #feedback   '),
    );
    // Removing them again gives back the original bytes.
    for (const segment of [...current.segments].reverse()) {
      text = ok(removeSegmentTag(current, current.segments[segment.index], 'feedback'));
      current = read(text, 'trailing-space.md');
    }
    expect(Buffer.from(text, 'utf8').equals(bytes)).toBe(true);
  });

  test('front matter with comments, flow maps and odd indentation is left byte for byte', () => {
    const { bytes, note } = fixture('odd-front-matter.md');
    expect(note.data.group).toBe('north');
    const original = bytes.toString('utf8');
    const frontMatter = original.slice(0, original.indexOf('---\n', 4) + 4);
    const first = ok(addSegmentTag(note, note.segments[0], 'feedback'));
    const note2 = read(first, 'odd-front-matter.md');
    const range = findWords(note2.segments[1], 'both ways');
    if (isProblem(range)) throw new Error(range.message);
    const second = ok(addSpan(note2, note2.segments[1], 'reciprocity', range));
    expect(second.startsWith(frontMatter)).toBe(true);
    expect(second).toBe(
      original
        .replace('inside.\n', 'inside. #feedback\n')
        .replace('both ways.', '[both ways]{#reciprocity}.'),
    );
  });

  test('applySplices applies in any order', () => {
    expect(applySplices('abcdef', [{ offset: 1, remove: 1, insert: 'X' }, { offset: 4, remove: 0, insert: 'Y' }])).toBe('aXcdYef');
  });
});
