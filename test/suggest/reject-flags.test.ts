// `suggest --reject PATH:LINE --code ID`: a malformed or incomplete request is
// a fatal diagnostic placed on the command line (exit 2), and nothing is written.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { copyToTemp, run } from '../helpers/cli.js';

const SMALL = 'test/fixtures/small-project';
const NOTE = 'notes/north-I.md';

describe('suggest --reject: bad requests', () => {
  test('not PATH:LINE, no --code, or with --all', async () => {
    const dir = copyToTemp(SMALL);
    const malformed = await run(['suggest', '--reject', NOTE, '--code', 'reciprocity'], { cwd: dir });
    expect(malformed).toEqual({ code: 2, stdout: '', stderr: `<command line>:1:19  error  Unexpected \`--reject ${NOTE}\`, expected \`PATH:LINE\`, e.g. \`notes/interview.md:12\`  [invalid-option]\n\n1 error\n` });
    const noCode = await run(['suggest', '--reject', `${NOTE}:7`], { cwd: dir });
    expect(noCode).toEqual({ code: 2, stdout: '', stderr: '<command line>:1:19  error  Missing --code for --reject, expected `--reject PATH:LINE --code ID`  [invalid-option]\n\n1 error\n' });
    const all = await run(['suggest', '--reject', `${NOTE}:7`, '--code', 'reciprocity', '--all'], { cwd: dir });
    expect(all.code).toBe(2);
    expect(all.stderr).toBe(`<command line>:1:${`fieldcode suggest --reject ${NOTE}:7 --code reciprocity `.length + 1}  error  Unexpected --all together with --reject  [invalid-option]\n\n1 error\n`);
    expect(existsSync(join(dir, 'decisions'))).toBe(false);
  }, 60_000);
});
