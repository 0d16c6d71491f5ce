// `practice score --submission FILE`: another tool's coding of the exercise
// (a REFI-QDA `.qdpx`, or a CSV of codings such as an LLM run done elsewhere)
// scored like a student's folder. The file is imported into a private
// temporary folder on this machine, next to the key's notes without their
// tags, and removed after scoring; nothing is sent anywhere.
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, extname, join } from 'node:path';
import type { Diagnostic } from '../types.js';
import { importCodingsCsv } from '../import/csv.js';
import { importQdpx } from '../refi/import.js';
import { stripInlineTags, withoutRationales } from '../agreement/strip.js';
import { readUtf8 } from './io.js';
import { usageProblem } from '../model/command-line.js';
import { folderSource } from '../pipeline/sources/working-tree.js';
import { isStandoffPath, parseStandoff, serializeStandoff } from '../standoff/format.js';
import { parseYamlValue } from '../model/yaml.js';

/**
 * The CSV importer turns each code name into an id (`mutual-support.emotional`
 * becomes `mutual-support-emotional`). The exercise's codebook has the real
 * ids, so each derived id is mapped back to the exercise id it was made from.
 */
function derivedIds(codebookText: string | undefined): Map<string, string> {
  const map = new Map<string, string>();
  if (codebookText === undefined) return map;
  const slug = (id: string) => id.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  const walk = (codes: unknown): void => {
    if (!Array.isArray(codes)) return;
    for (const code of codes as Array<Record<string, unknown>>) {
      if (typeof code?.id === 'string' && slug(code.id) !== code.id) map.set(slug(code.id), code.id);
      for (const value of Object.values(code ?? {})) walk(value);
    }
  };
  walk((parseYamlValue(codebookText) as { codes?: unknown } | null)?.codes);
  return map;
}

function withCodes(path: string, text: string, rename: Map<string, string>): string {
  const doc = parseStandoff(path, text).document;
  if (!doc) return text;
  return serializeStandoff({ ...doc, codings: doc.codings.map((c) => ({ ...c, code: rename.get(c.code) ?? c.code })) });
}

export interface Submission {
  /** The temporary folder to score as the student's; call `dispose` when done. */
  folder: string;
  diagnostics: Diagnostic[];
  dispose(): void;
}

/**
 * A submission that cannot be used (an unknown kind of file, one that cannot
 * be read) comes back as fatal diagnostics, placed at `--submission` on the
 * command line (`argv`) or at the key's note that could not be read.
 */
export function importSubmission(argv: readonly string[], file: string, shown: string, keyDir: string, codebookPath: string | undefined): Submission {
  const refused = (diagnostic: Diagnostic): Submission => ({ folder: '', diagnostics: [diagnostic], dispose: () => undefined });
  const ext = extname(file).toLowerCase();
  if (ext !== '.qdpx' && ext !== '.csv') return refused(usageProblem(argv, `Unexpected \`--submission ${shown}\`, expected a REFI-QDA project (.qdpx) or a CSV of codings (.csv: doc, coder, code, start, end)`, '--submission'));
  const unreadable = (error: string) => refused(usageProblem(argv, `Cannot read \`${shown}\`: ${error}`, '--submission', 'unreadable-file'));
  let bytes: Uint8Array | undefined;
  let csvText: string | undefined;
  if (ext === '.qdpx') {
    try {
      bytes = new Uint8Array(readFileSync(file));
    } catch (error) {
      return unreadable((error as NodeJS.ErrnoException).code ?? (error as Error).message);
    }
  } else {
    const csv = readUtf8(file);
    if ('error' in csv) return unreadable(csv.error);
    csvText = csv.text;
  }
  // The CSV codes the exercise's notes: the key's notes, without the key's tags.
  const existing: Array<{ path: string; text: string }> = [];
  if (csvText !== undefined) {
    for (const path of folderSource(keyDir, { cwd: keyDir }).list(['**/*.md'], ['**/node_modules/**']).paths) {
      const read = readUtf8(join(keyDir, path));
      if ('error' in read) return refused({ file: join(keyDir, path), line: 1, column: 1, severity: 'fatal', message: `Cannot read \`${path}\` of the key: ${read.error}`, ruleId: 'unreadable-file' });
      existing.push({ path: `notes/${path}`, text: stripInlineTags(withoutRationales(read.text)) });
    }
  }
  const folder = mkdtempSync(join(tmpdir(), 'fieldcode-submission-'));
  const dispose = () => rmSync(folder, { recursive: true, force: true });
  try {
    const put = (path: string, text: string) => {
      mkdirSync(dirname(join(folder, path)), { recursive: true });
      writeFileSync(join(folder, path), text);
    };
    let result;
    if (bytes !== undefined) {
      result = importQdpx(bytes, { path: shown });
    } else {
      for (const note of existing) put(note.path, note.text);
      result = importCodingsCsv(csvText!, { csvPath: shown, existing });
    }
    if (result.diagnostics.some((d) => d.severity === 'error' || d.severity === 'fatal')) {
      dispose();
      return { folder, diagnostics: result.diagnostics, dispose: () => undefined };
    }
    const rename = ext === '.csv' ? derivedIds(codebookPath ? readFileSync(codebookPath, 'utf8') : undefined) : new Map<string, string>();
    for (const f of result.files) put(f.path, rename.size > 0 && isStandoffPath(f.path) ? withCodes(f.path, f.content, rename) : f.content);
    // Score against the exercise's codebook, not the one the import derived from the codes used.
    if (codebookPath) put('codebook.yaml', readFileSync(codebookPath, 'utf8'));
    return { folder, diagnostics: result.diagnostics, dispose };
  } catch (error) {
    dispose();
    throw error;
  }
}
