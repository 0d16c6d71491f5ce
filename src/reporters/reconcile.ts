// What `fieldcode reconcile` shows for one disagreement: where, the passage,
// what each coder did, and the codebook's criteria for the codes in question,
// numbered as a decisions file names them (`code.use_when.N`).
import type { Codebook } from '../types.js';
import type { SegmentDisagreement } from '../reconcile/disagreements.js';
import { escapeControls } from './terminal.js';

const QUOTE_LIMIT = 300;

/** The codes one coder used and the other did not, in the order of a then b. */
export function disputedCodes(d: Pick<SegmentDisagreement, 'a' | 'b'>): string[] {
  return [...d.a.filter((c) => !d.b.includes(c)), ...d.b.filter((c) => !d.a.includes(c))];
}

export function criteriaLines(codebook: Codebook, codes: string[]): string[] {
  const lines: string[] = [];
  for (const id of codes) {
    const code = codebook.byId.get(id);
    if (!code) {
      lines.push(`  ${id}: not in the codebook`);
      continue;
    }
    lines.push(`  ${id} (${code.label})${code.definition ? `: ${code.definition}` : ''}`);
    code.useWhen.forEach((text, i) => lines.push(`    ${id}.use_when.${i + 1}  ${text}`));
    code.notWhen.forEach((text, i) => lines.push(`    ${id}.not_when.${i + 1}  ${text}`));
    if (code.useWhen.length === 0 && code.notWhen.length === 0) lines.push('    (no use_when / not_when in the codebook)');
  }
  return lines;
}

export function disagreementLines(d: SegmentDisagreement, coders: [string, string], codebook: Codebook): string[] {
  const text = d.segment.text.replace(/\s+/g, ' ').trim();
  const quote = text.length > QUOTE_LIMIT ? `${text.slice(0, QUOTE_LIMIT - 1)}…` : text;
  const width = Math.max(coders[0].length, coders[1].length) + 1;
  return [
    `${d.at}  “${quote}”`,
    `  ${`${coders[0]}:`.padEnd(width)} ${d.a.join(', ') || '(no code)'}`,
    `  ${`${coders[1]}:`.padEnd(width)} ${d.b.join(', ') || '(no code)'}`,
    '  criteria:',
    ...criteriaLines(codebook, disputedCodes(d)).map((l) => `  ${l}`),
  ].map(escapeControls);
}
