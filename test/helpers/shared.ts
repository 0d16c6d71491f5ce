// The shared data folder beside the repository (../shared) holds real QDA
// projects, reference vectors and the REFI-QDA schemas. A fresh clone has none
// of it, so the tests that read it carry the `shared` tag, which
// vitest.config.ts skips when the folder is absent; CI (.ci/run) has it and
// refuses to run without it.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SHARED = fileURLToPath(new URL('../../../shared/', import.meta.url));
export const HAVE_SHARED = existsSync(SHARED);

/** Options for a describe() whose tests read ../shared. */
export const USES_SHARED = { tags: ['shared'] };

/** A path inside ../shared (it may not exist: use it only inside tagged tests). */
export function sharedPath(...parts: string[]): string {
  return join(SHARED, ...parts);
}

/** Parsed JSON from ../shared, or `absent` when the folder is missing, so
 * files can build test tables at load time without crashing. */
export function readSharedJson<T>(relative: string, absent: T): T {
  return HAVE_SHARED ? (JSON.parse(readFileSync(sharedPath(relative), 'utf8')) as T) : absent;
}
