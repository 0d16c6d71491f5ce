// Participants as cases: `--by speaker` and `--by role` count people, not labels.
import { describe, expect, it } from 'vitest';
import { run } from '../helpers/cli.js';
import { twoAnnas } from './fixture.js';

describe('--by speaker', () => {
  it('two people labelled Anna in different groups are two speakers; a project-wide id joins phases', async () => {
    const dir = twoAnnas();
    const result = await run(['report', '--by', 'speaker', '--format', 'csv'], { cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const rows = result.stdout.trim().split('\n');
    expect(rows[0]).toMatch(/^code,(code_label,)?(depth,)?speaker,/);
    const speakers = new Set(rows.slice(1).map((row) => row.split(',').find((field) => /Anna|Ben/.test(field))));
    expect([...speakers].sort()).toEqual(['Anna (north-I)', 'Anna (south-I)', 'Ben']);
    const support = rows.filter((row) => row.startsWith('support,') && row.includes(',Ben,'));
    // One support turn of two: Ben is one person over north-I and north-II.
    expect(support).toHaveLength(1);
    expect(support[0]).toBe("support,Ben,1,1,1,1,0.5000");
  });

  it('--pseudonymize never changes a count', async () => {
    const dir = twoAnnas();
    const plain = await run(['report', '--by', 'speaker', '--format', 'json'], { cwd: dir });
    const masked = await run(['report', '--by', 'speaker', '--format', 'json', '--pseudonymize'], { cwd: dir });
    expect(masked.code).toBe(0);
    expect(masked.stdout).not.toMatch(/Anna|Ben/);
    const counts = (text: string) => (JSON.parse(text).rows as { segments: number; documents: number; codings: number; cellSegments: number }[]).map((r) => [r.segments, r.documents, r.codings, r.cellSegments].join(' ')).sort();
    // Rows sort by the published name, so compare the counts as a set; three people stay three.
    expect(counts(masked.stdout)).toEqual(counts(plain.stdout));
    expect(JSON.parse(masked.stdout).cells).toHaveLength(3);
  });

  it('--by role takes the attribute from participants; quotes and phase-change accept it too', async () => {
    const dir = twoAnnas();
    const result = await run(['report', '--by', 'role', '--code', 'support', '--format', 'csv'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('member,1,1,1,');
    expect(result.stdout).toContain('volunteer,1,1,1,');
    const quotes = await run(['quotes', '--by', 'speaker', '--code', 'feedback'], { cwd: dir });
    expect(quotes.code).toBe(0);
    expect(quotes.stdout).toContain('Anna (north-I)');
    expect(quotes.stdout).toContain('Anna (south-I)');
    const change = await run(['phase-change', '--by', 'speaker', '--code', 'support', '--format', 'csv'], { cwd: dir });
    expect(change.code).toBe(0);
    expect(change.stdout).toContain('Ben');
  });

  it('an unknown case dimension is a usage error naming the choices', async () => {
    const dir = twoAnnas();
    const result = await run(['report', '--by', 'colour'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('`speaker`');
    expect(result.stderr).toContain('`role`');
  });
});
