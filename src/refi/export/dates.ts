// Dates in the export: the notes' own, never the clock, so two exports are identical.
import type { FrontMatterValue, Note } from '../../types.js';
import { scalar } from './variables.js';

export const DEFAULT_DATE = '2000-01-01T00:00:00Z';

/** `YYYY-MM-DDThh:mm:ssZ` from a front-matter date, or undefined. */
export function toDateTime(value: FrontMatterValue | undefined): string | undefined {
  const s = scalar(value);
  if (typeof s !== 'string') return undefined;
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s.trim());
  if (day) {
    const date = new Date(`${s.trim()}T00:00:00Z`);
    return Number.isNaN(date.getTime()) ? undefined : `${s.trim()}T00:00:00Z`;
  }
  const time = Date.parse(s);
  if (/^\d{4}-\d{2}-\d{2}T/.test(s.trim()) && !Number.isNaN(time)) return new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return undefined;
}

export interface Dates {
  /** The newest note date, else the fallback. */
  projectDate: string;
  /** A note's date, else the project's. */
  dateOf(path: string): string;
}

export function planDates(notes: Note[], fallback: string | undefined): Dates {
  const noteDates = new Map<string, string>();
  for (const note of notes) {
    const date = toDateTime(note.data?.date);
    if (date) noteDates.set(note.path, date);
  }
  const projectDate = [...noteDates.values()].sort().pop() ?? fallback ?? DEFAULT_DATE;
  return { projectDate, dateOf: (path) => noteDates.get(path) ?? projectDate };
}
