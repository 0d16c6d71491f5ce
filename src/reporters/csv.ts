// Every CSV fieldcode writes goes through here. Researchers open these files
// in spreadsheets, so a cell that starts with `=`, `+`, `-`, `@`, a tab or a
// carriage return (a quote, a group value, a code label) is written with a
// leading `'` (csv-stringify's `escape_formulas`): it shows as text and never
// runs as a formula. Numbers stay numbers: a negative count or change is
// passed as a number, formatted by `decimals`, and is not escaped.
import { stringify } from 'csv-stringify/sync';

/**
 * `header` is the first row; `decimals` gives, per column name, the digits a
 * number in that column is written with (`share: 4` → `0.2500`).
 */
export function toCsv(header: string[], rows: unknown[][], decimals: Record<string, number> = {}): string {
  return stringify([header, ...rows], {
    record_delimiter: '\n',
    escape_formulas: true,
    cast: {
      number: (value, context) => {
        const digits = typeof context.column === 'number' ? decimals[header[context.column]] : undefined;
        return digits === undefined ? String(value) : value.toFixed(digits);
      },
    },
  });
}
