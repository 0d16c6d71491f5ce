// Which segments the interactive session visits, and what it says without any.
import { describe, expect, test } from 'vitest';
import { compileMatchers } from '../../src/codebook/match.js';
import { readCodebook } from '../../src/codebook/read.js';
import { readNote } from '../../src/core/note.js';
import { openTagFile } from '../../src/cli/tag-files.js';
import { planStops, screen } from '../../src/cli/tag-session.js';
import { plain } from '../../src/reporters/style.js';
import type { Coding } from '../../src/types.js';

const codebook = readCodebook('codebook.yaml', 'name: t\nversion: "1"\ncodes:\n  - id: reciprocity\n    label: Reciprocity\n    keywords: [give back]\n  - id: feedback\n    label: Feedback\n').codebook;
const note = readNote(
  'n.md',
  '---\ngroup: a\n---\n# Meeting\n\n## Round\n\n**Anna:** I want to give back.\n\n**Ben:** Good plan. #feedback\n\n**Anna:** Thanks.\n\n**Ben:** You [give back]{#reciprocity} a lot.\n',
  false,
  { coder: 'c' },
).note;
const file = openTagFile('n.md', '/nowhere/n.md', note, '0:0', 'c');
const matchers = compileMatchers(codebook);
const texts = (stops: Array<{ segmentId: string }>) => stops.map((s) => note.segments.find((x) => x.id === s.segmentId)!.text);

describe('planStops', () => {
  test('by default only segments with no code yet', () => {
    expect(texts(planStops([file], new Map(), matchers, undefined, false))).toEqual(['I want to give back.', 'Thanks.']);
  });

  test('--all visits every segment', () => {
    expect(planStops([file], new Map(), matchers, undefined, true)).toHaveLength(4);
  });

  test('--code visits segments where the code is suggested or applied', () => {
    expect(texts(planStops([file], new Map(), matchers, new Set(['reciprocity']), false))).toEqual(['I want to give back.', 'You give back a lot.']);
    expect(texts(planStops([file], new Map(), matchers, new Set(['feedback']), false))).toEqual(['Good plan.']);
  });

  test('standoff codings count as codes', () => {
    const standoff = new Map<string, Coding[]>([[note.segments[2].id, [{ ...note.codings[0], origin: 'standoff', segments: [note.segments[2].id] }]]]);
    expect(texts(planStops([file], standoff, matchers, undefined, false))).toEqual(['I want to give back.']);
  });
});

describe('screen', () => {
  test('shows path:line, speaker, heading trail, progress, context and applied codes', () => {
    const segment = note.segments[3];
    const text = screen(note, 'n.md', segment, note.codings.filter((c) => c.segments[0] === segment.id), codebook.byId, 3, 4, 2, plain, 80);
    expect(text).toContain('n.md:14');
    expect(text).toContain('speaker Ben  ·  Meeting › Round');
    expect(text).toContain('segment 4 of 4, 2 coded');
    expect(text).toContain('  Anna: Thanks.');
    expect(text).toContain('▌ Ben: You give back a lot.');
    expect(text).toContain('Applied: [give back]{#reciprocity}');
  });
});
