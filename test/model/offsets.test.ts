// The offset conversions of src/model/offsets.ts, on the texts that make units
// differ: astral characters (two UTF-16 units, one code point), CRLF and lone
// CR (two or one characters, one line end), and a byte-order mark (one unit).
import { describe, expect, it } from 'vitest';
import {
  cleanTextOffsets,
  codePointLength,
  codePointsAfter,
  codePointsBefore,
  codePointToUnitTable,
  lineIndex,
  OffsetIndex,
  sliceCodePoints,
} from '../../src/model/offsets.js';

const EMOJI = '\u{1F600}'; // one code point, UTF-16 units D83D DE00

describe('code points and UTF-16 units', () => {
  const text = `a${EMOJI}b${EMOJI}${EMOJI}c`; // units: a=0, 😀=1-2, b=3, 😀=4-5, 😀=6-7, c=8

  it('counts an astral character as one code point', () => {
    expect(text.length).toBe(9);
    expect(codePointLength(text)).toBe(6);
    expect(codePointLength('')).toBe(0);
    // A lone surrogate is a code point of its own.
    expect(codePointLength('\ud83dx\ude00')).toBe(3);
  });

  it('converts both ways, rounding a split pair down', () => {
    const index = new OffsetIndex(text);
    expect(index.codePoints).toBe(6);
    expect([0, 1, 2, 3, 4, 5, 6].map((cp) => index.toUtf16(cp))).toEqual([0, 1, 3, 4, 6, 8, 9]);
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((unit) => index.toCodePoint(unit))).toEqual([0, 1, 1, 2, 3, 3, 4, 4, 5, 6]);
    expect(index.toUtf16(7)).toBeUndefined();
    expect(index.toUtf16(-1)).toBeUndefined();
    expect(index.toUtf16(1.5)).toBeUndefined();
    expect(index.toCodePoint(10)).toBeUndefined();
    expect([1, 2, 3, 5, 7].map((unit) => index.splitsPair(unit))).toEqual([false, true, false, true, true]);
    expect(index.sliceCodePoints(1, 3)).toBe(`${EMOJI}b`);
    expect(index.sliceCodePoints(3, 2)).toBeUndefined();
  });

  it('tables, slices and neighbours never split a pair', () => {
    expect([...codePointToUnitTable(text)]).toEqual([0, 1, 3, 4, 6, 8, 9]);
    expect(sliceCodePoints(text, 3, 5)).toBe(`${EMOJI}${EMOJI}`);
    expect(sliceCodePoints(text, -4, 99)).toBe(text);
    expect(codePointsBefore(text, 8, 2)).toBe(`${EMOJI}${EMOJI}`);
    expect(codePointsAfter(text, 1, 2)).toBe(`${EMOJI}b`);
    expect(codePointsBefore(text, 0, 3)).toBe('');
    expect(codePointsAfter(text, 9, 3)).toBe('');
  });

  it('a byte-order mark is one unit and one code point', () => {
    const bom = `\ufeff${EMOJI}x`;
    expect(codePointLength(bom)).toBe(3);
    expect(new OffsetIndex(bom).toUtf16(2)).toBe(3);
  });
});

describe('lines and columns', () => {
  it('counts CRLF as one line end, the CR as the last column of its line', () => {
    const index = lineIndex('ab\r\ncd\nef');
    expect(index.point(0)).toEqual({ line: 1, column: 1, offset: 0 });
    expect(index.point(2)).toEqual({ line: 1, column: 3, offset: 2 });
    expect(index.point(4)).toEqual({ line: 2, column: 1, offset: 4 });
    expect(index.point(8)).toEqual({ line: 3, column: 2, offset: 8 });
    expect(index.range(1, 5)).toEqual({ start: { line: 1, column: 2, offset: 1 }, end: { line: 2, column: 2, offset: 5 } });
    expect([1, 2, 3, 4].map((line) => index.lineStart(line))).toEqual([0, 4, 7, undefined]);
  });

  it('columns after a byte-order mark count it', () => {
    expect(lineIndex('\ufeffab').point(1)).toEqual({ line: 1, column: 2, offset: 1 });
  });
});

describe('raw text to clean text in three offset models', () => {
  // raw units: a=0 CR=1 LF=2 😀=3-4 b=5 CR=6 c=7 ; clean text "a\n😀b\nc" in code points a=0 \n=1 😀=2 b=3 \n=4 c=5
  const raw = `a\r\n${EMOJI}b\rc`;
  const clean = cleanTextOffsets(raw);

  it('normalizes line ends and says the models differ', () => {
    expect(clean.normalized).toBe(`a\n${EMOJI}b\nc`);
    expect(clean.ambiguous).toBe(true);
    expect(clean.max).toEqual({ utf16: 8, 'code-points': 7, 'code-points-crlf-as-one': 6 });
  });

  it('maps the same character from each model to one clean position', () => {
    // "b": utf16 5, code points 4 (the pair is one), CRLF-as-one 3 (and the pair).
    expect(clean.toNormalized('utf16', 5)).toBe(3);
    expect(clean.toNormalized('code-points', 4)).toBe(3);
    expect(clean.toNormalized('code-points-crlf-as-one', 3)).toBe(3);
    // "c" and the end of the text.
    expect(clean.toNormalized('utf16', 7)).toBe(5);
    expect(clean.toNormalized('code-points', 6)).toBe(5);
    expect(clean.toNormalized('code-points-crlf-as-one', 5)).toBe(5);
    expect(clean.toNormalized('utf16', 8)).toBe(6);
    expect(clean.toNormalized('code-points-crlf-as-one', 6)).toBe(6);
  });

  it('puts a position between CR and LF on the line end, and refuses positions outside', () => {
    expect(clean.toNormalized('utf16', 2)).toBe(1);
    expect(clean.toNormalized('utf16', 9)).toBeUndefined();
    expect(clean.toNormalized('code-points', 8)).toBeUndefined();
    expect(clean.toNormalized('code-points', -1)).toBeUndefined();
    expect(clean.toNormalized('code-points', Number.NaN)).toBeUndefined();
  });

  it('plain ASCII with LF is not ambiguous; a BOM stays in the clean text', () => {
    expect(cleanTextOffsets('a\nb').ambiguous).toBe(false);
    const bom = cleanTextOffsets('\ufeffab');
    expect(bom.normalized).toBe('\ufeffab');
    expect(bom.toNormalized('code-points', 1)).toBe(1);
  });
});
