import { Option, type Command } from 'commander';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Coding, Diagnostic } from '../../types.js';
import { codeOrder, findDisagreements, type SegmentDisagreement, type SharedNote } from '../../reconcile/disagreements.js';
import { parseDecisions, type Decision } from '../../reconcile/decisions.js';
import { consensusDocument, resultCodes } from '../../reconcile/consensus.js';
import { formatDecisionLog, type LoggedDecision } from '../../reconcile/log.js';
import { disagreementLines } from '../../reporters/reconcile.js';
import { parseStandoff, serializeStandoff } from '../../standoff/format.js';
import { load, report, type CliContext, type CommonOptions } from '../context.js';
import { EXIT_CANNOT_RUN, EXIT_PROBLEMS } from '../exit-codes.js';
import { readUtf8, stageFile, UsageError, type StagedWrite } from '../io.js';

interface ReconcileOptions extends CommonOptions {
  coders?: string;
  as: string;
  decisions?: string;
  list?: boolean;
  log: string;
  who?: string;
  input?: boolean;
}

export interface Reconciliation {
  coders: [string, string];
  consensus: string;
  shared: SharedNote[];
  codings: { a: Coding[]; b: Coding[] };
  disagreements: SegmentDisagreement[];
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export function registerReconcile(program: Command, ctx: CliContext): void {
  const command = program
    .command('reconcile')
    .summary('decide each disagreement of two coders; write a consensus coder and a decision log')
    .description(
      'Walk every passage where two coders’ codes differ (agree’s segment unit, grouped by segment): keep A, keep B, both, neither, or edit, with the codebook’s use_when / not_when for the codes in question on screen. Writes the consensus coder’s codings as standoff files beside the notes and a plain-text decision log (who, when, which criterion) to commit, all or nothing. Interactive in a terminal; from --decisions file.yaml in CI. See docs/reconcile.md.',
    )
    .argument('[dir]', 'the project folder (default: the one containing the current folder)')
    .option('--coders <a,b>', 'the two coders to reconcile (default: the two coders with codings)')
    .option('--as <name>', 'the consensus coder’s name', 'consensus')
    .option('--decisions <file.yaml>', 'decide non-interactively from this file (for CI); every disagreement needs a decision')
    .option('--list', 'print the disagreements (with their `path:line` for a decisions file) and stop')
    .option('--log <file>', 'the decision log, relative to the project folder', 'reconcile-log.txt')
    .option('--who <name>', 'who decides, for the log (default: `by:` in the decisions file, else $USER)')
    .addOption(new Option('--no-input', 'never prompt; without --decisions this is an error'));
  projectOptions(command);
  command.addHelpText(
    'after',
    '\nExamples:\n  $ fieldcode reconcile --list                          # the disagreements of the two coders\n  $ fieldcode reconcile --coders anna,ben               # decide them one by one in the terminal\n  $ fieldcode reconcile --decisions decisions.yaml      # CI: decide from a file, write consensus + log',
  );
  command.action(async (dir: string | undefined, options: ReconcileOptions) => {
    if (!NAME.test(options.as)) throw new UsageError(`Unexpected \`--as ${options.as}\`, expected a coder name of letters, digits, '.', '_' or '-'`);
    const loaded = load(ctx, dir, { ...options, quiet: true });
    const state = prepare(ctx, loaded, options);
    if (options.list) {
      ctx.io.stdout.write(state.disagreements.length === 0 ? `No disagreements between ${state.coders.join(' and ')}.\n` : state.disagreements.map((d) => disagreementLines(d, state.coders, loaded.corpus.codebook).join('\n')).join('\n\n') + '\n');
      return;
    }
    let decisions: Map<string, LoggedDecision>;
    if (options.decisions !== undefined) {
      const result = fromFile(ctx, options, state, loaded.corpus.codebook);
      if (!result) return;
      decisions = result;
    } else {
      const interactive = options.input !== false && ctx.io.stdin.isTTY === true && ctx.io.stdout.isTTY === true;
      if (!interactive) {
        const why = options.input === false ? 'with --no-input' : 'without a terminal (stdin and stdout must both be a TTY)';
        ctx.io.stderr.write(`fieldcode: cannot reconcile interactively ${why}; pass --decisions file.yaml (see \`fieldcode reconcile --list\` for the disagreements)\n`);
        ctx.exitCode = EXIT_CANNOT_RUN;
        return;
      }
      const { runReconcileSession } = await import('../reconcile-session.js');
      const result = await runReconcileSession(ctx, state, loaded.corpus.codebook, { who: whoFor(options), when: nowIso });
      if (!result) {
        ctx.io.stderr.write('Stopped: nothing written.\n');
        ctx.exitCode = EXIT_PROBLEMS;
        return;
      }
      decisions = result;
    }
    write(ctx, loaded.root, state, decisions, options);
  });
}

function projectOptions(command: Command): void {
  command.option('--config <path>', 'use this project file instead of searching for fieldcode.yaml').option('--codebook <path>', 'use this codebook instead of the project’s (or the bundled one)');
}

function whoFor(options: ReconcileOptions): string {
  return options.who ?? process.env.USER ?? 'unknown';
}

/** SOURCE_DATE_EPOCH (seconds) pins the time for reproducible runs; else the clock. */
function nowIso(): string {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  const date = epoch && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : new Date();
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function prepare(ctx: CliContext, loaded: ReturnType<typeof load>, options: ReconcileOptions): Reconciliation {
  const codings = loaded.corpus.codings.filter((c) => c.origin !== 'suggestion' && c.coder !== options.as);
  const found = [...new Set(codings.map((c) => c.coder))].sort();
  const named = options.coders?.split(',').map((c) => c.trim()).filter(Boolean);
  const coders = named ?? found;
  if (coders.length !== 2) {
    throw new UsageError(named ? `Unexpected ${named.length} ${named.length === 1 ? 'coder' : 'coders'} in --coders, expected exactly two (e.g. --coders anna,ben)` : `Cannot reconcile: ${found.length === 0 ? 'no coder has codings' : `the project has ${found.length === 1 ? 'one coder' : `${found.length} coders`} (${found.map((c) => `\`${c}\``).join(', ')})`}, expected two; name them with --coders A,B`);
  }
  for (const coder of coders) if (!found.includes(coder)) throw new UsageError(`Unexpected coder \`${coder}\` in --coders, expected one of ${found.map((c) => `\`${c}\``).join(', ') || '(no coder has codings)'}`);
  if (coders[0] === coders[1]) throw new UsageError('Unexpected the same coder twice in --coders, expected two different coders');
  const a = codings.filter((c) => c.coder === coders[0]);
  const b = codings.filter((c) => c.coder === coders[1]);
  const inA = new Set(a.map((c) => c.note));
  const inB = new Set(b.map((c) => c.note));
  const shared: SharedNote[] = [];
  const warnings: Diagnostic[] = [];
  for (const note of loaded.corpus.notes) {
    if (!inA.has(note.path) && !inB.has(note.path)) continue;
    const path = loaded.files.get(note.path)?.path ?? note.path;
    if (inA.has(note.path) && inB.has(note.path)) shared.push({ note, path });
    else warnings.push({ file: note.path, line: 1, column: 1, severity: 'warning', message: `Note coded by \`${inA.has(note.path) ? coders[0] : coders[1]}\` only; left out of the reconciliation`, ruleId: 'agree-note-not-shared' });
  }
  report(ctx, warnings, options);
  return { coders: [coders[0], coders[1]], consensus: options.as, shared, codings: { a, b }, disagreements: findDisagreements(shared, a, b, loaded.corpus.codebook) };
}

function fromFile(ctx: CliContext, options: ReconcileOptions, state: Reconciliation, codebook: ReturnType<typeof load>['corpus']['codebook']): Map<string, LoggedDecision> | undefined {
  const file = options.decisions!;
  const read = readUtf8(resolve(ctx.io.cwd, file));
  if ('error' in read) throw new UsageError(`Cannot read \`${file}\`: ${read.error}`);
  const known = new Map(state.disagreements.map((d) => [d.at, d] as const));
  const parsed = parseDecisions(file, read.text, known, codebook);
  const diagnostics = [...parsed.diagnostics];
  const decided = new Map(parsed.decisions.map((d) => [d.at, d] as const));
  if (diagnostics.length === 0) {
    for (const d of state.disagreements) {
      if (decided.has(d.at)) continue;
      diagnostics.push({ file: d.note.note.path, line: d.segment.range.start.line, column: d.segment.range.start.column, severity: 'error', message: `No decision for this disagreement (${state.coders[0]}: ${d.a.join(', ') || 'no code'}; ${state.coders[1]}: ${d.b.join(', ') || 'no code'}), expected an entry \`- at: ${d.at}\` in ${file}`, ruleId: 'reconcile-undecided' });
    }
  }
  if (diagnostics.length > 0) {
    report(ctx, diagnostics, options);
    ctx.io.stderr.write('Nothing written.\n');
    ctx.exitCode = EXIT_PROBLEMS;
    return undefined;
  }
  const order = codeOrder(codebook);
  const who = options.who ?? parsed.defaults.by ?? whoFor(options);
  const when = parsed.defaults.when ?? nowIso();
  return new Map(state.disagreements.map((d) => [d.at, logged(d, decided.get(d.at)!, order, who, when)] as const));
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

function write(ctx: CliContext, root: string, state: Reconciliation, decisions: Map<string, LoggedDecision>, options: ReconcileOptions): void {
  const files: Array<{ path: string; text: string }> = [];
  const diagnostics: Diagnostic[] = [];
  for (const shared of state.shared) {
    const decided = new Map(state.disagreements.filter((d) => d.note === shared).map((d) => [d.segment.id, decisions.get(d.at)!.result] as const));
    const a = state.codings.a.filter((c) => c.note === shared.note.path);
    const b = state.codings.b.filter((c) => c.note === shared.note.path);
    const { path, document } = consensusDocument(shared, a, b, decided, state.consensus);
    const absolute = join(root, path);
    if (existsSync(absolute)) {
      const current = readUtf8(absolute);
      const parsed = 'error' in current ? undefined : parseStandoff(path, current.text).document;
      const others = parsed ? [...new Set(parsed.codings.map((c) => c.coder ?? parsed.coder ?? ''))].filter((c) => c !== state.consensus).sort() : ['(unreadable)'];
      if (others.length > 0) diagnostics.push({ file: path, line: 1, column: 1, severity: 'error', message: `Cannot write the consensus here: the file holds codings by ${others.map((c) => `\`${c}\``).join(', ')}, expected only \`${state.consensus}\`'s; pass --as with another name`, ruleId: 'reconcile-would-overwrite' });
    }
    files.push({ path, text: serializeStandoff(document) });
  }
  if (diagnostics.length > 0) {
    report(ctx, diagnostics, options);
    ctx.io.stderr.write('Nothing written.\n');
    ctx.exitCode = EXIT_PROBLEMS;
    return;
  }
  const log = formatDecisionLog({ version: 'reconcile-log/1', coders: { a: state.coders[0], b: state.coders[1] }, consensus: state.consensus, decisions: state.disagreements.map((d) => decisions.get(d.at)!) });
  files.push({ path: options.log, text: log });
  const staged: StagedWrite[] = [];
  try {
    for (const f of files) staged.push(stageFile(resolve(root, f.path), f.text, { within: root }));
  } catch (error) {
    for (const s of staged) s.abort();
    throw new UsageError(`Cannot write the consensus: ${(error as Error).message}; nothing written`, { cause: error });
  }
  for (const s of staged) s.commit();
  ctx.io.stderr.write(`${state.disagreements.length} ${state.disagreements.length === 1 ? 'disagreement' : 'disagreements'} decided; consensus coder \`${state.consensus}\` written for ${state.shared.length} ${state.shared.length === 1 ? 'note' : 'notes'}; log in ${options.log}\n`);
}
