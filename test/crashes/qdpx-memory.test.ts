// Issue 16 item 9: `.qdpx` import ran out of memory within its own limits
// (a 205 KB archive holding one 200 MB source used 5.5 GB), and inflated
// every entry, used or not. Now only project.qde and the sources it refers
// to are inflated, the offset tables are typed arrays, and the per-entry
// limit is what the importer can process. Memory is measured in a child
// process against a generous bound; no timing is asserted.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { BIN, tempDir } from '../helpers/cli.js';
import { writeZip } from '../../src/refi/zip.js';

const SOURCE = '44444444-4444-4444-8444-444444444444';
const QDE = `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Big" origin="Test 1">
<CodeBook><Codes><Code guid="11111111-1111-4111-8111-111111111111" name="Stress" isCodable="true"/></Codes></CodeBook>
<Sources><TextSource guid="${SOURCE}" name="P01" plainTextPath="internal://${SOURCE}.txt"><PlainTextSelection guid="66666666-6666-4666-8666-666666666666" name="stressful" startPosition="7" endPosition="16"><Coding guid="77777777-7777-4777-8777-777777777777"><CodeRef targetGUID="11111111-1111-4111-8111-111111111111"/></Coding></PlainTextSelection></TextSource></Sources>
</Project>
`;

/** Runs the CLI in a child that records its peak resident memory (in KiB) on exit. */
function importWithRss(dir: string, qdpx: string): { code: number | null; stderr: string; maxRssMiB: number } {
  const preload = join(dir, 'rss.mjs');
  const out = join(dir, 'rss.txt');
  writeFileSync(preload, `import { writeFileSync } from 'node:fs';\nprocess.on('exit', () => writeFileSync(${JSON.stringify(out)}, String(process.resourceUsage().maxRSS)));\n`);
  const result = spawnSync(process.execPath, ['--import', preload, BIN, 'import', qdpx, '--into', join(dir, 'project'), '-q'], { cwd: dir, encoding: 'utf8', timeout: 240_000 });
  return { code: result.status, stderr: result.stderr, maxRssMiB: Number(readFileSync(out, 'utf8')) / 1024 };
}

describe('.qdpx import memory', () => {
  test('a 15 MB source beside an unreferenced 100 MB entry imports within 1.5 GB', () => {
    const dir = tempDir();
    const line = 'It was stressful. But fine.\n';
    const text = line.repeat(Math.floor((15 * 1024 * 1024) / line.length));
    const qdpx = join(dir, 'big.qdpx');
    const encoder = new TextEncoder();
    writeFileSync(qdpx, writeZip([
      { name: 'project.qde', data: encoder.encode(QDE) },
      { name: `sources/${SOURCE}.txt`, data: encoder.encode(text) },
      { name: 'sources/unused.bin', data: new Uint8Array(100 * 1024 * 1024) },
    ]));
    const result = importWithRss(dir, qdpx);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const note = readFileSync(join(dir, 'project', 'notes', 'P01.md'), 'utf8');
    expect(note.endsWith(text)).toBe(true);
    expect(result.maxRssMiB).toBeLessThan(1536);
  }, 300_000);
});
