// Discovery, in one place: the project file, the codebook, and which files are
// notes (the `notes:` globs less the ignore rules). Every command and every
// source goes through here, so they agree on what the project is.
import { SUMMARIES_FOLDER } from '../core/summaries.js';
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Codebook, Diagnostic, ProjectConfig } from '../types.js';
import { CONFIG_NAME, DEFAULT_NOTE_GLOBS, readConfig } from '../core/config.js';
import { readCodebook } from '../codebook/read.js';
import { memoGlob } from '../memos/load.js';
import { posixRelative } from './paths.js';
import { readUtf8 } from './read-file.js';
import type { Source, SourceRead } from './source.js';

export const BUNDLED_CODEBOOK = fileURLToPath(new URL('../../codebook/working-components.yaml', import.meta.url));
export const DEFAULT_CODER = 'default';
/** Never notes: installed packages, generated reports, standoff codings. */
// `summaries/` holds the researcher's matrix summaries (core/summaries.ts): writing about the data, never coded data.
const ALWAYS_IGNORED = ['**/node_modules/**', 'reports/**', '**/*.codings.yaml', `${SUMMARIES_FOLDER}/**`];

export interface DiscoverOptions {
  /** The project file, relative to the source root (default: `fieldcode.yaml` when the source has one). */
  config?: string;
  /** The codebook: an absolute path, or a path relative to the source root. Default: the project's, else the bundled one. */
  codebook?: string;
}

export interface Project {
  config: ProjectConfig;
  /** The project file, relative to the source root, when there is one. */
  configPath?: string;
  /** The codebook: absolute when outside the source, else relative to its root. */
  codebookPath: string;
  codebook: Codebook;
  /** Globs of the notes (with `!` negations), relative to the source root. */
  notes: string[];
  /** Globs that are never notes: node_modules, reports, the codebook's folder, declared outputs. */
  ignore: string[];
  /** Coder of inline codings in notes whose front matter names none. */
  defaultCoder: string;
}

export interface Discovery {
  /** Undefined when a fatal problem (unreadable project file or codebook) stops the run. */
  project?: Project;
  diagnostics: Diagnostic[];
}

function fatal(file: string, message: string, ruleId: Diagnostic['ruleId'], at: { line?: number; column?: number } = {}): Diagnostic {
  return { file, line: at.line ?? 1, column: at.column ?? 1, severity: 'fatal', message, ruleId };
}

export function discover(source: Source, options: DiscoverOptions = {}): Discovery {
  const diagnostics: Diagnostic[] = [];
  let config: ProjectConfig = { notes: DEFAULT_NOTE_GLOBS, variables: [], reports: [] };
  const configPath = options.config ?? (source.projectFile && source.exists(CONFIG_NAME) ? CONFIG_NAME : undefined);
  if (configPath !== undefined) {
    const shown = source.shown(configPath);
    const file = source.read(configPath);
    if ('error' in file) return { diagnostics: [fatal(shown, `Cannot read project file \`${shown}\`: ${file.error}`, 'unreadable-file', file)] };
    const result = readConfig(shown, file.text);
    // A project file with an error cannot say what the project is: nothing runs.
    const broken = result.diagnostics.find((d) => d.severity === 'error');
    if (broken) return { diagnostics: [{ ...broken, severity: 'fatal' }] };
    diagnostics.push(...result.diagnostics);
    config = result.config;
  }

  const codebookPath = options.codebook ?? config.codebook ?? BUNDLED_CODEBOOK;
  const outside = isAbsolute(codebookPath);
  const codebookShown = outside && source.root ? source.shown(posixRelative(source.root, codebookPath)) : outside ? codebookPath : source.shown(codebookPath);
  const exists = outside ? existsSync(codebookPath) : source.exists(codebookPath);
  if (!exists) return { diagnostics: [...diagnostics, fatal(codebookShown, `Cannot find codebook \`${codebookShown}\``, 'missing-file')] };
  const file: SourceRead = outside ? readUtf8(codebookPath) : source.read(codebookPath);
  if ('error' in file) return { diagnostics: [...diagnostics, fatal(codebookShown, `Cannot read codebook \`${codebookShown}\`: ${file.error}`, 'unreadable-file', file)] };
  const read = readCodebook(codebookShown, file.text);
  const unusable = read.diagnostics.find((d) => d.ruleId === 'codebook-yaml' || d.ruleId === 'codebook-shape');
  if (unusable && read.codebook.codes.length === 0) return { diagnostics: [...diagnostics, { ...unusable, severity: 'fatal' }] };
  diagnostics.push(...read.diagnostics);
  if (!outside && source.commit !== undefined) read.codebook.commit = source.commit;

  // Memos are writing about the data, never notes: they are never coded or counted.
  const ignore = [...ALWAYS_IGNORED, memoGlob(config)];
  // A declared output such as `reports/phase-{phase}.md` is a family of files.
  for (const report of config.reports) if (typeof report.out === 'string') ignore.push(report.out.replace(/\{[^}]+\}/g, '*'));
  const codebookDir = outside ? (source.root ? posixRelative(source.root, dirname(codebookPath)) : '..') : posix.dirname(posix.normalize(codebookPath));
  if (codebookDir && codebookDir !== '.' && !codebookDir.startsWith('..') && !isAbsolute(codebookDir)) ignore.push(`${codebookDir}/**`);

  return {
    project: { config, configPath, codebookPath, codebook: read.codebook, notes: config.notes, ignore, defaultCoder: config.coder ?? DEFAULT_CODER },
    diagnostics,
  };
}
