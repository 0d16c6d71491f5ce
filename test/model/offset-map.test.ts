// The compact offset map answers exactly what the per-character array did,
// and keeps one pair per run of consecutive offsets, not one number per character.
import { serialize, deserialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { expandOffsets, offsetAt, offsetMap } from '../../src/model/offset-map.js';
import { readNote } from '../../src/core/note.js';

function randomOffsets(seed: number, length: number): number[] {
  let state = seed;
  const next = () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648);
  const out: number[] = [];
  let at = Math.floor(next() * 100);
  for (let i = 0; i < length; i++) {
    const roll = next();
    at += roll < 0.8 ? 1 : roll < 0.9 ? Math.floor(next() * 20) + 2 : roll < 0.95 ? 0 : -1;
    out.push(Math.max(0, at));
  }
  return out;
}

describe('offsetMap', () => {
  it.each([0, 1, 2, 7, 64, 1000])('maps every index of %i offsets as the array does', (length) => {
    for (const seed of [1, 2, 3]) {
      const offsets = randomOffsets(seed, length);
      const map = offsetMap(Int32Array.from(offsets));
      expect(map.length).toBe(length);
      for (let i = 0; i < length; i++) expect(offsetAt(map, i)).toBe(offsets[i]);
      expect(Array.from(expandOffsets(map))).toEqual(offsets);
    }
  });

  it('is undefined outside the text, as an array index is', () => {
    const map = offsetMap([5, 6, 7, 20]);
    for (const index of [-1, 4, 100, 1.5, Number.NaN]) expect(offsetAt(map, index)).toBeUndefined();
    expect(offsetAt(offsetMap([]), 0)).toBeUndefined();
  });

  it('maps a slice of an array', () => {
    const map = offsetMap([9, 3, 4, 5, 40, 41], 1, 5);
    expect(Array.from(expandOffsets(map))).toEqual([3, 4, 5, 40]);
  });

  it('keeps one pair per run: a paragraph of plain words keeps no array at all', () => {
    expect(offsetMap([10, 11, 12, 13])).toEqual({ length: 4, first: 10 });
    expect(offsetMap([10, 11, 20, 21, 22])).toEqual({ length: 5, first: 10, runs: [2, 20] });
  });

  it('survives v8.serialize (the parse cache and the workers pass segments through it)', () => {
    const map = offsetMap([1, 2, 3, 10, 11, 30]);
    const copy = deserialize(serialize(map));
    for (let i = 0; i < 6; i++) expect(offsetAt(copy, i)).toBe(offsetAt(map, i));
  });

  it('is what segments carry: a coded paragraph keeps a few runs', () => {
    const text = '**Anna:** We gave [something back]{#reciprocity} to the  group, #feedback and more words.\n';
    const { note } = readNote('n.md', text, false, { coder: 'me' });
    const [segment] = note.segments;
    expect(segment!.text).toBe('We gave something back to the group, and more words.');
    for (let i = 0; i < segment!.text.length; i++) {
      if (segment!.text[i] !== ' ') expect(text[offsetAt(segment!.offsets, i)!]).toBe(segment!.text[i]);
    }
    expect((segment!.offsets.runs ?? []).length / 2).toBeLessThan(8);
  });
});
