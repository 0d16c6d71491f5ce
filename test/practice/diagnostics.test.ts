// Every problem `fieldcode practice` finds is a positioned diagnostic: at the
// argument on the command line (`<command line>:1:COLUMN`), or at its line and
// column in the YAML file or codebook at fault, with the exit code it gives.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run, tempDir } from '../helpers/cli.js';

/** Column of `token` (the first argument equal to it) on `fieldcode ARGS…`, counted from the typed line. */
function columnOf(argv: string[], token: string): number {
  return `fieldcode ${argv.join(' ')} `.indexOf(` ${token} `) + 2;
}

async function fails(cwd: string, argv: string[], token: string | undefined, message: string, rule = 'invalid-option'): Promise<void> {
  const result = await run(argv, { cwd });
  expect(result.code, result.stderr).toBe(2);
  expect(result.stdout).toBe('');
  expect(result.stderr).toContain(`<command line>:1:${token === undefined ? 1 : columnOf(argv, token)}  error  ${message}`);
  expect(result.stderr).toContain(`[${rule}]`);
  expect(result.stderr).not.toContain('fieldcode: ');
}

describe('fieldcode practice: problems with what was typed (exit 2)', () => {
  it('start', async () => {
    const cwd = tempDir();
    await fails(cwd, ['practice', 'start'], undefined, 'Missing exercise, expected one of `first-round` (or --key DIR)');
    await fails(cwd, ['practice', 'start', '--key', 'k', 'first-round', 'p'], 'first-round', 'Unexpected exercise with --key, expected `practice start --key DIR [WORKDIR]`');
    await fails(cwd, ['practice', 'start', '--key', 'nowhere', 'p'], '--key', 'Cannot find key folder `nowhere`');
    mkdirSync(join(cwd, 'keyless', 'notes'), { recursive: true });
    await fails(cwd, ['practice', 'start', 'keyless', 'p'], 'keyless', "Cannot use exercise `keyless`: it has no `key` folder with the instructor's coding");
    mkdirSync(join(cwd, 'empty-key'));
    await fails(cwd, ['practice', 'start', '--key', 'empty-key', 'p'], undefined, 'Cannot start: `empty-key` has no notes (.md files)');
    writeFileSync(join(cwd, 'note.md'), 'Text.\n');
    await fails(cwd, ['practice', 'start', '--key', '.', '--codebook', 'gone.yaml', 'p'], '--codebook', 'Cannot find codebook `gone.yaml`', 'missing-file');
  });

  it('score and class', async () => {
    const cwd = tempDir();
    await fails(cwd, ['practice', 'score', 'nowhere'], 'nowhere', 'Cannot find practice folder `nowhere`');
    mkdirSync(join(cwd, 'bare'));
    await fails(cwd, ['practice', 'score', 'bare'], undefined, "Cannot find the key for `bare`: pass --key DIR (the instructor's coded notes)");
    await fails(cwd, ['practice', 'score', 'bare', '--key', 'nokey'], '--key', 'Cannot find key folder `nokey`');
    await fails(cwd, ['practice', 'class', 'nowhere'], 'nowhere', 'Cannot find submissions folder `nowhere`');
    await fails(cwd, ['practice', 'class', 'bare'], 'bare', 'Cannot find submissions in `bare`: expected one practice folder per student');
    await fails(cwd, ['practice', 'class', 'bare', '--top', '0'], '--top', 'Unexpected `--top 0`, expected a whole number of at least 1');
  });
});

describe('fieldcode practice: a broken file is placed in it (exit 2)', () => {
  it('practice.yaml and exercise.yaml [practice-yaml]', async () => {
    const cwd = tempDir();
    expect((await run(['practice', 'start', 'first-round', 'p'], { cwd })).code).toBe(0);
    writeFileSync(join(cwd, 'p', 'practice.yaml'), 'exercise: first-round\ntitle: [unclosed\n');
    const score = await run(['practice', 'score', 'p'], { cwd });
    expect(score.code).toBe(2);
    expect(score.stderr).toMatch(/^\S*p\/practice\.yaml:\d+:\d+ {2}error {2}Cannot read `\S*p\/practice\.yaml`: .+ {2}\[practice-yaml\]$/m);
    mkdirSync(join(cwd, 'ex', 'key'), { recursive: true });
    writeFileSync(join(cwd, 'ex', 'key', 'n.md'), 'Text. #help\n');
    writeFileSync(join(cwd, 'ex', 'exercise.yaml'), 'title: Ex\ninstructions:\n  - one\n bad: indent\n');
    const start = await run(['practice', 'start', 'ex', 'q'], { cwd });
    expect(start.code).toBe(2);
    expect(start.stderr).toMatch(/^\S*ex\/exercise\.yaml:4:\d+ {2}error {2}Cannot read `\S*ex\/exercise\.yaml`: .+ {2}\[practice-yaml\]$/m);
  });

  it('a broken codebook in the practice folder is placed in the codebook', async () => {
    const cwd = tempDir();
    expect((await run(['practice', 'start', 'first-round', 'p'], { cwd })).code).toBe(0);
    writeFileSync(join(cwd, 'p', 'codebook.yaml'), 'codes:\n  - id: a\n   label: [\n');
    const score = await run(['practice', 'score', 'p'], { cwd });
    expect(score.code).toBe(2);
    expect(score.stderr).toMatch(/codebook\.yaml:\d+:\d+ {2}error {2}.*\[codebook-yaml\]/);
    expect(score.stderr).not.toContain('fieldcode: ');
  });
});
