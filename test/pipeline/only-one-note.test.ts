// `only` (what `tag` on one note loads): that note and its standoff codings,
// and no complaint about the codings of notes it does not read.
import { describe, expect, it } from 'vitest';
import { runPipeline } from '../../src/pipeline/run.js';
import { memorySource } from '../../src/pipeline/sources/memory.js';

const project = {
  'fieldcode.yaml': 'notes: ["*.md"]\n',
  'codebook.yaml': 'name: t\nversion: 1\ncodes:\n  - id: feedback\n  - id: reciprocity\n',
  'a.md': 'We told her what we thought. #feedback\n\nShe gave back the favour.\n',
  'a.alice.codings.yaml': 'fieldcode: standoff/1\nnote: a.md\ncoder: alice\ncodings:\n  - code: reciprocity\n    start: 44\n    end: 64\n    quote: gave back the favour\n',
  'b.md': 'Another note.\n',
  'b.alice.codings.yaml': 'fieldcode: standoff/1\nnote: b.md\ncoder: alice\ncodings:\n  - code: feedback\n    start: 0\n    end: 12\n    quote: Another note\n',
};

describe('reading one note of a project', () => {
  it('keeps that note’s standoff codings and leaves the others out without an error', () => {
    const { corpus, diagnostics } = runPipeline(memorySource(project), { only: (path) => path === 'a.md' });
    expect(corpus.notes.map((n) => n.path)).toEqual(['a.md']);
    expect(corpus.codings.map((c) => `${c.note} ${c.code} ${c.coder} ${c.origin}`).sort()).toEqual(['a.md feedback default inline-tag', 'a.md reciprocity alice standoff']);
    expect(diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
  });

  it('still says when a codings file names a note the project does not have', () => {
    const { diagnostics } = runPipeline(memorySource({ ...project, 'c.codings.yaml': 'fieldcode: standoff/1\nnote: gone.md\ncodings: []\n' }), { only: (path) => path === 'a.md' });
    expect(diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.ruleId}`)).toEqual(['c.codings.yaml:1:1 standoff-note-missing']);
  });
});
