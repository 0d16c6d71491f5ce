// Where a code's keywords or patterns match a segment that does not carry
// that code yet. Suggestions are for the researcher to confirm; reports never
// count them.
import type { Coding, Corpus, Note } from '../types.js';
import { compileMatchers, matchSegment, type Matcher } from '../codebook/match.js';
import { lineIndex } from '../model/offsets.js';
import { codeFamily, selectCorpus, type Filters } from './select.js';
import { offsetAt } from '../model/offset-map.js';

export function suggest(corpus: Corpus, filters: Filters, matchers: Matcher[] = compileMatchers(corpus.codebook)): Coding[] {
  const { notes, codings } = selectCorpus(corpus, { ...filters, codes: [] });
  const wanted = filters.codes.length > 0 ? new Set(filters.codes.flatMap((id) => [...codeFamily(corpus.codebook, id)])) : undefined;
  const active = wanted ? matchers.filter((matcher) => wanted.has(matcher.code)) : matchers;
  const applied = new Set<string>();
  for (const coding of codings) for (const segment of coding.segments) applied.add(`${segment}\u0000${coding.code}`);
  const suggestions: Coding[] = [];
  for (const note of notes) suggestions.push(...suggestForNote(note, active, applied));
  return suggestions;
}

/** Suggestions for one note; `applied` holds `segmentId\0code` pairs already coded. */
export function suggestForNote(note: Note, matchers: Matcher[], applied: Set<string>): Coding[] {
  const out: Coding[] = [];
  const lines = lineIndex(note.text);
  for (const segment of note.segments) {
    const seenCodes = new Set<string>();
    for (const match of matchSegment(segment, matchers)) {
      if (applied.has(`${segment.id}\u0000${match.code}`) || seenCodes.has(match.code)) continue;
      seenCodes.add(match.code);
      const start = offsetAt(segment.offsets, match.start)!;
      const end = offsetAt(segment.offsets, match.end - 1)! + 1;
      out.push({
        code: match.code,
        note: note.path,
        start: segment.range.start.offset,
        end: segment.range.end.offset,
        coder: 'fieldcode',
        origin: 'suggestion',
        segments: [segment.id],
        range: lines.range(start, end),
        text: segment.text,
        matched: match.matched,
      });
    }
  }
  return out;
}
