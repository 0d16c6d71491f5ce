// `fieldcode export`: a request it cannot carry out is a fatal diagnostic,
// on the command line for flags and at the path for a file it cannot write.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ROOT, run, tempDir } from '../helpers/cli.js';

const SMALL = join(ROOT, 'test/fixtures/small-project');

describe('export: problems that stop it', () => {
  test('no format, and a .qdpx archive to the terminal', async () => {
    const none = await run(['export', SMALL, '--out', 'codes.txt']);
    expect(none).toMatchObject({ code: 2, stdout: '' });
    expect(none.stderr).toBe(`<command line>:1:${`fieldcode export ${SMALL} `.length + 1}  error  Cannot tell what to export: pass \`--format qdc\` or \`--format qdpx\` (or an --out path ending in .qdc or .qdpx)  [invalid-option]\n\n1 error\n`);
    const terminal = await run(['export', SMALL, '--format', 'qdpx']);
    expect(terminal.code).toBe(2);
    expect(terminal.stderr).toBe(`<command line>:1:${`fieldcode export ${SMALL} `.length + 1}  error  Cannot write a .qdpx archive to the terminal: pass \`--out FILE.qdpx\`  [invalid-option]\n\n1 error\n`);
  }, 60_000);

  test('an --out that cannot be written', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'blocker'), 'a file, not a folder\n');
    const result = await run(['export', SMALL, '--out', 'blocker/codes.qdc', '--quiet'], { cwd: dir });
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toMatch(/^blocker\/codes\.qdc:1:1  error  Cannot write `blocker\/codes\.qdc`: E[A-Z]+  \[write-failed\]\n\n1 error\n$/);
  }, 60_000);
});
