// The methods appendix: what a reviewer or an ethics board asks of a coded
// corpus, generated from the corpus itself so it never goes stale. Pure: the
// same inputs give the same appendix. It names the inputs by a content hash;
// a git commit is added only when the caller passes one (see docs/methods.md),
// so a committed appendix stays byte-identical under `build --check`.
import { createHash } from 'node:crypto';
import type { Corpus } from '../types.js';
import { canonicalText } from '../codebook/hash.js';
import { alignCoders } from '../agreement/align.js';
import { compareCoders, type AgreementReport } from '../agreement/compare.js';
import { saturation, SATURATION_DEFAULTS, undatedNotes, type Saturation } from './saturation.js';
import { phaseVariable } from './phase-change.js';
import { selectCorpus, type Filters } from './select.js';
import { noteValue, variableValues } from './variables.js';
import { parseDecisionLog, TAKES, type Take } from '../reconcile/log.js';

export interface SampleRow {
  cell: Record<string, string>;
  notes: number;
  segments: number;
  words: number;
}

export interface CoderRow {
  coder: string;
  notes: number;
  codings: number;
}

export interface CodeNode {
  id: string;
  label: string;
  depth: number;
  definition?: string;
}

export interface Methods {
  /** The variables of the sample table, in order (method, group, phase where declared). */
  by: string[];
  sample: SampleRow[];
  totals: { notes: number; segments: number; words: number };
  coders: CoderRow[];
  /** Coded segments coded by two or more coders / coded segments; null without codings. */
  doubleCoded: { segments: number; coded: number; share: number | null };
  /** Segment-level agreement among the coders, when there are two or more. */
  agreement?: AgreementReport;
  /** Saturation per phase with the paper's defaults, or why it could not be assessed. */
  saturation: Saturation | { undated: number };
  codebook: { name: string; version: string; hash: string; codes: CodeNode[] };
  pseudonyms: { participants: number; withPseudonym: number; pseudonymizedReports: string[] };
  inputsHash: string;
  /** A summary of `reconcile-log.txt`, when the project has one. */
  reconcile?: { file: string; coders: { a: string; b: string }; consensus: string; decisions: number; takes: Record<Take, number>; withCriterion: number; who: string[]; from: string; to: string } | { file: string; error: string };
}

/** Words as a reader counts them: runs of letters or digits. */
export function wordCount(text: string): number {
  return (text.match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu) ?? []).length;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** A hash of what the codebook says (ids, labels, definitions, rules, hierarchy), not of its formatting. */
export function codebookHash(corpus: Corpus): string {
  const codes = corpus.codebook.codes.map((c) => ({ id: c.id, label: c.label, definition: c.definition ?? null, parent: c.parent ?? null, useWhen: c.useWhen, notWhen: c.notWhen }));
  return sha256(JSON.stringify({ name: corpus.codebook.name, version: corpus.codebook.version, codes }));
}

/**
 * A hash of the notes' texts, the codebook and the project's variables: the
 * inputs of every report. Paths are left out, since they are shown relative
 * to the working directory: the hash is the same wherever it is computed.
 */
export function inputsHash(corpus: Corpus): string {
  // Line endings don't count: a CRLF checkout of the same commit gives the same appendix.
  const notes = corpus.notes.map((n) => sha256(canonicalText(n.text))).sort();
  return sha256(JSON.stringify({ notes, codebook: codebookHash(corpus), variables: corpus.variables }));
}

/** `agreeCoders`: the coders whose agreement is reported (default: every coder with codings). */
export function methodsAppendix(corpus: Corpus, filters: Filters, agreeCoders?: string[]): Methods {
  const { notes, codings } = selectCorpus(corpus, filters);
  const names = corpus.variables.map((v) => v.name);
  const phase = phaseVariable(corpus.variables);
  const by = ['method', 'group', ...(phase ? [phase] : [])].filter((name, i, all) => names.includes(name) && all.indexOf(name) === i);
  let cells: Record<string, string>[] = [{}];
  for (const name of by) cells = cells.flatMap((cell) => variableValues(corpus.variables.find((v) => v.name === name), name, notes, []).map((value) => ({ ...cell, [name]: value })));
  const sample: SampleRow[] = [];
  for (const cell of cells) {
    const mine = notes.filter((note) => by.every((name) => noteValue(note, name) === cell[name]));
    if (mine.length === 0) continue;
    const segments = mine.flatMap((note) => note.segments);
    sample.push({ cell, notes: mine.length, segments: segments.length, words: segments.reduce((sum, s) => sum + wordCount(s.text), 0) });
  }
  const totals = sample.reduce((t, row) => ({ notes: t.notes + row.notes, segments: t.segments + row.segments, words: t.words + row.words }), { notes: 0, segments: 0, words: 0 });

  const real = codings.filter((c) => c.origin !== 'suggestion');
  const coderNames = [...new Set(real.map((c) => c.coder))].sort();
  const coders = coderNames.map((coder) => {
    const own = real.filter((c) => c.coder === coder);
    return { coder, notes: new Set(own.map((c) => c.note)).size, codings: own.length };
  });
  const bySegment = new Map<string, Set<string>>();
  for (const coding of real) for (const id of coding.segments) bySegment.set(id, (bySegment.get(id) ?? new Set()).add(coding.coder));
  const double = [...bySegment.values()].filter((set) => set.size >= 2).length;

  let agreement: AgreementReport | undefined;
  const compared = agreeCoders && agreeCoders.length > 0 ? agreeCoders : coderNames;
  if (compared.length >= 2) {
    const inputs = compared.map((coder) => {
      const own = real.filter((c) => c.coder === coder);
      const coded = new Set(own.map((c) => c.note));
      return { coder, source: 'the project', notes: notes.filter((n) => coded.has(n.path)).map((note) => ({ key: noteValue(note, 'id') === '(none)' ? note.path : noteValue(note, 'id'), note })), codings: own };
    });
    agreement = compareCoders(alignCoders(inputs), { unit: 'segment', codes: corpus.codebook.codes.map((c) => c.id) });
  }

  const undated = undatedNotes(corpus, filters).length;
  const sat: Methods['saturation'] = undated > 0 ? { undated } : saturation(corpus, phase ? [phase] : [], filters, SATURATION_DEFAULTS);

  const participants = notes.flatMap((n) => n.participants.filter((p) => p.role !== 'researcher'));
  return {
    by,
    sample,
    totals,
    coders,
    doubleCoded: { segments: double, coded: bySegment.size, share: bySegment.size > 0 ? double / bySegment.size : null },
    ...(agreement ? { agreement } : {}),
    saturation: sat,
    codebook: { name: corpus.codebook.name, version: corpus.codebook.version, hash: codebookHash(corpus), codes: corpus.codebook.codes.map((c) => ({ id: c.id, label: c.label, depth: c.depth, ...(c.definition ? { definition: c.definition } : {}) })) },
    pseudonyms: { participants: participants.length, withPseudonym: participants.filter((p) => typeof p.pseudonym === 'string' && p.pseudonym !== '').length, pseudonymizedReports: corpus.config.reports.filter((r) => r.pseudonymize === true).map((r) => r.name) },
    inputsHash: inputsHash(corpus),
    ...(corpus.reconcileLog ? { reconcile: summariseLog(corpus.reconcileLog) } : {}),
  };
}

function summariseLog(source: { file: string; text: string }): NonNullable<Methods['reconcile']> {
  const parsed = parseDecisionLog(source.text);
  if ('error' in parsed) return { file: source.file, error: `line ${parsed.error.line}: ${parsed.error.message}` };
  const { log } = parsed;
  const takes = Object.fromEntries(TAKES.map((t) => [t, log.decisions.filter((d) => d.take === t).length])) as Record<Take, number>;
  const whens = log.decisions.map((d) => d.when).sort();
  return {
    file: source.file,
    coders: log.coders,
    consensus: log.consensus,
    decisions: log.decisions.length,
    takes,
    withCriterion: log.decisions.filter((d) => d.criterion).length,
    who: [...new Set(log.decisions.map((d) => d.who))].sort(),
    from: whens[0] ?? '',
    to: whens[whens.length - 1] ?? '',
  };
}
