import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { copyToTemp, ROOT, run, tempDir } from '../helpers/cli.js';

const BAD = 'test/fixtures/bad-data';
const SMALL = 'test/fixtures/small-project';

describe('fieldcode check', () => {
  test('every bad input gets its message, position and rule, and exit 1', async () => {
    const result = await run(['check', BAD]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      [
        `${BAD}/notes/bad-value.md:3:1  error  Unexpected phase \`IV\`, expected one of \`I\`, \`II\`, \`III\`  [invalid-variable-value]`,
        `${BAD}/notes/broken-front-matter.md:4:1  error  Cannot parse front matter: Flow sequence in block collection must be sufficiently indented and end with a ]  [front-matter-invalid]`,
        `${BAD}/notes/empty.md:5:1  error  Unexpected empty note, expected text after the front matter  [empty-note]`,
        `${BAD}/notes/latin1.md:5:4  error  Cannot decode file as UTF-8, expected UTF-8 text  [unreadable-file]`,
        `${BAD}/notes/missing-variable.md:1:1  error  Missing required variable \`phase\` in front matter, expected one of \`I\`, \`II\`, \`III\`  [missing-variable]`,
        `${BAD}/notes/spans.md:5:12  error  Unexpected \`]{…}\` without an opening \`[\`, expected \`[words]{#code}\`  [unbalanced-span]`,
        `${BAD}/notes/spans.md:7:7  error  Unexpected span crossing emphasis or link markup, expected the span to open and close inside the same markup  [crossing-span]`,
        `${BAD}/notes/unknown-code.md:5:37  error  Unexpected code \`reciprocty\`, expected a code from \`${BAD}/codebook.yaml\` (did you mean \`reciprocity\`?)  [unknown-code]`,
        '',
        '8 errors',
        '',
      ].join('\n'),
    );
  });

  test('a clean project passes with a summary on stderr', async () => {
    const result = await run(['check', SMALL]);
    expect(result).toEqual({ code: 0, stdout: '', stderr: '4 notes, 8 codings: no errors found\n' });
  });

  test('--format json and --format github go to stdout', async () => {
    const json = await run(['check', BAD, '--format', 'json']);
    expect(json.code).toBe(1);
    const parsed = JSON.parse(json.stdout);
    expect(parsed.fieldcode).toBe('diagnostics/1');
    expect(parsed.diagnostics[0]).toEqual({ file: `${BAD}/notes/bad-value.md`, line: 3, column: 1, severity: 'error', message: 'Unexpected phase `IV`, expected one of `I`, `II`, `III`', ruleId: 'invalid-variable-value' });
    const github = await run(['check', BAD, '--format', 'github']);
    expect(github.code).toBe(1);
    expect(github.stdout.split('\n')[0]).toBe(`::error file=${BAD}/notes/bad-value.md,line=3,col=1,title=invalid-variable-value::Unexpected phase \`IV\`, expected one of \`I\`, \`II\`, \`III\``);
  });

  test('warnings pass, unless --strict', async () => {
    const dir = copyToTemp(join(ROOT, SMALL));
    writeFileSync(join(dir, 'fieldcode.yaml'), `${readFileSync(join(dir, 'fieldcode.yaml'), 'utf8')}codebok: other.yaml\n`);
    const loose = await run(['check', dir], { cwd: dir });
    expect(loose.code).toBe(0);
    expect(loose.stderr).toContain('fieldcode.yaml:9:1  warning  Unexpected key `codebok` in project file (did you mean `codebook`?)  [unknown-field]');
    expect((await run(['check', '--strict'], { cwd: dir })).code).toBe(1);
  });

  test('codebook problems are positioned in the codebook', async () => {
    const dir = copyToTemp(join(ROOT, SMALL));
    writeFileSync(join(dir, 'codebook.yaml'), 'codes:\n  - id: support\n  - id: support\n    patterns: ["(x"]\n');
    const result = await run(['check'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('codebook.yaml:3:9  error  Unexpected duplicate code id `support`, first declared at line 2  [duplicate-code-id]');
  });
});

describe('the tool cannot run: exit 2, one line, no stack trace', () => {
  test('unknown flag', async () => {
    const result = await run(['report', SMALL, '--frmat', 'csv']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: unknown option '--frmat'/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  test('bad format choice and unknown variable', async () => {
    expect((await run(['report', SMALL, '--format', 'pdf'])).code).toBe(2);
    const by = await run(['report', SMALL, '--by', 'grop']);
    expect(by).toMatchObject({ code: 2, stdout: '' });
    expect(by.stderr).toBe('<command line>:1:46  error  Unexpected variable `grop` in `--by`, expected one of `group`, `phase`, `method`, `coder`, `speaker`, `role`  [invalid-option]\n\n1 error\n');
  });

  test('unreadable codebook and unparsable project file', async () => {
    const dir = copyToTemp(join(ROOT, SMALL));
    writeFileSync(join(dir, 'codebook.yaml'), 'codes: [\n');
    const codebook = await run(['report'], { cwd: dir });
    expect(codebook.code).toBe(2);
    // A broken codebook or project file is a fatal diagnostic in the usual format (issue 9), not a one-line usage error.
    expect(codebook.stderr).toMatch(/^codebook\.yaml:2:1 {2}error {2}Cannot parse codebook YAML: .* {2}\[codebook-yaml\]\n\n1 error\n$/);
    const missing = await run(['report', '--codebook', 'nope.yaml'], { cwd: dir });
    expect(missing).toEqual({ code: 2, stdout: '', stderr: 'nope.yaml:1:1  error  Cannot find codebook `nope.yaml`  [missing-file]\n\n1 error\n' });
    writeFileSync(join(dir, 'fieldcode.yaml'), 'variables: [\n');
    const config = await run(['report'], { cwd: dir });
    expect(config.code).toBe(2);
    expect(config.stderr).toMatch(/^fieldcode\.yaml:2:1  error  Cannot parse project file: .*  \[config-yaml\]\n/);
  });

  test('unwritable --out leaves nothing behind', async () => {
    const dir = tempDir();
    const locked = join(dir, 'locked');
    mkdirSync(locked);
    chmodSync(locked, 0o500);
    const result = await run(['report', join(ROOT, SMALL), '--out', join(locked, 'report.txt')]);
    chmodSync(locked, 0o700);
    // Root may write anywhere; then the report must be complete instead.
    if (result.code === 0) expect(readFileSync(join(locked, 'report.txt'), 'utf8')).toContain('Code frequencies');
    else {
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/^.*locked\/report\.txt:1:1 {2}error {2}Cannot write `.*report\.txt`: EACCES {2}\[write-failed\]\n\n1 error\n$/);
    }
    // A parent that is a file cannot hold a report, whoever runs the test.
    writeFileSync(join(dir, 'blocker'), 'a file, not a folder\n');
    const blocked = await run(['report', join(ROOT, SMALL), '--out', 'blocker/report.txt'], { cwd: dir });
    expect(blocked).toMatchObject({ code: 2, stdout: '' });
    expect(blocked.stderr).toMatch(/^blocker\/report\.txt:1:1 {2}error {2}Cannot write `blocker\/report\.txt`: E[A-Z]+ {2}\[write-failed\]\n\n1 error\n$/);
    expect(readFileSync(join(dir, 'blocker'), 'utf8')).toBe('a file, not a folder\n');
  });

  test('a folder that does not exist', async () => {
    expect(await run(['report', 'no/such/folder'])).toEqual({ code: 2, stdout: '', stderr: 'no/such/folder:1:1  error  Cannot find `no/such/folder`: no such file or folder  [missing-file]\n\n1 error\n' });
  });
});
