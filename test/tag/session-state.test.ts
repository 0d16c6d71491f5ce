// The interactive tagger's states and transitions, without a terminal: each
// answer a researcher can give, and what each write reports back.
import { describe, expect, test } from 'vitest';
import { initialState, isFinal, step, type CodeEdit, type TagEvent, type TagState } from '../../src/tag/session-state.js';

const edit = (add: string[] = [], remove: string[] = [], reject: string[] = []): CodeEdit => ({ add, remove, reject });
const run = (state: TagState, ...events: TagEvent[]): TagState => events.reduce(step, state);
const at = (state: TagState): [string, number, string] => [state.phase.name, state.position, state.notice];

describe('a session of three stops', () => {
  const start = initialState(3);

  test('starts on the first stop’s code list, or at the stop asked for', () => {
    expect(at(start)).toEqual(['pick-codes', 0, '']);
    expect(at(initialState(3, 2))).toEqual(['pick-codes', 2, '']);
    expect(at(initialState(0))).toEqual(['done', 0, '']);
    expect(isFinal(initialState(0))).toBe(true);
  });

  test('→ skips, ← goes back, and ← on the first stop says so', () => {
    expect(at(run(start, { type: 'skip' }, { type: 'skip' }))).toEqual(['pick-codes', 2, '']);
    expect(at(run(start, { type: 'skip' }, { type: 'back' }))).toEqual(['pick-codes', 0, '']);
    expect(at(run(start, { type: 'back' }))).toEqual(['pick-codes', 0, 'This is the first segment.']);
    // The notice is said once: the next answer clears it.
    expect(at(run(start, { type: 'back' }, { type: 'more' }, { type: 'cancel' }))).toEqual(['pick-codes', 0, '']);
  });

  test('skipping the last stop ends the session as done', () => {
    const done = run(start, { type: 'skip' }, { type: 'skip' }, { type: 'skip' });
    expect(at(done)).toEqual(['done', 3, '']);
    expect(isFinal(done)).toBe(true);
    // A final state takes no more events.
    expect(step(done, { type: 'back' })).toBe(done);
  });

  test('⏎ with codes to write asks the driver to save them; once saved the next stop shows', () => {
    const saving = step(start, { type: 'save', edit: edit(['cost'], ['feedback']) });
    expect(saving.phase).toEqual({ name: 'save-codes', edit: edit(['cost'], ['feedback']) });
    expect(at(step(saving, { type: 'saved' }))).toEqual(['pick-codes', 1, '']);
  });

  test('a refused write stays on the stop, with the notice of the reload', () => {
    const saving = step(start, { type: 'save', edit: edit(['cost']) });
    expect(at(step(saving, { type: 'not-saved', notice: 'Reloaded a.md from disk' }))).toEqual(['pick-codes', 0, 'Reloaded a.md from disk']);
  });

  test('⏎ with nothing changed goes on at once; a rejected suggestion alone is still saved (recorded)', () => {
    expect(at(step(start, { type: 'save', edit: edit() }))).toEqual(['pick-codes', 1, '']);
    expect(step(start, { type: 'save', edit: edit([], [], ['cost']) }).phase.name).toBe('save-codes');
  });

  test('tab → span: words, then codes, then the save, back on the same stop', () => {
    const range = { start: 0, end: 9 };
    const words = run(start, { type: 'skip' }, { type: 'more' }, { type: 'span' });
    expect(at(words)).toEqual(['pick-words', 1, '']);
    const picking = step(words, { type: 'words', range });
    expect(picking.phase).toEqual({ name: 'pick-span-codes', range });
    const saving = step(picking, { type: 'span-codes', codes: ['cost', 'support'] });
    expect(saving.phase).toEqual({ name: 'save-span', range, codes: ['cost', 'support'] });
    expect(at(step(saving, { type: 'saved' }))).toEqual(['pick-codes', 1, '']);
    expect(at(step(saving, { type: 'not-saved' }))).toEqual(['pick-codes', 1, '']);
  });

  test('cancelling the words or picking no code goes back to the code list', () => {
    const words = run(start, { type: 'more' }, { type: 'span' });
    expect(at(step(words, { type: 'words' }))).toEqual(['pick-codes', 0, '']);
    expect(at(run(words, { type: 'words', range: { start: 0, end: 3 } }, { type: 'span-codes', codes: [] }))).toEqual(['pick-codes', 0, '']);
  });

  test('tab → memo: written, and its notice shows on the same stop', () => {
    const memo = run(start, { type: 'more' }, { type: 'memo' });
    expect(memo.phase.name).toBe('write-memo');
    expect(at(step(memo, { type: 'noted', notice: 'Memo written: memos/x.md' }))).toEqual(['pick-codes', 0, 'Memo written: memos/x.md']);
  });

  test('tab → undo goes back to the stop of the undone change', () => {
    const undo = run(start, { type: 'skip' }, { type: 'skip' }, { type: 'more' }, { type: 'undo' });
    expect(undo.phase.name).toBe('undo');
    expect(at(step(undo, { type: 'undone', notice: 'Undone: +#cost in a.md', position: 0 }))).toEqual(['pick-codes', 0, 'Undone: +#cost in a.md']);
    // Nothing undone (or not undoable): the same stop, with why.
    expect(at(step(undo, { type: 'undone', notice: 'Cannot undo' }))).toEqual(['pick-codes', 2, 'Cannot undo']);
  });

  test('tab → quit stops before the end; Ctrl-C anywhere cancels', () => {
    const quit = run(start, { type: 'skip' }, { type: 'more' }, { type: 'quit' });
    expect(at(quit)).toEqual(['quit', 1, '']);
    expect(isFinal(quit)).toBe(true);
    for (const state of [start, step(start, { type: 'more' }), run(start, { type: 'more' }, { type: 'span' })]) {
      expect(step(state, { type: 'interrupt' }).phase.name).toBe('cancelled');
    }
  });

  test('a stop whose segment is gone is passed by, whatever was asked', () => {
    expect(at(step(start, { type: 'gone' }))).toEqual(['pick-codes', 1, '']);
    expect(at(run(start, { type: 'skip' }, { type: 'skip' }, { type: 'gone' }))).toEqual(['done', 3, '']);
  });

  test('an answer a state does not expect leaves it as it is', () => {
    expect(step(start, { type: 'saved' })).toBe(start);
    const more = step(start, { type: 'more' });
    expect(step(more, { type: 'skip' })).toBe(more);
  });
});
