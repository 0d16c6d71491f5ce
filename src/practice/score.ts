// `practice score` and `practice class`: a student's coded copy of the
// exercise against the instructor's key, paragraph by paragraph. Notes
// missing on either side, and paragraphs whose words were changed, are
// diagnostics; the score covers what could be compared.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Codebook, Coding, Diagnostic, Note } from '../types.js';
import { alignCoders } from '../agreement/align.js';
import { scorePractice, type PracticeScore } from '../agreement/practice.js';
import { PRACTICE_FILE } from './exercises.js';

/** A folder of coded notes as read for comparison (see `readFolder` in cli/agree-sources.ts). */
export interface CodedFolder {
  notes: Array<{ key: string; note: Note }>;
  codings: Coding[];
  codebook: Codebook;
  diagnostics: Diagnostic[];
}

/** No result when nothing could be compared (or a folder could not be read at all). */
export type ScoredFolder = { result: PracticeScore; codebook: Codebook; diagnostics: Diagnostic[] } | { result?: undefined; codebook?: Codebook; diagnostics: Diagnostic[] };

/** `shown`: the student's and the key's folders as the user sees them. */
export function scoreAgainstKey(student: CodedFolder, key: CodedFolder, shown: { work: string; key: string }): ScoredFolder {
  const codebook = student.codebook;
  const fatal = [...student.diagnostics, ...key.diagnostics].filter((d) => d.severity === 'fatal');
  if (fatal.length > 0) return { diagnostics: fatal, codebook };
  const diagnostics: Diagnostic[] = [...student.diagnostics, ...key.diagnostics.filter((d) => d.severity === 'error')];
  const alignment = alignCoders([
    { coder: 'you', source: shown.work, notes: student.notes, codings: student.codings },
    { coder: 'key', source: shown.key, notes: key.notes, codings: key.codings },
  ]);
  for (const missing of alignment.missingNotes) {
    const present = missing.presentFor[0];
    diagnostics.push(
      present.coder === 'key'
        ? { file: present.path, line: 1, column: 1, severity: 'error', message: `Missing note \`${missing.key}\` in your folder, expected a copy of every exercise note (run \`fieldcode practice start\` again into a new folder to get it)`, ruleId: 'practice-note-missing' }
        : { file: present.path, line: 1, column: 1, severity: 'error', message: `Unexpected note \`${missing.key}\`: the key has no such note, so it cannot be scored`, ruleId: 'practice-note-missing' },
    );
  }
  for (const u of alignment.unalignedSegments) {
    if (u.coder !== 'you') continue;
    diagnostics.push({ file: u.note.path, line: u.segment.range.start.line, column: u.segment.range.start.column, severity: 'warning', message: 'This paragraph differs from the exercise text, so it cannot be scored; keep the words as they are and only add tags', ruleId: 'practice-text-changed' });
  }
  if (alignment.notes.length === 0) {
    diagnostics.push({ file: shown.work, line: 1, column: 1, severity: 'error', message: 'Cannot score: none of your notes is in the key', ruleId: 'practice-note-missing' });
    return { diagnostics, codebook };
  }
  const used = new Set(alignment.notes.flatMap((note) => note.spans.flat().map((span) => span.code)));
  const codes = [...codebook.codes.map((c) => c.id).filter((id) => used.has(id)), ...[...used].filter((id) => !codebook.byId.has(id)).sort()];
  return { result: scorePractice(alignment, codes, codebook), diagnostics, codebook };
}

/** Paths inside the temporary import folder of a submission, shown as `submission.csv:notes/x.md`. */
export function relabel(scored: ScoredFolder, temp: string, shown: string): ScoredFolder {
  const fix = (path: string) => (path.startsWith(`${temp}/`) ? `${shown}:${path.slice(temp.length + 1)}` : path);
  if (scored.result) {
    for (const item of scored.result.items) item.path = fix(item.path);
    for (const c of scored.result.confusions) c.path = fix(c.path);
  }
  for (const d of scored.diagnostics) d.file = fix(d.file);
  return scored;
}

/** The students of a class folder: each sub-folder with `notes/` or a practice file, by name. */
export function submissionFolders(root: string): string[] {
  return readdirSync(root)
    .filter((name) => !name.startsWith('.') && statSync(join(root, name)).isDirectory() && (existsSync(join(root, name, 'notes')) || existsSync(join(root, name, PRACTICE_FILE))))
    .sort();
}

/** The exercise's codebook copied into a practice folder, if there is one. */
export function studentCodebookPath(work: string): string | undefined {
  const path = join(work, 'codebook.yaml');
  return existsSync(path) ? path : undefined;
}
