// Why the key codes a passage as it does: `why:` entries in a key note's front
// matter, shown to the student after scoring (docs/agree.md#why-the-key-codes-it-so).
//
//   why:
//     - code: mistrust
//       at: Nobody trusted the new coordinator     # words of the paragraph
//       why: Distrust of someone in a role is mistrust, not the absence of trust.
//       criterion: mistrust.use_when.1             # optional: the codebook line that decides it
import type { Codebook, FrontMatterValue, Note } from '../types.js';
import { resolveCriterion } from '../reconcile/decisions.js';

export interface Rationale {
  code?: string;
  /** Words of the paragraph, whitespace-normalised; empty = the whole note. */
  at: string;
  why?: string;
  /** `code.use_when.N  text` when the entry names a codebook line. */
  criterion?: string;
}

const flat = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** The `why:` entries of a key note; entries that are not mappings, or name a criterion the codebook lacks, are skipped. */
export function keyRationales(note: Pick<Note, 'data'> | undefined, codebook: Codebook | undefined): Rationale[] {
  const list = note?.data.why;
  if (!Array.isArray(list)) return [];
  const out: Rationale[] = [];
  for (const item of list as FrontMatterValue[]) {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) continue;
    const entry = item as Record<string, FrontMatterValue>;
    const text = (v: FrontMatterValue | undefined) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
    let criterion: string | undefined;
    const named = text(entry.criterion);
    if (named && codebook) {
      const resolved = resolveCriterion(codebook, named);
      if ('criterion' in resolved) criterion = resolved.criterion.replace(/ "(.*)"$/, (_, t: string) => `  ${JSON.parse(`"${t}"`) as string}`);
    }
    const why = text(entry.why);
    if (!why && !criterion) continue;
    out.push({ ...(text(entry.code) ? { code: text(entry.code) } : {}), at: flat(text(entry.at) ?? ''), ...(why ? { why } : {}), ...(criterion ? { criterion } : {}) });
  }
  return out;
}

/** The first entry for this code (or for any code) whose words are in the paragraph. */
export function rationaleFor(rationales: Rationale[], code: string, paragraph: string): Rationale | undefined {
  const text = flat(paragraph);
  return rationales.find((r) => r.code === code && text.includes(r.at)) ?? rationales.find((r) => r.code === undefined && r.at !== '' && text.includes(r.at));
}
