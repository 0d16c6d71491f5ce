// The one glob matcher. Every source lists candidate files and keeps those
// this accepts, so the working tree, a git revision, a plain folder and memory
// select exactly the same notes for the same `notes:` globs (with `!`
// negations and `[A-Z]` classes), whoever asks: report, agree, practice, build.
import picomatch from 'picomatch';

export type PathTest = (path: string) => boolean;

/** The positive globs of a list (`!` negations left out). */
export function positiveGlobs(globs: string[]): string[] {
  return globs.filter((glob) => !glob.startsWith('!'));
}

/**
 * Accepts a POSIX path relative to the source root that a positive glob matches
 * and no `!negation` or ignore glob does. Dot files match only when a glob names them.
 */
export function pathMatcher(globs: string[], ignore: string[] = []): PathTest {
  const positive = positiveGlobs(globs);
  const negative = [...globs.filter((glob) => glob.startsWith('!')).map((glob) => glob.slice(1)), ...ignore];
  if (positive.length === 0) return () => false;
  const include = picomatch(positive);
  const exclude = negative.length > 0 ? picomatch(negative, { dot: true }) : () => false;
  return (path) => include(path) && !exclude(path);
}

/** The folder a glob is anchored in (`notes` for `notes/**\/*.md`), '' for the root. */
export function globBase(glob: string): string {
  const base = picomatch.scan(glob).base;
  return base === '.' ? '' : base;
}
