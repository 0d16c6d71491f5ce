// Where a leftover plan of `fieldcode codes` can be: the project around the
// working directory, and any folder named on the command line (`check DIR`,
// `--dir DIR`). Kept small: main() imports it before every command.
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { CONFIG_NAME } from '../core/config.js';

/** Where `fieldcode codes` keeps its plan (journal.ts writes it; kept here so start-up loads nothing more). */
export const PLAN_PATH = join('.fieldcode', 'plan.json');

export function candidateRoots(cwd: string, argv: readonly string[]): string[] {
  const roots = new Set<string>();
  const consider = (start: string): void => {
    for (let dir = start; ; dir = dirname(dir)) {
      if (existsSync(join(dir, PLAN_PATH))) roots.add(dir);
      if (existsSync(join(dir, CONFIG_NAME)) || dirname(dir) === dir) return;
    }
  };
  consider(resolve(cwd));
  for (const arg of argv) {
    if (arg.startsWith('-')) continue;
    const path = resolve(cwd, arg);
    try {
      if (statSync(path).isDirectory()) consider(path);
    } catch {
      // Not a folder: an id, a revision, a file.
    }
  }
  return [...roots];
}
