// The packed form the cache and the workers carry a parse in: the same note
// back, key order included (reports serialise these objects), and a damaged
// value read as a miss, never a wrong note.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { readNote } from '../../src/core/note.js';
import { deserializeParse, serializeParse } from '../../src/pipeline/cache/entry.js';
import { pack, unpack } from '../../src/pipeline/cache/pack.js';
import { shareStrings } from '../../src/pipeline/share-strings.js';
import { EXAMPLE } from '../helpers/cli.js';

const path = 'notes/samen-sterk/II-focus-group.md';
const text = readFileSync(join(EXAMPLE, path), 'utf8');
const parsed = () => readNote(path, text, false, { coder: 'default' });

describe('a packed parse', () => {
  it('comes back as the same note, with keys in the same order', () => {
    const original = parsed();
    const back = deserializeParse(serializeParse(original), text, path)!;
    expect(back).toBeDefined();
    expect(back.note.segments.length).toBeGreaterThan(3);
    expect(back.note.codings.length).toBeGreaterThan(3);
    expect(back.note).toEqual(original.note);
    expect(JSON.stringify(back.note.segments)).toBe(JSON.stringify(original.note.segments));
    expect(JSON.stringify(back.note.codings)).toBe(JSON.stringify(original.note.codings));
    expect(back.diagnostics).toEqual(original.diagnostics);
  });

  it('keeps each segment text once: a coding of a whole segment or of words in it carries no second copy', () => {
    const original = parsed();
    const packed = pack(original);
    const segmentText = original.note.segments.reduce((sum, s) => sum + s.text.length, 0);
    // Every coding's words lie in its first segment, so the packed texts are the segment texts alone.
    expect(packed.texts.length).toBe(segmentText);
    expect(packed.note.segments.every((s) => s.text === '' && (s.range as unknown) === 0)).toBe(true);
  });

  it('never holds the note’s text: the cache entry and a worker’s answer carry the parse alone', () => {
    const payload = serializeParse(parsed()).toString('latin1');
    const frontMatter = text.slice(0, text.indexOf('---', 3) + 3);
    expect(frontMatter.length).toBeGreaterThan(40);
    // The front matter is in the note's text only (no segment holds it), so finding it would mean the text is stored.
    expect(payload).not.toContain(frontMatter.slice(4, 40));
    // The note's text comes back from the file itself, the same string.
    expect(deserializeParse(serializeParse(parsed()), text, path)!.note.text).toBe(text);
  });

  it('changes no value when it shares the repeated strings of a note read back', () => {
    // One copy each is a matter of memory (the bench's "kept per MB"); here: nothing else changes.
    const original = parsed();
    const back = deserializeParse(serializeParse(original), text, path)!;
    shareStrings(back.note);
    expect(back.note).toEqual(original.note);
    expect(JSON.stringify(back.note.codings)).toBe(JSON.stringify(original.note.codings));
  });

  it('reads a damaged value as nothing rather than as a wrong note', () => {
    const good = pack(parsed());
    const damaged = [
      { ...good, spans: good.spans.subarray(2) },
      { ...good, ranges: new Int32Array(3) },
      { ...good, texts: good.texts.slice(0, 10) },
      { ...good, spans: Int32Array.from(good.spans, (v, i) => (i === 1 ? -5 : v)) },
      { ...good, note: { ...good.note, segments: 'x' } },
      null,
      42,
    ];
    for (const value of damaged) expect(unpack(deserialize(serialize(value)))).toBeUndefined();
    expect(deserializeParse(serialize({ note: parsed().note, diagnostics: [] }), text, path)).toBeUndefined();
  });
});
