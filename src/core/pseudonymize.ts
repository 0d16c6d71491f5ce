// Pseudonyms for publishing. Every name listed in a note's `participants`
// (the label, and the speaker label it produces) is replaced by the
// participant's `pseudonym`, or, when none is declared, by a stable code
// (P1, P2, …) given in first-appearance order across the sorted corpus.
// Members of the research team (`role: researcher`, `interviewer`,
// `observer`) keep their label: it names a role, not a person.
import type { Coding, Corpus, Diagnostic, Note, Participant, Segment } from '../types.js';

const TEAM_ROLES = new Set(['researcher', 'interviewer', 'observer', 'research-team']);

export function isTeamMember(participant: Participant): boolean {
  return typeof participant.role === 'string' && TEAM_ROLES.has(participant.role.trim().toLowerCase());
}

function declaredPseudonym(participant: Participant): string | undefined {
  const value = participant.pseudonym;
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  if (typeof value === 'number') return String(value);
  return undefined;
}

export interface PseudonymTable {
  /** Label → replacement, for names with no pseudonym in the note at hand. */
  global: Map<string, string>;
  /** Per note: label → replacement, from that note's own participants. */
  perNote: Map<string, Map<string, string>>;
}

/**
 * Builds the replacement table. A label declared with a pseudonym in a note
 * uses it in that note; elsewhere the first declared pseudonym (in path
 * order) is used; a label never given one gets the next free code `P<n>`.
 */
export function pseudonymTable(notes: Note[]): PseudonymTable {
  const sorted = [...notes].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const used = new Set<string>();
  for (const note of sorted) for (const p of note.participants) {
    const pseudonym = declaredPseudonym(p);
    if (pseudonym) used.add(pseudonym);
  }
  const global = new Map<string, string>();
  const perNote = new Map<string, Map<string, string>>();
  let next = 1;
  const freshCode = (): string => {
    while (used.has(`P${next}`)) next++;
    const code = `P${next}`;
    used.add(code);
    return code;
  };
  // First pass: declared pseudonyms win globally in path order.
  for (const note of sorted) for (const p of note.participants) {
    const pseudonym = declaredPseudonym(p);
    if (!isTeamMember(p) && pseudonym && !global.has(p.label)) global.set(p.label, pseudonym);
  }
  // Second pass: labels without any pseudonym get codes in first-appearance order.
  for (const note of sorted) {
    const own = new Map<string, string>();
    for (const p of note.participants) {
      if (isTeamMember(p)) continue;
      if (!global.has(p.label)) global.set(p.label, freshCode());
      own.set(p.label, declaredPseudonym(p) ?? global.get(p.label)!);
    }
    perNote.set(note.path, own);
  }
  return { global, perNote };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A replacer for one note: whole words only, longest names first; a trailing possessive `s` is kept. */
export function nameReplacer(table: PseudonymTable, notePath: string): (text: string) => string {
  const merged = new Map(table.global);
  for (const [label, replacement] of table.perNote.get(notePath) ?? []) merged.set(label, replacement);
  const entries = [...merged].filter(([label, replacement]) => label !== replacement && label.trim() !== '');
  if (entries.length === 0) return (text) => text;
  entries.sort((a, b) => b[0].length - a[0].length || (a[0] < b[0] ? -1 : 1));
  const lookup = new Map(entries);
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}_])(${entries.map(([label]) => escapeRegExp(label)).join('|')})(?=s?(?![\\p{L}\\p{N}_]))`, 'gu');
  return (text) => text.replace(pattern, (label: string) => lookup.get(label) ?? label);
}

/**
 * A copy of the corpus with names replaced in segment text, speaker labels,
 * coding text, memos and the participant lists. Offsets keep pointing into
 * the original file; positions (`path:line`) are unchanged.
 */
export function pseudonymizeCorpus(corpus: Corpus): Corpus {
  const table = pseudonymTable(corpus.notes);
  const replacers = new Map(corpus.notes.map((note) => [note.path, nameReplacer(table, note.path)]));
  const notes: Note[] = corpus.notes.map((note) => {
    const replace = replacers.get(note.path)!;
    const own = table.perNote.get(note.path) ?? new Map<string, string>();
    const segments: Segment[] = note.segments.map((segment) => {
      const copy: Segment = { ...segment, text: replace(segment.text) };
      if (segment.speaker !== undefined) copy.speaker = own.get(segment.speaker) ?? replace(segment.speaker);
      return copy;
    });
    const participants = note.participants.map((p) => (isTeamMember(p) ? p : { ...p, label: own.get(p.label) ?? p.label }));
    return { ...note, segments, participants, codings: note.codings.map((c) => pseudonymizeCoding(c, replace)) };
  });
  const codings = corpus.codings.map((coding) => pseudonymizeCoding(coding, replacers.get(coding.note) ?? ((t: string) => t)));
  return { ...corpus, notes, codings };
}

function pseudonymizeCoding(coding: Coding, replace: (text: string) => string): Coding {
  const copy: Coding = { ...coding, text: replace(coding.text) };
  if (coding.memo !== undefined) copy.memo = replace(coding.memo);
  return copy;
}

/**
 * `unpseudonymized-name` warnings: a participant (not on the research team)
 * without a `pseudonym`, whose name appears in the published text (a quote or
 * a speaker label). One warning per note and name, at the `participants` field.
 */
export function unpseudonymizedNames(corpus: Corpus, published: { note: string; text: string; speaker?: string }[]): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const byNote = new Map<string, { text: string[]; speakers: Set<string> }>();
  for (const item of published) {
    const entry = byNote.get(item.note) ?? { text: [], speakers: new Set<string>() };
    entry.text.push(item.text);
    if (item.speaker) entry.speakers.add(item.speaker);
    byNote.set(item.note, entry);
  }
  for (const note of corpus.notes) {
    const entry = byNote.get(note.path);
    if (!entry) continue;
    const position = note.fieldPositions.participants ?? { line: 1, column: 1 };
    const joined = entry.text.join('\n');
    for (const p of note.participants) {
      if (isTeamMember(p) || declaredPseudonym(p)) continue;
      const word = new RegExp(`(?<![\\p{L}\\p{N}_])${escapeRegExp(p.label)}(?![\\p{L}\\p{N}_])`, 'u');
      if (entry.speakers.has(p.label) || word.test(joined)) {
        diagnostics.push({
          file: note.path,
          line: position.line,
          column: position.column,
          severity: 'warning',
          message: `Unexpected name \`${p.label}\` in a published report: the participant has no \`pseudonym\`; add one, or use --pseudonymize`,
          ruleId: 'unpseudonymized-name',
        });
      }
    }
  }
  return diagnostics;
}
