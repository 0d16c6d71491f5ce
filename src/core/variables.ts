// Analysis dimensions: declared in `fieldcode.yaml`, or inferred from the
// front matter when a folder has no project file.
import type { Coding, FrontMatterValue, Note, VariableSpec } from '../types.js';

/** Front-matter fields that describe a note rather than group it. */
const NOT_VARIABLES = new Set(['id', 'title', 'date', 'coder', 'participants', 'format', 'description', 'tags']);
export const MISSING = '(none)';
/** `coder` is a dimension of codings, not of notes: `--by coder` splits counts per coder. */
export const CODER = 'coder';

export function noteValue(note: Note, variable: string): string {
  return scalar(note.data[variable]) ?? MISSING;
}

function scalar(value: FrontMatterValue | undefined): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value.trim() === '' ? undefined : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return undefined;
}

/** Variables taken from what the front matter holds: scalar fields seen in any note. */
export function inferVariables(notes: Note[]): VariableSpec[] {
  const names = new Set<string>();
  for (const note of notes) {
    for (const [key, value] of Object.entries(note.data)) {
      if (!NOT_VARIABLES.has(key) && scalar(value) !== undefined) names.add(key);
    }
  }
  const preferred = ['group', 'phase', 'method'];
  const ordered = [...preferred.filter((name) => names.has(name)), ...[...names].filter((name) => !preferred.includes(name)).sort()];
  return ordered.map((name) => ({ name, ordered: name === 'phase', required: false }));
}

/**
 * The values of a variable in report order: declared values first, in their
 * declared order, then values seen in the data, then `(none)` if some note
 * lacks the field. Every declared value gets its row even at zero.
 */
export function variableValues(spec: VariableSpec | undefined, name: string, notes: Note[], codings: Coding[]): string[] {
  const seen = new Set<string>();
  if (name === CODER && !spec) for (const coding of codings) seen.add(coding.coder);
  else for (const note of notes) seen.add(noteValue(note, name));
  const declared = spec?.values ?? [];
  const extra = [...seen].filter((value) => value !== MISSING && !declared.includes(value)).sort(compareValues);
  const values = [...declared, ...extra];
  if (seen.has(MISSING)) values.push(MISSING);
  return values;
}

const ROMAN = /^(?=[IVXLCDM]+$)M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$/;

export function romanValue(value: string): number | undefined {
  if (!ROMAN.test(value)) return undefined;
  const digits: Record<string, number> = { I: 1, V: 5, X: 10, L: 50, C: 100, D: 500, M: 1000 };
  let total = 0;
  for (let i = 0; i < value.length; i++) {
    const current = digits[value[i]];
    const next = digits[value[i + 1]] ?? 0;
    total += current < next ? -current : current;
  }
  return total;
}

/** Orders inferred values naturally: Roman numerals (phases I, II, III) and numbers by value. */
export function compareValues(a: string, b: string): number {
  const ra = romanValue(a);
  const rb = romanValue(b);
  if (ra !== undefined && rb !== undefined) return ra - rb;
  return a.localeCompare(b, 'en', { numeric: true });
}
