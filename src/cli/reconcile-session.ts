// The interactive side of `fieldcode reconcile`: one disagreement at a time,
// the passage and the codebook's criteria on screen, a one-letter choice, then
// the criterion and a reason. Quitting (q, Ctrl-C, end of input) writes nothing.
import { createInterface } from 'node:readline';
import type { Codebook } from '../types.js';
import { codeOrder } from '../reconcile/disagreements.js';
import { resolveCriterion } from '../reconcile/decisions.js';
import type { LoggedDecision, Take } from '../reconcile/log.js';
import { disagreementLines } from '../reporters/reconcile.js';
import type { CliContext } from './context.js';
import { logged, type Reconciliation } from '../reconcile/reconciliation.js';

const KEYS: Record<string, Take> = { a: 'a', b: 'b', o: 'both', n: 'neither', e: 'edit' };

export async function runReconcileSession(ctx: CliContext, state: Reconciliation, codebook: Codebook, who: { who: string; when: () => string }): Promise<Map<string, LoggedDecision> | undefined> {
  const out = ctx.io.stdout;
  const rl = createInterface({ input: ctx.io.stdin, output: out, terminal: true });
  const lines: string[] = [];
  let waiting: ((line: string | undefined) => void) | undefined;
  let closed = false;
  rl.on('line', (line) => (waiting ? (waiting(line), (waiting = undefined)) : lines.push(line)));
  rl.on('close', () => {
    closed = true;
    waiting?.(undefined);
  });
  rl.on('SIGINT', () => rl.close());
  const ask = (prompt: string): Promise<string | undefined> => {
    out.write(prompt);
    if (lines.length > 0) return Promise.resolve(lines.shift());
    if (closed) return Promise.resolve(undefined);
    return new Promise((done) => (waiting = done));
  };
  const order = codeOrder(codebook);
  const decisions = new Map<string, LoggedDecision>();
  const [a, b] = state.coders;
  try {
    for (const [i, d] of state.disagreements.entries()) {
      out.write(`\nDisagreement ${i + 1} of ${state.disagreements.length}\n${disagreementLines(d, state.coders, codebook).join('\n')}\n`);
      let take: Take | undefined;
      while (!take) {
        const answer = await ask(`[a] keep ${a}  [b] keep ${b}  [o] both  [n] neither  [e] edit  [q] quit > `);
        if (answer === undefined || answer.trim() === 'q') return undefined;
        take = KEYS[answer.trim().toLowerCase()];
        if (!take) out.write('Type a, b, o, n, e or q.\n');
      }
      let codes: string[] | undefined;
      while (take === 'edit' && !codes) {
        const answer = await ask('codes for the passage, comma-separated (Enter for none) > ');
        if (answer === undefined) return undefined;
        const list = answer.split(',').map((c) => c.trim()).filter(Boolean);
        const unknown = list.filter((c) => !codebook.byId.has(c));
        if (unknown.length > 0) out.write(`Not in the codebook: ${unknown.join(', ')}\n`);
        else codes = list;
      }
      let criterion: string | undefined;
      for (;;) {
        const answer = await ask('criterion that decides it, e.g. trust.use_when.1 (Enter for none) > ');
        if (answer === undefined) return undefined;
        if (answer.trim() === '') break;
        const resolved = resolveCriterion(codebook, answer);
        if ('error' in resolved) out.write(`${resolved.error}\n`);
        else {
          criterion = resolved.criterion;
          break;
        }
      }
      const reason = await ask('reason (Enter for none) > ');
      if (reason === undefined) return undefined;
      const decision = logged(d, { take, ...(codes ? { codes } : {}), ...(criterion ? { criterion } : {}), ...(reason.trim() ? { reason: reason.trim() } : {}) }, order, who.who, who.when());
      out.write(`→ ${decision.result.join(', ') || '(no code)'}\n`);
      decisions.set(d.at, decision);
    }
    return decisions;
  } finally {
    rl.close();
  }
}
