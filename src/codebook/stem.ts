// Language-aware keyword matching: the codebook's `languages:` picks Snowball
// stemmers (the `snowball-stemmers` package: Snowball's own English, i.e.
// Porter2, and Dutch algorithms), so a keyword finds its inflected forms, and
// for Dutch also compounds in which it is the head or the modifier. The rule,
// with its minimum lengths, is documented in codebook/README.md (Keywords).
import snowball from 'snowball-stemmers';

/** Languages with a stemmer, by ISO 639-1 code. */
export const STEMMED_LANGUAGES = { en: 'english', nl: 'dutch' } as const;
export type StemLanguage = keyof typeof STEMMED_LANGUAGES;

/** A keyword word shorter than this matches only as written: stems of short words collide too often. */
export const MIN_STEMMED_WORD = 4;
/** A Dutch keyword joins compounds only when its stem has this many letters (`moed` must not find `armoede`). */
export const MIN_COMPOUND_KEYWORD = 5;
/** The other part of a compound must have this many letters (`onbegrip` is not a compound of `begrip`). */
export const MIN_COMPOUND_REST = 3;
/** A Dutch weak past tense or participle is only undone when the verb stem left has this many letters. */
const MIN_PAST_STEM = 4;

/** The stemmed language of a `languages:` entry (`nl`, `nl-BE`, `EN`), or undefined when fieldcode has no stemmer for it. */
export function stemLanguage(tag: string): StemLanguage | undefined {
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0];
  return primary in STEMMED_LANGUAGES ? (primary as StemLanguage) : undefined;
}

type Stem = (word: string) => string;

function stemmerFor(language: StemLanguage): Stem {
  const stemmer = snowball.newStemmer(STEMMED_LANGUAGES[language]);
  return (word) => stemmer.stem(word);
}

// 't kofschip: a Dutch weak verb whose stem ends in a voiceless consonant takes
// -te(n) / ge-…-t, any other -de(n) / ge-…-d. Checking it keeps `gemeente`
// (gemeen + te after a voiced n) from reading as a past tense.
const VOICELESS_END = /(?:t|k|f|s|ch|p|x|c)$/;
const PAST_TENSE = /^(.+)([dt])en?$/;
const PARTICIPLE = /^ge(.+)([dt])$/;

/**
 * Verb stems of a Dutch weak past tense (`schaamde`, `werkten`) or past
 * participle (`geschaamd`, `gewerkt`), which Snowball Dutch leaves as they are.
 */
export function dutchPastStems(word: string): string[] {
  const out: string[] = [];
  for (const form of [PAST_TENSE, PARTICIPLE]) {
    const match = form.exec(word);
    if (!match || match[1].length < MIN_PAST_STEM) continue;
    if ((match[2] === 't') === VOICELESS_END.test(match[1])) out.push(match[1]);
  }
  return out;
}

/** What one folded word is, for every stemmed language; cached per word. */
interface WordForms {
  /** `lang:stem` of the word itself (and, in Dutch, of the verb stem of a past form). */
  stems: Set<string>;
  /** Dutch only: stems of the head and of the modifier of every two-part split of the word. */
  parts: Set<string>;
}

export interface Stemming {
  languages: StemLanguage[];
  /** `lang:stem` keys of one keyword word, one per language. */
  keywordStems(word: string): string[];
  /** The Dutch stem of a single-word keyword when it is long enough to join compounds. */
  compoundStem(word: string): string | undefined;
  forms(word: string): WordForms;
}

/** Stemming for a codebook's `languages:`, or undefined when none of them has a stemmer (keywords then match as written). */
export function stemmingFor(languages: string[]): Stemming | undefined {
  const chosen = [...new Set(languages.map(stemLanguage).filter((l): l is StemLanguage => l !== undefined))].sort();
  if (chosen.length === 0) return undefined;
  const stemmers = new Map(chosen.map((language) => [language, stemmerFor(language)]));
  const dutch = stemmers.get('nl');
  const cache = new Map<string, WordForms>();
  return {
    languages: chosen,
    keywordStems: (word) => (word.length < MIN_STEMMED_WORD ? [] : chosen.map((language) => `${language}:${stemmers.get(language)!(word)}`)),
    compoundStem: (word) => {
      if (!dutch) return undefined;
      const stem = dutch(word);
      return stem.length >= MIN_COMPOUND_KEYWORD ? stem : undefined;
    },
    forms: (word) => {
      let forms = cache.get(word);
      if (forms) return forms;
      forms = { stems: new Set(), parts: new Set() };
      for (const [language, stem] of stemmers) forms.stems.add(`${language}:${stem(word)}`);
      if (dutch) {
        for (const past of dutchPastStems(word)) forms.stems.add(`nl:${dutch(past)}`);
        // Every split with a head of MIN_COMPOUND_KEYWORD letters and a modifier of MIN_COMPOUND_REST, and the reverse.
        for (let cut = MIN_COMPOUND_REST; cut <= word.length - MIN_COMPOUND_KEYWORD; cut++) forms.parts.add(dutch(word.slice(cut)));
        for (let cut = MIN_COMPOUND_KEYWORD; cut <= word.length - MIN_COMPOUND_REST; cut++) forms.parts.add(dutch(word.slice(0, cut)));
      }
      // Words repeat a lot within a corpus; the bound only keeps a pathological input from growing the cache forever.
      if (cache.size > 200_000) cache.clear();
      cache.set(word, forms);
      return forms;
    },
  };
}
