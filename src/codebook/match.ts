// Keyword and pattern matching, compiled once per codebook. Keywords are
// whole-word, case- and accent-insensitive ("reciprociteit" finds
// "Reciprociteit", "geëmancipeerd" finds "geemancipeerd"); `*` is a word-end
// wildcard. With a stemmed language in the codebook's `languages:` a keyword
// also finds its inflections and (Dutch) compounds: see stem.ts. Patterns are regular expressions run case-insensitively on RE2
// (re2js), whose matching time is linear in the text: a pattern from a shared
// codebook such as `(a+)+$` cannot hang `suggest` or `tag`.
import { RE2JS } from 're2js';
import type { Codebook, Segment } from '../types.js';
import { MIN_COMPOUND_REST, stemmingFor, type Stemming } from './stem.js';

export interface Folded {
  text: string;
  /** `map[i]` is the index in the original string of folded character `i`. */
  map: Int32Array;
}

// Folding runs over every segment of the corpus for `suggest` and `tag`:
// ASCII folds by a lowercase, and each other character's fold is computed
// once per process (a corpus uses few distinct characters), instead of a
// `normalize('NFD')` per character.
const foldedCharacters = new Map<string, string>();
const FOLD_CACHE_LIMIT = 65_536;

function foldCharacter(ch: string): string {
  let folded = foldedCharacters.get(ch);
  if (folded === undefined) {
    folded = ch.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
    if (foldedCharacters.size < FOLD_CACHE_LIMIT) foldedCharacters.set(ch, folded);
  }
  return folded;
}

/** Lowercases and strips accents, keeping a map back to the original indices. */
export function foldForMatching(value: string): Folded {
  let map = new Int32Array(value.length);
  let length = 0;
  const parts: string[] = [];
  let asciiFrom = 0;
  const grow = (needed: number): void => {
    if (needed <= map.length) return;
    const bigger = new Int32Array(Math.max(needed, map.length * 2));
    bigger.set(map.subarray(0, length));
    map = bigger;
  };
  const flushAscii = (to: number): void => {
    if (to <= asciiFrom) return;
    parts.push(value.slice(asciiFrom, to).toLowerCase());
    grow(length + to - asciiFrom);
    for (let i = asciiFrom; i < to; i++) map[length++] = i;
  };
  for (let i = 0; i < value.length; i++) {
    if (value.charCodeAt(i) < 0x80) continue;
    flushAscii(i);
    const code = value.codePointAt(i)!;
    const wide = code > 0xffff;
    const folded = foldCharacter(wide ? value.slice(i, i + 2) : value[i]!);
    parts.push(folded);
    grow(length + folded.length);
    for (let k = 0; k < folded.length; k++) map[length++] = i;
    if (wide) i++;
    asciiFrom = i + 1;
  }
  flushAscii(value.length);
  return { text: parts.length === 1 ? parts[0]! : parts.join(''), map: map.subarray(0, length) };
}

export interface Matcher {
  code: string;
  source: string;
  /** Start and end (exclusive) of every non-overlapping match, left to right. */
  find: (haystack: string) => Array<[number, number]>;
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

/** Compiles a codebook pattern on RE2: case-insensitive, linear-time; throws on syntax RE2 lacks (lookaround, backreferences). */
export function compilePattern(pattern: string): RE2JS {
  return RE2JS.compile(pattern, RE2JS.CASE_INSENSITIVE);
}

function regexFinder(regex: RegExp): Matcher['find'] {
  return (haystack) => {
    regex.lastIndex = 0;
    const found: Array<[number, number]> = [];
    for (const match of haystack.matchAll(regex)) found.push([match.index!, match.index! + match[0].length]);
    return found;
  };
}

function re2Finder(pattern: RE2JS): Matcher['find'] {
  return (haystack) => {
    const found: Array<[number, number]> = [];
    const matcher = pattern.matcher(haystack);
    while (matcher.find()) found.push([matcher.start(), matcher.end()]);
    return found;
  };
}

const TOKEN = /[\p{L}\p{N}]+/gu;
/** Keyword words the stemmer can take: letters and digits, with an optional final `*`. */
const PLAIN_WORD = /^[\p{L}\p{N}]+\*?$/u;

interface Token {
  text: string;
  start: number;
  end: number;
}

/** The words of a folded text; the last text is kept, because every keyword of a codebook is run on the same segment in turn. */
function tokenizer(): (haystack: string) => Token[] {
  let last: string | undefined;
  let tokens: Token[] = [];
  return (haystack) => {
    if (haystack !== last) {
      last = haystack;
      tokens = [...haystack.matchAll(TOKEN)].map((m) => ({ text: m[0], start: m.index!, end: m.index! + m[0].length }));
    }
    return tokens;
  };
}

/**
 * Every stemmed keyword word of a codebook, indexed by what finds it (the word,
 * its stems, its compound head stem, its modifier spellings), so each word of
 * the text is looked up once instead of being tested against every keyword.
 */
class KeywordIndex {
  private readonly exact = new Map<string, number[]>();
  private readonly stems = new Map<string, number[]>();
  private readonly heads = new Map<string, number[]>();
  private readonly modifiers = new Map<string, number[]>();
  private readonly ids = new Map<string, number>();
  private readonly cache = new Map<string, Set<number>>();

  constructor(private readonly stemming: Stemming) {}

  /** The id of a keyword word (a single-word keyword also joins compounds). */
  add(word: string, single: boolean): number {
    const key = `${single ? 1 : 0}${word}`;
    const known = this.ids.get(key);
    if (known !== undefined) return known;
    const id = this.ids.size;
    this.ids.set(key, id);
    const put = (map: Map<string, number[]>, value: string): void => void map.set(value, [...(map.get(value) ?? []), id]);
    put(this.exact, word);
    for (const stem of this.stemming.keywordStems(word)) put(this.stems, stem);
    const compound = single ? this.stemming.compound(word) : undefined;
    if (compound) {
      put(this.heads, compound.stem);
      for (const modifier of compound.modifiers) put(this.modifiers, modifier);
    }
    this.cache.clear();
    return id;
  }

  /** Ids of the keyword words a folded word of the text stands for. */
  matches(token: string): Set<number> {
    let found = this.cache.get(token);
    if (found) return found;
    found = new Set(this.exact.get(token));
    const forms = this.stemming.forms(token);
    for (const stem of forms.stems) for (const id of this.stems.get(stem) ?? []) found.add(id);
    for (const head of forms.heads) for (const id of this.heads.get(head) ?? []) found.add(id);
    // A modifier leaves at least MIN_COMPOUND_REST letters for the head.
    for (let cut = 1; cut <= token.length - MIN_COMPOUND_REST; cut++) for (const id of this.modifiers.get(token.slice(0, cut)) ?? []) found.add(id);
    if (this.cache.size > 200_000) this.cache.clear();
    this.cache.set(token, found);
    return found;
  }
}

/** Whether a folded word of the text stands for one folded keyword word. */
function wordTest(word: string, stemming: Stemming, index: KeywordIndex, single: boolean): (token: string) => boolean {
  if (word.endsWith('*')) {
    const prefix = word.slice(0, -1);
    return (token) => token.startsWith(prefix);
  }
  if (stemming.keywordStems(word).length === 0) return (token) => token === word;
  const id = index.add(word, single);
  return (token) => token === word || index.matches(token).has(id);
}

/** A keyword of plain words matched word by word, with stems; undefined when a word holds punctuation (then the keyword matches as written). */
function stemmedFinder(keyword: string, stemming: Stemming, index: KeywordIndex, tokensOf: (haystack: string) => Token[]): Matcher['find'] | undefined {
  const words = foldForMatching(keyword.trim()).text.split(/\s+/).filter(Boolean);
  if (words.length === 0 || !words.every((word) => PLAIN_WORD.test(word))) return undefined;
  const tests = words.map((word) => wordTest(word, stemming, index, words.length === 1));
  return (haystack) => {
    const tokens = tokensOf(haystack);
    const found: Array<[number, number]> = [];
    for (let i = 0; i + tests.length <= tokens.length; i++) {
      let ok = true;
      for (let k = 0; k < tests.length && ok; k++) {
        // The words of a phrase follow each other across whitespace only, as in a keyword without stems.
        ok = tests[k](tokens[i + k].text) && (k === 0 || /^\s+$/u.test(haystack.slice(tokens[i + k - 1].end, tokens[i + k].start)));
      }
      if (!ok) continue;
      found.push([tokens[i].start, tokens[i + tests.length - 1].end]);
      i += tests.length - 1;
    }
    return found;
  };
}

/** Compiles every code's keywords and patterns; invalid patterns were reported by `readCodebook`. */
export function compileMatchers(codebook: Codebook): Matcher[] {
  const matchers: Matcher[] = [];
  const stemming = stemmingFor(codebook.languages);
  const index = stemming && new KeywordIndex(stemming);
  const tokensOf = tokenizer();
  for (const code of codebook.codes) {
    for (const keyword of code.keywords) {
      if (!keyword.trim()) continue;
      // Keywords are escaped words joined by `\s+`: no nested quantifiers, so the native engine is safe.
      const find = (stemming && index && stemmedFinder(keyword, stemming, index, tokensOf)) || regexFinder(keywordRegex(keyword));
      matchers.push({ code: code.id, source: keyword, find, folded: true });
    }
    for (const pattern of code.patterns) {
      try {
        matchers.push({ code: code.id, source: pattern, find: re2Finder(compilePattern(pattern)), folded: false });
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
    for (const [from, to] of matcher.find(haystack)) {
      if (to === from) continue;
      const start = matcher.folded ? folded.map[from] : from;
      const end = matcher.folded ? folded.map[to - 1] + 1 : to;
      matches.push({ code: matcher.code, start, end, matched: segment.text.slice(start, end), rule: matcher.source });
    }
  }
  return matches.sort((a, b) => a.start - b.start || a.end - b.end || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}
