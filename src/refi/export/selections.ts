// Step 6 of a .qdpx export: each note's plain text, and its codings grouped
// into selections, with the memos codings carry.
import type { Coding } from '../../types.js';
import { notePlainText, type PlainText } from '../plain-text.js';
import type { Dates } from './dates.js';
import type { MemoNote } from './project-memos.js';
import { coderOf, positionOf, type ExportScope } from './scope.js';
import type { ExportUsers } from './users.js';

function selectionName(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const chars = Array.from(flat);
  return chars.length > 100 ? `${chars.slice(0, 99).join('')}…` : flat;
}

export interface SelectionCoding {
  coding: Coding;
  guid: string;
  coder: string;
  memoGuid?: string;
}

export interface Selection {
  start: number;
  end: number;
  /** The one coder whose codings this selection holds. */
  coder: string;
  guid: string;
  name: string;
  codings: SelectionCoding[];
}

/** Each note's exported text; a note with astral characters gets a word on how offsets count. */
export function planPlainTexts(scope: ExportScope): Map<string, PlainText> {
  const utf16 = scope.options.offsets === 'utf16';
  const plain = new Map<string, PlainText>();
  for (const note of scope.notes) {
    const text = notePlainText(note);
    plain.set(note.path, text);
    const astral = text.length !== text.text.length;
    if (astral) {
      scope.diagnostics.push({ file: note.path, line: 1, column: 1, severity: 'info', message: utf16 ? 'The note has characters outside the Basic Multilingual Plane (such as emoji); offsets are written in UTF-16 units as NVivo counts them, not in code points as the standard says' : 'The note has characters outside the Basic Multilingual Plane (such as emoji); offsets are written in code points, which NVivo counts as two (see --offsets utf16)', ruleId: 'refi-astral' });
    }
  }
  return plain;
}

export interface Selections {
  /** Each note's selections, by start, end and coder. */
  byNote: Map<string, Selection[]>;
  /** A Note for every coding memo. */
  memos: MemoNote[];
}

export interface SelectionInputs {
  codings: Coding[];
  plain: Map<string, PlainText>;
  /** Source names by note path, for the memos' names. */
  names: Map<string, string>;
  users: ExportUsers;
  dates: Dates;
}

export function planSelections(scope: ExportScope, inputs: SelectionInputs): Selections {
  const { codings, plain } = inputs;
  const byNote = new Map<string, Coding[]>();
  for (const coding of codings) {
    if (!byNote.has(coding.note)) byNote.set(coding.note, []);
    byNote.get(coding.note)!.push(coding);
  }
  const selectionsByNote = new Map<string, Selection[]>();
  const memos: MemoNote[] = [];
  for (const note of scope.notes) {
    const selections = noteSelections(scope, note.path, plain.get(note.path)!, byNote.get(note.path) ?? [], inputs, memos);
    selectionsByNote.set(note.path, selections);
  }
  return { byNote: selectionsByNote, memos };
}

/** The selections of one note's codings; coding memos go onto `memos`. */
function noteSelections(scope: ExportScope, path: string, text: PlainText, noteCodings: Coding[], inputs: SelectionInputs, memos: MemoNote[]): Selection[] {
  const { codebook, guids, stable, diagnostics } = scope;
  const { names, users, dates } = inputs;
  const codeOrder = new Map(codebook.codes.map((code, index) => [code.id, index]));
  const selections = new Map<string, Selection>();
  const codingKeys = new Map<string, number>();
  const list = noteCodings.slice().sort(
    (a, b) => a.start - b.start || a.end - b.end || (codeOrder.get(a.code)! - codeOrder.get(b.code)!) || (coderOf(a) < coderOf(b) ? -1 : coderOf(a) > coderOf(b) ? 1 : 0),
  );
  for (const coding of list) {
    const start = text.toCodePoint(coding.start);
    const end = text.toCodePoint(coding.end);
    if (end <= start) {
      diagnostics.push({ file: path, ...positionOf(coding), severity: 'warning', message: `Coding "${coding.code}" covers no exported text; not exported`, ruleId: 'refi-export-skipped' });
      continue;
    }
    const key = `${stable(path)}:${start}:${end}`;
    const coder = coderOf(coding);
    const base = `${key}:${coding.code}:${coder}`;
    const seen = codingKeys.get(base) ?? 0;
    codingKeys.set(base, seen + 1);
    const codingKey = seen === 0 ? base : `${base}#${seen + 1}`;
    // One selection per coder: QualCoder gives a selection one creating user,
    // so a selection shared by coders kept only one of them. A coding with a
    // memo has a selection of its own, whose Description (which QualCoder
    // reads) is that memo. The project's own coder keeps the GUIDs a
    // one-coder export always had.
    const hasMemo = !!coding.memo?.trim();
    const selectionKey = hasMemo ? `${codingKey}:memo` : coder === users.projectUser ? key : `${key}:${coder}`;
    let selection = selections.get(selectionKey);
    if (!selection) {
      selection = { start, end, coder, guid: guids.get('selection', selectionKey), name: selectionName(text.slice(start, end)), codings: [] };
      selections.set(selectionKey, selection);
    }
    const entry: SelectionCoding = { coding, guid: guids.get('coding', codingKey), coder };
    if (coding.memo && coding.memo.trim()) {
      entry.memoGuid = guids.get('memo', codingKey);
      const code = codebook.byId.get(coding.code)!;
      memos.push({ guid: entry.memoGuid, name: `Memo: ${code.label || code.id} in ${names.get(path)}`, user: users.guid(coder), date: dates.dateOf(path), text: coding.memo });
    }
    selection.codings.push(entry);
  }
  return [...selections.values()].sort((a, b) => a.start - b.start || a.end - b.end || (a.coder < b.coder ? -1 : a.coder > b.coder ? 1 : 0));
}
