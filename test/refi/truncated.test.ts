// A truncated .qdc (a download cut short) is rejected where the data ends,
// at the line xmllint names, with the element left open; not at 1:1.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLE, run, tempDir } from '../helpers/cli.js';

describe('a truncated .qdc', () => {
  it('is an error at the end of the data, naming the open element; nothing is written', async () => {
    const dir = tempDir();
    const full = join(dir, 'full.qdc');
    expect((await run(['export', EXAMPLE, '--format', 'qdc', '--out', full, '-q'])).code).toBe(0);
    const text = readFileSync(full, 'utf8');
    const cut = text.slice(0, text.indexOf('<Description>', 4000) + 40);
    const truncated = join(dir, 'cut.qdc');
    writeFileSync(truncated, cut);
    const lastLine = cut.split('\n').length;
    const openedAt = cut.slice(0, cut.lastIndexOf('<Description>')).split('\n').length;

    const result = await run(['import', truncated, '--into', join(dir, 'out')], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`cut.qdc:${lastLine}:`);
    expect(result.stderr).toContain(`Premature end of data in element Description, opened at line ${openedAt}; the file may be truncated)  [xml-not-well-formed]`);
    expect(result.stderr).not.toContain(':1:1 ');
    expect(existsSync(join(dir, 'out'))).toBe(false);

    const xmllint = spawnSync('xmllint', ['--noout', truncated], { encoding: 'utf8' });
    if (!xmllint.error) expect(xmllint.stderr).toContain(`cut.qdc:${lastLine}: parser error : Premature end of data in tag Description line ${openedAt}`);
  });
});
