// What `fieldcode init` will write: the answers from the flags (checked) or
// from an existing project file, and the files they make. Nothing is written here.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Diagnostic } from '../types.js';
import { CONFIG_NAME, readConfig } from '../core/config.js';
import { ok, problems, type Checked } from '../model/checked.js';
import { usageProblem } from '../model/command-line.js';
import { BUNDLED_CODEBOOK } from '../pipeline/discover.js';
import { displayPath } from '../pipeline/paths.js';
import { readUtf8 } from '../pipeline/read-file.js';
import { BUNDLED_CODEBOOK_PATH, BUNDLED_SCHEMA_PATH, EMPTY_CODEBOOK_PATH, PROJECT_SCHEMA_PATH, STANDARD_METHODS, emptyCodebook, projectFile, sampleNote, splitList, type InitAnswers, type PlannedFile } from './scaffold.js';

export const DEFAULT_GROUPS = ['group-a', 'group-b'];
export const DEFAULT_PHASES = ['I', 'II', 'III'];
export const DEFAULT_CODER = 'researcher-a';

/**
 * In a folder that already has a project file, init only fills in what is
 * missing, consistent with that file: its variable values, coder and codebook.
 */
export function answersFromProject(cwd: string, root: string, defaults: InitAnswers): Checked<(InitAnswers & { keepCodebook?: boolean }) | undefined> {
  const path = join(root, CONFIG_NAME);
  if (!existsSync(path)) return ok(undefined);
  const shown = displayPath(cwd, path);
  const file = readUtf8(path);
  if ('error' in file) return problems({ file: shown, line: 1, column: 1, severity: 'fatal', message: `Cannot read \`${shown}\`: ${file.error}`, ruleId: 'unreadable-file' });
  const { config, diagnostics } = readConfig(shown, file.text);
  // init fills in a project consistent with its file: a broken one stops it, each problem where it is.
  const broken = diagnostics.filter((d) => d.severity === 'error' || d.severity === 'fatal');
  if (broken.length > 0) return problems(...broken.map((d) => ({ ...d, severity: 'fatal' as const })));
  const values = (name: string, fallback: string[]): string[] => config.variables.find((v) => v.name === name)?.values ?? fallback;
  const keepCodebook = config.codebook !== BUNDLED_CODEBOOK_PATH && config.codebook !== EMPTY_CODEBOOK_PATH;
  // Samples carry codes only when the codebook is the bundled one.
  const codebook = config.codebook === BUNDLED_CODEBOOK_PATH ? 'bundled' : 'empty';
  return ok({
    name: config.name ?? defaults.name,
    groups: values('group', defaults.groups),
    phases: values('phase', defaults.phases),
    methods: values('method', defaults.methods),
    coder: config.coder ?? defaults.coder,
    codebook,
    // A codebook elsewhere (or none) is the project's own business: leave it be.
    keepCodebook,
  });
}

/** `--groups`, `--phases`, `--methods` as lists, or their defaults; an empty one is a problem at its flag. */
export function listOptions(argv: readonly string[], options: { groups?: string; phases?: string; methods?: string }): Checked<Pick<InitAnswers, 'groups' | 'phases' | 'methods'>> {
  const found: Diagnostic[] = [];
  const list = (value: string | undefined, flag: string, fallback: string[]): string[] => {
    if (value === undefined) return fallback;
    const values = splitList(value);
    if (values.length === 0) found.push(usageProblem(argv, `Unexpected empty ${flag}, expected comma-separated values`, flag));
    return values;
  };
  const lists = { groups: list(options.groups, '--groups', DEFAULT_GROUPS), phases: list(options.phases, '--phases', DEFAULT_PHASES), methods: list(options.methods, '--methods', [...STANDARD_METHODS]) };
  return found.length > 0 ? problems(...found) : ok(lists);
}

/** Every file a new project gets, in the order they are written. */
export function plan(answers: InitAnswers & { keepCodebook?: boolean }): Array<PlannedFile | { path: string; copyFrom: string }> {
  const date = new Date().toISOString().slice(0, 10);
  const files: Array<PlannedFile | { path: string; copyFrom: string }> = [
    { path: 'fieldcode.yaml', content: projectFile(answers) },
    { path: PROJECT_SCHEMA_PATH, copyFrom: join(dirname(BUNDLED_CODEBOOK), PROJECT_SCHEMA_PATH) },
  ];
  if (answers.keepCodebook) {
    // The project file names its own codebook.
  } else if (answers.codebook === 'bundled') {
    files.push({ path: BUNDLED_CODEBOOK_PATH, copyFrom: BUNDLED_CODEBOOK });
    files.push({ path: BUNDLED_SCHEMA_PATH, copyFrom: join(dirname(BUNDLED_CODEBOOK), 'codebook.schema.json') });
  } else files.push({ path: EMPTY_CODEBOOK_PATH, content: emptyCodebook(answers) });
  const seen = new Set<string>();
  for (const method of answers.methods) {
    const note = sampleNote(method, answers, date);
    if (seen.has(note.path)) continue;
    seen.add(note.path);
    files.push(note);
  }
  return files;
}

