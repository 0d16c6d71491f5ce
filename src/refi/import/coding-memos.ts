// Step 4 of a .qdpx import: the texts of the project's Notes, for the codings
// and selections that refer to them with a <NoteRef> (a coding's memo). Notes
// that become memo files are read later (./memo-files.ts).
import { normalizeGuid } from '../guid.js';
import { kid, kids, type XmlElement } from '../xml-read.js';
import type { ZipEntry } from '../zip.js';
import { decodeBytes } from '../../model/decode.js';

/** The memo texts an element's NoteRefs point at, in order; unknown or empty Notes are skipped. */
export type MemoOf = (element: XmlElement) => string[];

export function readCodingMemos(root: XmlElement, findEntry: (path: string) => ZipEntry | undefined): MemoOf {
  const memos = new Map<string, string>();
  for (const note of kids(kid(root, 'Notes'), 'Note')) {
    if (!note.attrs.guid) continue;
    const content = kid(note, 'PlainTextContent')?.text;
    let text = content;
    if (text === undefined && note.attrs.plainTextPath) {
      const entry = findEntry(note.attrs.plainTextPath);
      if (entry) text = decodeBytes(entry.data, 'lenient').text;
    }
    if (text !== undefined && text.trim()) memos.set(normalizeGuid(note.attrs.guid), text.replace(/\r\n?/g, '\n').trim());
  }
  return (element) =>
    kids(element, 'NoteRef')
      .map((ref) => memos.get(normalizeGuid(ref.attrs.targetGUID ?? '')))
      .filter((m): m is string => m !== undefined);
}
