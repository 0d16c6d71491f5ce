// Files on disk under a root folder: the working tree of a project, or a plain
// folder of notes. tinyglobby walks the tree (pruning ignored folders); the one
// matcher in glob.ts decides, and folders the walk cannot read are reported.
import * as fs from 'node:fs';
import { resolve } from 'node:path';
import { globSync } from 'tinyglobby';
import { pathMatcher, positiveGlobs } from '../glob.js';
import { displayPath } from '../paths.js';
import { readUtf8 } from '../read-file.js';
import { confine } from '../confine.js';
import type { Listing, Source } from '../source.js';

export interface WorkingTreeOptions {
  /** The working directory paths are shown relative to. */
  cwd: string;
  /** False for a plain folder of notes, never read as a project. */
  projectFile?: boolean;
}

export function workingTreeSource(root: string, options: WorkingTreeOptions): Source {
  const absolute = (path: string): string => resolve(root, path);
  return {
    projectFile: options.projectFile ?? true,
    root,
    list(globs: string[], ignore: string[]): Listing {
      const unreadable: Listing['unreadable'] = [];
      // fdir (under tinyglobby) skips folders it cannot read without a word; this records them.
      const readdirSync = ((path: fs.PathLike, opts: unknown) => {
        try {
          return fs.readdirSync(path, opts as { withFileTypes: true });
        } catch (error) {
          const relativePath = displayPath(root, resolve(root, String(path)));
          unreadable.push({ path: relativePath === '.' ? '' : relativePath, reason: (error as NodeJS.ErrnoException).code ?? 'EIO' });
          throw error;
        }
      }) as typeof fs.readdirSync;
      const negations = globs.filter((glob) => glob.startsWith('!')).map((glob) => glob.slice(1));
      const candidates = globSync(positiveGlobs(globs), { cwd: root, ignore: [...negations, ...ignore], onlyFiles: true, expandDirectories: false, fs: { ...fs, readdirSync } });
      const accept = pathMatcher(globs, ignore);
      return { ...confine(root, candidates.filter(accept).sort()), unreadable };
    },
    read: (path, limit) => readUtf8(absolute(path), limit),
    exists: (path) => fs.existsSync(absolute(path)),
    shown: (path) => displayPath(options.cwd, absolute(path)),
    absolute,
  };
}

/** A folder of notes without a project file: `**\/*.md` and the bundled or given codebook. */
export function folderSource(dir: string, options: Omit<WorkingTreeOptions, 'projectFile'>): Source {
  return workingTreeSource(dir, { ...options, projectFile: false });
}
