// `fieldcode agree --table file.csv`: a units × coders table (one row per
// unit, one column per coder, an empty cell = no value, an optional first
// `unit` column) read into reliability data. readCsv already rejects a row
// whose number of fields differs from the header's. Pure: text in, data and
// positioned diagnostics out; never throws on user data.
import type { Diagnostic } from '../types.js';
import type { RuleId } from '../model/rules.js';
import { readCsv, type CsvField } from '../import/table.js';
import type { CodeValue, MeasurementLevel } from './coefficients.js';

export interface ReliabilityTable {
  coders: string[];
  /** Unit labels: the `unit` column, else the CSV line number. */
  units: string[];
  /** One row per unit, one entry per coder, `null` where the cell is empty. */
  values: Array<Array<CodeValue | null>>;
}

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

function diag(file: string, at: { line: number; column: number }, message: string, ruleId: RuleId): Diagnostic {
  return { file, line: at.line, column: at.column, severity: 'error', message, ruleId };
}

/**
 * Reads the table. At `nominal` a column of numbers stays numbers when every
 * value is one (so `1` and `1.0` are one category); otherwise values are
 * trimmed strings. At `ordinal`, `interval` and `ratio` every value must be a
 * number (ratio: not negative).
 */
export function readReliabilityTable(path: string, text: string, level: MeasurementLevel): { table?: ReliabilityTable; diagnostics: Diagnostic[] } {
  const read = readCsv(path, text);
  const diagnostics = [...read.diagnostics];
  if (!read.table || diagnostics.some((d) => d.severity === 'error' || d.severity === 'fatal')) return { diagnostics };
  const { header, records } = read.table;
  const hasUnit = header.length > 0 && header[0].trim().toLowerCase() === 'unit';
  const first = hasUnit ? 1 : 0;
  const coders = header.slice(first).map((name) => name.trim());
  const headerField = (i: number): { line: number; column: number } => ({ line: 1, column: columnOfHeader(text, i) });
  if (coders.length < 2) {
    diagnostics.push(diag(path, headerField(first), `Cannot compare coders: the table has ${coders.length === 0 ? 'no coder column' : `one coder column (\`${coders[0]}\`)`}, expected two or more (one column per coder${hasUnit ? ' after the `unit` column' : ', optionally after a first `unit` column'})`, 'agree-single-coder'));
    return { diagnostics };
  }
  const seen = new Map<string, number>();
  coders.forEach((name, i) => {
    if (name === '') diagnostics.push(diag(path, headerField(first + i), `Unexpected empty coder name in column ${first + i + 1}, expected a name for every coder column`, 'agree-table-shape'));
    else if (seen.has(name)) diagnostics.push(diag(path, headerField(first + i), `Unexpected second column for coder \`${name}\` (first in column ${seen.get(name)! + first + 1}), expected each coder once`, 'agree-table-shape'));
    else seen.set(name, i);
  });
  const units: string[] = [];
  const cells: Array<Array<CsvField | null>> = [];
  for (const record of records) {
    if (record.fields.every((f) => f.value.trim() === '')) continue;
    units.push(hasUnit ? record.fields[0].value.trim() || `line ${record.line}` : `line ${record.line}`);
    cells.push(coders.map((_, c) => {
      const f = record.fields[first + c];
      return f && f.value.trim() !== '' ? f : null;
    }));
  }
  const numeric = cells.every((row) => row.every((f) => f === null || NUMBER.test(f.value.trim())));
  const values = cells.map((row) =>
    row.map((f) => {
      if (f === null) return null;
      const raw = f.value.trim();
      if (level === 'nominal') return numeric ? Number(raw) : raw;
      if (!NUMBER.test(raw)) {
        diagnostics.push(diag(path, f, `Unexpected value \`${raw}\` at the ${level} level, expected a number (leave the cell empty for a missing value, or use --level nominal)`, 'agree-table-not-numeric'));
        return null;
      }
      const n = Number(raw);
      if (level === 'ratio' && n < 0) diagnostics.push(diag(path, f, `Unexpected negative value \`${raw}\` at the ratio level, expected a number of at least 0`, 'agree-table-not-numeric'));
      return n;
    }),
  );
  if (diagnostics.some((d) => d.severity === 'error')) return { diagnostics };
  if (!values.some((row) => row.filter((v) => v !== null).length >= 2)) {
    diagnostics.push(diag(path, { line: 1, column: 1 }, `Cannot compare coders: no unit has values from two coders (${values.length} ${values.length === 1 ? 'unit' : 'units'}), expected at least one row where two or more coders gave a value`, 'agree-table-no-overlap'));
    return { diagnostics };
  }
  return { table: { coders, units, values }, diagnostics };
}

/** 1-based column where header field `index` starts (the header's positions are not kept by readCsv). */
function columnOfHeader(text: string, index: number): number {
  const line = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).split(/\r?\n/, 1)[0];
  const delimiter = [',', ';', '\t'].map((d) => ({ d, n: line.split(d).length - 1 })).sort((a, b) => b.n - a.n)[0];
  const sep = delimiter.n > 0 ? delimiter.d : ',';
  let column = 1;
  let inQuotes = false;
  let field = 0;
  for (let i = 0; i < line.length && field < index; i++) {
    const ch = line[i];
    if (ch === '"') inQuotes = !inQuotes;
    else if (ch === sep && !inQuotes) {
      field += 1;
      column = i + 2;
    }
  }
  return column;
}
