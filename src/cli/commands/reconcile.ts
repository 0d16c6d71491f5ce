// `fieldcode reconcile`: flags → the two coders and their disagreements
// (reconcile/reconciliation.ts) → decisions, from a file or the terminal →
// the consensus codings and the decision log, written all or nothing.
import { Option, type Command } from 'commander';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Diagnostic } from '../../types.js';
import { usageProblem } from '../../model/command-line.js';
import type { LoggedDecision } from '../../reconcile/log.js';
import { consensusFiles, consensusNameProblem, decisionsFromFile, reconciliation, type Reconciliation } from '../../reconcile/reconciliation.js';
import { disagreementLines } from '../../reporters/reconcile.js';
import { load, report, stop, type CliContext, type CommonOptions } from '../context.js';
import { EXIT_PROBLEMS } from '../exit-codes.js';
import { readUtf8, stageFile, type StagedWrite } from '../io.js';

interface ReconcileOptions extends CommonOptions {
  coders?: string;
  as: string;
  decisions?: string;
  list?: boolean;
  log: string;
  who?: string;
  input?: boolean;
}

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
    const { argv } = ctx.io;
    const badName = consensusNameProblem(argv, options.as);
    if (badName) return stop(ctx, [badName], options);
    const loaded = load(ctx, dir, { ...options, quiet: true });
    if (!loaded) return;
    const prepared = reconciliation(argv, loaded.corpus, (path) => loaded.files.get(path)?.path ?? path, options);
    if (!prepared.ok) return stop(ctx, prepared.diagnostics, options);
    const { state, warnings } = prepared.value;
    report(ctx, warnings, options);
    if (options.list) {
      ctx.io.stdout.write(state.disagreements.length === 0 ? `No disagreements between ${state.coders.join(' and ')}.\n` : state.disagreements.map((d) => disagreementLines(d, state.coders, loaded.corpus.codebook).join('\n')).join('\n\n') + '\n');
      return;
    }
    let decisions: Map<string, LoggedDecision>;
    if (options.decisions !== undefined) {
      const file = options.decisions;
      const read = readUtf8(resolve(ctx.io.cwd, file));
      if ('error' in read) return stop(ctx, [usageProblem(argv, `Cannot read \`${file}\`: ${read.error}`, '--decisions', 'unreadable-file')], options);
      const decided = decisionsFromFile(file, read.text, state, loaded.corpus.codebook, { who: options.who, defaultWho: () => whoFor(options), now: nowIso });
      if (!decided.ok) return nothingWritten(ctx, decided.diagnostics, options);
      decisions = decided.value;
    } else {
      const interactive = options.input !== false && ctx.io.stdin.isTTY === true && ctx.io.stdout.isTTY === true;
      if (!interactive) {
        const why = options.input === false ? 'with --no-input' : 'without a terminal (stdin and stdout must both be a TTY)';
        return stop(ctx, [usageProblem(argv, `Cannot reconcile interactively ${why}; pass --decisions file.yaml (see \`fieldcode reconcile --list\` for the disagreements)`, options.input === false ? '--no-input' : undefined)], options);
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

/** Problems found before writing: printed, and nothing is written. */
function nothingWritten(ctx: CliContext, diagnostics: Diagnostic[], options: ReconcileOptions): void {
  report(ctx, diagnostics, options);
  ctx.io.stderr.write('Nothing written.\n');
  ctx.exitCode = EXIT_PROBLEMS;
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

function write(ctx: CliContext, root: string, state: Reconciliation, decisions: Map<string, LoggedDecision>, options: ReconcileOptions): void {
  const existing = (path: string) => {
    if (!existsSync(join(root, path))) return undefined;
    const read = readUtf8(join(root, path));
    return 'error' in read ? null : read.text;
  };
  const files = consensusFiles(state, decisions, options.log, existing);
  if (!files.ok) return nothingWritten(ctx, files.diagnostics, options);
  const staged: StagedWrite[] = [];
  for (const f of files.value) {
    try {
      staged.push(stageFile(resolve(root, f.path), f.text, { within: root }));
    } catch (error) {
      for (const s of staged) s.abort();
      return stop(ctx, [{ file: f.path, line: 1, column: 1, severity: 'fatal', message: `Cannot write the consensus: ${(error as Error).message}; nothing written`, ruleId: 'write-failed' }], options);
    }
  }
  for (const s of staged) s.commit();
  ctx.io.stderr.write(`${state.disagreements.length} ${state.disagreements.length === 1 ? 'disagreement' : 'disagreements'} decided; consensus coder \`${state.consensus}\` written for ${state.shared.length} ${state.shared.length === 1 ? 'note' : 'notes'}; log in ${options.log}\n`);
}
