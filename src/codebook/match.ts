// Keyword and pattern matching, compiled once per codebook. Keywords are
// whole-word, case- and accent-insensitive ("reciprociteit" finds
// "Reciprociteit", "geëmancipeerd" finds "geemancipeerd"); `*` is a word-end
// wildcard. Patterns are regular expressions run case-insensitively.
import type { Codebook, Segment } from '../types.js';

export interface Folded {
  text: string;
  /** `map[i]` is the index in the original string of folded character `i`. */
  map: number[];
}

/** Lowercases and strips accents, keeping a map back to the original indices. */
export function foldForMatching(value: string): Folded {
  let text = '';
  const map: number[] = [];
  for (let i = 0; i < value.length; i++) {
    const code = value.codePointAt(i)!;
    const ch = String.fromCodePoint(code);
    const folded = ch.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
    for (const unit of folded) {
      text += unit;
      for (let k = 0; k < unit.length; k++) map.push(i);
    }
    if (code > 0xffff) i++;
  }
  return { text, map };
}

export interface Matcher {
  code: string;
  source: string;
  regex: RegExp;
  /** Keywords run on folded text, patterns on the text as written. */
  folded: boolean;
}

export interface Match {
  code: string;
  /** Clean-text indices in the segment, end exclusive. */
  start: number;
  end: number;
  matched: string;
  rule: string;
}

const WORD = '[\\p{L}\\p{N}]';

export function keywordRegex(keyword: string): RegExp {
  const words = foldForMatching(keyword.trim()).text.split(/\s+/).filter(Boolean);
  const body = words
    .map((word) => {
      const wildcard = word.endsWith('*');
      const stem = (wildcard ? word.slice(0, -1) : word).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      return wildcard ? `${stem}${WORD}*` : stem;
    })
    .join('\\s+');
  return new RegExp(`(?<!${WORD})${body}(?!${WORD})`, 'gu');
}

/** Compiles every code's keywords and patterns; invalid patterns were reported by `readCodebook`. */
export function compileMatchers(codebook: Codebook): Matcher[] {
  const matchers: Matcher[] = [];
  for (const code of codebook.codes) {
    for (const keyword of code.keywords) {
      if (keyword.trim()) matchers.push({ code: code.id, source: keyword, regex: keywordRegex(keyword), folded: true });
    }
    for (const pattern of code.patterns) {
      try {
        matchers.push({ code: code.id, source: pattern, regex: new RegExp(pattern, 'giu'), folded: false });
      } catch {
        // Reported as `invalid-pattern` when the codebook was read.
      }
    }
  }
  return matchers;
}

/** Every keyword or pattern match in a segment's text, in text order. */
export function matchSegment(segment: Pick<Segment, 'text'>, matchers: Matcher[]): Match[] {
  const folded = foldForMatching(segment.text);
  const matches: Match[] = [];
  for (const matcher of matchers) {
    const haystack = matcher.folded ? folded.text : segment.text;
    matcher.regex.lastIndex = 0;
    for (const found of haystack.matchAll(matcher.regex)) {
      if (found[0].length === 0) continue;
      const from = found.index!;
      const to = from + found[0].length;
      const start = matcher.folded ? folded.map[from] : from;
      const end = matcher.folded ? folded.map[to - 1] + 1 : to;
      matches.push({ code: matcher.code, start, end, matched: segment.text.slice(start, end), rule: matcher.source });
    }
  }
  return matches.sort((a, b) => a.start - b.start || a.end - b.end || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}
