// Keyword folding (lowercase, accents stripped, map back to the original)
// is computed per segment without a `normalize` call per character, and
// gives exactly what folding each character on its own gives.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { foldForMatching } from '../../src/codebook/match.js';

/** The definition: each code point normalised, marks dropped, lowercased. */
function foldEachCharacter(value: string): { text: string; map: number[] } {
  let text = '';
  const map: number[] = [];
  for (let i = 0; i < value.length; i++) {
    const code = value.codePointAt(i)!;
    const folded = String.fromCodePoint(code).normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
    text += folded;
    for (let k = 0; k < folded.length; k++) map.push(i);
    if (code > 0xffff) i++;
  }
  return { text, map };
}

const SAMPLES = [
  '',
  'Reciprociteit, WE GAVE BACK.',
  'geëmancipeerd Ëén café naïve façade',
  'İstanbul ǅemal ß ﬁne Ω',
  'e\u0301 combining after e, a\u0308\u0301 two marks',
  'emoji 😀 then Ä, and a lone \ud800 surrogate',
  'ПРИВЕТ мир Ελληνικά',
];

describe('foldForMatching', () => {
  afterEach(() => vi.restoreAllMocks());

  it.each(SAMPLES)('folds %j as folding each character does', (sample) => {
    const folded = foldForMatching(sample);
    const expected = foldEachCharacter(sample);
    expect(folded.text).toBe(expected.text);
    expect(Array.from(folded.map)).toEqual(expected.map);
  });

  it('folds ASCII text without normalising each character', () => {
    const normalize = vi.spyOn(String.prototype, 'normalize');
    const text = 'We Gave Back what they gave us. '.repeat(200);
    expect(foldForMatching(text).text).toBe(text.toLowerCase());
    expect(normalize).not.toHaveBeenCalled();
  });

  it('normalises each distinct non-ASCII character at most once', () => {
    foldForMatching('x'); // settle anything lazily initialised
    const normalize = vi.spyOn(String.prototype, 'normalize');
    foldForMatching('één één één ëén ÉÉN'.repeat(100));
    expect(normalize.mock.calls.length).toBeLessThanOrEqual(3);
  });
});
