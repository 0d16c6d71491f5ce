// What `fieldcode reconcile` works on: the two coders (named or found), the
// notes both coded, and the passages where their codes differ; and the
// decisions for them, from a decisions file or the interactive session.
// Problems with the coders asked for are fatal diagnostics on the command
// line; problems in a decisions file are positioned in it.
import type { Codebook, Coding, Corpus, Diagnostic } from '../types.js';
import { ok, problems, type Checked } from '../model/checked.js';
import { usageProblem } from '../model/command-line.js';
import { parseStandoff, serializeStandoff } from '../standoff/format.js';
import { consensusDocument, resultCodes } from './consensus.js';
import { parseDecisions, type Decision } from './decisions.js';
import { codeOrder, findDisagreements, type SegmentDisagreement, type SharedNote } from './disagreements.js';
import { DECISION_LOG_VERSION, formatDecisionLog, type LoggedDecision } from './log.js';

export interface Reconciliation {
  coders: [string, string];
  consensus: string;
  shared: SharedNote[];
  codings: { a: Coding[]; b: Coding[] };
  disagreements: SegmentDisagreement[];
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** `--as NAME`: a coder name that is safe in a file name. */
export function consensusNameProblem(argv: readonly string[], name: string): Diagnostic | undefined {
  return NAME.test(name) ? undefined : usageProblem(argv, `Unexpected \`--as ${name}\`, expected a coder name of letters, digits, '.', '_' or '-'`, '--as');
}

/**
 * The two coders and their disagreements. `files` maps a note's display path
 * to its path in the project (for `path:line` in a decisions file). A note
 * only one of them coded is left out, with a warning in `warnings`.
 */
export function reconciliation(
  argv: readonly string[],
  corpus: Pick<Corpus, 'codings' | 'notes' | 'codebook'>,
  pathOf: (notePath: string) => string,
  options: { coders?: string; as: string },
): Checked<{ state: Reconciliation; warnings: Diagnostic[] }> {
  const codings = corpus.codings.filter((c) => c.origin !== 'suggestion' && c.coder !== options.as);
  const found = [...new Set(codings.map((c) => c.coder))].sort();
  const named = options.coders?.split(',').map((c) => c.trim()).filter(Boolean);
  const coders = named ?? found;
  if (coders.length !== 2) {
    return problems(
      named
        ? usageProblem(argv, `Unexpected ${named.length} ${named.length === 1 ? 'coder' : 'coders'} in --coders, expected exactly two (e.g. --coders anna,ben)`, '--coders')
        : usageProblem(argv, `Cannot reconcile: ${found.length === 0 ? 'no coder has codings' : `the project has ${found.length === 1 ? 'one coder' : `${found.length} coders`} (${found.map((c) => `\`${c}\``).join(', ')})`}, expected two; name them with --coders A,B`),
    );
  }
  const unknown = coders.filter((coder) => !found.includes(coder));
  if (unknown.length > 0) return problems(...unknown.map((coder) => usageProblem(argv, `Unexpected coder \`${coder}\` in --coders, expected one of ${found.map((c) => `\`${c}\``).join(', ') || '(no coder has codings)'}`, '--coders')));
  if (coders[0] === coders[1]) return problems(usageProblem(argv, 'Unexpected the same coder twice in --coders, expected two different coders', '--coders'));
  const a = codings.filter((c) => c.coder === coders[0]);
  const b = codings.filter((c) => c.coder === coders[1]);
  const inA = new Set(a.map((c) => c.note));
  const inB = new Set(b.map((c) => c.note));
  const shared: SharedNote[] = [];
  const warnings: Diagnostic[] = [];
  for (const note of corpus.notes) {
    if (!inA.has(note.path) && !inB.has(note.path)) continue;
    if (inA.has(note.path) && inB.has(note.path)) shared.push({ note, path: pathOf(note.path) });
    else warnings.push({ file: note.path, line: 1, column: 1, severity: 'warning', message: `Note coded by \`${inA.has(note.path) ? coders[0] : coders[1]}\` only; left out of the reconciliation`, ruleId: 'agree-note-not-shared' });
  }
  const state: Reconciliation = { coders: [coders[0], coders[1]], consensus: options.as, shared, codings: { a, b }, disagreements: findDisagreements(shared, a, b, corpus.codebook) };
  return ok({ state, warnings });
}

/**
 * The decisions file `file` (its text): every disagreement needs an entry.
 * `who` and `when` stand in for a decision that names neither, after the
 * file's own `by:` and `when:`.
 */
export function decisionsFromFile(file: string, text: string, state: Reconciliation, codebook: Codebook, fallback: { who?: string; defaultWho: () => string; now: () => string }): Checked<Map<string, LoggedDecision>> {
  const known = new Map(state.disagreements.map((d) => [d.at, d] as const));
  const parsed = parseDecisions(file, text, known, codebook);
  const diagnostics = [...parsed.diagnostics];
  const decided = new Map(parsed.decisions.map((d) => [d.at, d] as const));
  if (diagnostics.length === 0) {
    for (const d of state.disagreements) {
      if (decided.has(d.at)) continue;
      diagnostics.push({ file: d.note.note.path, line: d.segment.range.start.line, column: d.segment.range.start.column, severity: 'error', message: `No decision for this disagreement (${state.coders[0]}: ${d.a.join(', ') || 'no code'}; ${state.coders[1]}: ${d.b.join(', ') || 'no code'}), expected an entry \`- at: ${d.at}\` in ${file}`, ruleId: 'reconcile-undecided' });
    }
  }
  if (diagnostics.length > 0) return problems(...diagnostics);
  const order = codeOrder(codebook);
  const who = fallback.who ?? parsed.defaults.by ?? fallback.defaultWho();
  const when = parsed.defaults.when ?? fallback.now();
  return ok(new Map(state.disagreements.map((d) => [d.at, logged(d, decided.get(d.at)!, order, who, when)] as const)));
}

export function logged(d: SegmentDisagreement, decision: Omit<Decision, 'at'>, order: (list: Iterable<string>) => string[], who: string, when: string): LoggedDecision {
  return {
    when: decision.when ?? when,
    who: decision.by ?? who,
    where: d.at,
    take: decision.take,
    a: d.a,
    b: d.b,
    result: resultCodes(d, decision.take, decision.codes, order),
    ...(decision.criterion ? { criterion: decision.criterion } : {}),
    ...(decision.reason ? { reason: decision.reason } : {}),
  };
}

/**
 * The files a decided reconciliation writes: one consensus standoff file per
 * shared note, then the decision log at `logPath`. `existing(path)` gives the
 * text of a consensus file already there (null when unreadable, undefined
 * when absent); one that holds another coder's codings is refused.
 */
export function consensusFiles(state: Reconciliation, decisions: ReadonlyMap<string, LoggedDecision>, logPath: string, existing: (path: string) => string | null | undefined): Checked<Array<{ path: string; text: string }>> {
  const files: Array<{ path: string; text: string }> = [];
  const diagnostics: Diagnostic[] = [];
  for (const shared of state.shared) {
    const decided = new Map(state.disagreements.filter((d) => d.note === shared).map((d) => [d.segment.id, decisions.get(d.at)!.result] as const));
    const a = state.codings.a.filter((c) => c.note === shared.note.path);
    const b = state.codings.b.filter((c) => c.note === shared.note.path);
    const { path, document } = consensusDocument(shared, a, b, decided, state.consensus);
    const current = existing(path);
    if (current !== undefined) {
      const parsed = current === null ? undefined : parseStandoff(path, current).document;
      const others = parsed ? [...new Set(parsed.codings.map((c) => c.coder ?? parsed.coder ?? ''))].filter((c) => c !== state.consensus).sort() : ['(unreadable)'];
      if (others.length > 0) diagnostics.push({ file: path, line: 1, column: 1, severity: 'error', message: `Cannot write the consensus here: the file holds codings by ${others.map((c) => `\`${c}\``).join(', ')}, expected only \`${state.consensus}\`'s; pass --as with another name`, ruleId: 'reconcile-would-overwrite' });
    }
    files.push({ path, text: serializeStandoff(document) });
  }
  if (diagnostics.length > 0) return problems(...diagnostics);
  const log = formatDecisionLog({ version: DECISION_LOG_VERSION, coders: { a: state.coders[0], b: state.coders[1] }, consensus: state.consensus, decisions: state.disagreements.map((d) => decisions.get(d.at)!) });
  files.push({ path: logPath, text: log });
  return ok(files);
}
