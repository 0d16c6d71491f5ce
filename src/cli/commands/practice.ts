// `fieldcode practice list|start|score|class`: flags → the exercise or key
// (practice/exercises.ts) → the practice folder (practice/start.ts) or the
// score (practice/score.ts) → reporter → emit. Every problem is a diagnostic.
import { copyFileSync, mkdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { usageProblem } from '../../model/command-line.js';
import { BUNDLED_EXERCISES, bundledExercises, exerciseAt, exerciseNotes, findExercise, isFolder, keyDirFor, keyOnlyExercise, readPracticeFile, type Exercise } from '../../practice/exercises.js';
import { practiceFolder, readyMessage } from '../../practice/start.js';
import { submissionFolders } from '../../practice/score.js';
import type { Checked } from '../../model/checked.js';
import { outputFormats, outputs, renderOutput } from '../../reporters/outputs.js';
import { scoreClass, scoreFolder, scoreSubmission } from '../practice-score.js';
import { emit, exitCodeFor, report, reportStyle, stop, styleFor, type CliContext, type CommonOptions } from '../context.js';
import { EXIT_PROBLEMS } from '../exit-codes.js';
import { writeFileAtomic } from '../io.js';
import { displayPath } from '../project.js';

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
      const lines: string[] = [];
      for (const name of bundledExercises()) {
        const exercise = exerciseAt(ctx.io.argv, join(BUNDLED_EXERCISES, name), name, true);
        if (!exercise.ok) return stop(ctx, exercise.diagnostics);
        const notes = exerciseNotes(exercise.value.keyDir).length;
        lines.push(`${name}  ${exercise.value.title} (${notes} ${notes === 1 ? 'note' : 'notes'})`);
      }
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
    const { argv, cwd } = ctx.io;
    if (options.key && name && dir) return stop(ctx, [usageProblem(argv, 'Unexpected exercise with --key, expected `practice start --key DIR [WORKDIR]`', name)], options);
    if (!options.key && !name) return stop(ctx, [usageProblem(argv, `Missing exercise, expected one of ${bundledExercises().map((b) => `\`${b}\``).join(', ')} (or --key DIR)`)], options);
    const folderArg = options.key ? (dir ?? name) : dir;
    const found: Checked<Exercise> = options.key ? keyOnlyExercise(argv, cwd, options.key, options.codebook) : findExercise(argv, cwd, name!);
    if (!found.ok) return stop(ctx, found.diagnostics, options);
    const exercise = found.value;
    const target = resolve(cwd, folderArg ?? exercise.name);
    const made = practiceFolder(argv, cwd, exercise, target, { force: options.force, at: folderArg ?? name, codebookFlag: options.codebook !== undefined });
    if (!made.ok) return stop(ctx, made.diagnostics, options);
    for (const note of made.value.notes) writeFileAtomic(join(target, 'notes', note.path), note.text);
    // Every note may have been refused, so the folder may not exist yet.
    mkdirSync(target, { recursive: true });
    copyFileSync(exercise.codebookPath, join(target, 'codebook.yaml'));
    writeFileAtomic(join(target, 'fieldcode.yaml'), made.value.projectFile);
    writeFileAtomic(join(target, 'practice.yaml'), made.value.practiceFile);
    report(ctx, made.value.refused, options);
    ctx.io.stdout.write(readyMessage(exercise, displayPath(cwd, target), made.value.notes.length, styleFor(ctx, 'stdout', options)));
    ctx.exitCode = made.value.refused.length > 0 ? EXIT_PROBLEMS : 0;
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
    const { argv, cwd } = ctx.io;
    const root = resolve(cwd, folder);
    if (!isFolder(root)) return stop(ctx, [usageProblem(argv, `Cannot find submissions folder \`${folder}\``, folder)], options);
    const top = Number(options.top);
    if (!Number.isInteger(top) || top < 1) return stop(ctx, [usageProblem(argv, `Unexpected \`--top ${options.top}\`, expected a whole number of at least 1`, '--top')], options);
    const students = submissionFolders(root);
    if (students.length === 0) return stop(ctx, [usageProblem(argv, `Cannot find submissions in \`${folder}\`: expected one practice folder per student (with notes/ or practice.yaml)`, folder)], options);
    const keyDir = keyDirFor(argv, cwd, join(root, students[0]), options.key);
    const meta = readPracticeFile(join(root, students[0]));
    if (!keyDir.ok || !meta.ok) return stop(ctx, [...(keyDir.ok ? [] : keyDir.diagnostics), ...(meta.ok ? [] : meta.diagnostics)].slice(0, 1), options);
    const { rollup, diagnostics } = scoreClass(cwd, root, students, keyDir.value);
    const text = renderOutput(outputs['practice-class'], options.format ?? 'text', { rollup, exercise: meta.value.title ?? basename(keyDir.value), top });
    report(ctx, diagnostics, options);
    const written = emit(ctx, text, options.out, options.format);
    ctx.exitCode = exitCodeFor([...diagnostics, ...written], options.strict);
  });

  // Subcommands are made before main() configures `practice`, so they get the same IO and exit handling here.
  for (const sub of practice.commands) {
    sub.exitOverride().configureOutput({ writeOut: (text) => ctx.io.stdout.write(text), writeErr: (text) => ctx.io.stderr.write(text) });
    sub.showHelpAfterError('(run with --help for usage)');
  }
  score.action((dir: string, options: ScoreOptions) => {
    const { argv, cwd } = ctx.io;
    const work = resolve(cwd, dir);
    if (!isFolder(work)) return stop(ctx, [usageProblem(argv, `Cannot find practice folder \`${dir}\``, dir)], options);
    const meta = readPracticeFile(work);
    if (!meta.ok) return stop(ctx, meta.diagnostics, options);
    const keyDir = keyDirFor(argv, cwd, work, options.key);
    if (!keyDir.ok) return stop(ctx, keyDir.diagnostics, options);
    const scored = options.submission ? scoreSubmission(ctx.io, options.submission, work, keyDir.value) : scoreFolder(cwd, work, keyDir.value);
    if (!scored.result) {
      report(ctx, scored.diagnostics, options);
      ctx.exitCode = Math.max(exitCodeFor(scored.diagnostics, options.strict), EXIT_PROBLEMS);
      return;
    }
    const view = { score: scored.result, codebook: scored.codebook, exercise: meta.value.title ?? meta.value.exercise ?? basename(work), dir: displayPath(cwd, work) };
    const text = renderOutput(outputs.practice, options.format ?? 'text', view, { style: reportStyle(ctx, options) });
    report(ctx, scored.diagnostics, options);
    const written = emit(ctx, text, options.out, options.format);
    ctx.exitCode = exitCodeFor([...scored.diagnostics, ...written], options.strict);
  });
}
