// Participants as cases in the matrix and the trajectory: participation
// balance per speaker, and one person followed across phases by their id.
import { describe, expect, it } from 'vitest';
import { run } from '../helpers/cli.js';
import { twoAnnas } from './fixture.js';

describe('matrix --rows participant', () => {
  it('shows turns, words and coded share per person; two Annas are two rows', async () => {
    const dir = twoAnnas();
    const result = await run(['matrix', '--rows', 'participant', '--cols', 'support,feedback', '--quotes', '0', '--format', 'json'], { cwd: dir });
    expect(result.stderr).toBe('');
    const rows = JSON.parse(result.stdout).tables[0].rows as { value: string; turns: number; words: number; codedTurns: number; codedShare: number; cells: { code: string; segments: number }[] }[];
    expect(rows.map((r) => [r.value, r.turns, r.words, r.codedTurns])).toEqual([
      ['Anna (north-I)', 2, 9, 2],
      ['Anna (south-I)', 1, 4, 1],
      ['Ben', 2, 11, 1],
    ]);
    expect(rows[2].codedShare).toBe(0.5);
    expect(rows[0].cells.map((c) => [c.code, c.segments])).toEqual([['support', 1], ['feedback', 1]]);
    // --by is the same flag; --pseudonymize renames rows and changes no count.
    const masked = await run(['matrix', '--by', 'speaker', '--cols', 'support,feedback', '--quotes', '0', '--format', 'json', '--pseudonymize'], { cwd: dir });
    const maskedRows = JSON.parse(masked.stdout).tables[0].rows as typeof rows;
    expect(masked.stdout).not.toMatch(/Anna|Ben/);
    expect(maskedRows.map((r) => [r.turns, r.words, r.codedTurns]).sort()).toEqual(rows.map((r) => [r.turns, r.words, r.codedTurns]).sort());
  });

  it('CSV has a line per cell and the presence export one per case × code × phase', async () => {
    const dir = twoAnnas();
    const csv = await run(['matrix', '--rows', 'group', '--cols', 'support', '--per', 'phase', '--format', 'csv'], { cwd: dir });
    expect(csv.stdout).toBe(['phase,group,code,code_label,segments,documents,summary,quotes', 'I,north,support,Support,1,1,,notes/north-I.md:11', 'I,south,support,Support,0,0,,', 'II,north,support,Support,1,1,,notes/north-II.md:10', 'II,south,support,Support,0,0,,', ''].join('\n'));
    const presence = await run(['matrix', '--rows', 'role', '--cols', 'support', '--per', 'phase', '--format', 'presence'], { cwd: dir });
    expect(presence.stdout).toBe(['case,code,phase,present,segments,documents,case_segments', 'member,support,I,1,1,1,3', 'volunteer,support,I,0,0,0,1', 'member,support,II,0,0,0,0', 'volunteer,support,II,1,1,1,1', ''].join('\n'));
  });
});

describe('trajectory', () => {
  it('follows a person with a project-wide id across phases, with the change and the quote', async () => {
    const dir = twoAnnas();
    const result = await run(['trajectory', '--rows', 'participant', '--cols', 'support', '--format', 'json'], { cwd: dir });
    expect(result.stderr).toBe('');
    const trajectory = JSON.parse(result.stdout);
    expect(trajectory.phases).toEqual(['I', 'II']);
    const ben = trajectory.cases.find((c: { value: string }) => c.value === 'Ben');
    expect(ben.codes[0].points.map((p: { phase: string; segments: number; share: number; changePoints: number | null; status: string }) => [p.phase, p.segments, p.share, p.changePoints, p.status])).toEqual([
      ['I', 0, 0, null, 'first'],
      ['II', 1, 1, 100, 'new'],
    ]);
    expect(ben.codes[0].points[1].quotes[0]).toMatchObject({ text: 'Now I get help back too.', note: 'notes/north-II.md', line: 10 });
    // Anna of south-I never coded support: left out of her trajectory.
    expect(trajectory.cases.find((c: { value: string }) => c.value === 'Anna (south-I)').codes).toEqual([]);
    const table = await run(['trajectory', '--rows', 'participant', '--cols', 'support'], { cwd: dir });
    expect(table.stdout).toContain('support  0.0% (0)  100.0% (1)  +100.0 pp new');
  });

  it('needs a phase variable', async () => {
    const dir = twoAnnas();
    const result = await run(['trajectory', '--per', 'nope'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Unexpected `--per nope`, expected a declared variable');
  });
});
