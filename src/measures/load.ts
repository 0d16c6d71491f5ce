// The pipeline's measures stage: each `measures:` CSV of fieldcode.yaml, read
// through the same Source as the notes and checked against them. A row must
// name known values (declared or seen in the notes; participants by label or
// pseudonym), its other cells must be numbers (empty = missing), and no two
// rows may share their join values. Every problem is a positioned error.
import { posix } from 'node:path';
import type { Diagnostic, MeasureRow, MeasureTable, Note, ProjectConfig, VariableSpec } from '../types.js';
import type { Source } from '../pipeline/source.js';
import { readCsv } from '../import/table.js';
import { canonicalName } from '../core/names.js';
import { variableValues } from '../core/variables.js';

/** The join target that matches a note's participants rather than a variable. */
export const PARTICIPANT = 'participant';

/** Canonical name → how participants are written (label or pseudonym), over every note. */
export function participantNames(notes: Note[]): Set<string> {
  const names = new Set<string>();
  for (const note of notes) {
    for (const p of note.participants) {
      names.add(canonicalName(p.label));
      if (typeof p.pseudonym === 'string') names.add(canonicalName(p.pseudonym));
    }
  }
  return names;
}

/** `configPath` is the project file's path in the source; measures files are relative to its folder. */
export function readMeasures(source: Source, config: ProjectConfig, configPath: string | undefined, notes: Note[], variables: VariableSpec[], diagnostics: Diagnostic[]): MeasureTable[] {
  const tables: MeasureTable[] = [];
  const base = configPath ? posix.dirname(configPath) : '.';
  const configShown = configPath ? source.shown(configPath) : undefined;
  const participants = participantNames(notes);
  for (const entry of config.measures ?? []) {
    const at = { file: configShown ?? 'fieldcode.yaml', ...entry.at };
    const error = (where: { file: string; line: number; column: number }, message: string, ruleId: Diagnostic['ruleId']): void => {
      diagnostics.push({ ...where, severity: 'error', message, ruleId });
    };
    const path = base === '.' ? entry.file : posix.join(base, entry.file);
    const shown = source.shown(path);
    if (!source.exists(path)) {
      error(at, `Cannot find measures file \`${entry.file}\`, expected a CSV file relative to the project file`, 'measure-file');
      continue;
    }
    const file = source.read(path);
    if ('error' in file) {
      error({ file: shown, line: file.line ?? 1, column: file.column ?? 1 }, file.error, file.ruleId ?? 'unreadable-file');
      continue;
    }
    const before = diagnostics.length;
    for (const [column, target] of Object.entries(entry.join)) {
      if (target !== PARTICIPANT && !variables.some((v) => v.name === target)) error(at, `Unexpected join \`${column}: ${target}\`, expected a declared variable or \`${PARTICIPANT}\``, 'measure-join');
    }
    const read = readCsv(shown, file.text);
    diagnostics.push(...read.diagnostics);
    const table = read.table;
    if (!table) continue;
    const header = table.header.map((h) => h.trim());
    for (const column of Object.keys(entry.join)) {
      if (!header.includes(column)) error({ file: shown, line: 1, column: 1 }, `Unexpected header without the join column \`${column}\`, expected it among ${header.map((h) => `\`${h}\``).join(', ')}`, 'measure-join');
    }
    if (diagnostics.length > before) continue;
    const known = new Map<string, Set<string>>();
    for (const target of new Set(Object.values(entry.join))) {
      known.set(target, target === PARTICIPANT ? participants : new Set(variableValues(variables.find((v) => v.name === target), target, notes, [])));
    }
    const columns = header.filter((h) => h !== '' && !(h in entry.join));
    const rows: MeasureRow[] = [];
    const seen = new Map<string, number>();
    for (const record of table.records) {
      if (record.fields.every((f) => f.value.trim() === '')) continue;
      const field = (name: string) => record.fields[header.indexOf(name)] ?? { value: '', line: record.line, column: 1 };
      const keys: Record<string, string> = {};
      let ok = true;
      for (const [column, target] of Object.entries(entry.join)) {
        const cell = field(column);
        const value = cell.value.trim();
        const values = known.get(target)!;
        if (!values.has(target === PARTICIPANT ? canonicalName(value) : value)) {
          const list = target === PARTICIPANT ? 'a participant of a note (label or pseudonym)' : `one of ${[...values].map((v) => `\`${v}\``).join(', ')}`;
          error({ file: shown, line: cell.line, column: cell.column }, `Unexpected ${target} \`${value}\` in column \`${column}\`, expected ${list}`, 'measure-unknown-value');
          ok = false;
        }
        keys[target] = value;
      }
      const values: Record<string, number | null> = {};
      for (const column of columns) {
        const cell = field(column);
        const text = cell.value.trim();
        const number = text === '' ? null : Number(text);
        if (number !== null && (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text) || !Number.isFinite(number))) {
          error({ file: shown, line: cell.line, column: cell.column }, `Unexpected \`${text}\` in column \`${column}\`, expected a number (a decimal point, not a comma) or an empty cell`, 'measure-not-number');
          ok = false;
        }
        values[column] = number;
      }
      const key = JSON.stringify(Object.values(entry.join).map((target) => (target === PARTICIPANT ? canonicalName(keys[target]) : keys[target])));
      const previous = seen.get(key);
      if (previous !== undefined) {
        error({ file: shown, line: record.line, column: 1 }, `Unexpected second row for ${Object.entries(keys).map(([k, v]) => `${k} \`${v}\``).join(', ')}, expected one row per ${Object.values(entry.join).join(' × ')} (the first is on line ${previous})`, 'measure-duplicate-row');
        ok = false;
      } else seen.set(key, record.line);
      if (ok) rows.push({ keys, values, line: record.line });
    }
    tables.push({ file: shown, join: entry.join, columns, rows });
  }
  return tables;
}

/** `fieldcode reconcile`'s decision log at its default place, beside the project file, for the methods appendix. */
export const RECONCILE_LOG = 'reconcile-log.txt';

export function readReconcileLog(source: Source, configPath: string | undefined): { file: string; text: string } | undefined {
  if (!configPath) return undefined;
  const dir = posix.dirname(configPath);
  const path = dir === '.' ? RECONCILE_LOG : posix.join(dir, RECONCILE_LOG);
  if (!source.exists(path)) return undefined;
  const file = source.read(path);
  return 'error' in file ? undefined : { file: RECONCILE_LOG, text: file.text };
}
