import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { run, tempDir } from '../helpers/cli.js';
import { FIXTURE } from './helpers.js';

describe('phase-change, cooccurrence and phase-report commands', () => {
  test('phase-change prints a table to stdout and nothing to stderr', async () => {
    const result = await run(['phase-change', FIXTURE, '--code', 'reciprocity']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('Change between phase values per group: I → II → III');
    expect(result.stdout).toMatch(/reciprocity\s+north\s+50\.0% \(2\)\s+0\.0% \(0\)\s+-50\.0 pp \(-2\) gone\s+50\.0% \(1\)\s+\+50\.0 pp \(\+1\) back/);
  });

  test('phase-change csv is tidy', async () => {
    const result = await run(['phase-change', FIXTURE, '--code', 'feedback', '--where', 'group=north', '--format', 'csv']);
    expect(result.stdout).toBe(
      [
        'code,group,phase,segments,documents,codings,share,cell_segments,change_segments,change_points,status,category_through,category',
        'feedback,north,I,0,0,0,0.0000,4,,,first,,emerges',
        'feedback,north,II,1,1,1,0.5000,2,1,50.00,new,emerges,emerges',
        'feedback,north,III,1,1,1,0.5000,2,0,0.00,same,emerges,emerges',
        '',
      ].join('\n'),
    );
  });

  test('cooccurrence says which measure it shows', async () => {
    const counts = await run(['cooccurrence', FIXTURE]);
    expect(counts.stdout).toContain('Co-occurrence per segment: segments with both codes');
    const jaccard = await run(['cooccurrence', FIXTURE, '--unit', 'document', '--measure', 'jaccard', '--format', 'markdown']);
    expect(jaccard.stdout).toContain('Shown: Jaccard index (notes with both codes / notes with either).');
    expect(jaccard.stdout).toContain('| 3 `reciprocity` | 0.33 | 0.33 | 1.00 | 0.40 |');
    const json = JSON.parse((await run(['cooccurrence', FIXTURE, '--format', 'json'])).stdout);
    expect(json.fieldcode).toBe('cooccurrence/1');
    expect(json.measure).toBe('count');
    expect(json.matrices[0].counts[2][3]).toBe(1);
  });

  test('phase-report to a file links notes relative to the file and warns about names without a pseudonym', async () => {
    const out = join(tempDir(), 'deep', 'phase.md');
    const result = await run(['phase-report', FIXTURE, '--where', 'phase=III', '--out', out]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('unpseudonymized-name');
    const text = readFileSync(out, 'utf8');
    expect(text).toMatch(/\[test\/phase\/fixture\/notes\/north-III\.md:\d+\]\(\.\.\/\.\.\/[^)]*test\/phase\/fixture\/notes\/north-III\.md#L\d+\)/);
    expect(text).toContain('2 notes went into this phase: 1 participant-observation, 1 interview (3 segments). Compared with phase II.');
    const quiet = await run(['phase-report', FIXTURE, '--pseudonymize']);
    expect(quiet.stderr).toBe('');
    expect(quiet.stdout).not.toMatch(/\b(Anna|Ben|Cor)\b/);
    expect((await run(['phase-report', FIXTURE, '--pseudonymize', '--strict'])).code).toBe(0);
    expect((await run(['phase-report', FIXTURE, '--strict'])).code).toBe(1);
  });

  test('bad flags exit 2', async () => {
    for (const argv of [
      ['cooccurrence', FIXTURE, '--unit', 'paragraph'],
      ['cooccurrence', FIXTURE, '--measure', 'cosine'],
      ['phase-change', FIXTURE, '--phase', 'season'],
      ['phase-report', FIXTURE, '--quotes', 'many'],
      ['phase-report', FIXTURE, '--format', 'csv'],
      ['phase-change', FIXTURE, '--code', 'nope'],
    ]) {
      const result = await run(argv);
      expect(result.code, argv.join(' ')).toBe(2);
      expect(result.stdout).toBe('');
    }
  });
});
