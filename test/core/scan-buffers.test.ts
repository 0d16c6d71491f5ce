// The per-paragraph scan buffers of collectChars/scanInline are allocated
// once and reused: many paragraphs do not allocate new ones, and a short
// paragraph after a long one reads nothing left over from it.
import { offsetAt } from '../../src/model/offset-map.js';
import { describe, expect, it } from 'vitest';
import { readNote } from '../../src/core/note.js';
import { scanBufferGrowths } from '../../src/core/inline.js';

const read = (text: string) => readNote('note.md', text, false, { coder: 'me' });

describe('scan buffers', () => {
  it('are not allocated per paragraph', () => {
    const paragraphs = Array.from({ length: 500 }, (_, i) => `**Anna:** paragraph ${i} about [giving back]{#reciprocity} to the group #feedback.`);
    read(`${paragraphs[0]}\n`);
    const before = scanBufferGrowths();
    const { note } = read(`${paragraphs.join('\n\n')}\n`);
    expect(note.segments).toHaveLength(500);
    expect(note.codings).toHaveLength(1000);
    expect(scanBufferGrowths() - before).toBe(0);
  });

  it('grow for a long paragraph and keep nothing of it for the next', () => {
    const long = `[${'word '.repeat(5000)}]{#reciprocity} #feedback`;
    const short = 'Plain words, #next-step here.';
    const alone = read(`${short}\n`).note;
    const before = scanBufferGrowths();
    const after = read(`${long}\n\n${short}\n`).note;
    expect(scanBufferGrowths()).toBeGreaterThan(before);
    expect(after.segments[0]!.text).toBe(`${'word '.repeat(5000).trim()}`);
    const second = after.segments[1]!;
    expect(second.text).toBe(alone.segments[0]!.text);
    expect(second.text).toBe('Plain words, here.');
    expect(Array.from({ length: second.text.length }, (_, i) => offsetAt(second.offsets, i)! - second.range.start.offset)).toEqual(
      Array.from({ length: alone.segments[0]!.text.length }, (_, i) => offsetAt(alone.segments[0]!.offsets, i)!),
    );
    expect(after.codings.map((c) => c.code)).toEqual(['feedback', 'reciprocity', 'next-step']);
  });

  it('keep every UTF-16 unit of the text: accents, emoji and a lone surrogate', () => {
    const { note } = read('Café 😀 naïve \ud800 end #feedback\n');
    expect(note.segments[0]!.text).toBe('Café 😀 naïve \ud800 end');
  });
});
