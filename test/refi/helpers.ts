// Shared helpers for the REFI-QDA tests: load a project through the real
// pipeline, validate XML with xmllint against the shared schemas, and write
// imported files to a temporary folder.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadProject } from '../../src/cli/project.js';
import { sharedPath } from '../helpers/shared.js';
import type { Codebook, Corpus } from '../../src/types.js';
import { exportQdc, type QdcOptions } from '../../src/refi/codebook-xml.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const EXAMPLE = join(ROOT, 'examples', 'peer-groups');
export const TRICKY = join(ROOT, 'test', 'fixtures', 'refi', 'tricky');
// In ../shared: tests that use these carry the `shared` tag.
export const PROJECT_XSD = sharedPath('refi-qda', 'Project.xsd');
export const CODEBOOK_XSD = sharedPath('refi-qda', 'Codebook.xsd');
export const QC_DEMO = sharedPath('real-data', 'qc-demo', 'original');

/** The `.qdc` text of a codebook that has codes (a test failure otherwise). */
export function qdcOf(codebook: Codebook, options?: QdcOptions): string {
  const result = exportQdc(codebook, options);
  if (!result.ok) throw new Error(`unexpected: ${result.diagnostics[0].message}`);
  return result.value;
}

export function load(dir: string): Corpus {
  return loadProject(dir, { dir }).corpus;
}

export function tempDir(prefix = 'fieldcode-refi-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Runs xmllint (Debian: libxml2-utils) against a schema; returns its exit status and stderr. */
export function xmllint(xml: string, schema: string): { status: number; stderr: string } {
  const dir = tempDir('fieldcode-xmllint-');
  const file = join(dir, 'doc.xml');
  writeFileSync(file, xml);
  const result = spawnSync('xmllint', ['--noout', '--schema', schema, file], { encoding: 'utf8' });
  if (result.error) throw new Error(`xmllint is needed for these tests (Debian package libxml2-utils): ${result.error.message}`);
  return { status: result.status ?? -1, stderr: result.stderr };
}

/** Writes `{path, content}` files under a new temporary folder and returns it. */
export function writeFiles(files: Array<{ path: string; content: string }>): string {
  const dir = tempDir('fieldcode-import-');
  for (const file of files) {
    const path = join(dir, file.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.content);
  }
  return dir;
}
