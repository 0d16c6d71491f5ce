// The memo trail: every memo of the project in date order (then path), the
// record of how the analysis developed. `codes:` keeps memos on those codes
// (or their descendants); `where:` keeps memos on a cell, note or segment
// within those values.
import type { Corpus, Memo, MemoTarget, Note } from '../../types.js';
import { codeFamily, noteMatches } from '../../core/select.js';
import { byDate } from '../../memos/select.js';
import type { MemoTrail } from '../../reporters/memos.js';
import type { Checked } from '../../model/checked.js';
import { SpecReader } from '../parse.js';
import type { MemoTrailSpec, RawSpec, SpecContext } from '../spec.js';

export function parseSpec(raw: RawSpec, context: SpecContext): Checked<MemoTrailSpec> {
  const reader = new SpecReader(raw, context);
  return reader.done(reader.base('memo-trail'));
}

export function analyse(corpus: Corpus, spec: MemoTrailSpec): MemoTrail {
  const codes = spec.filters.codes.length > 0 ? new Set(spec.filters.codes.flatMap((id) => [...codeFamily(corpus.codebook, id)])) : undefined;
  const where = Object.entries(spec.filters.where).filter(([name]) => name !== 'coder');
  const notes = new Map(corpus.notes.map((note) => [note.path, note]));
  const segmentNote = new Map<string, Note>();
  for (const note of corpus.notes) for (const segment of note.segments) segmentNote.set(segment.id, note);
  const within = (target: MemoTarget): boolean => {
    if (target.kind === 'cell') return where.every(([name, values]) => target.values[name] !== undefined && values.includes(target.values[name]));
    const note = target.kind === 'note' && target.note ? notes.get(target.note) : target.kind === 'segment' && target.segment ? segmentNote.get(target.segment) : undefined;
    return note !== undefined && noteMatches(note, Object.fromEntries(where));
  };
  const keep = (memo: Memo): boolean =>
    (!codes || memo.about.some((t) => t.kind === 'code' && codes.has(t.id))) && (where.length === 0 || memo.about.some(within));
  return { title: spec.title ?? 'Memo trail', memos: byDate((corpus.memos ?? []).filter(keep)) };
}
