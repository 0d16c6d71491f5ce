// Small hostile projects written into a scratch folder.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { tempDir } from '../helpers/cli.js';

export const CODEBOOK = `name: Hostile codebook
version: "1"
codes:
  - id: support
    label: Mutual support
  - id: feedback
    label: Feedback
`;

export function config(extra = ''): string {
  return `name: Hostile
codebook: codebook.yaml
notes: ["notes/*.md"]
coder: kim
variables:
  group: {}
  phase: { values: [I, II], ordered: true }
${extra}`;
}

/** Writes `files` (path → text) into a fresh folder; `codebook.yaml` and `fieldcode.yaml` default to the above. */
export function project(files: Record<string, string>): string {
  const dir = join(tempDir(), 'project');
  const all = { 'codebook.yaml': CODEBOOK, 'fieldcode.yaml': config(), ...files };
  for (const [path, text] of Object.entries(all)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}
