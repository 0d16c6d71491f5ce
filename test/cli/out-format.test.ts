// `--out x.csv` without `--format` writes the format the extension names, as
// `build` does for declared reports (issue 9); an explicit --format wins.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, run, tempDir } from '../helpers/cli.js';

const SMALL = join(ROOT, 'test', 'fixtures', 'small-project');

describe('--out picks the format from its extension', () => {
  it('report --out x.csv writes CSV, x.json JSON, and --format still wins', async () => {
    const dir = tempDir();
    expect((await run(['report', SMALL, '--out', join(dir, 'r.csv')])).code).toBe(0);
    expect(readFileSync(join(dir, 'r.csv'), 'utf8').split('\n')[0]).toMatch(/^code,/);
    expect((await run(['report', SMALL, '--out', join(dir, 'r.json')])).code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')).fieldcode).toBe('frequencies/1');
    expect((await run(['report', SMALL, '--format', 'markdown', '--out', join(dir, 'm.csv')])).code).toBe(0);
    expect(readFileSync(join(dir, 'm.csv'), 'utf8')).toMatch(/^# /);
    // An extension the command has no format for falls back to its default.
    expect((await run(['report', SMALL, '--out', join(dir, 'r.out')])).code).toBe(0);
    expect(readFileSync(join(dir, 'r.out'), 'utf8')).not.toMatch(/^code,|^\{/);
  });

  it('check --out x.sarif writes SARIF', async () => {
    const dir = tempDir();
    await run(['check', SMALL, '--out', join(dir, 'c.sarif')]);
    expect(JSON.parse(readFileSync(join(dir, 'c.sarif'), 'utf8')).version).toBe('2.1.0');
  });
});
