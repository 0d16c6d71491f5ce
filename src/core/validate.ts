// Corpus-level checks: codes against the codebook, front matter against the
// declared variables. Problems are collected, never thrown.
import type { Codebook, Coding, Diagnostic, Note, VariableSpec } from '../types.js';
import { hint } from './did-you-mean.js';
import { noteValue, MISSING } from './variables.js';
import { valueHint } from './value-hint.js';
import { describeLineage } from '../codebook/lineage.js';

export function validateCodings(codings: Coding[], codebook: Codebook): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const ids = [...codebook.byId.keys()];
  for (const coding of codings) {
    if (codebook.byId.has(coding.code)) continue;
    const lineage = describeLineage(codebook, coding.code);
    if (lineage !== undefined) {
      // An old id left behind in a note (a merge from another branch, a hand edit): say what it became.
      diagnostics.push({
        file: coding.note,
        line: coding.range.start.line,
        column: coding.range.start.column,
        severity: 'error',
        message: `Unexpected code \`${coding.code}\`, ${lineage} in \`${codebook.path}\``,
        ruleId: 'retired-code',
      });
      continue;
    }
    diagnostics.push({
      file: coding.note,
      line: coding.range.start.line,
      column: coding.range.start.column,
      severity: 'error',
      message: `Unexpected code \`${coding.code}\`, expected a code from \`${codebook.path}\`${hint(coding.code, ids)}`,
      ruleId: 'unknown-code',
    });
  }
  return diagnostics;
}

export function validateVariables(notes: Note[], variables: VariableSpec[]): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const note of notes) {
    if (note.broken) continue;
    for (const spec of variables) {
      const value = noteValue(note, spec.name);
      const where = note.fieldPositions[spec.name] ?? { line: 1, column: 1 };
      if (value === MISSING) {
        if (spec.required) {
          diagnostics.push({ file: note.path, line: 1, column: 1, severity: 'error', message: `Missing required variable \`${spec.name}\` in front matter${spec.values ? `, expected one of ${spec.values.map((v) => `\`${v}\``).join(', ')}` : ''}`, ruleId: 'missing-variable' });
        }
        continue;
      }
      if (spec.values && !spec.values.includes(value)) {
        diagnostics.push({ file: note.path, line: where.line, column: where.column, severity: 'error', message: `Unexpected ${spec.name} \`${value}\`, expected one of ${spec.values.map((v) => `\`${v}\``).join(', ')}${valueHint(value, spec, spec.values)}`, ruleId: 'invalid-variable-value' });
      }
    }
  }
  return diagnostics;
}

/** Notes that share an `id` would be merged by agreement and exports; flag them. */
export function validateNoteIds(notes: Note[]): Diagnostic[] {
  const seen = new Map<string, string>();
  const diagnostics: Diagnostic[] = [];
  for (const note of notes) {
    const id = note.data.id;
    if (typeof id !== 'string' && typeof id !== 'number') continue;
    const key = String(id);
    const first = seen.get(key);
    if (first) {
      const where = note.fieldPositions.id ?? { line: 1, column: 1 };
      diagnostics.push({ file: note.path, line: where.line, column: where.column, severity: 'error', message: `Unexpected duplicate note id \`${key}\`, already used by \`${first}\``, ruleId: 'duplicate-note-id' });
    } else seen.set(key, note.path);
  }
  return diagnostics;
}
