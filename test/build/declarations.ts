// A throwaway copy of the example project with the reports it declares.
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXAMPLE, ROOT, tempDir } from '../helpers/cli.js';

/** A temp copy of the example project (and the bundled codebook it points to). */
export function exampleCopy(): string {
  const base = tempDir();
  const project = join(base, 'examples', 'peer-groups');
  cpSync(EXAMPLE, project, { recursive: true });
  cpSync(join(ROOT, 'codebook'), join(base, 'codebook'), { recursive: true });
  const config = join(project, 'fieldcode.yaml');
  if (!/^reports:/m.test(readFileSync(config, 'utf8'))) throw new Error('examples/peer-groups/fieldcode.yaml declares no reports');
  return project;
}
