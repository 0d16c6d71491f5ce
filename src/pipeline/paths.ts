import { relative, sep } from 'node:path';

/** POSIX path relative to the working directory: how every path is shown. */
export function displayPath(cwd: string, absolute: string): string {
  const rel = relative(cwd, absolute);
  return (rel === '' ? '.' : rel).split(sep).join('/');
}

/** `absolute` relative to `root`, in POSIX form. */
export function posixRelative(root: string, absolute: string): string {
  return relative(root, absolute).split(sep).join('/');
}
