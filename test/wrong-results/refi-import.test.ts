// Issue 16 item 22: REFI-QDA import says what it leaves out and refuses what
// it cannot read; exported source names are safe as file names elsewhere.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { EXAMPLE, run, tempDir } from '../helpers/cli.js';
import { readZip, writeZip } from '../../src/refi/zip.js';

const enc = new TextEncoder();
const CODE = '11111111-1111-4111-8111-111111111111';
const USER = '33333333-3333-4333-8333-333333333333';
const SOURCE = '44444444-4444-4444-8444-444444444444';
const SET = '55555555-5555-4555-8555-555555555555';

function qdpx(sources: string, entries: Array<[string, string]>, extra = ''): string {
  const xml = `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Test" origin="NVivo for Windows 12.6">
<Users><User guid="${USER}" name="Ana"/></Users>
<CodeBook><Codes><Code guid="${CODE}" name="Stress" isCodable="true"/></Codes></CodeBook>
<Sources>${sources}</Sources>
${extra}
</Project>
`;
  const path = join(tempDir(), 'study.qdpx');
  writeFileSync(path, writeZip([{ name: 'project.qde', data: enc.encode(xml) }, ...entries.map(([name, text]) => ({ name, data: enc.encode(text) }))]));
  return path;
}

describe('REFI-QDA import', () => {
  it('a document Set not named `var: value` gets the promised diagnostic', async () => {
    const file = qdpx(
      `<TextSource guid="${SOURCE}" name="P01" plainTextPath="internal://${SOURCE}.txt"/>`,
      [[`sources/${SOURCE}.txt`, 'It was stressful.\n']],
      `<Sets><Set guid="${SET}" name="Pilot interviews"><MemberSource targetGUID="${SOURCE}"/></Set></Sets>`,
    );
    const result = await run(['import', file, '--into', join(tempDir(), 'out')]);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/project\.qde:6:\d+ +warning +Document set "Pilot interviews" is not imported: only sets named `variable: value` \(such as `group: de-brug`\) become variables +\[refi-not-imported\]/);
  });

  it('an NVivo project whose text is only in .docx files is an error, not empty notes', async () => {
    const file = qdpx(`<TextSource guid="${SOURCE}" name="P01" richTextPath="internal://${SOURCE}.docx" plainTextPath="internal://${SOURCE}.txt"/>`, [
      [`sources/${SOURCE}.txt`, '\ufeff'],
      [`sources/${SOURCE}.docx`, 'PK not really a docx'],
    ]);
    const into = join(tempDir(), 'out');
    const result = await run(['import', file, '--into', into]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/project\.qde:5:\d+ +error +Source "P01" has its text only in a \.docx \(internal:\/\/.*\.docx\); its plain text is empty\. Export again with plain text sources, or convert the \.docx to text +\[refi-missing-source\]/);
    expect(existsSync(join(into, 'notes'))).toBe(false);
  });

  it('source names in an export have no `/`, and a fieldcode round trip keeps the folders', async () => {
    const dir = tempDir();
    const out = join(dir, 'example.qdpx');
    expect((await run(['export', EXAMPLE, '--out', out])).code).toBe(0);
    const zip = readZip(readFileSync(out));
    if ('problem' in zip) throw new Error(zip.problem.message);
    const qde = new TextDecoder().decode(zip.entries.find((e) => e.name === 'project.qde')!.data);
    const names = (new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (n) => n === 'TextSource' }).parse(qde).Project.Sources.TextSource as Array<{ name: string }>).map((s) => s.name);
    // Two notes are called I-observation.md: the folder joins the name with `--`.
    expect(names).toContain('de-brug--I-observation');
    expect(names.filter((n) => /[/\\:*?"<>|]/.test(n))).toEqual([]);
    const into = join(dir, 'back');
    const back = await run(['import', out, '--into', into, '-q']);
    expect(back.code, back.stderr).toBe(0);
    expect(existsSync(join(into, 'notes', 'de-brug', 'I-observation.md'))).toBe(true);
  }, 60_000);
});
