import { fileURLToPath } from 'node:url';
import { loadProject } from '../../src/cli/project.js';
import type { Corpus } from '../../src/types.js';

/** A small project: groups north, south (no notes in phase II) and east (no notes), phases I–III. */
export const FIXTURE = fileURLToPath(new URL('./fixture/', import.meta.url));

export function fixture(): Corpus {
  return loadProject(FIXTURE, {}).corpus;
}
