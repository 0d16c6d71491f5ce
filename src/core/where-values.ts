// A `where` value no note can have would give an all-zero report that looks
// like a finding. It is refused instead, with the values there are.
import type { Note, VariableSpec } from '../types.js';
import { valueHint } from './value-hint.js';
import { CODER, MISSING, variableValues } from './variables.js';

const SHOWN = 12;

/**
 * The first `where` value that is neither declared for its variable nor seen
 * in any note, as a message naming the values there are; undefined when all
 * are known. `(none)` always selects the notes without the field.
 */
export function unknownWhereValue(variables: VariableSpec[], notes: Note[], where: Record<string, string[]>, flag: string): string | undefined {
  for (const [name, values] of Object.entries(where)) {
    if (name === CODER) continue;
    const spec = variables.find((variable) => variable.name === name);
    const known = variableValues(spec, name, notes, []).filter((value) => value !== MISSING);
    for (const value of values) {
      if (value === MISSING || known.includes(value)) continue;
      const listed = known.slice(0, SHOWN).map((v) => `\`${v}\``).join(', ') + (known.length > SHOWN ? ` and ${known.length - SHOWN} more` : '');
      const expected = known.length > 0 ? `expected one of ${listed}` : `expected a value some note has (no note has \`${name}\`)`;
      return `Unexpected value \`${value}\` of \`${name}\` in \`${flag}\`, ${expected}${valueHint(value, spec, known)}`;
    }
  }
  return undefined;
}
