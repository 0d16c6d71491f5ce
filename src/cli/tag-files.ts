// The notes `fieldcode tag` edits, and the one safe way to write them back:
// compare what is on disk with what was read (stamp and content), then write
// atomically with the BOM re-added and the file mode kept, all under the note's lock.
import type { Diagnostic, Note } from '../types.js';
import { readNote } from '../core/note.js';
import { fileStamp, readUtf8, writeFileAtomic, WriteRefused } from './io.js';

export interface TagFile {
  /** Display path (relative to the working directory, POSIX). */
  path: string;
  absolute: string;
  /** The note as it is on disk now (after our own writes). */
  note: Note;
  /** Stamp (mtime:size) of the file as last read or written by us. */
  stamp: string;
  /** Coder for inline codings, as the project resolves it. */
  coder: string;
  /** The project folder: a note that is a link is written through only to a file inside it. */
  root?: string;
}

export function openTagFile(path: string, absolute: string, note: Note, stamp: string, coder: string, root?: string): TagFile {
  return { path, absolute, note, stamp, coder, ...(root !== undefined ? { root } : {}) };
}

/** Reads the edited text into a note, as the loader would. */
export function rereadNote(file: TagFile, text: string): Note {
  return readNote(file.path, text, file.note.bom, { coder: file.coder }).note;
}

/**
 * Writes new text for a note, unless the file changed on disk since it was
 * read (different stamp or different content). Returns a diagnostic instead
 * of writing in that case; never throws for file-system problems.
 * `edited`: the text already read into a note (an edit's verified note, read
 * with this file's coder), so it is not parsed once more.
 */
export function writeTagFile(file: TagFile, text: string, edited?: Note): Diagnostic | undefined {
  const changed: Diagnostic = {
    file: file.path,
    line: 1,
    column: 1,
    severity: 'error',
    message: 'Cannot write the note: the file changed on disk since fieldcode read it, so it was not written; run fieldcode tag again to code the new version',
    ruleId: 'file-changed',
  };
  // The comparison runs under the note's lock, so no other writer can slip in
  // between it and the rename; the write keeps the mode and owner.
  // A change found there cancels the write the one way the write module offers (its WriteRefused); `changedOnDisk` says which refusal it was.
  let changedOnDisk = false;
  const unchanged = (): void => {
    changedOnDisk = !stillAsRead(file);
    if (changedOnDisk) throw new WriteRefused(changed.message);
  };
  try {
    writeFileAtomic(file.absolute, Buffer.from((file.note.bom ? '\uFEFF' : '') + text, 'utf8'), { verify: unchanged, ...(file.root !== undefined ? { within: file.root } : {}) });
  } catch (error) {
    if (changedOnDisk) return changed;
    const why = error instanceof WriteRefused ? error.message : ((error as NodeJS.ErrnoException).code ?? (error as Error).message);
    return { file: file.path, line: 1, column: 1, severity: 'error', message: `Cannot write the note (${why}); it was left as it was`, ruleId: 'write-failed' };
  }
  file.stamp = fileStamp(file.absolute) ?? '';
  file.note = edited !== undefined && edited.text === text ? edited : rereadNote(file, text);
  return undefined;
}

/** Whether the file on disk is still the one last read or written by us (stamp and content). */
function stillAsRead(file: TagFile): boolean {
  if (fileStamp(file.absolute) !== file.stamp) return false;
  const current = readUtf8(file.absolute);
  return !('error' in current) && current.text === file.note.text && current.bom === file.note.bom;
}

/** Reads the note again from disk (after a refused write). Returns false when it cannot be read. */
export function reloadTagFile(file: TagFile): boolean {
  const stamp = fileStamp(file.absolute);
  const current = readUtf8(file.absolute);
  if ('error' in current || stamp === undefined) return false;
  file.note = readNote(file.path, current.text, current.bom, { coder: file.coder }).note;
  file.stamp = stamp;
  return true;
}
