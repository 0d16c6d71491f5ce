// Where a practice exercise and its key are: a bundled exercise, a folder with
// `key/` (and `notes/`), or a bare key folder; and the two small YAML files
// that describe them (`exercise.yaml`, and `practice.yaml` in a practice
// folder). A name that finds nothing is a fatal diagnostic at the argument on
// the command line; a broken YAML file one at its place in that file.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Diagnostic } from '../types.js';
import { ok, problems, type Checked } from '../model/checked.js';
import { usageProblem } from '../model/command-line.js';
import { readPositionedYaml } from '../model/positioned-yaml.js';
import { yamlValue } from '../model/yaml.js';
import { BUNDLED_CODEBOOK } from '../pipeline/discover.js';
import { displayPath } from '../pipeline/paths.js';
import { readUtf8 } from '../pipeline/read-file.js';
import { folderSource } from '../pipeline/sources/working-tree.js';

/** Exercises shipped with fieldcode, one folder each: exercise.yaml, notes/ (uncoded), key/ (coded). */
export const BUNDLED_EXERCISES = fileURLToPath(new URL('../../examples/peer-groups/exercises/', import.meta.url));
export const PRACTICE_FILE = 'practice.yaml';

export interface Exercise {
  name: string;
  title: string;
  dir?: string;
  keyDir: string;
  notesDir?: string;
  codebookPath: string;
  instructions: string[];
  bundled: boolean;
}

/** What `practice start` wrote into a practice folder: the exercise and where its key is. */
export interface PracticeFile {
  exercise?: string;
  title?: string;
  key?: string;
}

export function bundledExercises(): string[] {
  if (!existsSync(BUNDLED_EXERCISES)) return [];
  return readdirSync(BUNDLED_EXERCISES)
    .filter((name) => existsSync(join(BUNDLED_EXERCISES, name, 'key')))
    .sort();
}

/** The notes of an exercise folder, listed as every command lists a plain folder of notes. */
export function exerciseNotes(dir: string): string[] {
  return folderSource(dir, { cwd: dir }).list(['**/*.md'], ['**/node_modules/**']).paths;
}

export function isFolder(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}

/** A small YAML mapping file, or the fatal diagnostic (positioned in it) that says why it cannot be read. */
function readYamlMapping(path: string): Checked<Record<string, unknown>> {
  const shown = path.split(sep).join('/');
  const file = readUtf8(path);
  if ('error' in file) return problems({ file: shown, line: 1, column: 1, severity: 'fatal', message: `Cannot read \`${shown}\`: ${file.error}`, ruleId: 'practice-yaml' });
  const yaml = readPositionedYaml(shown, file.text, `Cannot read \`${shown}\``, 'practice-yaml');
  if (yaml.broken) return problems(...yaml.diagnostics.map((d): Diagnostic => ({ ...d, severity: 'fatal' })));
  const value = yamlValue(yaml.doc);
  if ('error' in value) {
    const pos = yaml.counter.linePos(value.error.offset);
    return problems({ file: shown, line: pos.line, column: pos.col, severity: 'fatal', message: `Cannot read \`${shown}\`: ${value.error.message}`, ruleId: 'practice-yaml' });
  }
  const data = value.value;
  return ok(data !== null && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : {});
}

const text = (v: unknown) => (typeof v === 'string' ? v : undefined);

export function readPracticeFile(work: string): Checked<PracticeFile> {
  const path = join(work, PRACTICE_FILE);
  if (!existsSync(path)) return ok({});
  const data = readYamlMapping(path);
  if (!data.ok) return data;
  return ok({ exercise: text(data.value.exercise), title: text(data.value.title), key: text(data.value.key) });
}

/** The exercise in `dir`; `at` is the command-line argument that named it. */
export function exerciseAt(argv: readonly string[], dir: string, name: string, bundled: boolean, at?: string): Checked<Exercise> {
  const path = join(dir, 'exercise.yaml');
  const file: Checked<Record<string, unknown>> = existsSync(path) ? readYamlMapping(path) : ok({});
  if (!file.ok) return file;
  const keyDir = join(dir, 'key');
  if (!isFolder(keyDir)) return problems(usageProblem(argv, `Cannot use exercise \`${name}\`: it has no \`key\` folder with the instructor's coding`, at));
  const notesDir = join(dir, 'notes');
  const codebook = text(file.value.codebook);
  const instructions = file.value.instructions;
  return ok({
    name,
    title: text(file.value.title) ?? name,
    dir,
    keyDir,
    notesDir: existsSync(notesDir) ? notesDir : undefined,
    codebookPath: codebook ? resolve(dir, codebook) : BUNDLED_CODEBOOK,
    instructions: Array.isArray(instructions) ? instructions.map(String) : [],
    bundled,
  });
}

/** A bundled exercise by name, else a folder with a `key` folder. */
export function findExercise(argv: readonly string[], cwd: string, name: string): Checked<Exercise> {
  const bundled = bundledExercises();
  if (bundled.includes(name)) return exerciseAt(argv, join(BUNDLED_EXERCISES, name), name, true, name);
  const path = resolve(cwd, name);
  if (isFolder(path)) return exerciseAt(argv, path, basename(path), false, name);
  return problems(usageProblem(argv, `Cannot find exercise \`${name}\`, expected one of ${bundled.map((b) => `\`${b}\``).join(', ') || '(none bundled)'} or a folder with a \`key\` folder`, name));
}

/** `practice start --key DIR`: the instructor's coded notes alone, with the given or the bundled codebook. */
export function keyOnlyExercise(argv: readonly string[], cwd: string, key: string, codebook: string | undefined): Checked<Exercise> {
  const keyDir = resolve(cwd, key);
  if (!isFolder(keyDir)) return problems(usageProblem(argv, `Cannot find key folder \`${key}\``, '--key'));
  return ok({ name: basename(keyDir), title: basename(keyDir), keyDir, codebookPath: codebook ? resolve(cwd, codebook) : BUNDLED_CODEBOOK, instructions: [], bundled: false });
}

/** The key a practice folder is scored against: --key, else its practice.yaml. */
export function keyDirFor(argv: readonly string[], cwd: string, work: string, key: string | undefined): Checked<string> {
  const meta = readPracticeFile(work);
  if (!meta.ok) return meta;
  let keyDir: string;
  if (key) keyDir = resolve(cwd, key);
  else if (meta.value.key) keyDir = resolve(work, meta.value.key);
  else if (meta.value.exercise && bundledExercises().includes(meta.value.exercise)) keyDir = join(BUNDLED_EXERCISES, meta.value.exercise, 'key');
  else return problems(usageProblem(argv, `Cannot find the key for \`${displayPath(cwd, work)}\`: pass --key DIR (the instructor's coded notes)`));
  if (!isFolder(keyDir)) return problems(usageProblem(argv, `Cannot find key folder \`${displayPath(cwd, keyDir)}\``, key ? '--key' : undefined));
  return ok(keyDir);
}
