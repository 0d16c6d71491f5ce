// The bytes of `fieldcode export`: the codebook as a REFI-QDA `.qdc`, or the
// project as a `.qdpx`, each checked against the standard's rules before it
// is written. Nothing is written here.
import { extname, relative, resolve, sep } from 'node:path';
import type { Corpus, Diagnostic } from '../types.js';
import { ok, problems, type Checked } from '../model/checked.js';
import { usageProblem } from '../model/command-line.js';
import { exportQdc } from '../refi/codebook-xml.js';
import { buildQdpx } from '../refi/project-xml.js';
import { checkProjectXml, checkQdc } from '../refi/semantic-check.js';
import { writeZip } from '../refi/zip.js';

export interface RefiExportOptions {
  /** The project folder, and the folder note paths are shown from. */
  root: string;
  cwd: string;
  /** `fieldcode VERSION`, recorded as the exporting program. */
  origin: string;
  out?: string;
  user?: string;
  caseVariable?: string;
  /** False with `--no-cases`. */
  cases?: boolean;
  offsets?: 'codepoints' | 'utf16';
  sets?: boolean;
  coder?: string;
}

export interface RefiExport {
  data: string | Uint8Array;
  /** `12 notes, 30 codes, 145 codings`, for the line on stderr. */
  summary: string;
  diagnostics: Diagnostic[];
}

/** `--format`, or the one the `--out` extension names; a `.qdpx` needs a file to go to. */
export function exportFormat(argv: readonly string[], options: { format?: string; out?: string }): Checked<'qdc' | 'qdpx'> {
  const fromExt = options.out ? extname(options.out).toLowerCase().slice(1) : '';
  const format = options.format ?? fromExt;
  if (format !== 'qdc' && format !== 'qdpx') return problems(usageProblem(argv, 'Cannot tell what to export: pass `--format qdc` or `--format qdpx` (or an --out path ending in .qdc or .qdpx)', options.out === undefined ? undefined : outFlag(argv)));
  if (format === 'qdpx' && (!options.out || options.out === '-')) return problems(usageProblem(argv, 'Cannot write a .qdpx archive to the terminal: pass `--out FILE.qdpx`', options.out === undefined ? '--format' : outFlag(argv)));
  return ok(format);
}

/** `--out` or `-o`, as typed, to place a problem with the output on it. */
function outFlag(argv: readonly string[]): string {
  return argv.find((arg) => arg === '-o' || arg === '--out' || arg.startsWith('--out=')) ?? '--out';
}

export function exportRefi(corpus: Corpus, format: 'qdc' | 'qdpx', options: RefiExportOptions): Checked<RefiExport> {
  if (format === 'qdc') {
    const qdc = exportQdc(corpus.codebook, { origin: options.origin });
    if (!qdc.ok) return qdc;
    const diagnostics = checkQdc(qdc.value, { file: options.out ?? 'codebook.qdc' }).map(internal);
    return ok({ data: qdc.value, summary: `${corpus.codebook.codes.length} codes`, diagnostics });
  }
  const { root, cwd } = options;
  const build = buildQdpx(corpus, {
    origin: options.origin,
    user: options.user,
    caseVariable: options.cases === false ? null : options.caseVariable,
    offsets: options.offsets,
    sets: options.sets === true,
    coder: options.coder,
    notePath: (path) => relative(root, resolve(cwd, path)).split(sep).join('/'),
  });
  const diagnostics = [...build.diagnostics, ...checkProjectXml(build.projectXml, build.sources, { file: `${options.out}/project.qde`, selectionNames: true, offsets: options.offsets }).map(internal)];
  const selections = (build.projectXml.match(/<Coding /g) ?? []).length;
  return ok({ data: writeZip(build.entries), summary: `${corpus.notes.length} notes, ${corpus.codebook.codes.length} codes, ${selections} codings`, diagnostics });
}

/** A semantic-check failure on our own output is a bug, but it must still stop the write. */
function internal(d: Diagnostic): Diagnostic {
  return { ...d, message: `Internal check of the export failed: ${d.message}` };
}
