// The `Source` port: where a project's files come from. The pipeline never
// touches the file system or git itself, so the working tree, a git revision,
// a plain folder and an in-memory project all load through the same stages.
import type { Decoded, ReadLimit } from './read-file.js';

export type SourceRead = Decoded & { stamp?: string };

export interface Listing {
  /** POSIX paths relative to the source root, sorted. */
  paths: string[];
  /** Folders that could not be read (path relative to the root, and the reason such as `EACCES`). */
  unreadable: Array<{ path: string; reason: string }>;
  /** Files left out because they are links to a file outside the root (and where they lead). */
  outside?: Array<{ path: string; real: string }>;
}

export interface Source {
  /** `false` for a folder of notes that has no project file (never look for one). */
  readonly projectFile: boolean;
  /** Files matching the globs (with `!` negations) and none of the ignore globs. */
  list(globs: string[], ignore: string[]): Listing;
  /** One file, decoded as UTF-8; `path` is relative to the root. Sources on disk read no more than `limit` allows. */
  read(path: string, limit?: ReadLimit): SourceRead;
  /** Whether a file exists at `path` (relative to the root). */
  exists(path: string): boolean;
  /** How a path is shown in messages and reports. */
  shown(path: string): string;
  /** The file's path on disk, for sources that have one (to write it back). */
  absolute?(path: string): string;
  /** Absolute folder on disk the paths are relative to, for sources that have one. */
  readonly root?: string;
  /** The commit the files are read at, for a git revision: reports state it with the codebook version. */
  readonly commit?: string;
}
