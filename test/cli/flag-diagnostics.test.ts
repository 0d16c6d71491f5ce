// A bad flag is a fatal diagnostic placed on the command line as typed
// (`<command line>:1:COLUMN  error  …  [invalid-option]`, exit 2), and an
// `--out` that cannot be written is one placed at that path (`write-failed`).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { run, tempDir } from '../helpers/cli.js';

const SMALL = 'test/fixtures/small-project';

/** The column at which `before` ends on `fieldcode BEFORE…`: where the next argument starts. */
const after = (before: string): number => `fieldcode ${before} `.length + 1;

/** What stderr holds for these diagnostic lines: the lines, then the count. */
const printed = (...lines: string[]): string => `${lines.join('\n')}\n\n${lines.length} error${lines.length === 1 ? '' : 's'}\n`;

describe('bad flags are positioned diagnostics', () => {
  test('--where without `=`', async () => {
    const result = await run(['report', SMALL, '--where', 'group']);
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toBe(printed(`<command line>:1:${after(`report ${SMALL}`)}  error  Unexpected \`--where group\`, expected \`VAR=VALUE\`  [invalid-option]`));
  }, 60_000);

  test('--where with a variable the project lacks, and a value no note has', async () => {
    const variable = await run(['quotes', SMALL, '--where', 'wave=2']);
    expect(variable.code).toBe(2);
    expect(variable.stderr).toBe(printed(`<command line>:1:${after(`quotes ${SMALL}`)}  error  Unexpected variable \`wave\` in \`--where\`, expected one of \`group\`, \`phase\`, \`method\`  [invalid-option]`));
    const value = await run(['suggest', SMALL, '--where', 'phase=IV']);
    expect(value.code).toBe(2);
    expect(value.stderr).toMatch(new RegExp(`^<command line>:1:${after(`suggest ${SMALL}`)}  error  Unexpected value \`IV\` of \`phase\` in \`--where\`.*  \\[invalid-option\\]\\n\\n1 error\\n$`));
  }, 60_000);

  test('--by with an unknown variable', async () => {
    const result = await run(['report', SMALL, '--by', 'group,wave']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(new RegExp(`^<command line>:1:${after(`report ${SMALL}`)}  error  Unexpected variable \`wave\` in \`--by\`, expected one of \`group\`, .*  \\[invalid-option\\]\\n\\n1 error\\n$`));
  }, 60_000);

  test('--code the codebook lacks: placed at that code, one diagnostic for each', async () => {
    const result = await run(['search', 'lift', SMALL, '--code', 'support', '--code', 'nope', '--code=gone']);
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toBe(
      printed(
        `<command line>:1:${after(`search lift ${SMALL} --code support --code`)}  error  Unexpected code \`nope\` in \`--code\`, expected a code from the codebook  [invalid-option]`,
        `<command line>:1:${after(`search lift ${SMALL} --code support --code nope`)}  error  Unexpected code \`gone\` in \`--code\`, expected a code from the codebook  [invalid-option]`,
      ),
    );
  }, 60_000);

  test('--max-note-size and --jobs that are not numbers', async () => {
    const size = await run(['report', SMALL, '--max-note-size', 'lots']);
    expect(size).toMatchObject({ code: 2, stdout: '' });
    expect(size.stderr).toBe(printed(`<command line>:1:${after(`report ${SMALL}`)}  error  Unexpected \`--max-note-size lots\`, expected a size such as 2M or 500k  [invalid-option]`));
    const jobs = await run(['check', SMALL, '--jobs=0']);
    expect(jobs.code).toBe(2);
    expect(jobs.stderr).toBe(printed(`<command line>:1:${after(`check ${SMALL}`)}  error  Unexpected \`--jobs 0\`, expected a whole number of 1 or more  [invalid-option]`));
  }, 60_000);

  test('a bad $FIELDCODE_CACHE_MAX_SIZE stops a command that reads the cache', async () => {
    const result = await run(['report', SMALL], { env: { FIELDCODE_CACHE_MAX_SIZE: 'huge' } });
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toBe(printed('<command line>:1:1  error  Unexpected FIELDCODE_CACHE_MAX_SIZE=huge, expected a size such as 500M or 2G  [invalid-option]'));
  }, 60_000);
});

describe('an --out that cannot be written', () => {
  test('is a fatal diagnostic at the output path', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'blocker'), 'a file, not a folder\n');
    mkdirSync(join(dir, 'reports'));
    const result = await run(['report', join(process.cwd(), SMALL), '--out', 'blocker/report.txt'], { cwd: dir });
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toMatch(/^blocker\/report\.txt:1:1 {2}error {2}Cannot write `blocker\/report\.txt`: E[A-Z]+ {2}\[write-failed\]\n\n1 error\n$/);
  }, 60_000);
});
