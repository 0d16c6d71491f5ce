// Issue 16 item 13: duplicate rows in a codings CSV gave duplicate codings
// silently (each counted twice). Now a warning, and the coding is imported once.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { run, tempDir } from '../helpers/cli.js';

describe('codings CSV', () => {
  test('a repeated row is a warning at its line and imported once', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'sources'));
    writeFileSync(join(dir, 'sources', 'P1.txt'), 'It was stressful. But fine.\n');
    writeFileSync(join(dir, 'codings.csv'), 'doc,coder,code,start,end\nP1,ana,stress,7,16\nP1,ana,stress,7,16\nP1,bo,stress,7,16\n');
    const result = await run(['import', join(dir, 'codings.csv'), '--sources', join(dir, 'sources'), '--into', join(dir, 'out')], { cwd: dir });
    expect(result.stderr).toMatch(/codings\.csv:3:1 +warning +Unexpected duplicate of the row on line 2 \(same document, offsets, code and coder\), expected each coding once; it is imported once +\[duplicate-row\]/);
    expect(result.code).toBe(0);
    const standoff = readFileSync(join(dir, 'out', 'notes', 'P1.codings.yaml'), 'utf8');
    expect(standoff.match(/code: stress/g)).toHaveLength(2);
  }, 60_000);
});
