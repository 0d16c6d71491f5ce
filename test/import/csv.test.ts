import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { importCodingsCsv, looksLikePlainText, paragraphPerLine, type CsvImportOptions } from '../../src/import/csv.js';
import { codebookFromCsv, codebookFromList, serializeCodebook, slugify } from '../../src/import/codebook.js';
import { readCsv } from '../../src/import/table.js';
import { parseStandoff } from '../../src/standoff/format.js';
import { anchorCodings } from '../../src/standoff/anchor.js';
import { readNote } from '../../src/core/note.js';
import { readCodebook } from '../../src/codebook/read.js';
import { readConfig } from '../../src/core/config.js';
import type { Coding } from '../../src/types.js';

const ANNA = '---\nid: anna\ngroup: a\n---\nAnna: We help each other 😀 at harvest.\n\nBen: Reciprocity is expected here.\n';
const BEN = '---\nid: ben-2\ngroup: b\n---\nBen: Nobody keeps score.\n';

function body(text: string): string {
  return text.slice(text.indexOf('\n---\n', 3) + 5);
}
function cp(text: string, sub: string): [number, number] {
  const b = body(text);
  const u = b.indexOf(sub);
  const s = [...b.slice(0, u)].length;
  return [s, s + [...sub].length];
}

/** Imports and anchors everything, returning the codings per note as the loader would see them. */
function importAndAnchor(csv: string, options: Partial<CsvImportOptions> = {}) {
  const result = importCodingsCsv(csv, {
    csvPath: 'in.csv',
    sources: [
      { path: 'anna.md', text: ANNA },
      { path: 'sub/ben.md', text: BEN },
    ],
    ...options,
  });
  const codings: Coding[] = [];
  const byPath = new Map(result.files.map((f) => [f.path, f.content]));
  for (const file of result.files.filter((f) => f.path.endsWith('.codings.yaml'))) {
    const parsed = parseStandoff(file.path, file.content);
    expect(parsed.diagnostics).toEqual([]);
    const dir = file.path.slice(0, file.path.lastIndexOf('/') + 1);
    const notePath = dir + parsed.document!.note;
    const note = readNote(notePath, byPath.get(notePath)!, false, { coder: 'default' }).note;
    const anchored = anchorCodings(parsed.document!, note, file.path);
    expect(anchored.diagnostics).toEqual([]);
    codings.push(...anchored.codings);
  }
  return { result, codings, byPath };
}

describe('importCodingsCsv', () => {
  it('imports codings by id, stem and file name, with code points into the body', () => {
    const [s1, e1] = cp(ANNA, 'help each other 😀 at');
    const [s2, e2] = cp(ANNA, 'Reciprocity is expected');
    const [s3, e3] = cp(BEN, 'Nobody keeps score');
    const csv = [
      'doc,coder,code,start,end,text',
      `anna,r1,Mechanisms > Mutual help,${s1},${e1},help each other 😀 at`,
      `anna.md,r2,Mechanisms > Reciprocity,${s2},${e2},"Reciprocity  is
expected"`,
      `ben,,Outcomes,${s3},${e3},`,
      `ben-2,r1,Mechanisms > Reciprocity,${s3},${e3},Nobody keeps score`,
    ].join('\n');
    const { result, codings, byPath } = importAndAnchor(csv);
    expect(result.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    expect(result.files.map((f) => f.path)).toEqual([
      'codebook.yaml',
      'fieldcode.yaml',
      'notes/anna.codings.yaml',
      'notes/anna.md',
      'notes/sub/ben.codings.yaml',
      'notes/sub/ben.md',
    ]);
    expect(byPath.get('notes/anna.md')).toBe(ANNA);
    const summary = codings.map((c) => `${c.note} ${c.code} ${c.coder} ${c.text}`).sort();
    expect(summary).toEqual([
      'notes/anna.md mutual-help r1 help each other 😀 at',
      'notes/anna.md reciprocity r2 Reciprocity is expected',
      'notes/sub/ben.md outcomes default Nobody keeps score',
      'notes/sub/ben.md reciprocity r1 Nobody keeps score',
    ]);
    // The generated codebook holds the hierarchy and is a valid fieldcode codebook.
    const codebook = readCodebook('codebook.yaml', byPath.get('codebook.yaml')!);
    expect(codebook.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(codebook.codebook.codes.map((c) => `${c.id}<${c.parent ?? ''}`)).toEqual(['mechanisms<', 'mutual-help<mechanisms', 'reciprocity<mechanisms', 'outcomes<']);
    const config = readConfig('fieldcode.yaml', byPath.get('fieldcode.yaml')!);
    expect(config.diagnostics).toEqual([]);
    expect(config.config).toMatchObject({ codebook: 'codebook.yaml', notes: ['notes/**/*.md'], coder: 'imported' });
    expect(config.config.variables.map((v) => v.name)).toEqual(['group']);
  });

  it('reads UTF-16 offsets when asked, and suggests the other unit on a mismatch', () => {
    const b = body(ANNA);
    const u = b.indexOf('at harvest');
    const csv = `doc,coder,code,start,end,text\nanna,r1,x,${u},${u + 10},at harvest\n`;
    const ok = importAndAnchor(csv, { offsets: 'utf16' });
    expect(ok.codings.map((c) => c.text)).toEqual(['at harvest']);
    const wrong = importCodingsCsv(csv, { csvPath: 'in.csv', sources: [{ path: 'anna.md', text: ANNA }] });
    expect(wrong.files).toEqual([]);
    expect(wrong.diagnostics).toHaveLength(1);
    expect(wrong.diagnostics[0]).toMatchObject({ file: 'in.csv', line: 2, column: csv.split('\n')[1].indexOf('at harvest') + 1, severity: 'error', ruleId: 'text-mismatch' });
    expect(wrong.diagnostics[0].message).toContain('--offsets utf16');
  });

  it('rejects a row with an unknown document with its line and column, and writes nothing', () => {
    const csv = 'doc,coder,code,start,end\nanna,r1,x,0,4\n"multi\nline",r1,x,0,1\nanan,r1,x,0,4\n';
    const r = importCodingsCsv(csv, { csvPath: 'in.csv', sources: [{ path: 'anna.md', text: ANNA }] });
    expect(r.files).toEqual([]);
    expect(r.diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${d.ruleId}`)).toEqual(['3:1 error unknown-document', '5:1 error unknown-document']);
    expect(r.diagnostics[1].message).toContain('did you mean `anna`');
  });

  it('rejects offsets outside the body, reversed offsets and non-numbers', () => {
    const csv = 'doc,coder,code,start,end\nanna,r1,x,0,9999\nanna,r1,x,5,5\nanna,r1,x,a,5\nanna,r1,x,,5\n';
    const r = importCodingsCsv(csv, { csvPath: 'in.csv', sources: [{ path: 'anna.md', text: ANNA }] });
    expect(r.files).toEqual([]);
    expect(r.diagnostics.map((d) => `${d.line}:${d.column} ${d.ruleId}`)).toEqual(['2:13 bad-offsets', '3:13 bad-offsets', '4:11 bad-offsets', '5:11 bad-offsets']);
    expect(r.diagnostics[0].message).toContain('outside the body of notes/anna.md');
  });

  it('rejects an unknown code when a codebook is given', () => {
    const csv = 'doc,coder,code,start,end\nanna,r1,Reciprocty,0,4\n';
    const r = importCodingsCsv(csv, { csvPath: 'in.csv', sources: [{ path: 'anna.md', text: ANNA }], codebook: { path: 'codes.txt', text: 'Mechanisms\n  Reciprocity\n' } });
    expect(r.files).toEqual([]);
    expect(r.diagnostics[0]).toMatchObject({ line: 2, column: 9, ruleId: 'unknown-code' });
    expect(r.diagnostics[0].message).toContain('Reciprocity');
  });

  it('locates rows without offsets by their text, ignoring whitespace', () => {
    const csv = 'doc,coder,code,start,end,text\nanna,r1,x,,,"Reciprocity is  expected"\nanna,r1,y,,,"Recipro city"\nanna,r1,z,,,not there\n';
    const r = importCodingsCsv(csv, { csvPath: 'in.csv', sources: [{ path: 'anna.md', text: ANNA }] });
    expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.line}:${d.column} ${d.ruleId}`)).toEqual(['4:13 quote-not-found']);
    const ok = importAndAnchor('doc,coder,code,start,end,text\nanna,r1,x,,,"Reciprocity is  expected"\nanna,r1,y,,,"Recipro city"\n');
    expect(ok.codings.map((c) => `${c.code}:${c.text}`)).toEqual(['y:Reciprocity', 'x:Reciprocity is expected']);
  });

  it('skips rows with an empty code with one warning', () => {
    const r = importCodingsCsv('doc,coder,code,start,end\nanna,r1,,0,4\nanna,r1,,0,4\n', { csvPath: 'in.csv', sources: [{ path: 'anna.md', text: ANNA }] });
    expect(r.diagnostics).toEqual([expect.objectContaining({ severity: 'warning', ruleId: 'empty-code', line: 2 })]);
    expect(r.files.some((f) => f.path.endsWith('.codings.yaml'))).toBe(false);
  });

  it('writes plain text one paragraph per line with format: text, shifting offsets', () => {
    const essay = '---\nid: "essay-01"\nscore: 2\n---\nFirst paragraph 😀 here.\n     Second paragraph, indented.\n\tThird one.\n';
    const [s, e] = cp(essay, 'Second paragraph, indented.\n\tThird');
    const [s2, e2] = cp(essay, 'Third one.');
    const csv = `doc,coder,code,start,end,text\nessay-01,Rater1,x,${s},${e},"Second paragraph, indented. Third"\nessay-01,Rater2,x,${s2},${e2},Third one.\n`;
    const { result, byPath, codings } = importAndAnchor(csv, { sources: [{ path: 'essay-01.md', text: essay }] });
    expect(result.diagnostics).toEqual([]);
    const text = byPath.get('notes/essay-01.md')!;
    expect(text).toBe('---\nid: "essay-01"\nscore: 2\nformat: text\n---\nFirst paragraph 😀 here.\n\n     Second paragraph, indented.\n\n\tThird one.\n');
    const note = readNote('notes/essay-01.md', text, false, { coder: 'x' }).note;
    expect(note.segments.map((seg) => seg.text)).toEqual(['First paragraph 😀 here.', 'Second paragraph, indented.', 'Third one.']);
    expect(codings.map((c) => `${c.coder}:${c.text}:${c.segments.length}`)).toEqual(['Rater1:Second paragraph, indented. Third:2', 'Rater2:Third one.:1']);
  });

  it('gives .txt sources front matter and keeps Markdown sources byte for byte', () => {
    const r = importCodingsCsv('doc,coder,code,start,end\nnotes-1,r,x,0,5\nanna,r,x,0,4\n', {
      csvPath: 'in.csv',
      sources: [
        { path: 'notes-1.txt', text: 'Hello world.\r\nSecond line.\r\n' },
        { path: 'anna.md', text: ANNA },
      ],
    });
    expect(r.diagnostics).toEqual([]);
    const byPath = new Map(r.files.map((f) => [f.path, f.content]));
    expect(byPath.get('notes/notes-1.md')).toBe('---\r\nid: notes-1\r\nformat: text\r\n---\r\nHello world.\r\n\r\nSecond line.\r\n');
    expect(byPath.get('notes/anna.md')).toBe(ANNA);
    const standoff = parseStandoff('x', byPath.get('notes/notes-1.codings.yaml')!).document!;
    expect(standoff.codings[0].quote).toBe('Hello');
  });

  it('codes notes already in the target project without rewriting them', () => {
    const r = importCodingsCsv('doc,coder,code,start,end\nanna,r,x,0,4\n', { csvPath: 'in.csv', existing: [{ path: 'field/anna.md', text: ANNA }] });
    expect(r.diagnostics).toEqual([]);
    expect(r.files.map((f) => f.path)).toEqual(['field/anna.codings.yaml']);
  });

  it('reports a missing column and a malformed CSV', () => {
    const r = importCodingsCsv('document,code,start,end\n', { csvPath: 'in.csv', sources: [] });
    expect(r.diagnostics[0]).toMatchObject({ line: 1, column: 1, ruleId: 'csv-missing-column' });
    const bad = importCodingsCsv('doc,code,start,end\nanna,"x,0,4\n', { csvPath: 'in.csv', sources: [] });
    expect(bad.diagnostics[0]).toMatchObject({ line: 2, column: 6, ruleId: 'csv-syntax' });
  });
});

describe('plain text helpers', () => {
  it('detects plain text', () => {
    expect(looksLikePlainText('a.txt', {}, 'x')).toBe(true);
    expect(looksLikePlainText('a.md', { format: 'text' }, 'x')).toBe(true);
    expect(looksLikePlainText('a.md', {}, 'One.\n     Two.\n')).toBe(true);
    expect(looksLikePlainText('a.md', {}, `${'long '.repeat(50)}\nNext.\n`)).toBe(true);
    expect(looksLikePlainText('a.md', {}, 'Para one\nwrapped.\n\n- item\n  - nested item\n\n    code\n')).toBe(false);
    expect(looksLikePlainText('a.md', {}, `${'long '.repeat(50)}\n- a list item\n`)).toBe(false);
    expect(looksLikePlainText('a.md', {}, `# Heading\n\nOne.\n     Two.\n`)).toBe(false);
    expect(looksLikePlainText('a.md', {}, `One #reciprocity.\n     Two.\n`)).toBe(false);
  });

  it('records where paragraph breaks were added', () => {
    expect(paragraphPerLine('a😀\nb\n\nc\n')).toEqual({ body: 'a😀\n\nb\n\nc\n', insertions: [3], eol: '\n' });
  });
});

describe('codebook import', () => {
  it('builds a tree from MAXQDA-style paths with memos', () => {
    const csv = 'path,depth,memo,frequency\nA b,0,Top,0\nA b > PDP/ICE,1,,3\n"A b > Outliers, overfitting",1,"Memo, with comma",2\nC,0,,1\nA b > PDP/ICE > Don\'t use,2,,1\n';
    const { codebook, diagnostics } = codebookFromCsv('cs.csv', csv, 'Test');
    expect(diagnostics).toEqual([]);
    const yaml = serializeCodebook(codebook!);
    const read = readCodebook('codebook.yaml', yaml);
    expect(read.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(read.codebook.codes.map((c) => `${c.id}|${c.label}|${c.parent ?? ''}|${c.definition ?? ''}`)).toEqual([
      'a-b|A b||Top',
      'pdp-ice|PDP/ICE|a-b|',
      'dont-use|Don\'t use|pdp-ice|',
      'outliers-overfitting|Outliers, overfitting|a-b|Memo, with comma',
      'c|C||',
    ]);
    expect(serializeCodebook(codebook!)).toBe(yaml);
  });

  it('slugs deterministically and disambiguates duplicate names', () => {
    expect(slugify('Self efficacy for Online learning')).toBe('self-efficacy-for-online-learning');
    expect(slugify('Crème brûlée 2x')).toBe('creme-brulee-2x');
    expect(slugify('2nd wave')).toBe('c-2nd-wave');
    expect(slugify('???')).toBe('code');
    const { codebook } = codebookFromList('l.txt', 'a\n  programming\nb\n  programming\nc\n  programming\nb.programming\n', 'T');
    const ids = (codes: NonNullable<typeof codebook>['codes']): string[] => codes.flatMap((c) => [c.id, ...ids(c.children)]);
    expect(ids(codebook!.codes)).toEqual(['a', 'programming', 'b', 'b.programming', 'c', 'c.programming', 'b-programming']);
  });

  it('reads an indented list and reports inconsistent indentation', () => {
    const good = codebookFromList('l.txt', '# codes\n- motivation -- Why people act\n    - test anxiety\n    - mindset\n- strategies\n\tmanaging time\n', 'T');
    expect(good.diagnostics).toEqual([]);
    expect(good.codebook!.codes.map((c) => [c.label, c.definition, c.children.map((k) => k.label)])).toEqual([
      ['motivation', 'Why people act', ['test anxiety', 'mindset']],
      ['strategies', undefined, ['managing time']],
    ]);
    const bad = codebookFromList('l.txt', 'a\n    b\n  c\n', 'T');
    expect(bad.diagnostics).toEqual([expect.objectContaining({ line: 3, column: 1, ruleId: 'list-indentation' })]);
  });

  it('reads outline depth without paths, and rejects duplicates', () => {
    const { codebook, diagnostics } = codebookFromCsv('c.csv', 'name,depth\nA,0\nB,1\nC,2\nD,1\nE,0\nA,0\n', 'T');
    expect(diagnostics).toEqual([expect.objectContaining({ line: 7, column: 1, ruleId: 'duplicate-code' })]);
    expect(codebook!.codes.map((c) => c.label)).toEqual(['A', 'E']);
    const ok = codebookFromCsv('c.csv', 'name,depth\nA,0\nB,1\nC,2\nD,1\nE,0\n', 'T');
    expect(ok.codebook!.codes.map((c) => `${c.label}(${c.children.map((k) => `${k.label}(${k.children.map((g) => g.label).join()})`).join()})`)).toEqual(['A(B(C),D())', 'E()']);
  });
});

describe('readCsv', () => {
  it('keeps positions across quoted line breaks, CRLF and a BOM', () => {
    const { table, diagnostics } = readCsv('t.csv', '\uFEFFa;b\r\n"x\r\ny";2\r\n\r\n3;"q""uote"\r\n');
    expect(diagnostics).toEqual([]);
    expect(table!.header).toEqual(['a', 'b']);
    expect(table!.records.map((r) => r.fields.map((f) => `${f.value}@${f.line}:${f.column}`))).toEqual([
      ['x\r\ny@2:1', '2@3:4'],
      ['3@5:1', 'q"uote@5:3'],
    ]);
  });

  it('reports rows with the wrong number of fields', () => {
    const { diagnostics } = readCsv('t.csv', 'a,b\n1,2,3\n');
    expect(diagnostics[0]).toMatchObject({ line: 2, column: 5, ruleId: 'csv-syntax' });
  });
});

it('parses back what it serializes (codebook YAML)', () => {
  const { codebook } = codebookFromList('l.txt', 'a -- "quoted: yes"\n  b\n', 'Name: with colon');
  const data = parseYaml(serializeCodebook(codebook!, 'comment'));
  expect(data).toEqual({ name: 'Name: with colon', version: '1.0.0', codes: [{ id: 'a', label: 'a', definition: '"quoted: yes"', codes: [{ id: 'b', label: 'b' }] }] });
});

describe('document names', () => {
  it('prefers an id over a file stem, and reports names that stay ambiguous', () => {
    const a = '---\nid: b\n---\nText of a.\n';
    const b = '---\nid: other\n---\nText of b.\n';
    const r = importCodingsCsv('doc,coder,code,start,end,text\nb,r,x,0,4,Text\nsub/c.md,r,x,0,4,Text\nc,r,x,0,4,Text\n', {
      csvPath: 'in.csv',
      sources: [
        { path: 'a.md', text: a },
        { path: 'b.md', text: b },
        { path: 'sub/c.md', text: b },
        { path: 'c.md', text: b },
      ],
    });
    expect(r.diagnostics.map((d) => `${d.line}:${d.column} ${d.ruleId}`)).toEqual(['4:1 ambiguous-document']);
    const ok = importCodingsCsv('doc,coder,code,start,end,text\nb,r,x,0,4,Text\nsub/c.md,r,x,5,7,of\n', {
      csvPath: 'in.csv',
      sources: [
        { path: 'a.md', text: a },
        { path: 'b.md', text: b },
        { path: 'sub/c.md', text: b },
        { path: 'c.md', text: b },
      ],
    });
    expect(ok.diagnostics).toEqual([]);
    const standoff = ok.files.filter((f) => f.path.endsWith('.codings.yaml')).map((f) => f.path);
    expect(standoff).toEqual(['notes/a.codings.yaml', 'notes/sub/c.codings.yaml']);
  });
});

it('is deterministic: the same input in any source order gives byte-identical files', () => {
  const csv = 'doc,coder,code,start,end\nben,r2,B > C,0,3\nanna,r1,A,0,4\nanna,r2,A,0,4\n';
  const sources = [
    { path: 'anna.md', text: ANNA },
    { path: 'ben.md', text: BEN },
  ];
  const one = importCodingsCsv(csv, { csvPath: 'in.csv', sources });
  const two = importCodingsCsv(csv, { csvPath: 'in.csv', sources: [...sources].reverse() });
  expect(one.diagnostics).toEqual([]);
  expect(two).toEqual(one);
  expect(one.files.find((f) => f.path === 'notes/anna.codings.yaml')!.content).toMatch(/coder: r1[\s\S]*coder: r2/);
});
