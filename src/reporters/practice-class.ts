// Output of `fieldcode practice class`: what a class misses most, for the teacher.
import type { ClassRollup } from '../agreement/practice-class.js';
import { escapeMarkdownCell, escapeMarkdownText, markdownCode } from './markdown-escape.js';
import { alignColumns } from './style.js';
import { escapeControls } from './terminal.js';

export const PRACTICE_CLASS_JSON_VERSION = 'practice-class/1';

const share = (n: number, of: number): string => `${n}/${of}`;

export function practiceClassText(r: ClassRollup, exercise: string, top: number): string {
  const n = r.students.length;
  const out = [`Class roll-up: ${exercise}, ${n} ${n === 1 ? 'student' : 'students'}`, ''];
  if (r.codes.length === 0) return escapeControls([...out, 'Every student matches the key on every paragraph.', ''].join('\n'));
  out.push('Codes, most differences first (students: how many missed / added it at least once)', '');
  out.push(alignColumns([['code', 'missed', 'added', 'students missed', 'students added'], ...r.codes.map((c) => [c.code, String(c.missed), String(c.added), share(c.studentsMissed, n), share(c.studentsAdded, n)])], [false, true, true, true, true]), '');
  out.push(`Passages most students got wrong (top ${Math.min(top, r.passages.length)} of ${r.passages.length})`, '');
  for (const p of r.passages.slice(0, top)) out.push(`  ${share(p.students.length, n)}  ${p.kind} ${p.code}  ${p.note}`, `        "${p.quote}"`, `        ${p.students.join(', ')}`);
  if (r.confusions.length > 0) {
    out.push('', 'Mix-ups (used X where the key has Y)', '');
    for (const c of r.confusions.slice(0, top)) out.push(`  ${share(c.students.length, n)}  ${c.used} for ${c.key}  (${c.students.join(', ')})`);
  }
  return escapeControls(`${out.join('\n')}\n`);
}

export function practiceClassMarkdown(r: ClassRollup, exercise: string, top: number): string {
  const n = r.students.length;
  const out = [`# Class roll-up: ${escapeMarkdownText(exercise)}`, '', `_${n} ${n === 1 ? 'student' : 'students'}._`, ''];
  if (r.codes.length === 0) return [...out, 'Every student matches the key on every paragraph.', ''].join('\n');
  out.push('| code | missed | added | students missed | students added |', '|---|---:|---:|---:|---:|');
  for (const c of r.codes) out.push(`| ${markdownCode(c.code)} | ${c.missed} | ${c.added} | ${share(c.studentsMissed, n)} | ${share(c.studentsAdded, n)} |`);
  out.push('', '## Passages most students got wrong', '', '| students | what | note | passage |', '|---:|---|---|---|');
  for (const p of r.passages.slice(0, top)) out.push(`| ${share(p.students.length, n)} | ${p.kind} ${markdownCode(p.code)} | ${markdownCode(p.note)} | ${escapeMarkdownCell(p.quote)} |`);
  if (r.confusions.length > 0) {
    out.push('', '## Mix-ups', '');
    for (const c of r.confusions.slice(0, top)) out.push(`- ${share(c.students.length, n)}: ${markdownCode(c.used)} where the key has ${markdownCode(c.key)}`);
  }
  return `${out.join('\n')}\n`;
}

export function practiceClassJson(r: ClassRollup, exercise: string): string {
  return `${JSON.stringify({ fieldcode: PRACTICE_CLASS_JSON_VERSION, exercise, ...r }, null, 2)}\n`;
}
