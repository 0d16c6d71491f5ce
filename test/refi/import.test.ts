import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { XMLParser } from 'fast-xml-parser';
import { unzipSync } from 'fflate';
import { parse as parseYaml } from 'yaml';
import { escapeTags, importQdc, importQdpx, survivesAsMarkdown, type ImportResult } from '../../src/refi/import.js';
import { exportQdpx } from '../../src/refi/project-xml.js';
import { checkQdpx } from '../../src/refi/semantic-check.js';
import { writeZip, type ZipEntry } from '../../src/refi/zip.js';
import { readCodebook } from '../../src/codebook/read.js';
import { EXAMPLE, load, QC_DEMO, qdcOf, TRICKY, writeFiles } from './helpers.js';
import { HAVE_SHARED, USES_SHARED } from '../helpers/shared.js';

const enc = new TextEncoder();
const entry = (name: string, text: string | Uint8Array): ZipEntry => ({ name, data: typeof text === 'string' ? enc.encode(text) : text });

const CODE_A = '11111111-1111-4111-8111-111111111111';
const CODE_B = '22222222-2222-4222-8222-222222222222';
const USER = '33333333-3333-4333-8333-333333333333';
const SOURCE = '44444444-4444-4444-8444-444444444444';
const VAR = '55555555-5555-4555-8555-555555555555';

function qde(options: { origin?: string; ns?: string; selections?: string; source?: string; extra?: string; codeRef?: string } = {}): string {
  const selections =
    options.selections ??
    `<PlainTextSelection guid="66666666-6666-4666-8666-666666666666" name="stressful" startPosition="7" endPosition="16"><Coding guid="77777777-7777-4777-8777-777777777777" creatingUser="${USER}"><CodeRef targetGUID="${options.codeRef ?? CODE_A}"/></Coding></PlainTextSelection>`;
  return `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="${options.ns ?? 'urn:QDA-XML:project:1.0'}" name="Test" origin="${options.origin ?? 'Test 1'}">
<Users><User guid="${USER}" name="Ana"/></Users>
<CodeBook><Codes><Code guid="${CODE_A}" name="Stress" isCodable="true" color="rgb(231,76,60)"><Description>Pressure.</Description><Code guid="${CODE_B}" name="Über-Stress" isCodable="true"/></Code></Codes></CodeBook>
<Variables><Variable guid="${VAR}" name="group" typeOfVariable="Text"/></Variables>
${options.extra ?? ''}
<Sources><TextSource guid="${SOURCE}" name="P01 interview" plainTextPath="${options.source ?? `internal://${SOURCE}.txt`}">${selections}</TextSource></Sources>
</Project>
`;
}

const TEXT = 'It was stressful. But fine.\n';
const archive = (files: ZipEntry[]): Uint8Array => writeZip(files);
const good = (overrides: Parameters<typeof qde>[0] = {}, text = TEXT): Uint8Array => archive([entry('project.qde', qde(overrides)), entry(`sources/${SOURCE}.txt`, text)]);

function expectError(result: ImportResult, ruleId: string, at?: { file?: string; line?: number; column?: number }): void {
  expect(result.files).toEqual([]);
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  expect(errors.map((d) => d.ruleId)).toContain(ruleId);
  const first = errors.find((d) => d.ruleId === ruleId)!;
  expect(first.message.length).toBeGreaterThan(10);
  if (at?.file) expect(first.file).toBe(at.file);
  if (at?.line) expect(first.line).toBe(at.line);
  if (at?.column) expect(first.column).toBe(at.column);
}

function file(result: ImportResult, path: string): string {
  const found = result.files.find((f) => f.path === path);
  if (!found) throw new Error(`no ${path} in ${result.files.map((f) => f.path).join(', ')}`);
  return found.content;
}

describe('importQdpx on a small project', () => {
  it('writes a note with front matter, a codebook, standoff codings and fieldcode.yaml', () => {
    const result = importQdpx(good({ extra: `<Cases><Case guid="88888888-8888-4888-8888-888888888888" name="P01"><VariableValue><VariableRef targetGUID="${VAR}"/><TextValue>mentored</TextValue></VariableValue><SourceRef targetGUID="${SOURCE}"/></Case></Cases>` }), { path: 'study.qdpx' });
    expect(result.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    expect(result.files.map((f) => f.path)).toEqual(['codebook.yaml', 'fieldcode.yaml', 'notes/P01-interview.codings.yaml', 'notes/P01-interview.md']);
    expect(file(result, 'notes/P01-interview.md')).toBe(`---\ngroup: mentored\n---\n${TEXT}`);
    const standoff = parseYaml(file(result, 'notes/P01-interview.codings.yaml'));
    expect(standoff).toMatchObject({ fieldcode: 'standoff/1', note: 'P01-interview.md', coder: 'Ana', codings: [{ code: 'stress', start: 31, end: 40, quote: 'stressful' }] });
    const codebook = parseYaml(file(result, 'codebook.yaml'));
    expect(codebook.codes).toEqual([{ id: 'stress', label: 'Stress', definition: 'Pressure.', color: '#E74C3C', codes: [{ id: 'uber-stress', label: 'Über-Stress' }] }]);
    expect(readCodebook('codebook.yaml', file(result, 'codebook.yaml')).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(parseYaml(file(result, 'fieldcode.yaml'))).toEqual({ name: 'Test', codebook: 'codebook.yaml', notes: ['notes/**/*.md'], variables: { group: {} }, coder: 'Ana' });
  });

  it('is lenient: braces, lowercase GUIDs, Sources/ folder, bare paths, BOMs, other namespace versions', () => {
    const lower = (s: string): string => `{${s.toLowerCase()}}`;
    const xml = `\uFEFF${qde({ ns: 'urn:QDA-XML:project:0:4', source: `${SOURCE}.TXT`, codeRef: lower(CODE_A) })}`;
    const result = importQdpx(archive([entry('project.qde', xml), entry(`Sources/${SOURCE}.txt`, `\uFEFF${TEXT}`)]));
    expect(result.diagnostics.map((d) => d.ruleId)).toEqual(['refi-namespace']);
    expect(result.diagnostics[0].severity).toBe('warning');
    expect(parseYaml(file(result, 'notes/P01-interview.codings.yaml')).codings[0].quote).toBe('stressful');
    expect(file(result, 'notes/P01-interview.md').includes('\uFEFF')).toBe(false);
  });

  it('reads a project.qde written in UTF-16 with a BOM', () => {
    const utf16 = new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(qde().replace('utf-8', 'utf-16'), 'utf16le')]));
    const result = importQdpx(archive([entry('project.qde', utf16), entry(`sources/${SOURCE}.txt`, TEXT)]));
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(parseYaml(file(result, 'notes/P01-interview.codings.yaml')).codings[0].quote).toBe('stressful');
  });

  it('reads a source written in UTF-32 with a BOM (it used to come out as UTF-16 with NULs)', () => {
    const utf32 = new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), ...Array.from(TEXT).map((ch) => { const b = Buffer.alloc(4); b.writeUInt32LE(ch.codePointAt(0)!); return b; })]));
    const result = importQdpx(archive([entry('project.qde', qde()), entry(`sources/${SOURCE}.txt`, utf32)]));
    expect(result.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    expect(file(result, 'notes/P01-interview.md')).toBe(TEXT);
    expect(parseYaml(file(result, 'notes/P01-interview.codings.yaml')).codings[0].quote).toBe('stressful');
  });

  it('reads NVivo offsets as UTF-16 units with CRLF counted twice', () => {
    const text = 'Hi 😀😀\r\nIt was stressful.\r\n';
    // "stressful" is at UTF-16 index 16 in the CRLF text.
    const selections = `<PlainTextSelection guid="66666666-6666-4666-8666-666666666666" startPosition="16" endPosition="25"><Coding guid="77777777-7777-4777-8777-777777777777"><CodeRef targetGUID="${CODE_A}"/></Coding></PlainTextSelection>`;
    const result = importQdpx(good({ origin: 'NVivo for Windows 12.6', selections }, text));
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(parseYaml(file(result, 'notes/P01-interview.codings.yaml')).codings[0].quote).toBe('stressful');
    expect(file(result, 'notes/P01-interview.md')).toBe('Hi 😀😀\nIt was stressful.\n');
  });

  it('reads ATLAS.ti offsets with CRLF counted once, and checks the model against selection names', () => {
    const text = 'Line one.\r\nLine two.\r\nIt was stressful.\r\n';
    // Counting CRLF as one character: "stressful" starts at 27.
    const selections = `<PlainTextSelection guid="66666666-6666-4666-8666-666666666666" name="stressful" startPosition="27" endPosition="36"><Coding guid="77777777-7777-4777-8777-777777777777"><CodeRef targetGUID="${CODE_A}"/></Coding></PlainTextSelection>`;
    for (const origin of ['ATLAS.ti Win 23.4.0', 'Some other tool']) {
      const result = importQdpx(good({ origin, selections }, text));
      expect(parseYaml(file(result, 'notes/P01-interview.codings.yaml')).codings[0].quote).toBe('stressful');
    }
  });

  it('takes variables from source-level values, nameless cases and ATLAS.ti "var: value" sets', () => {
    const VAR2 = '99999999-9999-4999-8999-999999999999';
    const xml = qde({
      extra: `<Cases><Case guid="88888888-8888-4888-8888-888888888888"><VariableValue><VariableRef targetGUID="${VAR}"/><TextValue>self-organised</TextValue></VariableValue><SourceRef targetGUID="${SOURCE}"/></Case></Cases>`,
    })
      .replace('</Variables>', `<Variable guid="${VAR2}" name="wave" typeOfVariable="Integer"/></Variables>`)
      .replace('</TextSource>', `<VariableValue><VariableRef targetGUID="${VAR2}"/><IntegerValue>2</IntegerValue></VariableValue></TextSource>`)
      .replace('</Project>', `<Sets><Set guid="AAAAAAAA-AAAA-4AAA-8AAA-AAAAAAAAAAAA" name="phase: II"><MemberSource targetGUID="${SOURCE}"/></Set></Sets></Project>`);
    const result = importQdpx(archive([entry('project.qde', xml), entry(`sources/${SOURCE}.txt`, TEXT)]));
    expect(file(result, 'notes/P01-interview.md')).toBe(`---\ngroup: self-organised\nwave: 2\nphase: II\n---\n${TEXT}`);
  });

  it('writes text that Markdown would change as format: text', () => {
    expect(survivesAsMarkdown('Plain words. [district] is fine.\n\nNext paragraph.\n')).toBe(true);
    expect(survivesAsMarkdown('    Indented essay paragraph.\n')).toBe(false);
    expect(survivesAsMarkdown('We met at #hashtag events.\n')).toBe(false);
    expect(survivesAsMarkdown('A *starred* word.\n')).toBe(false);
    expect(survivesAsMarkdown('# Not a heading\n')).toBe(false);
    const result = importQdpx(good({}, '    It was stressful. But fine.\n'), {});
    expect(file(result, 'notes/P01-interview.md')).toBe('---\nformat: text\n---\n    It was stressful. But fine.\n');
  });
});

describe('importQdpx rejects bad input with a positioned error and no files', () => {
  it('a file that is not a zip', () => {
    expectError(importQdpx(enc.encode('just some text, not an archive'), { path: 'x.qdpx' }), 'qdpx-not-zip', { file: 'x.qdpx', line: 1, column: 1 });
  });
  it('a zip without project.qde', () => {
    expectError(importQdpx(archive([entry('readme.txt', 'hello')]), { path: 'x.qdpx' }), 'qdpx-no-project', { file: 'x.qdpx' });
  });
  it('a project.qde that is not well-formed, with line and column', () => {
    const broken = qde().replace('<Users><User', '<Users><User\n  oops');
    const result = importQdpx(archive([entry('project.qde', broken), entry(`sources/${SOURCE}.txt`, TEXT)]), { path: 'x.qdpx' });
    expectError(result, 'xml-not-well-formed', { file: 'x.qdpx/project.qde', line: 4 });
    expect(result.diagnostics[0].column).toBeGreaterThan(1);
  });
  it('a selection whose offsets lie outside its source', () => {
    const selections = `<PlainTextSelection guid="66666666-6666-4666-8666-666666666666" startPosition="20" endPosition="500"><Coding guid="77777777-7777-4777-8777-777777777777"><CodeRef targetGUID="${CODE_A}"/></Coding></PlainTextSelection>`;
    const result = importQdpx(good({ selections }), { path: 'x.qdpx' });
    expectError(result, 'refi-offset-out-of-range', { file: 'x.qdpx/project.qde', line: 7 });
    expect(result.diagnostics[0].message).toContain('[20, 500)');
  });
  it('a CodeRef to an unknown GUID', () => {
    const result = importQdpx(good({ codeRef: 'DEADBEEF-0000-4000-8000-000000000000' }), { path: 'x.qdpx' });
    expectError(result, 'refi-unknown-code', { file: 'x.qdpx/project.qde', line: 7 });
    expect(result.diagnostics[0].message).toContain('DEADBEEF-0000-4000-8000-000000000000');
  });
  it.each([['../evil.txt'], ['/etc/evil.txt'], ['sources\\..\\evil.txt'], ['sources/../../evil.txt'], ['C:/evil.txt']])('an entry escaping the target: %s', (name) => {
    const result = importQdpx(archive([entry('project.qde', qde()), entry(`sources/${SOURCE}.txt`, TEXT), entry(name, 'x')]), { path: 'x.qdpx' });
    expectError(result, 'zip-slip', { file: 'x.qdpx' });
    expect(result.diagnostics[0].message).toContain(name);
  });
  it('an absurdly large entry, judged by its declared size before inflating', () => {
    const bytes = good();
    // Patch the declared uncompressed size of the last central directory entry to 300 MB.
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const end = bytes.length - 22;
    const centralStart = view.getUint32(end + 16, true);
    const second = centralStart + 46 + 'project.qde'.length;
    view.setUint32(second + 24, 300 * 1024 * 1024, true);
    const result = importQdpx(bytes, { path: 'x.qdpx' });
    expectError(result, 'zip-entry-too-large', { file: 'x.qdpx' });
    expect(result.diagnostics[0].message).toContain('300 MB');
  });
  it('an entry larger than a configured limit, and one that inflates past its declared size', () => {
    expectError(importQdpx(good(), { maxEntryBytes: 100 }), 'zip-entry-too-large');
    // The lying entry is inflated into a buffer of its declared 1000 bytes only,
    // and its CRC then shows the data are not what the archive says.
    const bytes = archive([entry('project.qde', qde()), entry(`sources/${SOURCE}.txt`, 'x'.repeat(100000))]);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const centralStart = view.getUint32(bytes.length - 22 + 16, true);
    view.setUint32(centralStart + 46 + 'project.qde'.length + 24, 1000, true); // lie: 1000 bytes
    const result = importQdpx(bytes);
    expectError(result, 'qdpx-not-zip');
    expect(result.diagnostics[0].message).toContain('do not match its CRC');
  });
});

describe('importQdc', () => {
  it('converts an exported codebook back with hierarchy, labels, colours, definitions and criteria', () => {
    const corpus = load(EXAMPLE);
    const result = importQdc(qdcOf(corpus.codebook), { path: 'wc.qdc', name: 'Working components' });
    expect(result.diagnostics).toEqual([]);
    const yaml = result.files[0].content;
    const back = readCodebook('codebook.yaml', yaml);
    expect(back.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(back.codebook.codes.map((c) => c.label)).toEqual(corpus.codebook.codes.map((c) => c.label));
    expect(back.codebook.codes.map((c) => c.depth)).toEqual(corpus.codebook.codes.map((c) => c.depth));
    expect(back.codebook.codes.map((c) => c.color?.toUpperCase())).toEqual(corpus.codebook.codes.map((c) => c.color?.toUpperCase()));
    for (const [i, code] of corpus.codebook.codes.entries()) {
      const copy = back.codebook.codes[i];
      expect(copy.useWhen).toEqual(code.useWhen.map((s) => s.replace(/\s+/g, ' ').trim()));
      expect(copy.notWhen).toEqual(code.notWhen.map((s) => s.replace(/\s+/g, ' ').trim()));
      expect(copy.keywords).toEqual(code.keywords);
      expect(copy.definition?.startsWith(code.definition?.trim() ?? '')).toBe(true);
    }
  });
  it('rejects XML that is not well-formed, with its position', () => {
    const result = importQdc('<?xml version="1.0"?>\n<CodeBook xmlns="urn:QDA-XML:codebook:1.0">\n<Codes><Code guid="x" name="a" isCodable="true"></Codes>\n</CodeBook>\n', { path: 'bad.qdc' });
    expect(result.files).toEqual([]);
    expect(result.diagnostics[0]).toMatchObject({ file: 'bad.qdc', line: 3, severity: 'error', ruleId: 'xml-not-well-formed' });
  });
  it('rejects a file that is no codebook', () => {
    expect(importQdc('<Project name="x"/>', { path: 'p.qdc' }).diagnostics[0].ruleId).toBe('qdc-not-codebook');
  });
});

// ------------------------------------------------------------------ real data

/** Counts codings in a .qdpx straight from its project.qde, without fieldcode's reader. */
function countInArchive(bytes: Uint8Array): { perCode: Map<string, number>; perDocument: Map<string, number>; total: number } {
  const files = unzipSync(bytes);
  const xml = new TextDecoder().decode(files['project.qde']);
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (_n: string, _p: unknown, _l: boolean, attr: boolean) => !attr });
  const project = parser.parse(xml).Project[0];
  const paths = new Map<string, string>();
  const visit = (codes: Array<Record<string, any>> | undefined, prefix: string): void => {
    for (const code of codes ?? []) {
      const path = prefix ? `${prefix}/${code.name}` : code.name;
      paths.set(code.guid, path);
      visit(code.Code, path);
    }
  };
  visit(project.CodeBook[0].Codes[0].Code, '');
  const perCode = new Map<string, number>();
  const perDocument = new Map<string, number>();
  let total = 0;
  for (const source of project.Sources[0].TextSource) {
    const doc = String(source.plainTextPath).replace(/^internal:\/\//, '').replace(/\.txt$/, '');
    for (const selection of source.PlainTextSelection ?? []) {
      for (const coding of selection.Coding ?? []) {
        const path = paths.get(coding.CodeRef[0].targetGUID)!;
        perCode.set(path, (perCode.get(path) ?? 0) + 1);
        perDocument.set(doc, (perDocument.get(doc) ?? 0) + 1);
        total++;
      }
    }
  }
  return { perCode, perDocument, total };
}

/** Counts codings in imported files: per code label path (from codebook.yaml) and per note. */
function countImported(result: ImportResult): { perCode: Map<string, number>; perDocument: Map<string, number>; total: number } {
  const idToPath = new Map<string, string>();
  const walk = (codes: Array<Record<string, any>> | undefined, prefix: string): void => {
    for (const code of codes ?? []) {
      const path = prefix ? `${prefix}/${code.label}` : code.label;
      idToPath.set(code.id, path);
      walk(code.codes, path);
    }
  };
  walk(parseYaml(file(result, 'codebook.yaml')).codes, '');
  const perCode = new Map<string, number>();
  const perDocument = new Map<string, number>();
  let total = 0;
  for (const f of result.files.filter((f) => f.path.endsWith('.codings.yaml'))) {
    const doc = parseYaml(f.content);
    for (const coding of doc.codings) {
      const path = idToPath.get(coding.code)!;
      perCode.set(path, (perCode.get(path) ?? 0) + 1);
      const name = String(doc.note).replace(/\.md$/, '');
      perDocument.set(name, (perDocument.get(name) ?? 0) + 1);
      total++;
    }
  }
  return { perCode, perDocument, total };
}

const sorted = (map: Map<string, number>): Array<[string, number]> => [...map].sort((a, b) => (a[0] < b[0] ? -1 : 1));
const strip = (files: ImportResult['files']): Array<{ path: string; content: string }> => files.map((f) => ({ path: f.path, content: f.content.replace(/^#.*\n/gm, '') }));

// Listed at load time, so without ../shared there are none to list.
const qcDemoArchives = HAVE_SHARED ? readdirSync(QC_DEMO).filter((name) => name.endsWith('.qdpx')) : [];
describe.each(qcDemoArchives)('real data: qc-demo %s', USES_SHARED, (name) => {
  const bytes = new Uint8Array(readFileSync(join(QC_DEMO, name)));
  const result = importQdpx(bytes, { path: name });
  const expected = countInArchive(bytes);

  it('imports without errors', () => {
    expect(result.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    expect(result.files.length).toBeGreaterThan(3);
  });

  it('keeps the number of codings per code and per document', () => {
    const got = countImported(result);
    expect(got.total).toBe(expected.total);
    expect(sorted(got.perCode)).toEqual(sorted(expected.perCode));
    expect(sorted(got.perDocument)).toEqual(sorted(expected.perDocument));
  });

  it('loads through the fieldcode pipeline with the same counts and quotes that match the source text', () => {
    const dir = writeFiles(result.files);
    const corpus = load(dir);
    // In the April archive one selection covers only a blank line (teacher, `top-down`,
    // 15334–15335): it is kept and counted, and flagged as lying outside every segment.
    const outside = name === 'demo_2024-04.qdpx' ? ['notes/teacher.codings.yaml:161 standoff-outside-segment'] : [];
    expect(corpus.diagnostics.filter((d) => d.severity !== 'info').map((d) => `${d.file}:${d.line} ${d.ruleId}`)).toEqual(outside);
    expect(corpus.codings.length).toBe(expected.total);
    const perNote = new Map<string, number>();
    for (const coding of corpus.codings) perNote.set(coding.note.replace(/^notes\//, '').replace(/\.md$/, ''), (perNote.get(coding.note.replace(/^notes\//, '').replace(/\.md$/, '')) ?? 0) + 1);
    expect(sorted(perNote)).toEqual(sorted(expected.perDocument));
    const files = unzipSync(bytes);
    for (const coding of corpus.codings.slice(0, 50)) {
      const note = corpus.notes.find((n) => n.path === coding.note)!;
      const source = new TextDecoder().decode(files[`sources/${coding.note.replace(/^notes\//, '').replace(/\.md$/, '')}.txt`]);
      expect(source).toContain(note.text.slice(coding.start, coding.end));
    }
  });

  it('round-trips: import → export → import gives the same notes, codebook and codings', () => {
    const corpus = load(writeFiles(result.files));
    const again = importQdpx(exportQdpx(corpus), { path: name });
    expect(again.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    expect(strip(again.files)).toEqual(strip(result.files));
  });
});

describe.each([
  ['examples/peer-groups', EXAMPLE],
  ['test/fixtures/refi/tricky', TRICKY],
])('round trip of %s', (_name, dir) => {
  const corpus = load(dir);
  const first = importQdpx(exportQdpx(corpus), { path: 'export.qdpx' });

  it('imports its own export with every coding', () => {
    expect(first.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    const count = countImported(first).total;
    expect(count).toBe(corpus.codings.filter((c) => c.origin !== 'suggestion').length);
  });

  it('reproduces the same notes, codebook and codings on a second round', () => {
    const loaded = load(writeFiles(first.files));
    expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(loaded.codings.length).toBe(corpus.codings.filter((c) => c.origin !== 'suggestion').length);
    const second = importQdpx(exportQdpx(loaded), { path: 'export.qdpx' });
    expect(strip(second.files)).toEqual(strip(first.files));
  });
});

describe('NVivo-style UTF-16 offsets (--offsets utf16)', () => {
  const corpus = load(TRICKY);
  it('export valid UTF-16 positions, and the importer detects them from the selection names', () => {
    const standard = exportQdpx(corpus);
    const nvivo = exportQdpx(corpus, { offsets: 'utf16' });
    expect(Buffer.from(nvivo).equals(Buffer.from(standard))).toBe(false);
    expect(checkQdpx(nvivo, { offsets: 'utf16', selectionNames: true })).toEqual([]);
    // Read as code points, names no longer match the text: the difference is real.
    expect(checkQdpx(nvivo, { selectionNames: true }).map((d) => d.ruleId)).toContain('refi-selection-name');
    const a = importQdpx(standard, { path: 'x.qdpx' });
    const b = importQdpx(nvivo, { path: 'x.qdpx' });
    expect(b.diagnostics.map((d) => d.ruleId)).toContain('refi-offset-model');
    expect(b.files).toEqual(a.files);
  });
});

describe('damaged archives', () => {
  it('never throw and never return files with an error, whatever bytes are flipped', USES_SHARED, () => {
    const original = new Uint8Array(readFileSync(join(QC_DEMO, 'demo_2024-08.qdpx')));
    let seed = 7;
    const random = (): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const seen = new Set<string>();
    for (let i = 0; i < 60; i++) {
      const bytes = original.slice();
      for (let k = 0; k < 2; k++) bytes[Math.floor(random() * bytes.length)] ^= 1 << Math.floor(random() * 8);
      const result = importQdpx(bytes, { path: 'damaged.qdpx' });
      const errors = result.diagnostics.filter((d) => d.severity === 'error');
      expect(errors.map((d) => d.ruleId)).not.toContain('refi-import-failed');
      if (errors.length > 0) expect(result.files).toEqual([]);
      for (const d of errors) seen.add(d.ruleId);
    }
    expect(seen.size).toBeGreaterThan(0);
  });
});

describe('note paths from source names', () => {
  it('keep the folders of a fieldcode export', () => {
    const result = importQdpx(exportQdpx(load(EXAMPLE)), { path: 'x.qdpx' });
    const notes = result.files.map((f) => f.path).filter((p) => p.endsWith('.md'));
    expect(notes).toContain('notes/de-brug/I-observation.md');
    expect(notes).toContain('notes/krachtbron/I-observation.md');
    const standoff = parseYaml(file(result, 'notes/de-brug/I-observation.codings.yaml'));
    expect(standoff.note).toBe('I-observation.md');
  });
  it('flatten names from other tools, and never leave the notes folder', () => {
    const named = (name: string, origin: string): string[] =>
      importQdpx(archive([entry('project.qde', qde({ origin }).replace('name="P01 interview"', `name="${name}"`)), entry(`sources/${SOURCE}.txt`, TEXT)])).files.map((f) => f.path);
    expect(named('Group A/Interview 1', 'MAXQDA 2022')).toContain('notes/Group-A-Interview-1.md');
    expect(named('../../etc/passwd', 'fieldcode 0.1.0')).toContain('notes/etc/passwd.md');
    expect(named('../../etc/passwd', 'NVivo')).toContain('notes/etc-passwd.md');
  });
});

describe('escaping on import of fieldcode Markdown', () => {
  it('escapes what would read as a tag, outside code, and maps offsets past the backslashes', () => {
    const { text, map } = escapeTags('A #tag, C#, `#code`, {#x} and ## heading\n```\n#fenced\n```\n');
    expect(text).toBe('A \\#tag, C#, `#code`, {\\#x} and ## heading\n```\n#fenced\n```\n');
    expect(map(0)).toBe(0);
    expect(map(2)).toBe(2); // the selection may start on the backslash
    expect(map(3)).toBe(4);
    expect(map(25)).toBe(27);
  });

  it('keeps literal hashes literal through export and import', () => {
    const project = writeFiles([
      { path: 'fieldcode.yaml', content: 'name: Hashes\ncodebook: codebook.yaml\nnotes: ["notes/*.md"]\ncoder: ana\n' },
      { path: 'codebook.yaml', content: 'name: Hashes\nversion: "1"\ncodes:\n  - id: support\n    label: Support\n' },
      { path: 'notes/a.md', content: '---\ngroup: x\n---\nWe used \\#hashtags and `#code` on [posters]{#support}.\n\nThe #support was real.\n' },
    ]);
    const corpus = load(project);
    expect(corpus.codings.map((c) => c.origin)).toEqual(['inline-span', 'inline-tag']);
    const first = importQdpx(exportQdpx(corpus), { path: 'h.qdpx' });
    expect(file(first, 'notes/a.md')).toBe('---\ngroup: x\n---\nWe used \\#hashtags and `#code` on posters.\n\nThe was real.\n');
    const loaded = load(writeFiles(first.files));
    expect(loaded.codings.map((c) => [c.origin, c.text])).toEqual([
      ['standoff', 'posters'],
      ['standoff', 'The was real.'],
    ]);
    expect(strip(importQdpx(exportQdpx(loaded), { path: 'h.qdpx' }).files)).toEqual(strip(first.files));
  });
});
