// Issue 16 item 19: counts over a note that several coders coded sum their
// codings. Without `--coder` or `--by coder` that is a warning, not silence.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { run, runBin, tempDir } from '../helpers/cli.js';
import { sharedPath, USES_SHARED } from '../helpers/shared.js';
import { serializeStandoff, standoffCodingFromSpan } from '../../src/standoff/format.js';

const NOTE = `---
group: de-brug
---
Anna: We always help each other at harvest.

Ben: Nobody keeps score here.
`;

function project(coders: string[], reports = ''): string {
  const dir = join(tempDir(), 'proj');
  mkdirSync(join(dir, 'notes'), { recursive: true });
  writeFileSync(join(dir, 'fieldcode.yaml'), `codebook: codebook.yaml\nnotes: ["notes/**/*.md"]\nvariables:\n  group: {}\n${reports}`);
  writeFileSync(join(dir, 'codebook.yaml'), 'codes:\n  - id: reciprocity\n    label: Reciprocity\n');
  writeFileSync(join(dir, 'notes', 'anna.md'), NOTE);
  const start = NOTE.indexOf('help each other');
  const codings = coders.map((coder) => standoffCodingFromSpan(NOTE, start, start + 'help each other'.length, { code: 'reciprocity', coder })!);
  writeFileSync(join(dir, 'notes', 'anna.codings.yaml'), serializeStandoff({ version: 'standoff/1', note: 'anna.md', codings }));
  return dir;
}

const WARNING = /^notes\/anna\.md:4:\d+ +warning +1 note is coded by more than one coder \(rater-1, rater-2\), and these counts add up all their codings: use `--coder NAME` for one coder, or `--by coder` to count each +\[mixed-coders\]$/m;

describe('report over several coders', () => {
  it('warns when two coders coded one note and no coder is chosen', async () => {
    const dir = project(['rater-1', 'rater-2']);
    const result = await run(['report', '--format', 'csv'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(WARNING);
    expect(result.stdout).toContain('reciprocity,de-brug,1,1,1,2,');
    expect((await run(['report', '--strict'], { cwd: dir })).code).toBe(1);
    // The other analyses that count say so too.
    expect((await run(['cooccurrence'], { cwd: dir })).stderr).toContain('[mixed-coders]');
  });

  it('is quiet with --coder, --where coder=, --by coder, or one coder', async () => {
    const dir = project(['rater-1', 'rater-2']);
    for (const extra of [['--coder', 'rater-1'], ['--where', 'coder=rater-2'], ['--by', 'coder']]) {
      expect((await run(['report', ...extra], { cwd: dir })).stderr, extra.join(' ')).not.toContain('mixed-coders');
    }
    expect((await run(['report'], { cwd: project(['rater-1']) })).stderr).not.toContain('mixed-coders');
  });

  it('declared reports: check and build warn, naming the fix for a declaration', async () => {
    const dir = project(['rater-1', 'rater-2'], 'reports:\n  - name: counts\n    kind: frequencies\n    out: reports/counts.md\n  - name: rater-1\n    kind: frequencies\n    coder: rater-1\n    out: reports/rater-1.md\n');
    const check = await run(['check'], { cwd: dir });
    expect(check.stderr).toContain('use `coder: NAME` in report `counts` for one coder, or `by: [coder]` to count each  [mixed-coders]');
    expect(check.stderr).not.toContain('report `rater-1`');
    const build = await run(['build'], { cwd: dir });
    expect(build.code).toBe(0);
    expect(build.stderr).toContain('[mixed-coders]');
  });
});

const DA = sharedPath('real-data', 'daacs-shinyqda', 'derived');

describe.skipIf(!existsSync(join(DA, 'codings.csv')))('real data: DAACS, two raters', USES_SHARED, () => {
  let dir = '';
  beforeAll(() => {
    const work = tempDir();
    // The two-level codebook of the DAACS essays (as in test/agree/daacs.test.ts).
    writeFileSync(join(work, 'codes.txt'), 'metacognition\n  planning\n  monitoring\n  evaluation\nmotivation\n  mindset\n  test anxiety\n  mastery orientation\nself efficacy\n  self efficacy for online learning\n  self efficacy for writing\n  self efficacy for mathematics\n  self efficacy for reading\nstrategies\n  managing environment\n  understanding\n  managing time\n  help seeking\nprocrastination\n');
    dir = join(work, 'daacs');
    const imported = runBin(['import', join(DA, 'codings.csv'), '--sources', join(DA, 'transcripts'), '--codebook', join(work, 'codes.txt'), '--into', dir, '-q']);
    expect(imported.code, imported.stderr).toBe(0);
  }, 60_000);

  it('test anxiety: 50 = 24 + 26 is flagged, per coder is not', () => {
    const summed = runBin(['report', dir, '--code', 'test-anxiety', '--format', 'csv']);
    expect(summed.stdout).toContain('test-anxiety,10,7,0,50,');
    expect(summed.stderr).toMatch(/10 notes are coded by more than one coder \(Rater1, Rater2\), and these counts add up all their codings.*\[mixed-coders\]/);
    const split = runBin(['report', dir, '--code', 'test-anxiety', '--format', 'csv', '--by', 'coder']);
    expect(split.stdout).toContain('test-anxiety,Rater1,8,7,0,24,');
    expect(split.stdout).toContain('test-anxiety,Rater2,9,6,0,26,');
    expect(split.stderr).not.toContain('mixed-coders');
  }, 60_000);
});
