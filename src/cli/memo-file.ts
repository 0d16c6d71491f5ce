// Writing a new memo: a free file name under the memos folder, written
// atomically, never over an existing file (checked again under the file's
// lock), and never touching a note. Shared by `memo new` and the tagger.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import type { ProjectConfig } from '../types.js';
import { memosFolder } from '../memos/load.js';
import { memoFileName, memoTemplate, type MemoDraft } from '../memos/template.js';
import { WriteRefused, writeFileAtomic } from './write-file.js';
import type { IO } from './io.js';

const ATTEMPTS = 100;

/** Writes the memo and returns its absolute path. */
export function writeNewMemo(root: string, config: Pick<ProjectConfig, 'memos'>, draft: MemoDraft): string {
  const folder = resolve(root, memosFolder(config));
  const text = memoTemplate(draft);
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    const path = join(folder, memoFileName(draft, attempt));
    if (existsSync(path)) continue;
    try {
      writeFileAtomic(path, text, {
        within: root,
        verify: () => {
          if (existsSync(path)) throw new WriteRefused('another memo was written there just now');
        },
      });
      return path;
    } catch (error) {
      if (error instanceof WriteRefused && existsSync(path)) continue;
      throw error;
    }
  }
  throw new WriteRefused(`every name from ${memoFileName(draft)} to ${memoFileName(draft, ATTEMPTS)} is taken`);
}

/** Opens `$VISUAL`/`$EDITOR` on the file, only when a person is at a terminal. Returns whether it did. */
export function openEditor(io: IO, path: string): boolean {
  const editor = io.env.VISUAL || io.env.EDITOR;
  if (!editor || !io.stdin.isTTY || !io.stdout.isTTY) return false;
  // As git does: the editor setting is a shell command line (`code -w`), the file its last argument.
  spawnSync('sh', ['-c', `${editor} "$1"`, 'sh', path], { stdio: 'inherit', env: { ...process.env, ...io.env } });
  return true;
}
