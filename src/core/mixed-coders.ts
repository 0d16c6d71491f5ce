// Counts over a note that several coders coded add up all their codings:
// 24 + 26 shown as 50. That can be what a team wants (a consensus pool), but
// it must never happen unnoticed, so it is a warning unless a coder is chosen.
import type { Corpus, Diagnostic } from '../types.js';
import { selectCorpus, type Filters } from './select.js';
import { CODER } from './variables.js';

/** How to choose a coder: on the command line, or in a report declaration. */
export const COMMAND_LINE_FIX = 'use `--coder NAME` for one coder, or `--by coder` to count each';
export const declarationFix = (name: string): string => `use \`coder: NAME\` in report \`${name}\` for one coder, or \`by: [coder]\` to count each`;

/**
 * A `mixed-coders` warning at the first coding of the second coder of the
 * first such note, or nothing when one coder is chosen (`coder`, a single
 * `where.coder`, or `coder` among `by`) or no note has two coders.
 */
export function mixedCoders(corpus: Corpus, filters: Filters, by: string[], fix: string): Diagnostic[] {
  if (filters.coder !== undefined || by.includes(CODER) || (filters.where[CODER]?.length ?? 0) === 1) return [];
  const { codings } = selectCorpus(corpus, filters);
  const firstByCoder = new Map<string, Map<string, (typeof codings)[number]>>();
  for (const coding of codings) {
    const coders = firstByCoder.get(coding.note) ?? new Map();
    if (!coders.has(coding.coder)) coders.set(coding.coder, coding);
    firstByCoder.set(coding.note, coders);
  }
  const mixed = [...firstByCoder].filter(([, coders]) => coders.size > 1).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (mixed.length === 0) return [];
  const names = [...new Set(mixed.flatMap(([, coders]) => [...coders.keys()]))].sort();
  const [, firstCoders] = mixed[0];
  const second = [...firstCoders.values()].sort((a, b) => a.start - b.start)[1];
  const count = mixed.length === 1 ? '1 note is' : `${mixed.length} notes are`;
  return [
    {
      file: second.note,
      line: second.range.start.line,
      column: second.range.start.column,
      severity: 'warning',
      message: `${count} coded by more than one coder (${names.join(', ')}), and these counts add up all their codings: ${fix}`,
      ruleId: 'mixed-coders',
    },
  ];
}
