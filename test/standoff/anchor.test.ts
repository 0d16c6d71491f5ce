import { describe, expect, it } from 'vitest';
import { anchorCodings, locateCodings, reanchorDocument } from '../../src/standoff/anchor.js';
import { parseStandoff, serializeStandoff, standoffCodingFromSpan, type StandoffDocument } from '../../src/standoff/format.js';
import { readNote } from '../../src/core/note.js';
import type { Note } from '../../src/types.js';

function note(path: string, text: string): Note {
  return readNote(path, text, false, { coder: 'me' }).note;
}

/** A document with one coding per [code, quote] located by its first occurrence in `text`. */
function docFor(text: string, spans: Array<[string, string, string?]>): StandoffDocument {
  const cps = [...text];
  const codings = spans.map(([code, quote, coder]) => {
    const unit = text.indexOf(quote);
    const start = [...text.slice(0, unit)].length;
    const c = standoffCodingFromSpan(text, start, start + [...quote].length, { code, coder });
    if (!c) throw new Error(`bad span ${quote} in ${cps.length}`);
    return c;
  });
  return { version: 'standoff/1', note: 'a.md', coder: 'rater-1', codings };
}

const BASE = '---\nid: a\n---\nAnna: We always help each other at harvest.\n\nBen: Reciprocity is expected here, not asked for.\n\nAnna: Nobody keeps score, we help each other.\n';

describe('anchorCodings', () => {
  it('keeps codings whose quote is still at its offsets', () => {
    const n = note('a.md', BASE);
    const doc = docFor(BASE, [['reciprocity', 'Reciprocity is expected'], ['help', 'help each other at harvest', 'rater-2']]);
    const r = anchorCodings(doc, n, 'a.codings.yaml');
    expect(r.moved).toBe(0);
    expect(r.diagnostics).toEqual([]);
    expect(r.codings).toHaveLength(2);
    const [first, second] = r.codings;
    expect(first).toMatchObject({ code: 'reciprocity', coder: 'rater-1', origin: 'standoff', note: 'a.md', text: 'Reciprocity is expected' });
    expect(BASE.slice(first.start, first.end)).toBe('Reciprocity is expected');
    expect(first.range.start).toEqual({ line: 6, column: 6, offset: first.start });
    expect(first.segments).toEqual([n.segments[1].id]);
    expect(second.coder).toBe('rater-2');
  });

  it('lists every overlapped segment; its text is what the segments show (no speaker label), whitespace collapsed', () => {
    const n = note('a.md', BASE);
    const doc = docFor(BASE, [['span', 'harvest.\n\nBen: Reciprocity']]);
    const [c] = anchorCodings(doc, n, 'a.codings.yaml').codings;
    expect(c.segments).toEqual([n.segments[0].id, n.segments[1].id]);
    expect(c.text).toBe('harvest. Reciprocity');
  });

  it('re-anchors moved text and reports it as info', () => {
    const doc = docFor(BASE, [['reciprocity', 'Reciprocity is expected']]);
    const edited = BASE.replace('---\n\n', '---\n\n').replace('Anna: We always', 'Anna: Honestly, we always really');
    const n = note('a.md', edited);
    const r = anchorCodings(doc, n, 'x/a.codings.yaml');
    expect(r.moved).toBe(1);
    expect(edited.slice(r.codings[0].start, r.codings[0].end)).toBe('Reciprocity is expected');
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ severity: 'info', ruleId: 'reanchored-coding', file: 'x/a.codings.yaml' });
  });

  it('chooses the occurrence whose context matches, not just the nearest', () => {
    // "help each other" occurs twice; the coding is on the second one.
    const text = BASE;
    const second = text.lastIndexOf('help each other');
    const start = [...text.slice(0, second)].length;
    const coding = standoffCodingFromSpan(text, start, start + 15, { code: 'help' })!;
    const doc: StandoffDocument = { version: 'standoff/1', note: 'a.md', codings: [coding] };
    // Insert text so that the old offset now lies right on the FIRST occurrence.
    const firstAt = text.indexOf('help each other');
    const shift = second - firstAt;
    const edited = text.replace('---\nAnna:', `---\n${'x'.repeat(shift)}\n\nAnna:`);
    const n = note('a.md', edited);
    const r = anchorCodings(doc, n, 'a.codings.yaml');
    expect(r.moved).toBe(1);
    expect(r.codings[0].start).toBe(edited.lastIndexOf('help each other'));
    // Without context, the nearest occurrence wins.
    const bare: StandoffDocument = { ...doc, codings: [{ ...coding, prefix: undefined, suffix: undefined }] };
    const [anchor] = locateCodings(bare, edited);
    expect(anchor.start).toBe(edited.indexOf('help each other'));
  });

  it('moves a coding whose old offsets now fall on an identical passage elsewhere', () => {
    const text = '---\nid: r\n---\nQ: Do you agree?\n\nA: Yes.\n\nQ: And the group?\n\nB: Yes.\n';
    const second = text.lastIndexOf('Yes.');
    const first = text.indexOf('Yes.');
    const start = [...text.slice(0, second)].length;
    const coding = standoffCodingFromSpan(text, start, start + 4, { code: 'agree' })!;
    const doc: StandoffDocument = { version: 'standoff/1', note: 'r.md', codings: [coding] };
    // Insert text so that the FIRST "Yes." now sits exactly at the old offsets.
    const shift = second - first;
    const edited = `${text.slice(0, 14)}${'x'.repeat(shift - 2)}\n\n${text.slice(14)}`;
    expect(edited.slice(second, second + 4)).toBe('Yes.');
    expect(edited.slice(second - 3, second)).toBe('A: ');
    const r = anchorCodings(doc, note('r.md', edited), 'r.codings.yaml');
    expect(r.codings[0].start).toBe(edited.lastIndexOf('Yes.'));
    expect(r.moved).toBe(1);
  });

  it('keeps a coding in place when only its context was edited', () => {
    const doc = docFor(BASE, [['reciprocity', 'Reciprocity is expected']]);
    const edited = BASE.replace('Ben: Reciprocity', 'Ben said: Reciprocity').replace('expected here', 'expected, surely');
    const shift = 'Ben said: '.length - 'Ben: '.length;
    const r = anchorCodings(doc, note('a.md', edited), 'a.codings.yaml');
    expect(r.moved).toBe(1);
    expect(r.codings[0].start).toBe(BASE.indexOf('Reciprocity') + shift);
    const inPlace = BASE.replace('expected here', 'expected, surely');
    const kept = anchorCodings(doc, note('a.md', inPlace), 'a.codings.yaml');
    expect(kept.moved).toBe(0);
    expect(kept.diagnostics).toEqual([]);
  });

  it('reports an orphaned coding as an error at its standoff entry', () => {
    const doc = docFor(BASE, [['reciprocity', 'Reciprocity is expected'], ['help', 'Nobody keeps score']]);
    const yaml = serializeStandoff(doc);
    const parsed = parseStandoff('notes/a.codings.yaml', yaml).document!;
    const edited = BASE.replace('Nobody keeps score', 'No one keeps count');
    const r = anchorCodings(parsed, note('notes/a.md', edited), 'notes/a.codings.yaml');
    expect(r.codings.map((c) => c.code)).toEqual(['reciprocity']);
    const orphan = r.diagnostics.find((d) => d.ruleId === 'orphaned-coding')!;
    expect(orphan.severity).toBe('error');
    const entryLine = yaml.split('\n').findIndex((l) => l.includes('code: help')) + 1;
    expect(orphan).toMatchObject({ file: 'notes/a.codings.yaml', line: entryLine, column: 5 });
    expect(orphan.message).toContain('Nobody keeps score');
  });

  it('converts code point offsets around emoji to UTF-16', () => {
    const text = '---\nid: e\n---\n😀😀 Party 🎉 time: we share 🍞 bread.\n';
    const doc = docFor(text, [['sharing', 'we share 🍞 bread']]);
    expect(doc.codings[0].start).toBe(14 + 2 + 1 + 6 + 2 + 6);
    const r = anchorCodings(doc, note('e.md', text), 'e.codings.yaml');
    expect(r.moved).toBe(0);
    const [c] = r.codings;
    expect(text.slice(c.start, c.end)).toBe('we share 🍞 bread');
    expect(c.start).toBe(doc.codings[0].start + 3); // three emoji before it, one extra unit each
    expect(c.end - c.start).toBe(17);
  });

  it('treats offsets that split or exceed the text as moved, not crashed', () => {
    const text = '---\nid: e\n---\nabc 😀 def\n';
    const doc: StandoffDocument = {
      version: 'standoff/1',
      note: 'e.md',
      codings: [{ code: 'x', start: 900, end: 903, quote: 'def', prefix: '😀 ', suffix: '\n' }],
    };
    const r = anchorCodings(doc, note('e.md', text), 'e.codings.yaml');
    expect(r.moved).toBe(1);
    expect(text.slice(r.codings[0].start, r.codings[0].end)).toBe('def');
  });

  it('re-anchors across a change of line endings (LF → CRLF)', () => {
    const lf = '---\nid: c\n---\nFirst line\nsecond line of the same turn.\n\nOther.\n';
    const doc = docFor(lf, [['multi', 'line\nsecond line'], ['other', 'Other.']]);
    const crlf = lf.replace(/\n/g, '\r\n');
    const n = note('c.md', crlf);
    const r = anchorCodings(doc, n, 'c.codings.yaml');
    expect(r.diagnostics.filter((d) => d.ruleId === 'orphaned-coding')).toEqual([]);
    expect(r.moved).toBe(2);
    const multi = r.codings.find((c) => c.code === 'multi')!;
    expect(crlf.slice(multi.start, multi.end)).toBe('line\r\nsecond line');
    expect(multi.text).toBe('line second line');
    expect(r.diagnostics.find((d) => d.message.includes('multi'))!.message).toContain('whitespace differs');
    const other = r.codings.find((c) => c.code === 'other')!;
    expect(crlf.slice(other.start, other.end)).toBe('Other.');
  });

  it('uses the default coder when neither file nor entry names one', () => {
    const doc = { ...docFor(BASE, [['help', 'help each other at harvest']]), coder: undefined };
    expect(anchorCodings(doc, note('a.md', BASE), 'a.codings.yaml', { defaultCoder: 'proj' }).codings[0].coder).toBe('proj');
  });
});

describe('reanchorDocument', () => {
  it('updates moved codings and leaves kept and orphaned ones', () => {
    const doc = docFor(BASE, [['reciprocity', 'Reciprocity is expected'], ['score', 'Nobody keeps score'], ['ben', 'Ben:']]);
    const edited = BASE.replace('Anna: We always', 'Anna: Honestly 😀, we always').replace('Nobody keeps score', 'No one keeps count');
    const updated = reanchorDocument(doc, { text: edited });
    const byCode = new Map(updated.codings.map((c) => [c.code, c]));
    const rec = byCode.get('reciprocity')!;
    expect([...edited].slice(rec.start, rec.end).join('')).toBe('Reciprocity is expected');
    expect(rec.prefix).toBe([...edited].slice(Math.max(0, rec.start - 32), rec.start).join(''));
    expect(byCode.get('score')).toEqual(doc.codings[1]);
    // After fixing, anchoring finds everything in place.
    const again = anchorCodings(updated, note('a.md', edited), 'a.codings.yaml');
    expect(again.moved).toBe(0);
    expect(again.diagnostics.map((d) => d.ruleId)).toEqual(['orphaned-coding']);
    // The original is not mutated.
    expect(doc.codings[0].start).not.toBe(rec.start);
  });
});
