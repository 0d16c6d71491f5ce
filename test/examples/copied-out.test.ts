// The example project is what students copy to start from: it must work on its
// own, away from this repository, with the real CLI.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyToTemp, EXAMPLE, ROOT, runBin } from '../helpers/cli.js';

describe('examples/peer-groups copied out of the repository', () => {
  const dir = copyToTemp(EXAMPLE, 'peer-groups');

  it('check passes', () => {
    const result = runBin(['check'], { cwd: dir });
    expect(result.stderr).toMatch(/19 notes, \d+ codings: no errors found/);
    expect(result.code).toBe(0);
  });

  it('report prints the frequencies', () => {
    const result = runBin(['report', '--format', 'csv'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('reciprocity');
  });

  it('build --check finds every committed report up to date', () => {
    const result = runBin(['build', '--check'], { cwd: dir });
    expect(result.stderr).toMatch(/^\d+ reports are up to date\n$/);
    expect(result.code).toBe(0);
  });

  it('practice start copies the first-round exercise with its codebook', () => {
    const result = runBin(['practice', 'start', join(dir, 'exercises', 'first-round'), join(dir, '..', 'mine')], { cwd: dir });
    expect(result.stderr).not.toMatch(/error/);
    expect(result.code).toBe(0);
  });

  it('its codebook is the bundled one, byte for byte', () => {
    for (const file of ['working-components.yaml', 'codebook.schema.json']) {
      expect(readFileSync(join(EXAMPLE, 'codebook', file)).equals(readFileSync(join(ROOT, 'codebook', file))), file).toBe(true);
    }
  });
});
