// The pipeline's memo stage: every `*.md` under the project's memos folder
// (`memos:` in fieldcode.yaml, default `memos`), read through the same Source
// as the notes, so a git revision or an in-memory project has its memos too.
import type { Diagnostic, Memo, ProjectConfig } from '../types.js';
import type { Source } from '../pipeline/source.js';
import { outsideDiagnostics } from '../pipeline/confine.js';
import { readMemo } from './read.js';

export const DEFAULT_MEMOS_FOLDER = 'memos';

/** The memos folder, relative to the project root, without a trailing slash. */
export function memosFolder(config: Pick<ProjectConfig, 'memos'>): string {
  return (config.memos ?? DEFAULT_MEMOS_FOLDER).replace(/\\/g, '/').replace(/^\.\/+/, '').replace(/\/+$/, '') || '.';
}

/** Globs of the memo files; they are never notes. */
export function memoGlob(config: Pick<ProjectConfig, 'memos'>): string {
  const folder = memosFolder(config);
  return folder === '.' ? '*.md' : `${folder}/**/*.md`;
}

/** Reads every memo; unreadable files and broken front matter become diagnostics. Sorted by path. */
export function readMemos(source: Source, config: Pick<ProjectConfig, 'memos'>, diagnostics: Diagnostic[]): Memo[] {
  const listing = source.list([memoGlob(config)], ['**/node_modules/**']);
  diagnostics.push(...outsideDiagnostics(source, listing));
  const memos: Memo[] = [];
  for (const path of listing.paths) {
    const shown = source.shown(path);
    const file = source.read(path);
    if ('error' in file) {
      diagnostics.push({ file: shown, line: file.line ?? 1, column: file.column ?? 1, severity: 'error', message: file.error, ruleId: file.ruleId ?? 'unreadable-file' });
      continue;
    }
    const read = readMemo(shown, path, file.text);
    diagnostics.push(...read.diagnostics);
    if (read.memo) memos.push(read.memo);
  }
  return memos;
}
