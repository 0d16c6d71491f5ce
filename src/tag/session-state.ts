// The interactive tagger as a state machine: where the researcher is (which
// stop, which prompt) and what each answer leads to. `step` is pure, so every
// path through a session is tested without a terminal; the driver
// (cli/tag-session.ts) shows the prompt a state asks for, performs the
// writes a state names, and feeds back what happened as the next event.
import type { TextRange } from '../core/write-inline.js';

/** A segment's codes as confirmed: the tags to add and remove, the suggestions turned down. */
export interface CodeEdit {
  add: string[];
  remove: string[];
  reject: string[];
}

export type Phase =
  /** The code list for the segment at `position`. */
  | { name: 'pick-codes' }
  /** Tab: code a span, memo, undo, quit, back. */
  | { name: 'more' }
  /** Which words of the segment to code as a span. */
  | { name: 'pick-words' }
  /** The codes for those words. */
  | { name: 'pick-span-codes'; range: TextRange }
  /** Effects, for the driver to perform: */
  | { name: 'save-codes'; edit: CodeEdit }
  | { name: 'save-span'; range: TextRange; codes: string[] }
  | { name: 'write-memo' }
  | { name: 'undo' }
  /** Final: every stop visited, the researcher quit, or Ctrl-C. */
  | { name: 'done' }
  | { name: 'quit' }
  | { name: 'cancelled' };

export interface TagState {
  /** The stop being shown, 0-based. */
  position: number;
  /** How many stops the session has. */
  total: number;
  /** Said once above the next code list (a reload, an undo, the first segment…), then cleared. */
  notice: string;
  phase: Phase;
}

export type TagEvent =
  // Answers to the code list.
  | { type: 'skip' }
  | { type: 'back' }
  | { type: 'save'; edit: CodeEdit }
  | { type: 'more' }
  /** The stop's segment no longer exists (the note changed on disk): go on to the next. */
  | { type: 'gone' }
  // Answers to the More menu.
  | { type: 'span' }
  | { type: 'memo' }
  | { type: 'undo' }
  | { type: 'quit' }
  | { type: 'cancel' }
  // Answers to the span prompts; none means the researcher cancelled.
  | { type: 'words'; range?: TextRange }
  | { type: 'span-codes'; codes: string[] }
  // What an effect did. `position`: where an undo took the researcher back to.
  | { type: 'saved'; notice?: string }
  | { type: 'not-saved'; notice?: string }
  | { type: 'noted'; notice: string }
  | { type: 'undone'; notice?: string; position?: number }
  /** Ctrl-C at any prompt. */
  | { type: 'interrupt' };

export function initialState(total: number, position = 0): TagState {
  const at = Math.max(0, Math.min(position, total));
  return { position: at, total, notice: '', phase: at >= total ? { name: 'done' } : { name: 'pick-codes' } };
}

export function isFinal(state: TagState): boolean {
  return state.phase.name === 'done' || state.phase.name === 'quit' || state.phase.name === 'cancelled';
}

const isEmpty = (edit: CodeEdit): boolean => edit.add.length === 0 && edit.remove.length === 0 && edit.reject.length === 0;

/** The state an event leads to. An event a state does not expect leaves it as it is. */
export function step(state: TagState, event: TagEvent): TagState {
  if (isFinal(state)) return state;
  if (event.type === 'interrupt') return { ...state, phase: { name: 'cancelled' } };
  const codes = (notice = '', position = state.position): TagState => ({ ...state, position, notice, phase: { name: 'pick-codes' } });
  const next = (notice = ''): TagState => (state.position + 1 >= state.total ? { ...state, position: state.total, notice, phase: { name: 'done' } } : codes(notice, state.position + 1));
  const to = (phase: Phase): TagState => ({ ...state, notice: '', phase });
  // Whatever was asked about it, a segment that is gone is passed by.
  if (event.type === 'gone') return next();
  switch (state.phase.name) {
    case 'pick-codes':
      if (event.type === 'skip') return next();
      if (event.type === 'back') return state.position === 0 ? codes('This is the first segment.') : codes('', state.position - 1);
      if (event.type === 'save') return isEmpty(event.edit) ? next() : to({ name: 'save-codes', edit: event.edit });
      if (event.type === 'more') return to({ name: 'more' });
      return state;
    case 'more':
      if (event.type === 'span') return to({ name: 'pick-words' });
      if (event.type === 'memo') return to({ name: 'write-memo' });
      if (event.type === 'undo') return to({ name: 'undo' });
      if (event.type === 'quit') return to({ name: 'quit' });
      if (event.type === 'cancel') return codes();
      return state;
    case 'pick-words':
      if (event.type === 'words') return event.range ? to({ name: 'pick-span-codes', range: event.range }) : codes();
      return state;
    case 'pick-span-codes':
      if (event.type === 'span-codes') return event.codes.length > 0 ? to({ name: 'save-span', range: state.phase.range, codes: event.codes }) : codes();
      return state;
    case 'save-codes':
      // Only rejections to record and nothing to write: that is a save too.
      if (event.type === 'saved') return next(event.notice);
      // A refused write stays on the segment, now showing the note as it is on disk.
      if (event.type === 'not-saved') return codes(event.notice);
      return state;
    case 'save-span':
      // A span leaves the segment open: more spans or codes may follow.
      if (event.type === 'saved' || event.type === 'not-saved') return codes(event.notice);
      return state;
    case 'write-memo':
      if (event.type === 'noted') return codes(event.notice);
      return state;
    case 'undo':
      if (event.type === 'undone') return codes(event.notice, event.position ?? state.position);
      return state;
    default:
      return state;
  }
}
