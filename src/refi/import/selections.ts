// Step 5b of a .qdpx import: a source's codings. Selections, in the source's
// offset model, become codings of its clean text (code point offsets); a
// <Coding> on the source itself covers all of it. A coding's memo comes from
// the selection's Description and the Notes it refers to.
import type { CleanTextOffsets, OffsetModel } from '../../model/offsets.js';
import { normalizeGuid } from '../guid.js';
import { kid, kids, type XmlElement } from '../xml-read.js';
import type { CodeTree } from './codes.js';
import type { MemoOf } from './coding-memos.js';
import { diag, type QdeContext, type SourceInfo } from './context.js';
import type { Users } from './users.js';

export interface Selection {
  element: XmlElement;
  /** Positions as written; NaN when not decimal digits. */
  start: number;
  end: number;
  name?: string;
}

/** What a source's codings are checked against. */
export interface CodingRefs {
  tree: CodeTree;
  users: Users;
  memoOf: MemoOf;
}

export function readSelections(source: XmlElement): Selection[] {
  return kids(source, 'PlainTextSelection').map((s) => ({ element: s, start: position(s.attrs.startPosition), end: position(s.attrs.endPosition), name: s.attrs.name }));
}

/** Adds the codings of `selections` to `info`; returns false when one cannot be imported (an error is reported). */
export function readSelectionCodings(info: SourceInfo, selections: Selection[], tables: CleanTextOffsets, model: OffsetModel, refs: CodingRefs, ctx: QdeContext): boolean {
  const { file, diagnostics } = ctx;
  const { tree, users, memoOf } = refs;
  const { element, name } = info;
  let fine = true;
  for (const selection of selections) {
    const s = selection.element;
    const a = tables.toNormalized(model, selection.start);
    const b = tables.toNormalized(model, selection.end);
    const codings = kids(s, 'Coding');
    if (a === undefined || b === undefined || b < a) {
      if (codings.length === 0) continue;
      const bad = Number.isNaN(selection.start) ? 'startPosition' : Number.isNaN(selection.end) ? 'endPosition' : undefined;
      if (bad) diagnostics.push(diag(file, s.line, s.column, 'error', `Unexpected ${bad}="${s.attrs[bad] ?? ''}" of a selection in source "${name}", expected a whole number in decimal digits`, 'refi-offset-out-of-range'));
      else diagnostics.push(diag(file, s.line, s.column, 'error', `Selection [${s.attrs.startPosition}, ${s.attrs.endPosition}) of source "${name}" lies outside its text of ${tables.max[model]} ${model === 'utf16' ? 'UTF-16 units' : 'code points'}`, 'refi-offset-out-of-range'));
      fine = false;
      continue;
    }
    if (codings.length === 0) {
      if (kid(s, 'Description')) diagnostics.push(diag(file, s.line, s.column, 'info', `Selection "${s.attrs.name ?? ''}" has a comment but no coding; it is not imported`, 'refi-not-imported'));
      continue;
    }
    const selectionMemos = [kid(s, 'Description')?.text.trim(), ...memoOf(s)].filter((m): m is string => !!m);
    for (const coding of codings) {
      const ref = kid(coding, 'CodeRef');
      const target = ref?.attrs.targetGUID;
      const code = target ? tree.byGuid.get(normalizeGuid(target)) : undefined;
      if (!code) {
        const at = ref ?? coding;
        diagnostics.push(diag(file, at.line, at.column, 'error', target ? `CodeRef points at ${target}, which is no code in the codebook` : 'Coding has no CodeRef', 'refi-unknown-code'));
        fine = false;
        continue;
      }
      if (b === a) {
        diagnostics.push(diag(file, s.line, s.column, 'warning', `Selection of source "${name}" at ${selection.start} is empty; its coding "${code.code.label}" is not imported`, 'refi-empty-selection'));
        continue;
      }
      // fieldcode writes a coding's memo both as the selection's Description and as a Note; read it once.
      const memo = [...new Set([...selectionMemos, ...memoOf(coding)])].join('\n\n');
      info.codings.push({ start: a, end: b, code: code.code.id, coder: users.coderFor(coding.attrs.creatingUser, s.attrs.creatingUser, element.attrs.creatingUser), ...(memo ? { memo } : {}) });
    }
  }
  return fine;
}

/** Adds the codings of the source as a whole (`length` code points) to `info`; returns false when one names no code. */
export function readSourceCodings(info: SourceInfo, length: number, refs: CodingRefs, ctx: QdeContext): boolean {
  const { tree, users, memoOf } = refs;
  const { element } = info;
  let fine = true;
  for (const coding of kids(element, 'Coding')) {
    const target = kid(coding, 'CodeRef')?.attrs.targetGUID;
    const code = target ? tree.byGuid.get(normalizeGuid(target)) : undefined;
    if (!code) {
      ctx.diagnostics.push(diag(ctx.file, coding.line, coding.column, 'error', `CodeRef points at ${target ?? '(none)'}, which is no code in the codebook`, 'refi-unknown-code'));
      fine = false;
      continue;
    }
    if (length === 0) continue;
    const memo = memoOf(coding).join('\n\n');
    info.codings.push({ start: 0, end: length, code: code.code.id, coder: users.coderFor(coding.attrs.creatingUser, element.attrs.creatingUser), ...(memo ? { memo } : {}) });
  }
  return fine;
}

/** A selection offset: decimal digits only (`Number` would read `0x1` as 1 and `` as 0). */
function position(value: string | undefined): number {
  return value !== undefined && /^\s*\d+\s*$/.test(value) ? Number(value) : NaN;
}
