// A project held in memory, path → text: for tests and library users.
import { pathMatcher } from '../glob.js';
import type { Source } from '../source.js';

export interface MemorySourceOptions {
  /** False: the files are a plain folder of notes, even if one is named fieldcode.yaml. */
  projectFile?: boolean;
}

export function memorySource(files: Record<string, string>, options: MemorySourceOptions = {}): Source {
  const paths = Object.keys(files).sort();
  return {
    projectFile: options.projectFile ?? true,
    list: (globs, ignore) => ({ paths: paths.filter(pathMatcher(globs, ignore)), unreadable: [] }),
    read: (path) => {
      const text = files[path];
      if (text === undefined) return { error: 'Cannot read file (ENOENT)' };
      const bom = text.charCodeAt(0) === 0xfeff;
      return { text: bom ? text.slice(1) : text, bom };
    },
    exists: (path) => path in files,
    shown: (path) => path,
  };
}
