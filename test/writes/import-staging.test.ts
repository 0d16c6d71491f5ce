// Issue 15 item 12: `import` writes everything or nothing. A name too long for
// the file system is a clear error before anything is written, and a write
// that fails half-way leaves the target folder as it was.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { run, tempDir } from '../helpers/cli.js';
import { writeZip } from '../../src/refi/zip.js';

const SOURCE = '44444444-4444-4444-8444-444444444444';
const CODE = '11111111-1111-4111-8111-111111111111';

function qdpx(sourceName: string, sources = 1): Uint8Array {
  const enc = new TextEncoder();
  const list = Array.from({ length: sources }, (_, i) => `<TextSource guid="${SOURCE.slice(0, -1)}${i}" name="${i === 0 ? sourceName : `source ${i}`}" plainTextPath="internal://${SOURCE.slice(0, -1)}${i}.txt"/>`).join('');
  const xml = `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Test" origin="Test 1">
<CodeBook><Codes><Code guid="${CODE}" name="Stress" isCodable="true"/></Codes></CodeBook>
<Sources>${list}</Sources>
</Project>
`;
  const entries = [{ name: 'project.qde', data: enc.encode(xml) }];
  for (let i = 0; i < sources; i++) entries.push({ name: `sources/${SOURCE.slice(0, -1)}${i}.txt`, data: enc.encode(`Text of source ${i}.\n`) });
  return writeZip(entries);
}

describe('import writes all or nothing', { timeout: 60_000 }, () => {
  test('a 300-character source name is a clear error and nothing is written', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'long.qdpx'), qdpx('n'.repeat(300)));
    const into = join(dir, 'project');
    const result = await run(['import', join(dir, 'long.qdpx'), '--into', into]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/error .*longer than 200 bytes.*\[name-too-long\]/);
    expect(result.stderr).toContain('nothing written');
    expect(readdirSync(dir)).toEqual(['long.qdpx']);
  });

  test('a write that fails half-way (a folder where the last note goes): nothing is left behind', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'ok.qdpx'), qdpx('interview', 3));
    const into = join(dir, 'project');
    // --force skips the overwrite check, so the failure comes from the write itself.
    mkdirSync(join(into, 'notes', 'source-2.md'), { recursive: true });
    const result = await run(['import', join(dir, 'ok.qdpx'), '--into', into, '--force']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Cannot write .*source-2\.md.*nothing was written/);
    expect(readdirSync(into)).toEqual(['notes']);
    expect(readdirSync(join(into, 'notes'))).toEqual(['source-2.md']);
  });
});
