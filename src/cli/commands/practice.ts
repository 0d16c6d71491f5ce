import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Option, type Command } from 'commander';
import type { Codebook, Diagnostic } from '../../types.js';
import { alignCoders } from '../../agreement/align.js';
import { scorePractice, type PracticeScore } from '../../agreement/practice.js';
import { classRollup } from '../../agreement/practice-class.js';
import { stripInlineTags, withoutRationales } from '../../agreement/strip.js';
import { readNote } from '../../core/note.js';
import { outputFormats, outputs, renderOutput } from '../../reporters/outputs.js';
import { readFolder } from '../agree-sources.js';
import { importSubmission } from '../practice-submission.js';
import { emit, exitCodeFor, report, reportStyle, styleFor, type CliContext, type CommonOptions } from '../context.js';
import { EXIT_PROBLEMS } from '../exit-codes.js';
import { readUtf8, UsageError, writeFileAtomic } from '../io.js';
import { BUNDLED_CODEBOOK, displayPath } from '../project.js';
import { folderSource } from '../../pipeline/sources/working-tree.js';
import { parseYamlValue } from '../../model/yaml.js';

/** Exercises shipped with fieldcode, one folder each: exercise.yaml, notes/ (uncoded), key/ (coded). */
export const BUNDLED_EXERCISES = fileURLToPath(new URL('../../../examples/peer-groups/exercises/', import.meta.url));
const PRACTICE_FILE = 'practice.yaml';

interface Exercise {
  name: string;
  title: string;
  dir?: string;
  keyDir: string;
  notesDir?: string;
  codebookPath: string;
  instructions: string[];
  bundled: boolean;
}

function readExerciseFile(dir: string): { title?: string; codebook?: string; instructions: string[] } {
  const path = join(dir, 'exercise.yaml');
  if (!existsSync(path)) return { instructions: [] };
  const file = readUtf8(path);
  if ('error' in file) throw new UsageError(`Cannot read \`${path}\`: ${file.error}`);
  let data: unknown;
  try {
    data = parseYamlValue(file.text);
  } catch (error) {
    throw new UsageError(`Cannot read \`${path}\`: ${(error as Error).message.split('\n')[0]}`);
  }
  const record = (data ?? {}) as Record<string, unknown>;
  return {
    title: typeof record.title === 'string' ? record.title : undefined,
    codebook: typeof record.codebook === 'string' ? record.codebook : undefined,
    instructions: Array.isArray(record.instructions) ? record.instructions.map(String) : [],
  };
}

export function bundledExercises(): string[] {
  if (!existsSync(BUNDLED_EXERCISES)) return [];
  return readdirSync(BUNDLED_EXERCISES)
    .filter((name) => existsSync(join(BUNDLED_EXERCISES, name, 'key')))
    .sort();
}

function exerciseAt(dir: string, name: string, bundled: boolean): Exercise {
  const file = readExerciseFile(dir);
  const keyDir = join(dir, 'key');
  if (!existsSync(keyDir) || !statSync(keyDir).isDirectory()) throw new UsageError(`Cannot use exercise \`${name}\`: it has no \`key\` folder with the instructor's coding`);
  const notesDir = join(dir, 'notes');
  return {
    name,
    title: file.title ?? name,
    dir,
    keyDir,
    notesDir: existsSync(notesDir) ? notesDir : undefined,
    codebookPath: file.codebook ? resolve(dir, file.codebook) : BUNDLED_CODEBOOK,
    instructions: file.instructions,
    bundled,
  };
}

function resolveExercise(cwd: string, name: string): Exercise {
  const bundled = bundledExercises();
  if (bundled.includes(name)) return exerciseAt(join(BUNDLED_EXERCISES, name), name, true);
  const path = resolve(cwd, name);
  if (existsSync(path) && statSync(path).isDirectory()) return exerciseAt(path, basename(path), false);
  throw new UsageError(`Cannot find exercise \`${name}\`, expected one of ${bundled.map((b) => `\`${b}\``).join(', ') || '(none bundled)'} or a folder with a \`key\` folder`);
}

function keyOnly(cwd: string, key: string, codebook: string | undefined): Exercise {
  const keyDir = resolve(cwd, key);
  if (!existsSync(keyDir) || !statSync(keyDir).isDirectory()) throw new UsageError(`Cannot find key folder \`${key}\``);
  return { name: basename(keyDir), title: basename(keyDir), keyDir, codebookPath: codebook ? resolve(cwd, codebook) : BUNDLED_CODEBOOK, instructions: [], bundled: false };
}

interface StartOptions extends CommonOptions {
  key?: string;
  force?: boolean;
}

interface ScoreOptions extends CommonOptions {
  key?: string;
  submission?: string;
}

export function registerPractice(program: Command, ctx: CliContext): void {
  const practice = program
    .command('practice')
    .summary('practise coding against an instructor’s key')
    .description('Practise coding: copy an exercise (uncoded notes and a codebook) into a folder, code it, then compare your coding with the instructor’s key.');
  practice.addHelpText('after', '\nExamples:\n  $ fieldcode practice list\n  $ fieldcode practice start first-round my-practice\n  $ fieldcode practice score my-practice\n  $ fieldcode practice class submissions/                    # the teacher’s roll-up of a class\n  $ fieldcode practice start --key instructor/key my-practice   # your instructor’s own key');

  practice
    .command('list')
    .description('List the exercises that come with fieldcode.')
    .action(() => {
      const names = bundledExercises();
      const lines = names.map((name) => {
        const exercise = exerciseAt(join(BUNDLED_EXERCISES, name), name, true);
        const notes = exerciseNotes(exercise.keyDir).length;
        return `${name}  ${exercise.title} (${notes} ${notes === 1 ? 'note' : 'notes'})`;
      });
      ctx.io.stdout.write(lines.length > 0 ? `${lines.join('\n')}\n` : 'No exercises are bundled with this installation.\n');
    });

  const start = practice
    .command('start')
    .description('Copy an exercise into a working folder: its notes without tags, the codebook, and a fieldcode.yaml, ready to code. With --key DIR, the uncoded notes are made from your instructor’s coded notes in DIR.')
    .argument('[exercise]', 'a bundled exercise (see `fieldcode practice list`) or a folder with notes/ and key/')
    .argument('[dir]', 'working folder to create (default: the exercise name)')
    .option('--key <dir>', 'your instructor’s coded notes; used instead of an exercise')
    .option('--codebook <path>', 'with --key: the codebook the key uses (default: the bundled one)')
    .option('--force', 'write into a folder that is not empty')
    .option('-q, --quiet', 'show no warnings on stderr (errors are still shown)')
    .option('--color', 'force colour')
    .option('--no-color', 'never use colour');
  start.action((name: string | undefined, dir: string | undefined, options: StartOptions) => {
    const cwd = ctx.io.cwd;
    if (options.key && name && dir) throw new UsageError('Unexpected exercise with --key, expected `practice start --key DIR [WORKDIR]`');
    let exercise: Exercise;
    if (options.key) {
      exercise = keyOnly(cwd, options.key, options.codebook);
      dir = dir ?? name;
    } else {
      if (!name) throw new UsageError(`Missing exercise, expected one of ${bundledExercises().map((b) => `\`${b}\``).join(', ')} (or --key DIR)`);
      exercise = resolveExercise(cwd, name);
    }
    const target = resolve(cwd, dir ?? exercise.name);
    if (existsSync(target) && (!statSync(target).isDirectory() || (readdirSync(target).length > 0 && !options.force))) {
      throw new UsageError(`Cannot start in \`${displayPath(cwd, target)}\`: it exists and is not empty (pass --force to write into it)`);
    }
    if (!existsSync(exercise.codebookPath)) throw new UsageError(`Cannot find codebook \`${displayPath(cwd, exercise.codebookPath)}\``);
    const diagnostics: Diagnostic[] = [];
    const source = exercise.notesDir ?? exercise.keyDir;
    const files = exerciseNotes(source);
    if (files.length === 0) throw new UsageError(`Cannot start: \`${displayPath(cwd, source)}\` has no notes (.md files)`);
    for (const file of files) {
      const read = readUtf8(join(source, file));
      if ('error' in read) throw new UsageError(`Cannot read \`${displayPath(cwd, join(source, file))}\`: ${read.error}`);
      const uncoded = stripInlineTags(withoutRationales(read.text));
      const before = readNote(file, read.text, read.bom, { coder: 'key' }).note;
      const after = readNote(file, uncoded, read.bom, { coder: 'student' }).note;
      const flat = (t: string) => t.replace(/\s+/g, ' ').trim();
      if (after.codings.length > 0 || after.segments.length !== before.segments.length || after.segments.some((s, i) => flat(s.text) !== flat(before.segments[i].text))) {
        diagnostics.push({ file: displayPath(cwd, join(source, file)), line: 1, column: 1, severity: 'error', message: 'Cannot remove the tags from this note cleanly; it was not copied', ruleId: 'practice-strip' });
        continue;
      }
      writeFileAtomic(join(target, 'notes', file), (read.bom ? '\uFEFF' : '') + uncoded);
    }
    // Every note may have been refused above, so the folder may not exist yet.
    mkdirSync(target, { recursive: true });
    copyFileSync(exercise.codebookPath, join(target, 'codebook.yaml'));
    writeFileAtomic(join(target, 'fieldcode.yaml'), `# Practice project made by \`fieldcode practice start\`.\nname: ${JSON.stringify(`Practice: ${exercise.title}`)}\ncodebook: codebook.yaml\nnotes: ["notes/**/*.md"]\ncoder: student\n`);
    const practiceFile = ['# Written by `fieldcode practice start`: where `fieldcode practice score` finds the key.', `exercise: ${JSON.stringify(exercise.name)}`, `title: ${JSON.stringify(exercise.title)}`];
    if (!exercise.bundled) practiceFile.push(`key: ${JSON.stringify(exercise.keyDir)}`);
    writeFileAtomic(join(target, PRACTICE_FILE), `${practiceFile.join('\n')}\n`);
    report(ctx, diagnostics, options);
    const shown = displayPath(cwd, target);
    const style = styleFor(ctx, 'stdout', options);
    const lines = [
      style.bold(`Ready to practise: ${exercise.title}`),
      '',
      `${files.length - diagnostics.length} ${files.length - diagnostics.length === 1 ? 'note' : 'notes'} to code in ${shown}/notes, and the codebook in ${shown}/codebook.yaml.`,
      '',
      ...(exercise.instructions.length > 0 ? exercise.instructions.map((line, i) => `${i + 1}. ${line}`) : ['1. Read the codebook, then tag each paragraph where a code applies: `#code` at the end, or `[words]{#code}`.', '2. A paragraph may have more than one code; many have none.']),
      '',
      `Code by hand or with \`fieldcode tag ${shown}/notes\`. When you are done, run:`,
      `  fieldcode practice score ${shown}`,
      'Good luck, and take your time.',
    ];
    ctx.io.stdout.write(`${lines.join('\n')}\n`);
    ctx.exitCode = diagnostics.length > 0 ? EXIT_PROBLEMS : 0;
  });

  const score = practice
    .command('score')
    .description('Compare your coding with the key, paragraph by paragraph: per-code agreement, what you found, missed and added, with each code’s definition, use_when, not_when and examples.')
    .argument('[dir]', 'your practice folder', '.')
    .option('--key <dir>', 'the key to compare with (default: the exercise’s key, from practice.yaml)')
    .option('--submission <file>', 'score this coding instead of the folder’s notes: another tool’s .qdpx, or a CSV of codings (doc, coder, code, start, end), e.g. an LLM run; read on this machine only')
    .addOption(new Option('--format <format>', 'output format').choices(outputFormats(outputs.practice)).default('text'))
    .option('-o, --out <path>', 'write the report to this file (atomically) instead of stdout')
    .option('--strict', 'exit 1 on warnings too')
    .option('-q, --quiet', 'show no warnings on stderr (errors are still shown)')
    .option('--color', 'force colour')
    .option('--no-color', 'never use colour');
  const roll = practice
    .command('class')
    .description('For the teacher: score every submission in a folder (one practice folder per student) against the key and roll them up: the codes and passages students miss or add most, and the mix-ups that recur.')
    .argument('<folder>', 'a folder of submissions: one practice folder per student, named after the student')
    .option('--key <dir>', 'the key (default: the first submission’s practice.yaml)')
    .option('--top <n>', 'passages and mix-ups to list', '10')
    .addOption(new Option('--format <format>', 'output format').choices(outputFormats(outputs['practice-class'])).default('text'))
    .option('-o, --out <path>', 'write the report to this file (atomically) instead of stdout')
    .option('--strict', 'exit 1 on warnings too')
    .option('-q, --quiet', 'show no warnings on stderr (errors are still shown)');
  roll.action((folder: string, options: ScoreOptions & { top: string }) => {
    const cwd = ctx.io.cwd;
    const root = resolve(cwd, folder);
    if (!existsSync(root) || !statSync(root).isDirectory()) throw new UsageError(`Cannot find submissions folder \`${folder}\``);
    const top = Number(options.top);
    if (!Number.isInteger(top) || top < 1) throw new UsageError(`Unexpected \`--top ${options.top}\`, expected a whole number of at least 1`);
    const students = readdirSync(root)
      .filter((name) => !name.startsWith('.') && statSync(join(root, name)).isDirectory() && (existsSync(join(root, name, 'notes')) || existsSync(join(root, name, PRACTICE_FILE))))
      .sort();
    if (students.length === 0) throw new UsageError(`Cannot find submissions in \`${folder}\`: expected one practice folder per student (with notes/ or practice.yaml)`);
    const keyDir = keyDirFor(cwd, join(root, students[0]), options.key);
    const diagnostics: Diagnostic[] = [];
    const scored: Array<{ student: string; score: PracticeScore }> = [];
    let codebook: Codebook | undefined;
    for (const student of students) {
      const result = scoreFolder(cwd, join(root, student), keyDir);
      diagnostics.push(...result.diagnostics);
      codebook ??= result.codebook;
      if (result.result) scored.push({ student, score: result.result });
    }
    const rollup = classRollup(scored, codebook ? codebook.codes.map((c) => c.id) : []);
    const exercise = readPracticeFile(join(root, students[0])).title ?? basename(keyDir);
    const format = options.format ?? 'text';
    const text = renderOutput(outputs['practice-class'], format, { rollup, exercise, top });
    report(ctx, diagnostics, options);
    emit(ctx, text, options.out, options.format);
    ctx.exitCode = exitCodeFor(diagnostics, options.strict);
  });

  // Subcommands are made before main() configures `practice`, so they get the same IO and exit handling here.
  for (const sub of practice.commands) {
    sub.exitOverride().configureOutput({ writeOut: (text) => ctx.io.stdout.write(text), writeErr: (text) => ctx.io.stderr.write(text) });
    sub.showHelpAfterError('(run with --help for usage)');
  }
  score.action((dir: string, options: ScoreOptions) => {
    const cwd = ctx.io.cwd;
    const work = resolve(cwd, dir);
    if (!existsSync(work) || !statSync(work).isDirectory()) throw new UsageError(`Cannot find practice folder \`${dir}\``);
    const meta = readPracticeFile(work);
    const keyDir = keyDirFor(cwd, work, options.key);

    let scored: ReturnType<typeof scoreFolder>;
    if (options.submission) {
      // Another tool's coding of this exercise, scored in place of the folder's notes.
      const submission = importSubmission(resolve(cwd, options.submission), options.submission, keyDir, studentCodebookPath(work));
      if (submission.diagnostics.some((d) => d.severity === 'error' || d.severity === 'fatal')) {
        report(ctx, submission.diagnostics, options);
        ctx.exitCode = EXIT_PROBLEMS;
        return;
      }
      try {
        scored = relabel(scoreFolder(cwd, submission.folder, keyDir, join(submission.folder, 'codebook.yaml')), displayPath(cwd, submission.folder), options.submission);
      } finally {
        submission.dispose();
      }
      scored.diagnostics.unshift(...submission.diagnostics);
    } else scored = scoreFolder(cwd, work, keyDir);
    const { diagnostics, codebook } = scored;
    if (!scored.result) {
      report(ctx, diagnostics, options);
      ctx.exitCode = EXIT_PROBLEMS;
      return;
    }
    const result = scored.result;
    const view = { score: result, codebook, exercise: meta.title ?? meta.exercise ?? basename(work), dir: displayPath(cwd, work) };
    const format = options.format ?? 'text';
    const text = renderOutput(outputs.practice, format, view, { style: reportStyle(ctx, options) });
    report(ctx, diagnostics, options);
    emit(ctx, text, options.out, options.format);
    ctx.exitCode = exitCodeFor(diagnostics, options.strict);
  });
}

/** Paths inside the temporary import folder, shown as `submission.csv:notes/x.md`. */
function relabel(scored: ReturnType<typeof scoreFolder>, temp: string, shown: string): ReturnType<typeof scoreFolder> {
  const fix = (path: string) => (path.startsWith(`${temp}/`) ? `${shown}:${path.slice(temp.length + 1)}` : path);
  if (scored.result) {
    for (const item of scored.result.items) item.path = fix(item.path);
    for (const c of scored.result.confusions) c.path = fix(c.path);
  }
  for (const d of scored.diagnostics) d.file = fix(d.file);
  return scored;
}

/** The key a practice folder is scored against: --key, else its practice.yaml. */
function keyDirFor(cwd: string, work: string, key: string | undefined): string {
  const meta = readPracticeFile(work);
  let keyDir: string;
  if (key) keyDir = resolve(cwd, key);
  else if (meta.key) keyDir = resolve(work, meta.key);
  else if (meta.exercise && bundledExercises().includes(meta.exercise)) keyDir = join(BUNDLED_EXERCISES, meta.exercise, 'key');
  else throw new UsageError(`Cannot find the key for \`${displayPath(cwd, work)}\`: pass --key DIR (the instructor's coded notes)`);
  if (!existsSync(keyDir) || !statSync(keyDir).isDirectory()) throw new UsageError(`Cannot find key folder \`${displayPath(cwd, keyDir)}\``);
  return keyDir;
}

/** Scores one practice folder against a key; no result when nothing could be compared. */
function scoreFolder(cwd: string, work: string, keyDir: string, codebookPath?: string): { result?: PracticeScore; diagnostics: Diagnostic[]; codebook: Codebook } {
  const student = readFolder(cwd, work, codebookPath);
  const codebook: Codebook = student.codebook;
  const key = readFolder(cwd, keyDir, existsSync(join(keyDir, 'fieldcode.yaml')) ? undefined : (codebookPath ?? studentCodebookPath(work)));
  const diagnostics: Diagnostic[] = [...student.diagnostics, ...key.diagnostics.filter((d) => d.severity === 'error')];
  const alignment = alignCoders([
    { coder: 'you', source: displayPath(cwd, work), notes: student.notes, codings: student.codings },
    { coder: 'key', source: displayPath(cwd, keyDir), notes: key.notes, codings: key.codings },
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
    diagnostics.push({ file: displayPath(cwd, work), line: 1, column: 1, severity: 'error', message: 'Cannot score: none of your notes is in the key', ruleId: 'practice-note-missing' });
    return { diagnostics, codebook };
  }
  const used = new Set(alignment.notes.flatMap((note) => note.spans.flat().map((span) => span.code)));
  const codes = [...codebook.codes.map((c) => c.id).filter((id) => used.has(id)), ...[...used].filter((id) => !codebook.byId.has(id)).sort()];
  return { result: scorePractice(alignment, codes, codebook), diagnostics, codebook };
}

/** The notes of an exercise folder, listed as every command lists a plain folder of notes. */
function exerciseNotes(dir: string): string[] {
  return folderSource(dir, { cwd: dir }).list(['**/*.md'], ['**/node_modules/**']).paths;
}

function studentCodebookPath(work: string): string | undefined {
  const path = join(work, 'codebook.yaml');
  return existsSync(path) ? path : undefined;
}

function readPracticeFile(work: string): { exercise?: string; title?: string; key?: string } {
  const path = join(work, PRACTICE_FILE);
  if (!existsSync(path)) return {};
  try {
    const data = (parseYamlValue(readFileSync(path, 'utf8')) ?? {}) as Record<string, unknown>;
    const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
    return { exercise: text(data.exercise), title: text(data.title), key: text(data.key) };
  } catch (error) {
    throw new UsageError(`Cannot read \`${path.split(sep).join('/')}\`: ${(error as Error).message.split('\n')[0]}`);
  }
}
