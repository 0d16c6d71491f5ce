// A fresh clone has no ../shared beside it: the tests that read it must skip
// with one line saying why, and CI's entry point must refuse to run without it.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../helpers/cli.js';

/** A copy of the repository's test setup in a folder with no ../shared beside it. */
function cloneWithoutShared(): string {
  const repo = join(tempDir(), 'fc');
  mkdirSync(join(repo, 'test', 'helpers'), { recursive: true });
  for (const file of ['vitest.config.ts', 'test/helpers/shared.ts', 'test/helpers/shared-reporter.ts', 'package.json', '.ci/run']) {
    cpSync(join(ROOT, file), join(repo, file));
  }
  symlinkSync(join(ROOT, 'node_modules'), join(repo, 'node_modules'));
  return repo;
}

describe('a fresh clone without ../shared', () => {
  it('npm test skips the tests tagged `shared` and says so in one line', () => {
    const repo = cloneWithoutShared();
    writeFileSync(
      join(repo, 'test', 'data.test.ts'),
      `import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sharedPath, USES_SHARED } from './helpers/shared.js';
describe('needs ../shared', USES_SHARED, () => {
  it('reads it', () => expect(readFileSync(sharedPath('irr', 'vectors.json'), 'utf8')).not.toBe(''));
  it('reads it again', () => expect(readFileSync(sharedPath('irr', 'vectors.json'), 'utf8')).not.toBe(''));
});
it('runs anyway', () => expect(1 + 1).toBe(2));
`,
    );
    const result = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'vitest', 'vitest.mjs'), 'run'], { cwd: repo, encoding: 'utf8', env: { ...process.env, CI: '' } });
    expect(result.status, result.stderr).toBe(0);
    const lines = result.stdout.split('\n').filter((line) => line.includes('../shared'));
    expect(lines).toEqual(['../shared not found: 2 tests that use real data, reference vectors or schemas are skipped']);
    expect(result.stdout).toMatch(/1 passed/);
  });

  it('.ci/run stops with exit 2 before installing anything', () => {
    const repo = cloneWithoutShared();
    const result = spawnSync('bash', [join(repo, '.ci', 'run')], { cwd: repo, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
    expect(result.status).toBe(2);
    expect(result.stderr).toBe('.ci/run: ../shared not found beside the repository; CI runs the tests that use its real data, vectors and schemas\n');
    expect(result.stdout).toBe('');
  });
});
