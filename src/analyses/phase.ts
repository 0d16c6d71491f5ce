import type { Corpus } from '../types.js';
import { phaseVariable } from '../core/phase-change.js';
import type { SpecReader } from './parse.js';

/** The phase variable a phase kind reads: the spec's, else the project's ordered variable. */
export function phaseOf(corpus: Corpus, phase: string | undefined): string {
  const found = phaseVariable(corpus.variables, phase);
  // parseSpec has made sure there is one: a spec without one was never checked.
  if (!found) throw new Error(`No phase variable for a checked spec (${phase ?? 'none named'})`);
  return found;
}

/** The phase variable named by `key` (or the project's), or a problem saying how to name one. */
export function checkPhase(reader: SpecReader, key: string, phase: string | undefined): string | undefined {
  if (phase === undefined && reader.raw[key] !== undefined && reader.raw[key] !== null) return undefined; // already told: not a variable
  const found = phaseVariable(reader.context.corpus.variables, phase);
  if (!found) reader.fail(`Cannot find a phase variable: declare one with \`ordered: true\`, or name it with \`${key}\``, key);
  return found;
}
