// A file or folder a command cannot use stops it with a fatal diagnostic placed
// in that file (exit 2), never a bare `fieldcode: …` line.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { run, tempDir } from '../helpers/cli.js';

describe('files a command cannot use', () => {
  test('codebook: a missing file and one with no code left', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'broken.yaml'), 'name: x\ncodes: [\n');
    const missing = await run(['codebook', 'nope.yaml'], { cwd: dir });
    expect(missing).toEqual({ code: 2, stdout: '', stderr: 'nope.yaml:1:1  error  Cannot read codebook `nope.yaml`: Cannot read file (ENOENT)  [unreadable-file]\n\n1 error\n' });
    const broken = await run(['codebook', 'broken.yaml'], { cwd: dir });
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/^broken\.yaml:3:1  error  Cannot parse codebook YAML: .*  \[codebook-yaml\]\n\n1 error\n$/);
  }, 60_000);

  test('cache stats and --config: a folder or project file that is not there', async () => {
    const dir = tempDir();
    expect(await run(['cache', 'stats', 'nope'], { cwd: dir })).toEqual({ code: 2, stdout: '', stderr: 'nope:1:1  error  Cannot find `nope`: no such file or folder  [missing-file]\n\n1 error\n' });
    expect(await run(['report', '.', '--config', 'other.yaml'], { cwd: dir })).toEqual({ code: 2, stdout: '', stderr: 'other.yaml:1:1  error  Cannot find project file `other.yaml`  [missing-file]\n\n1 error\n' });
  }, 60_000);
});
