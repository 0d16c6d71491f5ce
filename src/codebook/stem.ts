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
/** A Dutch verb ending (-t, -de, ge-…-d) is only undone when the verb stem left has this many letters. */
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

const PRESENT = /^(.+[^t])t$/;

/**
 * Verb stems of a Dutch present tense in -t (`schaamt`), a weak past tense
 * (`schaamde`, `werkten`) or a past participle (`geschaamd`, `gewerkt`),
 * which Snowball Dutch leaves as they are.
 */
export function dutchVerbStems(word: string): string[] {
  const out: string[] = [];
  const present = PRESENT.exec(word);
  if (present && present[1].length >= MIN_PAST_STEM) out.push(present[1]);
  for (const form of [PAST_TENSE, PARTICIPLE]) {
    const match = form.exec(word);
    if (!match || match[1].length < MIN_PAST_STEM) continue;
    if ((match[2] === 't') === VOICELESS_END.test(match[1])) out.push(match[1]);
  }
  return out;
}

export interface Compound {
  /** The keyword's Dutch stem, which a compound's head must stem to. */
  stem: string;
  /** How the keyword is written as the first part of a compound (`formulier`, `schaam`). */
  modifiers: string[];
}

const LINKING = ['', 's', 'e', 'en'];

/**
 * The spellings of a keyword as the first part of a compound: as written, and
 * its stem as Dutch writes a word stem (`doorzetten` → `doorzet`, `schamen` →
 * `schaam`, `teruggeven` → `teruggeef`), each optionally followed by a linking
 * `s`, `e` or `en`. Modifiers are compared as written, not stemmed: the bare
 * stem fragment `teruggev` must not find `teruggevallen`, nor `scham`
 * `schamper`.
 */
export function modifierForms(word: string, stem: string): string[] {
  const bases = new Set([word]);
  if (stem !== word) {
    // A Dutch word never ends in v or z: the stem of a verb in -ven/-zen is written with f/s.
    const spell = (value: string): string => value.replace(/v$/, 'f').replace(/z$/, 's');
    // The ending began with a vowel after one consonant (scha-men): that syllable was open, and its vowel is written double in the stem.
    const open = /^(.*[^aeiouy])([aeou])([^aeiouy])$/.exec(stem);
    if (open && /^[aeiouy]/.test(word.slice(stem.length))) bases.add(spell(`${open[1]}${open[2]}${open[2]}${open[3]}`));
    else bases.add(spell(stem));
  }
  return [...bases].flatMap((base) => LINKING.map((link) => base + link));
}

/** What one folded word is, for every stemmed language; cached per word. */
interface WordForms {
  /** `lang:stem` of the word itself (and, in Dutch, of the verb stem of a -t, past tense or participle form). */
  stems: Set<string>;
  /** Dutch only: the stems of every head (last part) the word can be split into. */
  heads: Set<string>;
}

export interface Stemming {
  languages: StemLanguage[];
  /** `lang:stem` keys of one keyword word, one per language. */
  keywordStems(word: string): string[];
  /** How a single-word keyword shows in Dutch compounds, when its stem is long enough to join them. */
  compound(word: string): Compound | undefined;
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
    compound: (word) => {
      if (!dutch) return undefined;
      const stem = dutch(word);
      return stem.length >= MIN_COMPOUND_KEYWORD ? { stem, modifiers: modifierForms(word, stem) } : undefined;
    },
    forms: (word) => {
      let forms = cache.get(word);
      if (forms) return forms;
      forms = { stems: new Set(), heads: new Set() };
      for (const [language, stem] of stemmers) forms.stems.add(`${language}:${stem(word)}`);
      if (dutch) {
        for (const past of dutchVerbStems(word)) forms.stems.add(`nl:${dutch(past)}`);
        // Every split with a modifier of at least MIN_COMPOUND_REST letters; the head carries the inflection, so it is stemmed.
        for (let cut = MIN_COMPOUND_REST; cut <= word.length - MIN_COMPOUND_KEYWORD; cut++) forms.heads.add(dutch(word.slice(cut)));
      }
      // Words repeat a lot within a corpus; the bound only keeps a pathological input from growing the cache forever.
      if (cache.size > 200_000) cache.clear();
      cache.set(word, forms);
      return forms;
    },
  };
}
