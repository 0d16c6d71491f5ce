// A working tree's files are read only when their real path (after every
// symbolic link) is inside the root, and each real file once. A hostile
// `notes/env.md -> /proc/self/environ` would otherwise put a CI secret into a
// report or an export, and `notes/alias -> .` would count every note twice.
import { realpathSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { Diagnostic } from '../types.js';
import type { Listing, Source } from './source.js';

/**
 * Splits root-relative `paths` into those to read (one per real file, by the
 * path that goes through no link when there is one) and those that lead out
 * of the root. A path that cannot be resolved is kept, so reading it reports
 * the real problem.
 */
export function confine(root: string, paths: string[]): Pick<Listing, 'paths' | 'outside'> {
  const realRoot = realOrSelf(root);
  const chosen = new Map<string, string>();
  const keep = new Set<string>();
  const outside: Array<{ path: string; real: string }> = [];
  for (const path of paths) {
    let real: string;
    try {
      real = realpathSync(resolve(root, path));
    } catch {
      keep.add(path);
      continue;
    }
    const rel = relative(realRoot, real);
    if (rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) {
      outside.push({ path, real });
      continue;
    }
    const previous = chosen.get(real);
    const direct = (candidate: string): boolean => relative(root, resolve(root, candidate)) === rel;
    if (previous === undefined || (direct(path) && !direct(previous))) chosen.set(real, path);
  }
  for (const path of chosen.values()) keep.add(path);
  return { paths: paths.filter((path) => keep.has(path)), outside };
}

/** The positioned error for each listed file that leads out of the source's root. */
export function outsideDiagnostics(source: Source, listing: Listing): Diagnostic[] {
  return (listing.outside ?? []).map(({ path, real }) => ({
    file: source.shown(path),
    line: 1,
    column: 1,
    severity: 'error',
    message: `Cannot read this file: it is a link to \`${real}\`, outside the project; fieldcode reads only files inside the project folder`,
    ruleId: 'outside-project',
  }));
}

function realOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}
