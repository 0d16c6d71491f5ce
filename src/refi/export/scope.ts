// What every step of a .qdpx export reads: the corpus, the options, the notes
// in a stable order, the GUID factory, and the diagnostics found so far.
import type { Codebook, Coding, Corpus, Diagnostic, Note } from '../../types.js';
import { codebookNamespace } from '../codebook-xml.js';
import { GuidFactory } from '../guid.js';
import type { QdpxOptions } from '../project-xml.js';

export interface ExportScope {
  corpus: Corpus;
  options: QdpxOptions;
  codebook: Codebook;
  guids: GuidFactory;
  /** A note's stable name (its path relative to the project), for GUIDs and names. */
  stable: (path: string) => string;
  /** The notes, ordered by stable name. */
  notes: Note[];
  notesByPath: Map<string, Note>;
  diagnostics: Diagnostic[];
}

export function exportScope(corpus: Corpus, options: QdpxOptions): ExportScope {
  const stable = options.notePath ?? ((path: string) => path);
  const notes = [...corpus.notes].sort((a, b) => (stable(a.path) < stable(b.path) ? -1 : stable(a.path) > stable(b.path) ? 1 : 0));
  return {
    corpus,
    options,
    codebook: corpus.codebook,
    guids: new GuidFactory(codebookNamespace(corpus.codebook)),
    stable,
    notes,
    notesByPath: new Map(notes.map((note) => [note.path, note])),
    diagnostics: [],
  };
}

/** Who a coding is by; a coding without a coder is `unknown`. */
export function coderOf(coding: Coding): string {
  return coding.coder && coding.coder.trim() ? coding.coder.trim() : 'unknown';
}

export function positionOf(coding: Coding): { line: number; column: number } {
  return { line: coding.range?.start?.line ?? 1, column: coding.range?.start?.column ?? 1 };
}
