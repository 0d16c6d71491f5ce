// `fieldcode search`: keyword in context over the segments. A plain pattern
// is words (case-insensitive, whole words, `*` at a word's end for any
// ending, as codebook keywords); `--regex` runs on RE2 (re2js), whose time is
// linear in the text, so no pattern can hang the search. `--fold` matches
// without diacritics on both sides (`reciprociteit` finds `réciprociteit`).
import { RE2JS } from 're2js';
import type { Corpus, Diagnostic, Note, Segment } from '../types.js';
import { ok, problems, type Checked } from '../model/checked.js';
import { foldForMatching } from '../codebook/match.js';
import { codeFamily, codingMatches, noteMatches, type Filters } from '../core/select.js';
import { lineIndex } from '../model/offsets.js';
import { noteValue } from '../core/variables.js';
import { offsetAt } from '../model/offset-map.js';

export interface SearchOptions {
  pattern: string;
  regex: boolean;
  fold: boolean;
  /** Match case exactly (default: case-insensitive). */
  caseSensitive: boolean;
  filters: Filters;
  /** Only segments with no coding at all (after the coder filter). */
  uncoded: boolean;
  /** Speaker turns (segments) shown before and after each hit. */
  context: number;
  /** A note's project-relative path, for stable segment ids. */
  projectPath: (note: Note) => string;
  /** The diagnostic for a pattern the engine refuses (`reason` is the engine's message), placed where the pattern was given. */
  patternProblem: (reason: string) => Diagnostic;
}

export interface Turn {
  line: number;
  speaker?: string;
  text: string;
}

export interface SearchHit {
  note: string;
  /** Project-relative segment id: what a memo's `segment:` names. */
  segment: string;
  /** Position of the first matched character in the note file. */
  line: number;
  column: number;
  speaker?: string;
  variables: Record<string, string>;
  /** Codes applied to the segment, sorted. */
  codes: string[];
  /** The segment's text and the match in it (end exclusive). */
  text: string;
  start: number;
  end: number;
  before: Turn[];
  after: Turn[];
}

export interface SearchResult {
  pattern: string;
  regex: boolean;
  fold: boolean;
  hits: SearchHit[];
  segments: number;
  notes: number;
}

type Finder = (text: string) => Array<[number, number]>;
/** A finder, or why the engine refuses the pattern (its own words). */
type Compiled = Finder | { refused: string };

const WORD = '[\\p{L}\\p{N}]';

function wordsFinder(pattern: string, caseSensitive: boolean): Compiled {
  const words = pattern.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return { refused: 'the pattern has no words' };
  const body = words
    .map((word) => {
      const wildcard = word.endsWith('*') && word.length > 1;
      const stem = (wildcard ? word.slice(0, -1) : word).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      return wildcard ? `${stem}${WORD}*` : stem;
    })
    .join('\\s+');
  // Escaped words joined by `\s+`: no nested quantifier, so the native engine is linear here.
  const regex = new RegExp(`(?<!${WORD})${body}(?!${WORD})`, caseSensitive ? 'gu' : 'giu');
  return (text) => [...text.matchAll(regex)].map((m) => [m.index!, m.index! + m[0].length]);
}

function re2Finder(pattern: string, caseSensitive: boolean): Compiled {
  let compiled: RE2JS;
  try {
    compiled = RE2JS.compile(pattern, caseSensitive ? 0 : RE2JS.CASE_INSENSITIVE);
  } catch (error) {
    // RE2JS reports a refused pattern only by throwing.
    return { refused: (error as Error).message };
  }
  return (text) => {
    const found: Array<[number, number]> = [];
    const matcher = compiled.matcher(text);
    while (matcher.find()) if (matcher.end() > matcher.start()) found.push([matcher.start(), matcher.end()]);
    return found;
  };
}

/** Compiles the pattern once, or says why the engine refuses it. */
export function compileSearch(pattern: string, options: Pick<SearchOptions, 'regex' | 'fold' | 'caseSensitive'>): Compiled {
  const find = options.regex ? re2Finder(pattern, options.caseSensitive) : wordsFinder(options.fold ? foldForMatching(pattern).text : pattern, options.caseSensitive);
  if (!options.fold || typeof find !== 'function') return find;
  return (text) => {
    const folded = foldForMatching(text);
    return find(folded.text).map(([from, to]) => [folded.map[from], folded.map[to - 1] + 1]);
  };
}

export function search(corpus: Corpus, options: SearchOptions): Checked<SearchResult> {
  const find = compileSearch(options.pattern, options);
  if (typeof find !== 'function') return problems(options.patternProblem(find.refused));
  const wanted = options.filters.codes.length > 0 ? new Set(options.filters.codes.flatMap((id) => [...codeFamily(corpus.codebook, id)])) : undefined;
  const codesBySegment = new Map<string, Set<string>>();
  for (const coding of corpus.codings) {
    if (coding.origin === 'suggestion' || !codingMatches(coding, options.filters)) continue;
    for (const id of coding.segments) {
      const set = codesBySegment.get(id) ?? new Set<string>();
      set.add(coding.code);
      codesBySegment.set(id, set);
    }
  }
  const names = corpus.variables.map((v) => v.name);
  const hits: SearchHit[] = [];
  const segments = new Set<string>();
  const notes = new Set<string>();
  for (const note of corpus.notes) {
    if (note.broken || !noteMatches(note, options.filters.where)) continue;
    const lines = lineIndex(note.text);
    const variables = Object.fromEntries(names.map((name) => [name, noteValue(note, name)]));
    const projectPath = options.projectPath(note);
    const turn = (segment: Segment): Turn => ({ line: segment.range.start.line, ...(segment.speaker !== undefined ? { speaker: segment.speaker } : {}), text: segment.text });
    for (const segment of note.segments) {
      const codes = codesBySegment.get(segment.id);
      if (options.uncoded && codes && codes.size > 0) continue;
      if (wanted && ![...(codes ?? [])].some((code) => wanted.has(code))) continue;
      for (const [start, end] of find(segment.text)) {
        const at = lines.point(offsetAt(segment.offsets, start)!);
        const index = note.segments.indexOf(segment);
        hits.push({
          note: note.path,
          segment: segment.id.startsWith(note.path) ? projectPath + segment.id.slice(note.path.length) : segment.id,
          line: at.line,
          column: at.column,
          ...(segment.speaker !== undefined ? { speaker: segment.speaker } : {}),
          variables,
          codes: [...(codes ?? [])].sort(),
          text: segment.text,
          start,
          end,
          before: note.segments.slice(Math.max(0, index - options.context), index).map(turn),
          after: note.segments.slice(index + 1, index + 1 + options.context).map(turn),
        });
        segments.add(segment.id);
        notes.add(note.path);
      }
    }
  }
  return ok({ pattern: options.pattern, regex: options.regex, fold: options.fold, hits, segments: segments.size, notes: notes.size });
}
