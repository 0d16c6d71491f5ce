// REFI-QDA Notes back into memos. A Note fieldcode wrote for a project memo
// carries the memo's front matter in its Description (`fieldcode memo: {…}`)
// and comes back as the same memo. Another tool's Note that a Code or a
// TextSource refers to (not a coding's comment) becomes a memo about that code
// or note. Every other Note is left to the codings that refer to it.
import { Document } from 'yaml';
import type { Diagnostic, ImportedFile } from '../../types.js';
import { MEMO_PREFIX } from '../export/descriptions.js';
import { normalizeGuid } from '../guid.js';
import { kid, kids, type XmlElement } from '../xml-read.js';
import { safeFileName } from './names.js';

export interface MemoImportInput {
  notes: XmlElement[];
  /** Code guid → code id; source guid → the path of the note written for it. */
  codeIds: Map<string, string>;
  notePaths: Map<string, string>;
  /** Elements that may hold a NoteRef naming what a memo is about: codes and text sources, by guid. */
  codeElements: Array<{ guid: string; element: XmlElement }>;
  sourceElements: Array<{ guid: string; element: XmlElement }>;
  users: Map<string, string>;
  diag: (line: number, column: number, message: string) => Diagnostic;
}

export function importMemos(input: MemoImportInput): { files: ImportedFile[]; diagnostics: Diagnostic[] } {
  const about = new Map<string, string[]>();
  const refer = (owners: Array<{ guid: string; element: XmlElement }>, target: (guid: string) => string | undefined): void => {
    for (const { guid, element } of owners) {
      const named = target(normalizeGuid(guid));
      if (!named) continue;
      for (const ref of kids(element, 'NoteRef')) {
        const key = normalizeGuid(ref.attrs.targetGUID ?? '');
        about.set(key, [...(about.get(key) ?? []), named]);
      }
    }
  };
  refer(input.codeElements, (guid) => (input.codeIds.has(guid) ? `code:${input.codeIds.get(guid)}` : undefined));
  refer(input.sourceElements, (guid) => (input.notePaths.has(guid) ? `note:${input.notePaths.get(guid)}` : undefined));
  const files: ImportedFile[] = [];
  const diagnostics: Diagnostic[] = [];
  const used = new Set<string>();
  for (const note of input.notes) {
    const guid = normalizeGuid(note.attrs.guid ?? '');
    const description = kid(note, 'Description')?.text ?? '';
    const body = (kid(note, 'PlainTextContent')?.text ?? '').replace(/\r\n?/g, '\n');
    let front: Record<string, unknown> | undefined;
    let name = note.attrs.name ?? 'memo';
    if (description.startsWith(MEMO_PREFIX)) {
      try {
        const record = JSON.parse(description.slice(MEMO_PREFIX.length)) as { path?: string; about?: string[]; author?: string; date?: string; tags?: string[] };
        front = { about: record.about ?? [], ...(record.author ? { author: record.author } : {}), ...(record.date ? { date: record.date } : {}), tags: record.tags ?? [] };
        if (record.path) name = record.path.replace(/^.*\//, '').replace(/\.md$/i, '');
      } catch {
        diagnostics.push(input.diag(note.line, note.column, `Note "${note.attrs.name ?? ''}" has an unreadable fieldcode memo record; it is read as another tool's note`));
      }
    }
    if (!front) {
      const targets = [...new Set(about.get(guid) ?? [])];
      if (targets.length === 0) continue;
      const user = input.users.get(normalizeGuid(note.attrs.creatingUser ?? ''));
      const date = /^\d{4}-\d{2}-\d{2}/.exec(note.attrs.creationDateTime ?? '')?.[0];
      front = { about: targets, ...(user ? { author: user } : {}), ...(date ? { date } : {}), title: note.attrs.name ?? 'Memo', tags: [] };
    }
    let stem = safeFileName(name);
    for (let n = 2; used.has(stem.toLowerCase()); n++) stem = `${safeFileName(name)}-${n}`;
    used.add(stem.toLowerCase());
    const doc = new Document(front, { version: '1.2' });
    files.push({ path: `memos/${stem}.md`, content: `---\n${doc.toString({ lineWidth: 0, minContentWidth: 0 })}---\n${body.startsWith('\n') ? '' : '\n'}${body}${body.endsWith('\n') ? '' : '\n'}` });
  }
  return { files, diagnostics };
}
