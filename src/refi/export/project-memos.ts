// Step 4 of a .qdpx export: project memos (src/memos/), a Note each,
// referenced from the code or source they are about; a memo on a cell or a
// phase has no REFI counterpart and is referenced from the project. The
// Description keeps the memo's front matter.
import { formatTarget } from '../../memos/target.js';
import { MEMO_PREFIX } from './descriptions.js';
import type { Dates } from './dates.js';
import type { ExportScope } from './scope.js';
import type { ExportUsers } from './users.js';

export interface MemoNote {
  guid: string;
  name: string;
  /** The creating user's GUID. */
  user: string;
  date: string;
  /** Set for a project memo: its record for the import. */
  description?: string;
  text: string;
}

export interface ProjectMemos {
  /** Memo GUIDs by code id, by note path, and those that belong to the project. */
  refs: { code: Map<string, string[]>; source: Map<string, string[]>; project: string[] };
  notes: MemoNote[];
}

export function planProjectMemos(scope: ExportScope, users: ExportUsers, dates: Dates): ProjectMemos {
  const { corpus, codebook, guids, notes, notesByPath } = scope;
  const refs: ProjectMemos['refs'] = { code: new Map<string, string[]>(), source: new Map<string, string[]>(), project: [] };
  const memoNotes = (corpus.memos ?? []).map((memo): MemoNote => {
    const guid = guids.get('project-memo', memo.projectPath);
    const add = (map: Map<string, string[]>, key: string): void => {
      const list = map.get(key) ?? [];
      if (!list.includes(guid)) map.set(key, [...list, guid]);
    };
    let placed = false;
    for (const target of memo.about) {
      if (target.kind === 'code' && codebook.byId.has(target.id)) add(refs.code, target.id);
      else if (target.kind === 'note' && target.note && notesByPath.has(target.note)) add(refs.source, target.note);
      else if (target.kind === 'segment' && target.segment) {
        const note = notes.find((n) => target.segment!.startsWith(`${n.path}#`));
        if (note) add(refs.source, note.path);
        else continue;
      } else continue;
      placed = true;
    }
    if (!placed) refs.project.push(guid);
    const record = { path: memo.projectPath, about: memo.about.map(formatTarget), ...(memo.author ? { author: memo.author } : {}), ...(memo.date ? { date: memo.date } : {}), tags: memo.tags };
    return { guid, name: memo.title, user: users.guid(memo.author?.trim() || users.projectUser), date: memo.date && /^\d{4}-\d{2}-\d{2}$/.test(memo.date) ? `${memo.date}T00:00:00Z` : dates.projectDate, description: `${MEMO_PREFIX}${JSON.stringify(record)}`, text: memo.body };
  });
  return { refs, notes: memoNotes };
}
