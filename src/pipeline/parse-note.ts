// The per-note parse as one call that never throws: a note that makes the
// parser fail becomes a positioned diagnostic on that note, the same whether
// it ran in this thread or in a worker, so the rest of the corpus is still read.
import { readNote, type ReadNoteOptions, type ReadNoteResult } from '../core/note.js';

export interface ParseTask {
  shown: string;
  text: string;
  bom: boolean;
  options: ReadNoteOptions;
}

export function parseNoteSafely(task: ParseTask): ReadNoteResult {
  try {
    return readNote(task.shown, task.text, task.bom, task.options);
  } catch (error) {
    return crashedNote(task, error instanceof Error ? error.message : String(error));
  }
}

/** A note whose parse failed: unread (broken), with the cause where the user will look. */
export function crashedNote(task: Pick<ParseTask, 'shown' | 'text' | 'bom'>, cause: string): ReadNoteResult {
  return {
    note: { path: task.shown, text: task.text, bom: task.bom, eol: '\n', data: {}, fieldPositions: {}, participants: [], segments: [], codings: [], broken: true },
    diagnostics: [
      {
        file: task.shown,
        line: 1,
        column: 1,
        severity: 'error',
        message: `Cannot read this note: fieldcode's parser failed on it (${cause}); the note is left out. This is a bug in fieldcode: please report it with the note`,
        ruleId: 'parse-crashed',
      },
    ],
  };
}
