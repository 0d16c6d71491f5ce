// Every problem `fieldcode agree` finds in its flags or inputs is a positioned
// diagnostic: `<command line>:1:COLUMN` at the flag or value as typed, or a
// place in the file at fault, with a rule id and the exit code it gives.
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { run, ROOT, tempDir } from '../helpers/cli.js';
import { standoffProject } from './helpers.js';

const FIXTURE = join(ROOT, 'test', 'fixtures', 'agree', 'folders');
const ANNA = join(FIXTURE, 'anna');
const BEN = join(FIXTURE, 'ben');

/** Column of `token` (the first argument equal to it) on `fieldcode ARGS…`, counted by hand from the typed line. */
function columnOf(argv: string[], token: string): number {
  return `fieldcode ${argv.join(' ')} `.indexOf(` ${token} `) + 2;
}

async function fails(argv: string[], token: string, message: string, rule = 'invalid-option', cwd?: string): Promise<void> {
  const result = await run(argv, cwd ? { cwd } : {});
  expect(result.code, result.stderr).toBe(2);
  expect(result.stdout).toBe('');
  const line = `<command line>:1:${columnOf(argv, token)}  error  ${message}`;
  expect(result.stderr).toContain(line);
  expect(result.stderr).toMatch(new RegExp(`\\[${rule}\\]`));
  expect(result.stderr).not.toContain('fieldcode: ');
}

describe('fieldcode agree: a bad flag is a fatal diagnostic at that flag (exit 2)', () => {
  it('thresholds and overlap shares', async () => {
    await fails(['agree', ANNA, BEN, '--min-kappa', 'high'], '--min-kappa', 'Unexpected `--min-kappa high`, expected a number from -1 to 1 (e.g. 0.8)');
    await fails(['agree', ANNA, BEN, '--unit', 'overlap', '--min', '2'], '--min', 'Unexpected `--min 2`, expected a number greater than 0 and at most 1 (e.g. 0.9)');
    await fails(['agree', ANNA, BEN, '--unit', 'overlap', '--min-overlap', '0'], '--min-overlap', 'Unexpected `--min-overlap 0`, expected a percentage greater than 0 and at most 100');
    await fails(['agree', ANNA, BEN, '--min', '0.8', '--min-overlap', '80'], '--min-overlap', 'Unexpected both `--min` and `--min-overlap`');
    await fails(['agree', ANNA, BEN, '--min', '0.8'], '--min', 'Unexpected `--min` without `--unit overlap`');
    await fails(['agree', ANNA, BEN, '--unit', 'overlap', '--min-alpha', '0.8'], '--min-alpha', 'Unexpected `--min-alpha`/`--min-kappa` with `--unit overlap`');
    await fails(['agree', ANNA, BEN, '--by', 'round', '--min-kappa', '0.8'], '--by', 'Unexpected --min-alpha/--min-kappa/--min-agreement with --by');
  });

  it('flags that do not go together', async () => {
    await fails(['agree', '--table', 't.csv', '--unit', 'document'], '--table', 'Unexpected folders, --rev, --coders, --all-notes, --code, --unit or --min with --table');
    await fails(['agree', '--table', 't.csv', '--weights', 'linear'], '--weights', 'Unexpected `--weights` at the nominal level');
    await fails(['agree', ANNA, BEN, '--percent', 'overall'], '--percent', 'Unexpected --level, --weights, --percent or --bp without --table');
    await fails(['agree', '--rounds', 'r1', '--by', 'round'], '--rounds', 'Unexpected --by, --rev or folders with --rounds');
    await fails(['agree', '--rounds', ','], '--rounds', 'Missing revisions in --rounds, expected e.g. --rounds round-1,round-2');
    await fails(['agree', ANNA, BEN, '--rev', 'a', '--rev', 'b'], BEN, 'Unexpected folders with --rev, expected at most one project folder');
    await fails(['agree', '--rev', 'main'], '--rev', 'Unexpected single --rev, expected two or more revisions');
    await fails(['agree', ANNA, BEN, '--all-notes'], '--all-notes', 'Unexpected --coders/--all-notes with folders: each folder is one coder');
  });

  it('folders, coders and codes the inputs do not have', async () => {
    const missing = join(FIXTURE, 'nobody');
    await fails(['agree', ANNA, missing], missing, `Cannot find folder \`${missing}\``);
    await fails(['agree', ANNA, ANNA], ANNA, `Unexpected folder \`${ANNA}\` given twice, expected one folder per coder`);
    await fails(['agree', ANNA, BEN, '--code', 'nope'], 'nope', 'Unexpected code `nope` in `--code`, expected a code from the codebook');
    const root = standoffProject(['a'], [{ id: 'd1', length: 100, spans: ['r1', 'r2'].map((coder) => ({ code: 'a', coder, start: 0, end: 20 })) }]);
    await fails(['agree', '--coders', 'r1,r9'], '--coders', 'Unexpected coder `r9` in --coders, expected one of `r1`, `r2`', 'invalid-option', root);
  });

  it('a project folder or --config that is not there is a fatal missing-file at it, as in every command', async () => {
    const cwd = tempDir();
    for (const argv of [['agree', 'nowhere'], ['agree', '--rev', 'a', '--rev', 'b', 'nowhere'], ['agree', '--config', 'gone.yaml']]) {
      const result = await run(argv, { cwd });
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr).toMatch(argv.includes('nowhere') ? /^nowhere:1:1 {2}error {2}Cannot find `nowhere`: no such file or folder {2}\[missing-file\]$/m : /^gone\.yaml:1:1 {2}error {2}Cannot find project file `gone\.yaml` {2}\[missing-file\]$/m);
    }
  });

  it('a table that cannot be read is placed at --table [unreadable-file]', async () => {
    await fails(['agree', '--table', join(tempDir(), 'none.csv')], '--table', 'Cannot read `', 'unreadable-file');
  });

  it('a broken codebook is placed in the codebook, not flattened into a message', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'bad.yaml'), 'codes:\n  - id: a\n   label: [\n');
    const result = await run(['agree', ANNA, BEN, '--codebook', join(dir, 'bad.yaml')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/bad\.yaml:\d+:\d+ {2}error {2}.*\[codebook-yaml\]/);
    expect(result.stderr).not.toContain('fieldcode: ');
  });
});
