// Reading what `practice score` and `practice class` compare: a practice
// folder (or an imported submission) and the key, each read as a folder of
// coded notes, then scored by practice/score.ts.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Codebook, Diagnostic } from '../types.js';
import type { PracticeScore } from '../agreement/practice.js';
import { classRollup, type ClassRollup } from '../agreement/practice-class.js';
import { relabel, scoreAgainstKey, studentCodebookPath, type ScoredFolder } from '../practice/score.js';
import { readFolder } from './agree-sources.js';
import type { IO } from './io.js';
import { importSubmission } from './practice-submission.js';
import { displayPath } from './project.js';

/** Another tool's coding of this exercise, scored in place of the folder's notes. */
export function scoreSubmission(io: Pick<IO, 'cwd' | 'argv'>, submissionArg: string, work: string, keyDir: string): ScoredFolder {
  const cwd = io.cwd;
  const submission = importSubmission(io.argv, resolve(cwd, submissionArg), submissionArg, keyDir, studentCodebookPath(work));
  if (submission.diagnostics.some((d) => d.severity === 'error' || d.severity === 'fatal')) return { diagnostics: submission.diagnostics };
  try {
    const scored = relabel(scoreFolder(cwd, submission.folder, keyDir, join(submission.folder, 'codebook.yaml')), displayPath(cwd, submission.folder), submissionArg);
    scored.diagnostics.unshift(...submission.diagnostics);
    return scored;
  } finally {
    submission.dispose();
  }
}

/** Reads a practice folder and the key, and scores one against the other. */
export function scoreFolder(cwd: string, work: string, keyDir: string, codebookPath?: string): ScoredFolder {
  const student = readFolder(cwd, work, codebookPath);
  const key = readFolder(cwd, keyDir, existsSync(join(keyDir, 'fieldcode.yaml')) ? undefined : (codebookPath ?? studentCodebookPath(work)));
  return scoreAgainstKey(student, key, { work: displayPath(cwd, work), key: displayPath(cwd, keyDir) });
}

/** Every student's folder under `root` scored against the key, rolled up for the class. */
export function scoreClass(cwd: string, root: string, students: string[], keyDir: string): { rollup: ClassRollup; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const scored: Array<{ student: string; score: PracticeScore }> = [];
  let codebook: Codebook | undefined;
  for (const student of students) {
    const result = scoreFolder(cwd, join(root, student), keyDir);
    diagnostics.push(...result.diagnostics);
    codebook ??= result.codebook;
    if (result.result) scored.push({ student, score: result.result });
  }
  return { rollup: classRollup(scored, codebook ? codebook.codes.map((c) => c.id) : []), diagnostics };
}
