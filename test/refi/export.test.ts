import { describe, expect, it } from 'vitest';
import { XMLParser } from 'fast-xml-parser';
import { exportQdc, parseDescription, describeCode, normalizeColor } from '../../src/refi/codebook-xml.js';
import { buildQdpx, exportQdpx } from '../../src/refi/project-xml.js';
import { checkProjectXml, checkQdc, checkQdpx } from '../../src/refi/semantic-check.js';
import { notePlainText } from '../../src/refi/plain-text.js';
import { sliceCodePoints } from '../../src/model/offsets.js';
import { isGuid, normalizeGuid, uuidV5 } from '../../src/refi/guid.js';
import { readZip } from '../../src/refi/zip.js';
import { readNote } from '../../src/core/note.js';
import { CODEBOOK_XSD, EXAMPLE, load, PROJECT_XSD, qdcOf, TRICKY, xmllint } from './helpers.js';
import { USES_SHARED } from '../helpers/shared.js';

const projects = [
  ['examples/peer-groups', EXAMPLE],
  ['test/fixtures/refi/tricky', TRICKY],
] as const;

const attrs = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (_name: string, _path: unknown, _leaf: boolean, isAttribute: boolean) => !isAttribute });

describe('GUIDs', () => {
  it('are RFC 9562 version-5 UUIDs, uppercase', () => {
    // Published test vector: uuid5(DNS namespace, "www.example.com").
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('2ED6657D-E927-568B-95E1-2665A8AEA6A2');
  });
  it('are matched case- and brace-insensitively', () => {
    expect(normalizeGuid('{2ed6657d-e927-568b-95e1-2665a8aea6a2}')).toBe('2ED6657D-E927-568B-95E1-2665A8AEA6A2');
    expect(isGuid('{2ed6657d-e927-568b-95e1-2665a8aea6a2}')).toBe(true);
    expect(isGuid('2ed6657de927568b95e12665a8aea6a2')).toBe(false);
  });
});

describe('a .qdc of a codebook without codes', () => {
  it('is a fatal diagnostic at the codebook, not a throw', () => {
    const codebook = load(EXAMPLE).codebook;
    const result = exportQdc({ ...codebook, codes: [] });
    expect(result).toEqual({ ok: false, diagnostics: [{ file: codebook.path, line: 1, column: 1, severity: 'fatal', message: 'Cannot export the codebook: it has no codes, and a .qdc file needs at least one', ruleId: 'codebook-shape' }] });
  });
});

describe.each(projects)('export of %s', (_name, dir) => {
  const corpus = load(dir);

  it('loads without errors', () => {
    expect(corpus.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(corpus.codings.length).toBeGreaterThan(0);
  });

  it('writes a .qdc that validates against Codebook.xsd and passes the semantic checks', USES_SHARED, () => {
    const qdc = qdcOf(corpus.codebook, { origin: 'fieldcode test' });
    expect(qdc.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="fieldcode test">')).toBe(true);
    const lint = xmllint(qdc, CODEBOOK_XSD);
    expect(lint.stderr).toContain('validates');
    expect(lint.status).toBe(0);
    expect(checkQdc(qdc)).toEqual([]);
    expect((qdc.match(/<Code /g) ?? []).length).toBe(corpus.codebook.codes.length);
  });

  it('writes a project.qde that validates against Project.xsd and passes the semantic checks', USES_SHARED, () => {
    const build = buildQdpx(corpus);
    const lint = xmllint(build.projectXml, PROJECT_XSD);
    expect(lint.stderr).toContain('validates');
    expect(lint.status).toBe(0);
    expect(checkQdpx(exportQdpx(corpus), { selectionNames: true })).toEqual([]);
    expect(build.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
  });

  it('is byte-identical when exported twice', () => {
    const a = exportQdpx(corpus);
    const b = exportQdpx(load(dir));
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    expect(qdcOf(corpus.codebook)).toBe(qdcOf(load(dir).codebook));
  });

  it('lays out the archive as project.qde then sources/<GUID>.txt, UTF-8 without BOM, LF only', () => {
    const zip = readZip(exportQdpx(corpus));
    if ('problem' in zip) throw new Error(zip.problem.message);
    const names = zip.entries.map((e) => e.name);
    expect(names[0]).toBe('project.qde');
    expect(names.slice(1).every((n) => /^sources\/[0-9A-F]{8}-[0-9A-F]{4}-5[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}\.txt$/.test(n))).toBe(true);
    expect(names.slice(1)).toEqual([...names.slice(1)].sort());
    expect(names.length).toBe(corpus.notes.length + 1);
    for (const entry of zip.entries) {
      expect(entry.data.slice(0, 3)).not.toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
      const text = new TextDecoder('utf-8', { fatal: true }).decode(entry.data);
      expect(text.includes('\r')).toBe(false);
    }
  });

  it('exports every coding, with its coder, at code point offsets of the exported text', () => {
    const build = buildQdpx(corpus);
    const project = attrs.parse(build.projectXml).Project[0];
    const users = new Map<string, string>(project.Users[0].User.map((u: { guid: string; name: string }) => [u.guid, u.name]));
    const expected = corpus.codings.filter((c) => c.origin !== 'suggestion');
    let count = 0;
    const coders: string[] = [];
    for (const source of project.Sources[0].TextSource) {
      const text = build.sources.get(source.plainTextPath.replace('internal://', ''))!;
      for (const selection of source.PlainTextSelection ?? []) {
        const slice = sliceCodePoints(text, Number(selection.startPosition), Number(selection.endPosition));
        expect(slice.length).toBeGreaterThan(0);
        for (const coding of selection.Coding) {
          count++;
          coders.push(users.get(coding.creatingUser)!);
        }
      }
    }
    expect(count).toBe(expected.length);
    expect(coders.sort()).toEqual(expected.map((c) => c.coder).sort());
  });
});

describe('exported text and offsets', () => {
  const corpus = load(TRICKY);
  const build = buildQdpx(corpus);
  const project = attrs.parse(build.projectXml).Project[0];
  const sources = project.Sources[0].TextSource as Array<Record<string, any>>;
  const north = sources.find((s) => s.name === 'north-I')!;
  const text = build.sources.get(north.plainTextPath.replace('internal://', ''))!;

  it('is the note body with tag markup removed, CRLF → LF, BOM and front matter gone, escapes resolved', () => {
    expect(text).toBe(
      '# Interview with P01 🌱\n\nP01: I love the group 😀 because they gave me a lift to the clinic.\n\nInterviewer: What about room #5 and you?\n\nP01: Now I give back 🎁 every week, honestly.\n',
    );
  });

  it('counts code points, not UTF-16 units, and ends exclusive', () => {
    const byName = new Map(north.PlainTextSelection.map((s: Record<string, string>) => [s.name, s]));
    const lift = byName.get('they gave me a lift') as Record<string, string>;
    // "they" starts at code point 56: the 🌱 and 😀 before it count once each.
    expect(Array.from(text).slice(Number(lift.startPosition), Number(lift.endPosition)).join('')).toBe('they gave me a lift');
    expect(text.indexOf('they gave me a lift')).toBe(Number(lift.startPosition) + 2);
    const gift = byName.get('give back 🎁 every week') as Record<string, string>;
    expect(Number(gift.endPosition) - Number(gift.startPosition)).toBe(Array.from('give back 🎁 every week').length);
    expect(gift.Coding.length).toBe(2); // two codes on one span share one selection
  });

  it('keeps crossing codings, both coders and the memo', () => {
    const south = sources.find((s) => s.name === 'south-II')!;
    const names = south.PlainTextSelection.map((s: Record<string, string>) => s.name);
    // Two coders on one span: one selection each (QualCoder keeps one user per selection).
    expect(names).toEqual(['We cook together on Fridays. It saves money', 'It saves money and nobody eats alone.', 'three people came over with blankets', 'three people came over with blankets']);
    const blankets = south.PlainTextSelection.slice(2) as Array<{ creatingUser: string; Coding: Array<{ creatingUser: string }> }>;
    expect(blankets.map((b) => b.Coding.length)).toEqual([1, 1]);
    expect(new Set(blankets.map((b) => b.creatingUser)).size).toBe(2);
    for (const b of blankets) expect(b.Coding[0].creatingUser).toBe(b.creatingUser);
    const memo = project.Notes[0].Note[0];
    expect(memo.PlainTextContent[0]).toBe('Saving money is framed as shared, not individual.');
    expect(south.PlainTextSelection[1].Coding[0].NoteRef[0].targetGUID).toBe(memo.guid);
    expect(south.PlainTextSelection[1].Description[0]).toBe('Saving money is framed as shared, not individual.');
  });

  it('writes group as named cases and every variable on its source, and dates from the notes', () => {
    expect(project.Cases[0].Case.map((c: Record<string, string>) => c.name)).toEqual(['north', 'south']);
    expect(project.Variables[0].Variable.map((v: Record<string, string>) => v.name)).toEqual(['group', 'phase', 'date', 'method']);
    expect(north.VariableValue.map((v: Record<string, string[]>) => v.TextValue[0])).toEqual(['north', 'I', '2024-03-05', 'interview']);
    expect(project.creationDateTime).toBe('2024-06-01T00:00:00Z');
    expect(north.creationDateTime).toBe('2024-03-05T00:00:00Z');
  });

  it('maps a segment tag to the whole paragraph without the tag', () => {
    const whole = north.PlainTextSelection.find((s: Record<string, string>) => s.name.startsWith('P01: I love'));
    expect(whole.name).toBe('P01: I love the group 😀 because they gave me a lift to the clinic.');
  });

  it('removes only what the parser treats as markup', () => {
    const source = '---\nformat: text\n---\nRoom #5 [not a span]{#x} #tag stays.\n';
    const { note } = readNote('t.md', source, false, { coder: 'a' });
    expect(notePlainText(note).text).toBe('Room #5 [not a span]{#x} #tag stays.\n');
    const md = readNote('m.md', 'Hard #feedback. And [this]{#a #b} too, \\#literal.\n\n#lead tag here\n', false, { coder: 'a' }).note;
    expect(notePlainText(md).text).toBe('Hard. And this too, #literal.\n\ntag here\n');
  });
});

describe('code descriptions', () => {
  it('label use_when, not_when, examples and keywords and read them back', () => {
    const corpus = load(TRICKY);
    const code = corpus.codebook.byId.get('support')!;
    const text = describeCode(code)!;
    expect(text).toBe('Participants help each other & mean it <really>.\n\nUse when:\n- Help is given or offered.\n\nDo not use when:\n- Help comes only from staff.\n\nfieldcode id: support');
    expect(parseDescription(text)).toEqual({ id: 'support', definition: 'Participants help each other & mean it <really>.', useWhen: ['Help is given or offered.'], notWhen: ['Help comes only from staff.'], examples: [], keywords: [], patterns: [] });
    expect(qdcOf(corpus.codebook)).toContain('<Description>Participants help each other &amp; mean it &lt;really&gt;.');
  });

  it('normalise colours to #RRGGBB', () => {
    expect(normalizeColor('#1b9e77')).toBe('#1B9E77');
    expect(normalizeColor('#abc')).toBe('#AABBCC');
    expect(normalizeColor('#E74C3CFF')).toBe('#E74C3C');
    expect(normalizeColor('rgb(231, 76, 60)')).toBe('#E74C3C');
    expect(normalizeColor('teal')).toBeUndefined();
  });
});

describe('semantic checks', () => {
  const corpus = load(TRICKY);
  const build = buildQdpx(corpus);
  const rules = (xml: string, sources = build.sources): string[] => checkProjectXml(xml, sources).map((d) => d.ruleId);

  it('accept the export', () => {
    expect(rules(build.projectXml)).toEqual([]);
  });
  it('find a dangling CodeRef, with its position', () => {
    const xml = build.projectXml.replace(/(<CodeRef targetGUID=")[^"]+/, '$100000000-0000-0000-0000-000000000000');
    const found = checkProjectXml(xml, build.sources);
    expect(found.map((d) => d.ruleId)).toEqual(['refi-dangling-reference']);
    const line = xml.split('\n').findIndex((l) => l.includes('00000000-0000-0000-0000-000000000000')) + 1;
    expect(found[0].line).toBe(line);
  });
  it('find duplicate GUIDs', () => {
    const guids = [...build.projectXml.matchAll(/<Code guid="([^"]+)"/g)].map((m) => m[1]);
    const xml = build.projectXml.replace(`guid="${guids[1]}"`, `guid="${guids[0].toLowerCase()}"`);
    expect(rules(xml)).toContain('refi-duplicate-guid');
  });
  it('find offsets outside the text', () => {
    const xml = build.projectXml.replace(/endPosition="\d+"/, 'endPosition="99999"');
    expect(rules(xml)).toEqual(['refi-offset-out-of-range']);
  });
  it('find empty containers', () => {
    const xml = build.projectXml.replace(/<Cases>[\s\S]*<\/Cases>/, '<Cases></Cases>');
    expect(rules(xml)).toContain('refi-empty-container');
  });
  it('find a missing source file, CR line ends and a BOM', () => {
    const [first, text] = [...build.sources][0];
    expect(rules(build.projectXml, new Map([...build.sources].filter(([name]) => name !== first)))).toEqual(['refi-missing-source']);
    expect(rules(build.projectXml, new Map([...build.sources, [first, `\uFEFF${text.replace(/\n/g, '\r\n')}`]]))).toEqual(expect.arrayContaining(['refi-bom', 'refi-crlf']));
  });
  it('find colours with alpha that libxml2 lets through', () => {
    const xml = build.projectXml.replace('color="#1B9E77"', 'color="#1B9E77FF"');
    expect(rules(xml)).toEqual(['refi-bad-color']);
  });
});

describe('export options', () => {
  const corpus = load(TRICKY);
  it('--sets writes ATLAS.ti document groups that validate and resolve', USES_SHARED, () => {
    const build = buildQdpx(corpus, { sets: true });
    expect(xmllint(build.projectXml, PROJECT_XSD).status).toBe(0);
    expect(checkProjectXml(build.projectXml, build.sources)).toEqual([]);
    const names = [...build.projectXml.matchAll(/<Set guid="[^"]+" name="([^"]+)"/g)].map((m) => m[1]);
    expect(names).toEqual(['group: north', 'group: south', 'phase: I', 'phase: II', 'date: 2024-03-05', 'date: 2024-06-01', 'method: focus-group', 'method: interview']);
    expect(build.projectXml.indexOf('<Sets>')).toBeGreaterThan(build.projectXml.indexOf('</Notes>'));
  });
  it('--coder exports one coder only', () => {
    const build = buildQdpx(corpus, { coder: 'ben' });
    expect((build.projectXml.match(/<Coding /g) ?? []).length).toBe(corpus.codings.filter((c) => c.coder === 'ben').length);
    expect((build.projectXml.match(/<Coding /g) ?? []).length).toBe(2);
    expect(buildQdpx(corpus, { coder: 'nobody' }).diagnostics.map((d) => d.severity)).toContain('warning');
  });
  it('no cases with caseVariable null; a missing case variable writes none either', () => {
    expect(buildQdpx(corpus, { caseVariable: null }).projectXml).not.toContain('<Cases>');
    expect(buildQdpx(corpus, { caseVariable: 'method' }).projectXml).toContain('<Case guid="');
    expect(buildQdpx(corpus, { caseVariable: 'nope' }).projectXml).not.toContain('<Cases>');
  });
});
