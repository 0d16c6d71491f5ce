// Issue 16.17: `speakers` counts people, not label strings, and never changes with --pseudonymize.
import { describe, expect, it } from 'vitest';
import { run } from '../helpers/cli.js';
import { project } from './helpers.js';

const note = (group: string, participants: string, turns: string[]): string => `---
group: ${group}
phase: I
participants:
${participants}
---
${turns.join('\n\n')}
`;

const dir = project({
  // Two different people who are both called Anna.
  'notes/a.md': note('g1', '  Anna: { pseudonym: P01 }', ['**Anna:** I help. #support']),
  'notes/b.md': note('g1', '  Anna: { pseudonym: P07 }', ['**Anna:** Me too. #support']),
  // One person, labelled in two cases.
  'notes/c.md': note('g2', '  Ben: {}', ['**Ben:** Yes. #support', 'BEN: Again yes. #support']),
  // One person in two notes, linked by a project-wide id.
  'notes/d.md': note('g3', '  Cor: { id: p09, pseudonym: P09 }', ['**Cor:** First. #support']),
  'notes/e.md': note('g3', '  Cornelis: { id: p09, pseudonym: P09 }', ['**Cornelis:** Second. #support']),
});

async function speakers(extra: string[]): Promise<Record<string, number>> {
  const result = await run(['report', dir, '--by', 'group', '--code', 'support', '--format', 'json', ...extra]);
  expect(result.code, result.stderr).toBe(0);
  const rows = JSON.parse(result.stdout).rows as { cell: { group: string }; speakers: number }[];
  return Object.fromEntries(rows.map((row) => [row.cell.group, row.speakers]));
}

describe('speakers are participants of a note', () => {
  it('counts two people with one label as two, and one person with two spellings as one', async () => {
    expect(await speakers([])).toEqual({ 'g1': 2, 'g2': 1, 'g3': 1 });
  });

  it('gives the same counts with --pseudonymize', async () => {
    expect(await speakers(['--pseudonymize'])).toEqual(await speakers([]));
  });
});
