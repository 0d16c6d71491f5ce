// The files a project reads: notes, standoff codings (which hold the memos),
// the codebook and the project file. No output may be written over one of
// them, neither a declared `out:` nor `--out`.
import { realpathSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import picomatch from 'picomatch';
import { STANDOFF_SUFFIX } from '../standoff/format.js';
import type { LoadedProject } from './project.js';

/** Real absolute path of every input → what it is, in words ("a note"). */
export type Inputs = Map<string, string>;

export function projectInputs(loaded: LoadedProject): Inputs {
  const inputs: Inputs = new Map();
  const add = (absolute: string, what: string): void => {
    inputs.set(absolute, what);
    inputs.set(real(absolute), what);
  };
  for (const { absolute } of loaded.files.values()) add(absolute, 'a note');
  for (const path of loaded.source.list([`**/*${STANDOFF_SUFFIX}`], ['**/node_modules/**']).paths) add(resolve(loaded.root, path), 'a standoff codings file');
  for (const memo of loaded.corpus.memos ?? []) add(resolve(loaded.root, memo.projectPath), 'a memo');
  add(loaded.codebookPath, 'the codebook');
  if (loaded.configPath) add(loaded.configPath, 'the project file');
  return inputs;
}

/**
 * What a project-relative output path would overwrite or be read as, or
 * undefined when it is free: for declared reports, checked before anything
 * exists, so `out: notes/new.md` is refused as well as `out: notes/a.md`.
 * Names are compared case-insensitively, as macOS and Windows do.
 */
export function declaredInputKind(loaded: LoadedProject): (path: string) => string | undefined {
  const rel = (absolute: string): string => relative(loaded.root, absolute).split(sep).join('/').toLowerCase();
  const config = loaded.configPath ? rel(loaded.configPath) : undefined;
  const codebook = rel(loaded.codebookPath);
  const notes = new Set([...loaded.files.values()].map(({ absolute }) => rel(absolute)));
  // The loader never reads `reports/`, so reports there can never be notes.
  const isNote = picomatch(loaded.corpus.config.notes, { nocase: true, dot: false });
  return (path) => {
    const key = path.toLowerCase();
    if (key === config) return 'the project file';
    if (key === codebook) return 'the codebook';
    if (key.endsWith(STANDOFF_SUFFIX)) return 'a standoff codings file';
    if (notes.has(key) || (!key.startsWith('reports/') && isNote(path))) return `a note (it matches \`notes: ${loaded.corpus.config.notes.join(', ')}\`)`;
    return undefined;
  };
}

function real(absolute: string): string {
  try {
    return realpathSync(resolve(absolute));
  } catch {
    return absolute;
  }
}
