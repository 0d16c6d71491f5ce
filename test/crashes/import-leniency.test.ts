// Issue 16 item 13, import leniencies: `startPosition="0x1"` was read as 1,
// two TextSources with one GUID imported without a word, and a UTF-16 source
// without a BOM imported as text full of NULs.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { run, tempDir } from '../helpers/cli.js';
import { writeZip } from '../../src/refi/zip.js';

const CODE = '11111111-1111-4111-8111-111111111111';
const S1 = '44444444-4444-4444-8444-444444444444';
const S2 = '55555555-5555-4555-8555-555555555555';

function selection(start: string, end: string): string {
  return `<PlainTextSelection guid="66666666-6666-4666-8666-666666666666" name="stressful" startPosition="${start}" endPosition="${end}"><Coding guid="77777777-7777-4777-8777-777777777777"><CodeRef targetGUID="${CODE}"/></Coding></PlainTextSelection>`;
}

function qdpx(sources: string, files: Record<string, Uint8Array>): { dir: string; path: string } {
  const qde = `<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0" name="T" origin="Test 1">\n<CodeBook><Codes><Code guid="${CODE}" name="Stress" isCodable="true"/></Codes></CodeBook>\n<Sources>\n${sources}\n</Sources>\n</Project>\n`;
  const dir = tempDir();
  const path = join(dir, 'in.qdpx');
  writeFileSync(path, writeZip([{ name: 'project.qde', data: new TextEncoder().encode(qde) }, ...Object.entries(files).map(([name, data]) => ({ name, data }))]));
  return { dir, path };
}

const TEXT = new TextEncoder().encode('It was stressful. But fine.\n');

describe('REFI-QDA import leniencies', () => {
  test('startPosition="0x1" is an error naming the attribute, not position 1', async () => {
    const { dir, path } = qdpx(`<TextSource guid="${S1}" name="P01" plainTextPath="internal://${S1}.txt">${selection('0x1', '16')}</TextSource>`, { [`sources/${S1}.txt`]: TEXT });
    const result = await run(['import', path, '--into', join(dir, 'out')], { cwd: dir });
    expect(result.stderr).toMatch(/in\.qdpx\/project\.qde:5:\d+ +error +Unexpected startPosition="0x1" of a selection in source "P01", expected a whole number in decimal digits +\[refi-offset-out-of-range\]/);
    expect(result.code).toBe(1);
  }, 60_000);

  test('two TextSources with one guid are a warning', async () => {
    const { dir, path } = qdpx(
      `<TextSource guid="${S1}" name="P01" plainTextPath="internal://${S1}.txt"/>\n<TextSource guid="${S1}" name="P02" plainTextPath="internal://${S2}.txt"/>`,
      { [`sources/${S1}.txt`]: TEXT, [`sources/${S2}.txt`]: TEXT },
    );
    const result = await run(['import', path, '--into', join(dir, 'out')], { cwd: dir });
    expect(result.stderr).toMatch(/project\.qde:6:1 +warning +Source "P02" has the guid 44444444-4444-4444-8444-444444444444 of source "P01" \(line 5\).*\[refi-duplicate-guid\]/);
  }, 60_000);

  test('a UTF-16LE source without a BOM is read as UTF-16, with a warning', async () => {
    const utf16 = new Uint8Array(Buffer.from('It was stressful. Dat was zwaar.\n', 'utf16le'));
    const { dir, path } = qdpx(`<TextSource guid="${S1}" name="P01" plainTextPath="internal://${S1}.txt">${selection('7', '16')}</TextSource>`, { [`sources/${S1}.txt`]: utf16 });
    const result = await run(['import', path, '--into', join(dir, 'out')], { cwd: dir });
    expect(result.stderr).toMatch(/warning +Source "P01" has no byte order mark but is UTF-16 \(every other byte is NUL\); read as UTF-16LE +\[refi-not-utf8\]/);
    expect(result.code).toBe(0);
    const note = readFileSync(join(dir, 'out', 'notes', 'P01.md'), 'utf8');
    expect(note).toContain('It was stressful. Dat was zwaar.');
    expect(note).not.toContain('\0');
    expect(existsSync(join(dir, 'out', 'notes', 'P01.codings.yaml')) || note.includes('{#stress}')).toBe(true);
  }, 60_000);
});
