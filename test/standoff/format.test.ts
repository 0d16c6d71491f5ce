import { describe, expect, it } from 'vitest';
import {
  parseStandoff,
  serializeStandoff,
  standoffCodingFromSpan,
  standoffPathFor,
  type StandoffDocument,
} from '../../src/standoff/format.js';
import { OffsetIndex, codePointLength } from '../../src/model/offsets.js';

function strip(doc: StandoffDocument): StandoffDocument {
  return { ...doc, codings: doc.codings.map(({ position: _p, ...rest }) => rest) };
}

describe('serializeStandoff / parseStandoff', () => {
  const doc: StandoffDocument = {
    version: 'standoff/1',
    note: 'interview-anna.md',
    coder: 'rater-1',
    codings: [
      { code: 'reciprocity', coder: 'rater-2', start: 120, end: 168, quote: 'we help: each other', prefix: ' ', suffix: '\n', memo: 'note: "quoted"' },
      { code: 'care', start: 10, end: 20, quote: '  leading and trailing  ', prefix: 'tab\there', suffix: 'crlf\r\nnext' },
      { code: 'care', start: 10, end: 15, quote: 'emoji 😀 and é', prefix: '', suffix: '# not a comment' },
      { code: 'alpha', coder: 'b', start: 10, end: 15, quote: 'yes', memo: 'multi\nline\n\nmemo' },
      { code: 'alpha', coder: 'a', start: 10, end: 15, quote: 'null' },
      { code: 'alpha', coder: 'a', start: 10, end: 15, quote: '123' },
    ],
  };

  it('round-trips every string exactly', () => {
    const text = serializeStandoff(doc);
    const parsed = parseStandoff('x.codings.yaml', text);
    expect(parsed.diagnostics).toEqual([]);
    const back = strip(parsed.document!);
    const sorted = serializeStandoff(back);
    expect(sorted).toBe(text);
    const key = (c: { code: string; coder?: string; start: number; end: number; quote: string }) =>
      `${c.start}/${c.end}/${c.code}/${c.coder ?? ''}/${c.quote}`;
    expect(back.codings.map(key).sort()).toEqual(doc.codings.map(key).sort());
    for (const c of doc.codings) {
      const found = back.codings.find((b) => key(b) === key(c));
      expect(found).toEqual(c);
    }
  });

  it('writes multi-line strings on one line with escapes, never as block scalars', () => {
    const text = serializeStandoff(doc);
    expect(text).toContain('    suffix: "crlf\\r\\nnext"\n');
    expect(text).toContain('    memo: "multi\\nline\\n\\nmemo"\n');
    expect(text).not.toMatch(/: [|>]/);
    expect(text.split('\n').filter((l) => l !== '').every((l) => /^(\w|  - |    )/.test(l))).toBe(true);
  });

  it('is deterministic and sorts by start, end, code, coder', () => {
    const text = serializeStandoff(doc);
    expect(serializeStandoff({ ...doc, codings: [...doc.codings].reverse() })).toBe(text);
    const order = parseStandoff('x', text).document!.codings.map((c) => `${c.start}-${c.end}-${c.code}-${c.coder ?? 'rater-1'}`);
    expect(order).toEqual([
      '10-15-alpha-a',
      '10-15-alpha-a',
      '10-15-alpha-b',
      '10-15-care-rater-1',
      '10-20-care-rater-1',
      '120-168-reciprocity-rater-2',
    ]);
    expect(text.startsWith('fieldcode: standoff/1\nnote: interview-anna.md\ncoder: rater-1\ncodings:\n  - code: alpha\n')).toBe(true);
  });

  it('records the position of each entry', () => {
    const text = 'fieldcode: standoff/1\nnote: a.md\ncodings:\n  - code: x\n    start: 0\n    end: 1\n    quote: a\n  - code: y\n    start: 1\n    end: 2\n    quote: b\n';
    const parsed = parseStandoff('a.codings.yaml', text);
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.document!.codings.map((c) => c.position)).toEqual([
      { line: 4, column: 5 },
      { line: 8, column: 5 },
    ]);
  });
});

describe('parseStandoff diagnostics', () => {
  const parse = (text: string) => parseStandoff('notes/a.codings.yaml', text);

  it('rejects an unknown version at the version value', () => {
    const r = parse('fieldcode: standoff/2\nnote: a.md\ncodings: []\n');
    expect(r.document).toBeUndefined();
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ file: 'notes/a.codings.yaml', line: 1, column: 12, severity: 'error', ruleId: 'standoff-version' });
  });

  it('rejects a missing version', () => {
    const r = parse('note: a.md\ncodings: []\n');
    expect(r.document).toBeUndefined();
    expect(r.diagnostics[0]).toMatchObject({ line: 1, column: 1, ruleId: 'standoff-version' });
  });

  it('reports YAML syntax errors with a position', () => {
    const r = parse('fieldcode: standoff/1\nnote: [a.md\ncodings: []\n');
    expect(r.document).toBeUndefined();
    expect(r.diagnostics.length).toBeGreaterThan(0);
    expect(r.diagnostics[0].ruleId).toBe('standoff-syntax');
    expect(r.diagnostics[0].line).toBeGreaterThan(1);
  });

  it('reads through the positioned YAML reader: one syntax error, the first, not its echoes', () => {
    // The yaml package finds three errors here; the later two follow from the first.
    const r = parse('a: 1\n  b: 2\nc: [\n');
    expect(r.document).toBeUndefined();
    expect(r.diagnostics).toEqual([{ file: 'notes/a.codings.yaml', line: 1, column: 4, severity: 'error', message: 'Invalid YAML: Nested mappings are not allowed in compact mappings', ruleId: 'standoff-syntax' }]);
  });

  it('reports a missing note', () => {
    const r = parse('fieldcode: standoff/1\ncodings: []\n');
    expect(r.document).toBeUndefined();
    expect(r.diagnostics[0]).toMatchObject({ ruleId: 'standoff-missing-field', severity: 'error' });
  });

  it('reports missing fields and bad offsets per entry, keeping good entries', () => {
    const text = [
      'fieldcode: standoff/1',
      'note: a.md',
      'codings:',
      '  - code: ok',
      '    start: 0',
      '    end: 2',
      '    quote: ab',
      '  - start: 0', // line 8: no code
      '    end: 2',
      '    quote: ab',
      '  - code: neg',
      '    start: -1', // line 12
      '    end: 2',
      '    quote: ab',
      '  - code: backwards',
      '    start: 5',
      '    end: 3', // line 17
      '    quote: ab',
      '  - code: frac',
      '    start: 1.5', // line 20
      '    end: 3',
      '    quote: ab',
      '  - code: noquote',
      '    start: 1',
      '    end: 3',
      '    colour: red', // line 26, unknown
      '',
    ].join('\n');
    const r = parse(text);
    expect(r.document!.codings.map((c) => c.code)).toEqual(['ok']);
    const summary = r.diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${d.ruleId}`);
    expect(summary).toEqual([
      '8:5 error standoff-missing-field',
      '12:12 error standoff-bad-offsets',
      '17:10 error standoff-bad-offsets',
      '20:12 error standoff-bad-offsets',
      '26:5 warning standoff-unknown-field',
      '23:5 error standoff-missing-field',
    ]);
  });

  it('rejects a non-mapping document and a non-list codings', () => {
    expect(parse('- a\n- b\n').diagnostics[0].ruleId).toBe('standoff-syntax');
    const r = parse('fieldcode: standoff/1\nnote: a.md\ncodings: 3\n');
    expect(r.diagnostics[0]).toMatchObject({ line: 3, column: 10, ruleId: 'standoff-invalid-field' });
  });

  it('never throws on garbage', () => {
    for (const text of ['', '\u0000', ':::', 'fieldcode: standoff/1\nnote: a\ncodings:\n  - 3\n  - [1]\n', '{{{']) {
      expect(() => parse(text)).not.toThrow();
    }
  });
});

describe('docs/standoff.schema.json', () => {
  it('declares exactly the fields the parser reads, with the same required ones', async () => {
    const { readFileSync } = await import('node:fs');
    const schema = JSON.parse(readFileSync(new URL('../../docs/standoff.schema.json', import.meta.url), 'utf8'));
    expect(Object.keys(schema.properties)).toEqual(['fieldcode', 'note', 'coder', 'codings']);
    expect(schema.required).toEqual(['fieldcode', 'note', 'codings']);
    expect(schema.properties.fieldcode.const).toBe('standoff/1');
    const coding = schema.$defs.coding;
    expect(Object.keys(coding.properties)).toEqual(['code', 'coder', 'start', 'end', 'quote', 'prefix', 'suffix', 'memo', 'why']);
    expect(coding.required).toEqual(['code', 'start', 'end', 'quote']);
    // Every key of a serialized document is one the schema knows.
    const text = serializeStandoff({ version: 'standoff/1', note: 'a.md', coder: 'c', codings: [{ code: 'x', coder: 'd', start: 0, end: 1, quote: 'a', prefix: '', suffix: 'b', memo: 'm', why: 'w' }] });
    const keys = [...text.matchAll(/^\s*(?:- )?(\w+):/gm)].map((m) => m[1]);
    for (const key of keys) expect([...Object.keys(schema.properties), ...Object.keys(coding.properties)]).toContain(key);
  });
});

describe('code points', () => {
  it('converts offsets around emoji', () => {
    const text = 'a😀b😀😀c';
    const index = new OffsetIndex(text);
    expect(index.codePoints).toBe(codePointLength(text));
    expect(index.codePoints).toBe(6);
    expect([0, 1, 2, 3, 4, 5, 6].map((cp) => index.toUtf16(cp))).toEqual([0, 1, 3, 4, 6, 8, 9]);
    expect([0, 1, 3, 4, 6, 8, 9].map((u) => index.toCodePoint(u))).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(index.toCodePoint(2)).toBe(1);
    expect(index.splitsPair(2)).toBe(true);
    expect(index.toUtf16(7)).toBeUndefined();
    expect(index.sliceCodePoints(1, 4)).toBe('😀b😀');
  });

  it('builds a coding with context from a code point span', () => {
    const text = '😀'.repeat(40) + 'quote' + 'x'.repeat(40);
    const c = standoffCodingFromSpan(text, 40, 45, { code: 'c', coder: 'r' })!;
    expect(c.quote).toBe('quote');
    expect(c.prefix).toBe('😀'.repeat(32));
    expect(c.suffix).toBe('x'.repeat(32));
    expect(standoffCodingFromSpan(text, 40, 200, { code: 'c' })).toBeUndefined();
  });

  it('names standoff files after the note stem', () => {
    expect(standoffPathFor('notes/interview-anna.md')).toBe('notes/interview-anna.codings.yaml');
    expect(standoffPathFor('a.b.md')).toBe('a.b.codings.yaml');
  });
});
