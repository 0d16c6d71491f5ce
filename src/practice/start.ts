// `practice start`: the files of a new practice folder, made from an exercise:
// each note without its tags (a note whose tags do not come off cleanly is
// refused with a diagnostic and not copied), the project file and the
// practice file that tells `practice score` where the key is. Nothing is
// written here; the command writes what this returns.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic } from '../types.js';
import { ok, problems, type Checked } from '../model/checked.js';
import { usageProblem } from '../model/command-line.js';
import { stripInlineTags, withoutRationales } from '../agreement/strip.js';
import { readNote } from '../core/note.js';
import { displayPath } from '../pipeline/paths.js';
import { readUtf8 } from '../pipeline/read-file.js';
import type { Style } from '../reporters/style.js';
import { exerciseNotes, type Exercise } from './exercises.js';

export interface PracticeFolder {
  /** Notes to write under `notes/`, each without its tags (BOM kept). */
  notes: Array<{ path: string; text: string }>;
  /** Notes whose tags did not come off cleanly; they are not copied. */
  refused: Diagnostic[];
  projectFile: string;
  practiceFile: string;
}

/** `at`: the argument that named the target folder (or the exercise it is named after). */
export function practiceFolder(argv: readonly string[], cwd: string, exercise: Exercise, target: string, options: { force?: boolean; at?: string; codebookFlag?: boolean }): Checked<PracticeFolder> {
  if (existsSync(target) && (!statSync(target).isDirectory() || (readdirSync(target).length > 0 && !options.force))) {
    return problems(usageProblem(argv, `Cannot start in \`${displayPath(cwd, target)}\`: it exists and is not empty (pass --force to write into it)`, options.at));
  }
  if (!existsSync(exercise.codebookPath)) return problems(usageProblem(argv, `Cannot find codebook \`${displayPath(cwd, exercise.codebookPath)}\``, options.codebookFlag ? '--codebook' : undefined, 'missing-file'));
  const source = exercise.notesDir ?? exercise.keyDir;
  const files = exerciseNotes(source);
  if (files.length === 0) return problems(usageProblem(argv, `Cannot start: \`${displayPath(cwd, source)}\` has no notes (.md files)`, exercise.bundled ? exercise.name : undefined));
  const notes: PracticeFolder['notes'] = [];
  const refused: Diagnostic[] = [];
  for (const file of files) {
    const shown = displayPath(cwd, join(source, file));
    const read = readUtf8(join(source, file));
    if ('error' in read) return problems({ file: shown, line: 1, column: 1, severity: 'fatal', message: `Cannot read \`${shown}\`: ${read.error}`, ruleId: 'unreadable-file' });
    const uncoded = stripInlineTags(withoutRationales(read.text));
    if (!strippedCleanly(file, read.text, uncoded, read.bom)) {
      refused.push({ file: shown, line: 1, column: 1, severity: 'error', message: 'Cannot remove the tags from this note cleanly; it was not copied', ruleId: 'practice-strip' });
      continue;
    }
    notes.push({ path: file, text: (read.bom ? '\uFEFF' : '') + uncoded });
  }
  const practiceFile = ['# Written by `fieldcode practice start`: where `fieldcode practice score` finds the key.', `exercise: ${JSON.stringify(exercise.name)}`, `title: ${JSON.stringify(exercise.title)}`];
  if (!exercise.bundled) practiceFile.push(`key: ${JSON.stringify(exercise.keyDir)}`);
  return ok({
    notes,
    refused,
    projectFile: `# Practice project made by \`fieldcode practice start\`.\nname: ${JSON.stringify(`Practice: ${exercise.title}`)}\ncodebook: codebook.yaml\nnotes: ["notes/**/*.md"]\ncoder: student\n`,
    practiceFile: `${practiceFile.join('\n')}\n`,
  });
}

/** The copy has no codings left and the same paragraphs with the same words as the key. */
function strippedCleanly(path: string, coded: string, uncoded: string, bom: boolean): boolean {
  const before = readNote(path, coded, bom, { coder: 'key' }).note;
  const after = readNote(path, uncoded, bom, { coder: 'student' }).note;
  const flat = (t: string) => t.replace(/\s+/g, ' ').trim();
  return after.codings.length === 0 && after.segments.length === before.segments.length && after.segments.every((s, i) => flat(s.text) === flat(before.segments[i].text));
}

/** What `practice start` prints: the exercise, where to code and how to score. */
export function readyMessage(exercise: Exercise, shown: string, copied: number, style: Style): string {
  const lines = [
    style.bold(`Ready to practise: ${exercise.title}`),
    '',
    `${copied} ${copied === 1 ? 'note' : 'notes'} to code in ${shown}/notes, and the codebook in ${shown}/codebook.yaml.`,
    '',
    ...(exercise.instructions.length > 0 ? exercise.instructions.map((line, i) => `${i + 1}. ${line}`) : ['1. Read the codebook, then tag each paragraph where a code applies: `#code` at the end, or `[words]{#code}`.', '2. A paragraph may have more than one code; many have none.']),
    '',
    `Code by hand or with \`fieldcode tag ${shown}/notes\`. When you are done, run:`,
    `  fieldcode practice score ${shown}`,
    'Good luck, and take your time.',
  ];
  return `${lines.join('\n')}\n`;
}
