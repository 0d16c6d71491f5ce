// The corpus-level stages on tiny in-memory inputs: config, variables,
// validation, aggregation, quotes, suggestions.
import { describe, expect, test } from 'vitest';
import { readConfig } from '../../src/core/config.js';
import { readNote } from '../../src/core/note.js';
import { readCodebook } from '../../src/codebook/read.js';
import { compareValues, inferVariables } from '../../src/core/variables.js';
import { validateCodings, validateVariables } from '../../src/core/validate.js';
import { aggregate } from '../../src/core/aggregate.js';
import { collectQuotes } from '../../src/core/quotes.js';
import { suggest } from '../../src/core/suggest.js';
import type { Corpus } from '../../src/types.js';

const codebook = readCodebook('cb.yaml', 'codes:\n  - id: support\n    codes:\n      - id: support.practical\n        keywords: [lift]\n      - id: support.emotional\n  - id: reciprocity\n    keywords: [give back]\n').codebook;

function corpus(notes: Array<[string, string]>, variables = inferVariables([])): Corpus {
  const read = notes.map(([path, text]) => readNote(path, text, false, { coder: 'kim' }).note);
  const vars = variables.length ? variables : inferVariables(read);
  return { config: { notes: [], variables: vars, reports: [] }, codebook, notes: read, codings: read.flatMap((n) => n.codings), variables: vars, diagnostics: [] };
}

describe('readConfig', () => {
  test('variables, globs and positioned problems', () => {
    const { config, diagnostics } = readConfig('fieldcode.yaml', 'notes: "n/*.md"\ncoder: kim\nvariables:\n  phase: { values: [I, II], ordered: true, required: true }\n  group:\n  extra: { valeus: [a] }\n');
    expect(config.notes).toEqual(['n/*.md']);
    expect(config.coder).toBe('kim');
    expect(config.variables).toEqual([
      { name: 'phase', values: ['I', 'II'], ordered: true, required: true },
      { name: 'group', ordered: false, required: false },
      { name: 'extra', ordered: false, required: false },
    ]);
    expect(diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${d.message}`)).toEqual(['6:12 warning Unexpected key `valeus` in variable `extra` (did you mean `values`?)']);
  });
});

describe('variables', () => {
  test('inferred from front matter, phase first-class, descriptive fields left out', () => {
    const c = corpus([
      ['a.md', '---\nid: a\nphase: II\ngroup: x\ndate: 2024-01-01\nsite: north\n---\nText.\n'],
      ['b.md', '---\nphase: I\n---\nText.\n'],
    ]);
    expect(c.variables.map((v) => [v.name, v.ordered])).toEqual([
      ['group', false],
      ['phase', true],
      ['site', false],
    ]);
  });

  test('Roman numerals and numbers sort by value', () => {
    expect(['X', 'II', 'IV', 'I', 'IX', 'V'].sort(compareValues)).toEqual(['I', 'II', 'IV', 'V', 'IX', 'X']);
    expect(['10', '9', '1'].sort(compareValues)).toEqual(['1', '9', '10']);
  });

  test('validation: required and allowed values', () => {
    const c = corpus([['a.md', '---\nphase: IV\n---\nText #nope\n']], [{ name: 'phase', values: ['I', 'II'], ordered: true, required: true }, { name: 'group', ordered: false, required: true }]);
    expect(validateVariables(c.notes, c.variables).map((d) => `${d.line}:${d.column} ${d.ruleId}`)).toEqual(['2:1 invalid-variable-value', '1:1 missing-variable']);
    expect(validateCodings(c.codings, codebook).map((d) => `${d.line}:${d.column} ${d.ruleId}`)).toEqual(['4:6 unknown-code']);
  });
});

describe('aggregate', () => {
  const c = corpus([
    ['a.md', '---\ngroup: x\n---\n**Ann:** A lift. #support.practical #support.emotional\n\n**Bo:** [We give back]{#reciprocity} [later]{#reciprocity}.\n\nUncoded.\n'],
    ['b.md', '---\ngroup: y\n---\nNothing.\n'],
  ]);

  test('parents count each segment once, codings count references, share uses the cell size', () => {
    const rows = aggregate(c, ['group'], { where: {}, codes: [] }).rows.map((r) => [r.code, r.cell.group, r.segments, r.codings, r.documents, r.speakers, Number(r.share.toFixed(3))]);
    expect(rows).toEqual([
      ['support', 'x', 1, 2, 1, 1, 0.333],
      ['support', 'y', 0, 0, 0, 0, 0],
      ['support.practical', 'x', 1, 1, 1, 1, 0.333],
      ['support.practical', 'y', 0, 0, 0, 0, 0],
      ['support.emotional', 'x', 1, 1, 1, 1, 0.333],
      ['support.emotional', 'y', 0, 0, 0, 0, 0],
      ['reciprocity', 'x', 1, 2, 1, 1, 0.333],
      ['reciprocity', 'y', 0, 0, 0, 0, 0],
    ]);
  });

  test('quotes: a span shows its own words, a tag the whole segment, one quote per passage', () => {
    const quotes = collectQuotes(c, [], { where: {}, codes: ['support', 'reciprocity'] });
    expect(quotes.sections.map((s) => [s.code, s.groups[0].quotes.map((q) => `${q.codes.join('+')} ${q.speaker} ${q.line} “${q.text}”`)])).toEqual([
      // Both children code the same passage: one quote naming both, in codebook order.
      ['support', ['support.practical+support.emotional Ann 4 “A lift.”']],
      ['reciprocity', ['reciprocity Bo 6 “We give back”', 'reciprocity Bo 6 “later”']],
    ]);
  });

  test('suggestions skip segments that already carry the code', () => {
    const s = suggest(corpus([['c.md', 'A lift. #support.practical\n\nAnother lift, and we give back.\n']]), { where: {}, codes: [] });
    expect(s.map((x) => `${x.code} ${x.range.start.line}:${x.range.start.column} ${x.matched}`)).toEqual(['support.practical 3:9 lift', 'reciprocity 3:22 give back']);
  });
});
