// The CLI's way into the pipeline: find the project from a folder or a
// `--config`, and load it from the working tree. The few problems that stop
// everything (a missing folder, a missing or broken project file or codebook)
// are fatal diagnostics, like every other problem.
import { existsSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { Corpus, Diagnostic } from '../types.js';
import { CONFIG_NAME } from '../core/config.js';
import { readCodebook } from '../codebook/read.js';
import { emptyCorpus, runPipeline, type NoteFile } from '../pipeline/run.js';
import { ok, problems, type Checked } from '../model/checked.js';
import type { Project } from '../pipeline/discover.js';
import { displayPath, posixRelative } from '../pipeline/paths.js';
import type { Source } from '../pipeline/source.js';
import { workingTreeSource } from '../pipeline/sources/working-tree.js';
import { readUtf8 } from './io.js';
import type { ParseStageOptions } from '../pipeline/parse-stage.js';
import { WorkerFault } from '../pipeline/workers/pool.js';

export { BUNDLED_CODEBOOK, DEFAULT_CODER } from '../pipeline/discover.js';
export { displayPath } from '../pipeline/paths.js';

export interface LoadOptions {
  /** Folder (or a file inside it) to start from; defaults to the working directory. */
  dir?: string;
  config?: string;
  codebook?: string;
  /** Called after each note, for progress display. */
  progress?: (done: number, total: number) => void;
  /** Largest note in bytes (`--max-note-size`). */
  maxNoteSize?: number;
  /** Read the folder as notes only, never as a project (no fieldcode.yaml is looked for). */
  plainFolder?: boolean;
  /** Check front matter against the declared variables (default true). */
  checkVariables?: boolean;
  /** Read only this note (an absolute path), no other note and no standoff file (see PipelineOptions.only). */
  only?: string;
  /** The parse cache and threads for the project found at `root` (none and the default without). */
  parsing?: (root: string) => ParseStageOptions;
}

export interface LoadedProject {
  corpus: Corpus;
  /** Absolute folder the note globs are relative to. */
  root: string;
  /** Absolute path of the project file, if any. */
  configPath?: string;
  codebookPath: string;
  /** Each note's path in the project and on disk, keyed by its display path. */
  files: Map<string, NoteFile & { absolute: string; stamp: string }>;
  source: Source;
  /** Undefined when a fatal diagnostic (in the corpus) stopped the run. */
  project?: Project;
  /** The parse cache and workers the notes were read with, for reading the project again (`codes`). */
  parsing?: ParseStageOptions;
}

export function findConfig(start: string): string | undefined {
  let dir = start;
  for (;;) {
    const candidate = join(dir, CONFIG_NAME);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

export interface Located {
  root: string;
  configPath?: string;
}

/**
 * The project's root folder and project file, from a starting folder or an
 * explicit `--config`. A folder or project file that does not exist is a fatal
 * `missing-file` diagnostic at the path as given.
 */
export function locateProject(cwd: string, options: Pick<LoadOptions, 'dir' | 'config' | 'plainFolder'>): Checked<Located> {
  const start = resolve(cwd, options.dir ?? '.');
  if (!existsSync(start)) return problems(missing(options.dir ?? '.', `Cannot find \`${options.dir}\`: no such file or folder`));
  const startDir = statSync(start).isDirectory() ? start : dirname(start);
  if (options.config) {
    const configPath = resolve(cwd, options.config);
    if (!existsSync(configPath)) return problems(missing(options.config, `Cannot find project file \`${options.config}\``));
    return ok({ root: dirname(configPath), configPath });
  }
  if (options.plainFolder) return ok({ root: startDir });
  const configPath = findConfig(startDir);
  return ok(configPath ? { root: dirname(configPath), configPath } : { root: startDir });
}

function missing(file: string, message: string): Diagnostic {
  return { file, line: 1, column: 1, severity: 'fatal', message, ruleId: 'missing-file' };
}

/**
 * Loads the project. What stops the run (a missing folder or project file, a
 * broken codebook, parser threads that keep failing) is a fatal diagnostic in
 * the corpus, with `project` undefined; the caller decides how to report it.
 */
export function loadProject(cwd: string, options: LoadOptions): LoadedProject {
  const located = locateProject(cwd, options);
  if (!located.ok) {
    const root = resolve(cwd, options.dir ?? '.');
    return { corpus: emptyCorpus(located.diagnostics), root, codebookPath: '', files: new Map(), source: workingTreeSource(root, { cwd }) };
  }
  const { root, configPath } = located.value;
  const source = workingTreeSource(root, { cwd, projectFile: !options.plainFolder });
  const parsing = options.parsing?.(root);
  let result: ReturnType<typeof runPipeline>;
  try {
    result = runPipeline(source, {
      config: configPath ? posixRelative(root, configPath) : undefined,
      codebook: options.codebook ? resolve(cwd, options.codebook) : undefined,
      progress: options.progress,
      checkVariables: options.checkVariables,
      ...(options.only ? { only: (path: string) => resolve(root, path) === options.only } : {}),
      ...(options.maxNoteSize ? { maxNoteSize: options.maxNoteSize } : {}),
      ...(parsing ? { parsing } : {}),
    });
  } catch (error) {
    if (!(error instanceof WorkerFault)) throw error;
    const diagnostics: Diagnostic[] = [{ file: displayPath(cwd, root), line: 1, column: 1, severity: 'fatal', message: error.message, ruleId: 'workers-failed' }];
    return { corpus: emptyCorpus(diagnostics), root, configPath, codebookPath: '', files: new Map(), source };
  }
  const project = result.project;
  if (!project) {
    return { corpus: result.corpus, root, configPath, codebookPath: '', files: new Map(), source };
  }
  const codebookPath = isAbsolute(project.codebookPath) ? project.codebookPath : resolve(root, project.codebookPath);
  const files = new Map([...result.files].map(([shown, file]) => [shown, { ...file, absolute: file.absolute ?? resolve(root, file.path), stamp: file.stamp ?? '' }]));
  return { corpus: result.corpus, root, configPath, codebookPath, files, source, project, ...(parsing ? { parsing } : {}) };
}

/**
 * A codebook file on its own (the `codebook` command). One that cannot be read,
 * or is so broken that no code is left, stops the run: a fatal diagnostic in it.
 */
export function readCodebookFile(cwd: string, path: string): Checked<ReturnType<typeof readCodebook>> {
  const shown = displayPath(cwd, path);
  const file = readUtf8(path);
  if ('error' in file) return problems({ file: shown, line: 1, column: 1, severity: 'fatal', message: `Cannot read codebook \`${shown}\`: ${file.error}`, ruleId: 'unreadable-file' });
  const result = readCodebook(shown, file.text);
  const unusable = result.diagnostics.find((d) => d.ruleId === 'codebook-yaml' || d.ruleId === 'codebook-shape');
  if (unusable && result.codebook.codes.length === 0) return problems({ ...unusable, severity: 'fatal' });
  return ok(result);
}
