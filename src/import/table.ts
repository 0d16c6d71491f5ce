// A small RFC 4180 CSV reader that keeps the line and column of every field,
// so import errors can point at `file.csv:line:column`. Pure; never throws.
import type { Diagnostic } from '../types.js';

export interface CsvField {
  value: string;
  /** 1-based line and column (UTF-16 units) where the field starts. */
  line: number;
  column: number;
}

export interface CsvRecord {
  /** Line where the record starts. */
  line: number;
  fields: CsvField[];
}

export interface CsvTable {
  header: string[];
  /** Header names lower-cased and trimmed → column index. */
  columns: Map<string, number>;
  records: CsvRecord[];
}

/** Splits CSV text into records of positioned fields. Handles quotes, doubled quotes, CRLF, a BOM and `;`/tab delimiters. */
export function readCsv(path: string, input: string): { table?: CsvTable; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = detectDelimiter(firstLine);
  const records: CsvRecord[] = [];
  let line = 1;
  let lineStart = 0;
  let i = 0;
  let fields: CsvField[] = [];
  let recordLine = 1;
  let atRecordStart = true;
  while (i <= text.length) {
    if (atRecordStart) {
      recordLine = line;
      fields = [];
      atRecordStart = false;
    }
    const fieldLine = line;
    const fieldColumn = i - lineStart + 1;
    let value = '';
    if (text[i] === '"') {
      i++;
      let closed = false;
      while (i < text.length) {
        const ch = text[i];
        if (ch === '"') {
          if (text[i + 1] === '"') {
            value += '"';
            i += 2;
            continue;
          }
          i++;
          closed = true;
          break;
        }
        if (ch === '\n') {
          line++;
          lineStart = i + 1;
        }
        value += ch;
        i++;
      }
      if (!closed) {
        diagnostics.push({ file: path, line: fieldLine, column: fieldColumn, severity: 'error', message: 'Unterminated quoted field, expected a closing `"`', ruleId: 'csv-syntax' });
        return { diagnostics };
      }
      // Anything between the closing quote and the delimiter is a format error.
      const stop = nextStop(text, i, delimiter);
      if (stop > i && text.slice(i, stop).trim() !== '') {
        diagnostics.push({ file: path, line, column: i - lineStart + 1, severity: 'error', message: `Unexpected text after a quoted field, expected \`${delimiter}\` or the end of the line`, ruleId: 'csv-syntax' });
        return { diagnostics };
      }
      i = stop;
    } else {
      const stop = nextStop(text, i, delimiter);
      value = text.slice(i, stop);
      i = stop;
    }
    fields.push({ value, line: fieldLine, column: fieldColumn });
    if (i >= text.length) {
      records.push({ line: recordLine, fields });
      break;
    }
    if (text[i] === delimiter) {
      i++;
      continue;
    }
    // Line break: \r\n, \n or \r.
    if (text[i] === '\r' && text[i + 1] === '\n') i += 2;
    else i++;
    line++;
    lineStart = i;
    records.push({ line: recordLine, fields });
    atRecordStart = true;
    if (i >= text.length) break;
  }
  // Drop blank lines (a single empty field).
  const kept = records.filter((r) => !(r.fields.length === 1 && r.fields[0].value.trim() === ''));
  if (kept.length === 0) {
    diagnostics.push({ file: path, line: 1, column: 1, severity: 'error', message: 'Empty CSV file, expected a header row', ruleId: 'csv-syntax' });
    return { diagnostics };
  }
  const [head, ...rest] = kept;
  const header = head.fields.map((f) => f.value.trim());
  const columns = new Map<string, number>();
  header.forEach((name, index) => {
    const key = name.toLowerCase();
    if (!columns.has(key)) columns.set(key, index);
  });
  for (const record of rest) {
    if (record.fields.length !== header.length) {
      const last = record.fields[record.fields.length - 1];
      diagnostics.push({
        file: path,
        line: record.line,
        column: record.fields.length > header.length ? record.fields[header.length].column : last.column,
        severity: 'error',
        message: `Row has ${record.fields.length} fields, expected ${header.length} as in the header`,
        ruleId: 'csv-syntax',
      });
    }
  }
  return { table: { header, columns, records: rest }, diagnostics };
}

function nextStop(text: string, from: number, delimiter: string): number {
  for (let j = from; j < text.length; j++) {
    const c = text[j];
    if (c === delimiter || c === '\n' || c === '\r') return j;
  }
  return text.length;
}

function detectDelimiter(header: string): string {
  const counts = [',', ';', '\t'].map((d) => ({ d, n: header.split(d).length - 1 }));
  counts.sort((a, b) => b.n - a.n);
  return counts[0].n > 0 ? counts[0].d : ',';
}

/** The field of `record` in column `name` (case-insensitive), if the table has it. */
export function field(table: CsvTable, record: CsvRecord, ...names: string[]): CsvField | undefined {
  for (const name of names) {
    const index = table.columns.get(name.toLowerCase());
    if (index !== undefined) return record.fields[index] ?? { value: '', line: record.line, column: 1 };
  }
  return undefined;
}
