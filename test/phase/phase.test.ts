import { describe, expect, test } from 'vitest';
import { cooccurrence, topPairs } from '../../src/core/cooccurrence.js';
import { phaseChange, phaseVariable } from '../../src/core/phase-change.js';
import { chooseQuotes, isCompleteSentence, phaseReport, type ChosenQuote } from '../../src/core/phase-report.js';
import { pseudonymizeCorpus, pseudonymTable, unpseudonymizedNames } from '../../src/core/pseudonymize.js';
import { collectQuotes } from '../../src/core/quotes.js';
import { fixture } from './helpers.js';

const none = { where: {}, codes: [] };

describe('phase change', () => {
  test('the phase variable is the first ordered one', () => {
    expect(phaseVariable(fixture().variables)).toBe('phase');
    expect(phaseVariable(fixture().variables, 'group')).toBe('group');
    expect(phaseVariable(fixture().variables, 'nope')).toBeUndefined();
  });

  test('share, count and change per group, with new, back, gone and no-data', () => {
    const report = phaseChange(fixture(), 'phase', ['group'], none);
    expect(report.phases).toEqual(['I', 'II', 'III']);
    expect(report.groups).toEqual([{ group: 'north' }, { group: 'south' }, { group: 'east' }]);
    const series = (code: string, group: string) => report.series.find((s) => s.code === code && s.group.group === group)!.points;

    const reciprocity = series('reciprocity', 'north');
    expect(reciprocity.map((p) => [p.segments, p.cellSegments, p.status])).toEqual([
      [2, 4, 'first'],
      [0, 2, 'gone'],
      [1, 2, 'back'],
    ]);
    expect(reciprocity[1].change).toBe(-2);
    expect(reciprocity[1].changePoints).toBeCloseTo(-50);
    expect(reciprocity[2].changePoints).toBeCloseTo(50);

    const feedback = series('feedback', 'north');
    expect(feedback.map((p) => p.status)).toEqual(['first', 'new', 'same']);
    expect(feedback[2].change).toBe(0);

    // A parent counts its children; once gone it stays `absent`.
    expect(series('support', 'north').map((p) => p.status)).toEqual(['first', 'gone', 'absent']);

    // South has no notes in phase II: no change to report there or right after.
    const south = series('feedback', 'south');
    expect(south.map((p) => p.status)).toEqual(['first', 'no-data', 'no-data']);
    expect(south.map((p) => p.change)).toEqual([null, null, null]);
    expect(series('feedback', 'east').every((p) => p.status === 'no-data' && p.cellSegments === 0)).toBe(true);
  });

  test('filters apply as in report', () => {
    const report = phaseChange(fixture(), 'phase', ['group'], { where: { group: ['south'] }, codes: ['feedback'] });
    expect(report.series.map((s) => `${s.code}/${s.group.group}`)).toEqual(['feedback/south']);
  });
});

describe('co-occurrence', () => {
  test('per segment: codes on the same paragraph', () => {
    const result = cooccurrence(fixture(), [], none, 'segment');
    expect(result.codes.map((c) => c.id)).toEqual(['support.practical', 'support.emotional', 'reciprocity', 'feedback']);
    const m = result.matrices[0];
    expect(m.counts).toEqual([
      [1, 0, 1, 0],
      [0, 1, 0, 0],
      [1, 0, 4, 1],
      [0, 0, 1, 4],
    ]);
    expect(m.units).toBe(10);
    expect(m.jaccard[2][3]).toBeCloseTo(1 / 7);
    expect(topPairs(result, m).map((p) => `${p.a}+${p.b}:${p.count}`)).toEqual(['support.practical+reciprocity:1', 'reciprocity+feedback:1']);
  });

  test('per document, with Jaccard', () => {
    const m = cooccurrence(fixture(), [], none, 'document').matrices[0];
    expect(m.units).toBe(5);
    expect(m.counts[2][3]).toBe(2); // north-III and south-III
    expect(m.counts[2][2]).toBe(3);
    expect(m.counts[3][3]).toBe(4);
    expect(m.jaccard[2][3]).toBeCloseTo(2 / (3 + 4 - 2));
    expect(m.counts[0][1]).toBe(1);
  });

  test('a code and its own sub-code are not compared; --by gives one matrix per cell', () => {
    const result = cooccurrence(fixture(), ['phase'], { where: {}, codes: ['support', 'support.practical', 'reciprocity'] }, 'segment');
    expect(result.matrices.map((m) => m.cell.phase)).toEqual(['I', 'II', 'III']);
    expect(result.matrices[0].counts).toEqual([
      [2, null, 1],
      [null, 1, 1],
      [1, 1, 2],
    ]);
    expect(result.matrices[0].jaccard[0][1]).toBeNull();
    expect(result.matrices[1].counts[2][2]).toBe(0);
  });
});

describe('pseudonyms', () => {
  test('declared pseudonyms, stable codes for the rest, the research team untouched', () => {
    const table = pseudonymTable(fixture().notes);
    // Not P1: beside a declared P01 it would read as the same person (issue 15.1).
    expect(Object.fromEntries(table.global)).toEqual({ anna: 'P01', ben: 'P2', cor: 'P09' });
    const corpus = pseudonymizeCorpus(fixture());
    const north = corpus.notes.find((n) => n.path === 'notes/north-I.md')!;
    expect(north.segments.map((s) => s.speaker)).toEqual(['P01', 'P2', 'Researcher', 'P01']);
    expect(north.segments[0].text).toBe('P2 gave me a lift to the food bank.');
    const quotes = collectQuotes(corpus, [], { where: {}, codes: ['reciprocity'] });
    const texts = quotes.sections[0].groups[0].quotes.map((q) => q.text);
    expect(texts).toContain('P2 repairs the bike and P01 cooks him soup in return.');
    expect(texts.join(' ')).not.toMatch(/\b(Anna|Ben|Cor)\b/);
  });

  test('names are whole words; a possessive s stays', () => {
    const corpus = fixture();
    corpus.notes[0].segments[0] = { ...corpus.notes[0].segments[0], text: "Ben's bike, Bens fiets, Benjamin and Annabel stay" };
    const replaced = pseudonymizeCorpus(corpus).notes[0].segments[0].text;
    expect(replaced).toBe("P2's bike, P2s fiets, Benjamin and Annabel stay");
  });

  test('a report that would publish a name without a pseudonym warns', () => {
    const corpus = fixture();
    const quotes = collectQuotes(corpus, [], { where: {}, codes: ['reciprocity'] });
    const published = quotes.sections.flatMap((s) => s.groups.flatMap((g) => g.quotes));
    const warnings = unpseudonymizedNames(corpus, published);
    expect(warnings.map((w) => `${w.file}:${w.line} ${w.severity} ${w.ruleId}`)).toEqual([
      'notes/north-I.md:5 warning unpseudonymized-name',
      'notes/north-III.md:5 warning unpseudonymized-name',
    ]);
    expect(warnings[0].message).toContain('`Ben`');
    // Cor has a pseudonym: quoting him does not warn.
    const south = collectQuotes(corpus, [], { where: { group: ['south'] }, codes: [] });
    expect(unpseudonymizedNames(corpus, south.sections.flatMap((s) => s.groups.flatMap((g) => g.quotes)))).toEqual([]);
  });
});

describe('phase report', () => {
  test('one section per phase with frequencies, change, pairs, quotes and methods', () => {
    const report = phaseReport(fixture(), none, { phase: 'phase', group: 'group', per: 'phase', quotes: 2, top: 3, unit: 'segment' });
    expect(report.sections.map((s) => [s.phase, s.previous ?? null, s.notes])).toEqual([
      ['I', null, 2],
      ['II', 'I', 1],
      ['III', 'II', 2],
    ]);
    const three = report.sections[2];
    expect(three.methods).toEqual([
      { method: 'participant-observation', notes: 1 },
      { method: 'interview', notes: 1 },
    ]);
    const reciprocity = three.rows.find((r) => r.code === 'reciprocity')!;
    expect(reciprocity.cells.map((c) => [c.group, c.frequency.segments, c.point.status])).toEqual([
      ['north', 1, 'back'],
      ['south', 1, 'no-data'],
      ['east', 0, 'no-data'],
    ]);
    expect(three.cooccurrences.map((p) => [p.a, p.b, p.count])).toEqual([['reciprocity', 'feedback', 1]]);
    expect(three.cooccurrences[0].jaccard).toBeCloseTo(1 / 3);
    const quotes = three.quotes.find((q) => q.code === 'reciprocity')!;
    expect(quotes.available).toBe(2);
    expect(quotes.quotes.map((q) => q.group)).toEqual(['north', 'south']);
  });

  test('the phase filter picks sections but keeps the previous phase for the change', () => {
    const report = phaseReport(fixture(), { where: { phase: ['II'] }, codes: [] }, { phase: 'phase', group: 'group', per: 'phase', quotes: 3, top: 5, unit: 'segment' });
    expect(report.sections.map((s) => s.phase)).toEqual(['II']);
    const feedback = report.sections[0].rows.find((r) => r.code === 'feedback')!;
    expect(feedback.cells[0].point.status).toBe('new');
  });

  test('per group and phase', () => {
    const report = phaseReport(fixture(), none, { phase: 'phase', group: 'group', per: 'group-phase', quotes: 3, top: 5, unit: 'segment' });
    // Sections without notes (east, south in phase II) are left out.
    expect(report.sections.map((s) => `${s.group}/${s.phase}`)).toEqual(['north/I', 'south/I', 'north/II', 'north/III', 'south/III']);
    expect(report.sections[1].rows[0].cells.map((c) => c.group)).toEqual(['south']);
  });
});

describe('quote choice', () => {
  const q = (group: string, text: string, speaker: string | undefined, line: number): ChosenQuote => ({ code: 'x', text, note: `notes/${group}.md`, line, column: 1, coder: 'kim', origin: 'inline-tag', group, ...(speaker ? { speaker } : {}) });

  test('complete sentences', () => {
    expect(isCompleteSentence('She was right about the bill.')).toBe(true);
    expect(isCompleteSentence('“Then we go together.”')).toBe(true);
    expect(isCompleteSentence('exchanged numbers after the barbecue')).toBe(false);
    expect(isCompleteSentence('They exchanged numbers after the barbecue')).toBe(false);
  });

  test('spread over groups and speakers, shortest complete sentences first, deterministic', () => {
    const candidates = [
      q('a', 'Anna helped me with the forms for the allowance last week.', 'Anna', 1),
      q('a', 'Anna again says something much longer here about the same thing, at great length.', 'Anna', 2),
      q('a', 'Ben says a short complete sentence right here.', 'Ben', 3),
      q('a', 'fragment without an end that is long enough', 'Cor', 4),
      q('b', 'Dirk brings soup for everybody in the group.', 'Dirk', 5),
      q('b', 'Ok.', 'Eva', 6),
    ];
    const picks = chooseQuotes(candidates, ['a', 'b'], 3);
    expect(picks.map((p) => p.line)).toEqual([3, 1, 5]);
    // Same input in another order: same choice.
    expect(chooseQuotes([...candidates].reverse(), ['a', 'b'], 3).map((p) => p.line)).toEqual([3, 1, 5]);
    // A fourth pick prefers a new voice (Cor's fragment) over Anna again, then Eva's short reply.
    expect(chooseQuotes(candidates, ['a', 'b'], 5).map((p) => p.line)).toEqual([3, 1, 4, 5, 6]);
  });
});
