// The `--from` and `--set` flags of a transcript import, `--set` checked
// against the project's variables. A value the import cannot use is a fatal
// problem at it on the command line.
import type { Diagnostic, VariableSpec } from '../types.js';
import { hint } from '../core/did-you-mean.js';
import { ok, problems, type Checked } from '../model/checked.js';
import { flagValue, usageProblem } from '../model/command-line.js';
import { TRANSCRIPT_FORMATS, type TranscriptFormat } from './index.js';

/** Front matter keys the import writes itself. */
const RESERVED = new Set(['id', 'source', 'participants', 'format', 'coder']);

export function readFrom(argv: readonly string[], value: string | undefined): Checked<TranscriptFormat | undefined> {
  if (value === undefined) return ok(undefined);
  if ((TRANSCRIPT_FORMATS as readonly string[]).includes(value)) return ok(value as TranscriptFormat);
  return problems(usageProblem(argv, `Unexpected --from \`${value}\`, expected one of ${TRANSCRIPT_FORMATS.map((f) => `\`${f}\``).join(', ')}${hint(value, TRANSCRIPT_FORMATS)}`, '--from'));
}

/** `--set key=value` pairs, checked against the declared variables and values. */
export function readSets(argv: readonly string[], raw: string[], variables: VariableSpec[]): Checked<Array<[string, string]>> {
  const pairs: Array<[string, string]> = [];
  const found: Diagnostic[] = [];
  for (const item of raw) {
    const problem = (message: string): void => void found.push(usageProblem(argv, message, flagValue(argv, '--set', item)));
    const match = /^([^=\s]+)=(.*)$/.exec(item);
    if (!match || match[2]!.trim() === '') {
      problem(`Unexpected --set \`${item}\`, expected KEY=VALUE (for example --set method=focus-group)`);
      continue;
    }
    const key = match[1]!;
    const value = match[2]!.trim();
    if (RESERVED.has(key)) {
      problem(`Unexpected --set ${key}=…: \`${key}\` is written by the import itself`);
      continue;
    }
    if (pairs.some(([k]) => k === key)) {
      problem(`Unexpected second --set ${key}=…, expected each variable once`);
      continue;
    }
    if (variables.length > 0 && key !== 'date' && key !== 'title') {
      const spec = variables.find((v) => v.name === key);
      if (!spec) {
        problem(`Unexpected variable \`${key}\` in --set, expected one declared in fieldcode.yaml: ${variables.map((v) => `\`${v.name}\``).join(', ')}${hint(key, variables.map((v) => v.name))}`);
        continue;
      }
      if (spec.values && !spec.values.includes(value)) {
        problem(`Unexpected ${key} \`${value}\` in --set, expected one of ${spec.values.map((v) => `\`${v}\``).join(', ')}${hint(value, spec.values)}`);
        continue;
      }
    }
    pairs.push([key, value]);
  }
  return found.length > 0 ? problems(...found) : ok(pairs);
}

