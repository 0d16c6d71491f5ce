// DOCX through mammoth, on a document built here (the shared samples have no
// bold labels): the smallest WordprocessingML package mammoth accepts, with a
// title and a `Date:` line before the first turn, bold `Name:` runs, a label
// split over two runs, an unlabelled continuation and a bracketed aside.
import { zipSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parseTranscript } from '../../src/transcripts/index.js';

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

function run(text: string, bold = false): string {
  return `<w:r>${bold ? '<w:rPr><w:b/></w:rPr>' : ''}<w:t xml:space="preserve">${text}</w:t></w:r>`;
}

function docx(paragraphs: string[][]): Uint8Array {
  const body = paragraphs.map((runs) => `<w:p>${runs.join('')}</w:p>`).join('');
  return zipSync({
    '[Content_Types].xml': strToU8('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'),
    '_rels/.rels': strToU8('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'),
    'word/document.xml': strToU8(`<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="${W}"><w:body>${body}</w:body></w:document>`),
  });
}

describe('DOCX transcripts', () => {
  const bytes = docx([
    [run('Focusgroep Noord, sessie 2')],
    [run('Date: 5 March 2024')],
    [],
    [run('Anna:', true), run(' Welkom allemaal.')],
    [run('Fijn dat jullie er zijn.')],
    [run('Br', true), run('am:', true), run('\tDank je.')],
    [run('[gelach]')],
    [run('Anna:', true), run(' Zullen we beginnen?')],
  ]);

  it('reads bold labels, keeps the header as preamble and the date, and numbers paragraphs', async () => {
    const { transcript, diagnostics } = await parseTranscript('fg.docx', bytes);
    expect(diagnostics).toEqual([]);
    expect(transcript!.format).toBe('docx');
    expect(transcript!.preamble).toBe('Focusgroep Noord, sessie 2\n\nDate: 5 March 2024');
    expect(transcript!.date).toBe('2024-03-05');
    expect(transcript!.speakers).toEqual(['Anna', 'Bram']);
    expect(transcript!.turns.map((t) => [t.speaker, t.text, t.line])).toEqual([
      ['Anna', 'Welkom allemaal. Fijn dat jullie er zijn.', 4],
      ['Bram', 'Dank je.', 6],
      [null, '[gelach]', 7],
      ['Anna', 'Zullen we beginnen?', 8],
    ]);
  });

  it('is deterministic', async () => {
    const a = await parseTranscript('fg.docx', bytes);
    const b = await parseTranscript('fg.docx', bytes);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });
});

describe('DOCX with hyphen separators', () => {
  it('reads `Name-text` labels when the document has no `Name:` labels and a label recurs', async () => {
    const bytes = docx([[run('Researcher 2-October 7, 1892.')], [run('Teacher 4-Students it’s time to learn.')], [run('[Student discussion]')], [run('Multiple Students-Yes teacher.')], [run('Teacher 4-Let’s read this well-known book.')]]);
    const { transcript } = await parseTranscript('h.docx', bytes);
    expect(transcript!.turns.map((t) => [t.speaker, t.text])).toEqual([
      ['Researcher 2', 'October 7, 1892.'],
      ['Teacher 4', 'Students it’s time to learn.'],
      [null, '[Student discussion]'],
      ['Multiple Students', 'Yes teacher.'],
      ['Teacher 4', 'Let’s read this well-known book.'],
    ]);
  });

  it('leaves prose alone: one hyphenated opening is not a label', async () => {
    const bytes = docx([[run('Well-known facts first.')], [run('Then the rest.')]]);
    const { transcript } = await parseTranscript('p.docx', bytes);
    expect(transcript!.speakers).toEqual([]);
    expect(transcript!.turns[0].text).toBe('Well-known facts first.');
  });
});

describe('DOCX bounds', () => {
  it('refuses an archive whose entries unpack to more than the bound, before inflating it', async () => {
    // A real bomb takes long to build; the declared sizes are what is checked, so a small archive
    // gets a 4 GB uncompressed size written into its local and central headers (offsets 22 and 24).
    const bomb = zipSync({ 'word/document.xml': strToU8('<w:document/>') });
    const view = new DataView(bomb.buffer, bomb.byteOffset, bomb.byteLength);
    for (let i = 0; i + 4 <= bomb.length; i++) {
      const signature = view.getUint32(i, true);
      if (signature === 0x04034b50) view.setUint32(i + 22, 0xfffffff0, true);
      if (signature === 0x02014b50) view.setUint32(i + 24, 0xfffffff0, true);
    }
    const { transcript, diagnostics } = await parseTranscript('bomb.docx', bomb);
    expect(transcript).toBeNull();
    expect(diagnostics).toMatchObject([{ ruleId: 'transcript-too-large', severity: 'error' }]);
  });
});
