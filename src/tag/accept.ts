// `tag --accept-suggestions` as a pure step: the notes and the suggestions to
// apply in; per note, the new text and what it adds, out. Each edit works on
// the note the one before it returned, so a note is parsed once per edit.
import type { Coding, Diagnostic, Note } from '../types.js';
import { addSegmentTag } from '../core/write-inline.js';
import { problemDiagnostic, type EditableNote } from './edit.js';

export interface AcceptedNote<F extends EditableNote> {
  file: F;
  /** The edited note (its text is what to write). */
  note: Note;
  /** `path:line  added #code  (matched “words”)`, one per code added. */
  lines: string[];
}

export interface Acceptance<F extends EditableNote> {
  changed: AcceptedNote<F>[];
  /** Plain-text notes with suggestions, which cannot carry inline codes. */
  skipped: F[];
  diagnostics: Diagnostic[];
}

export function planAcceptance<F extends EditableNote>(files: F[], suggestions: Coding[]): Acceptance<F> {
  const acceptance: Acceptance<F> = { changed: [], skipped: [], diagnostics: [] };
  for (const file of files) {
    const mine = suggestions.filter((s) => s.note === file.path);
    if (mine.length === 0) continue;
    if (file.note.data.format === 'text') {
      acceptance.skipped.push(file);
      continue;
    }
    let note = file.note;
    const lines: string[] = [];
    for (const suggestion of mine) {
      const segment = note.segments.find((s) => s.id === suggestion.segments[0]);
      if (!segment) continue;
      const result = addSegmentTag(note, segment, suggestion.code, { coder: file.coder });
      if (!result.ok) {
        acceptance.diagnostics.push(problemDiagnostic({ path: file.path, note }, result.problem));
        continue;
      }
      if (!result.changed) continue;
      lines.push(`${file.path}:${segment.range.start.line}  ${result.message}  (matched “${suggestion.matched ?? ''}”)`);
      note = result.note;
    }
    if (note.text !== file.note.text) acceptance.changed.push({ file, note, lines });
  }
  return acceptance;
}
