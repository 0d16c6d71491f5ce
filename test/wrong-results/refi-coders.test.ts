// Issue 16 item 21: a REFI-QDA export of a passage coded by two coders holds
// one selection per coder (QualCoder keeps one coder per selection), and
// memos travel with the selection, still valid against Project.xsd.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { run, tempDir } from '../helpers/cli.js';
import { readZip } from '../../src/refi/zip.js';
import { serializeStandoff, standoffCodingFromSpan } from '../../src/standoff/format.js';
import { sharedPath } from '../helpers/shared.js';
import { xmllint } from '../refi/helpers.js';

const NOTE = `---
group: de-brug
---
Anna: We always help each other at harvest.
`;
const PROJECT_XSD = sharedPath('refi-qda', 'Project.xsd');

function project(): string {
  const dir = join(tempDir(), 'proj');
  mkdirSync(join(dir, 'notes'), { recursive: true });
  writeFileSync(join(dir, 'fieldcode.yaml'), 'name: two coders\ncodebook: codebook.yaml\nnotes: ["notes/**/*.md"]\ncoder: rater-1\nvariables:\n  group: {}\n');
  writeFileSync(join(dir, 'codebook.yaml'), 'codes:\n  - id: reciprocity\n    label: Reciprocity\n  - id: feedback\n    label: Feedback\n');
  writeFileSync(join(dir, 'notes', 'anna.md'), NOTE);
  const start = NOTE.indexOf('help each other');
  const end = start + 'help each other'.length;
  const codings = [
    standoffCodingFromSpan(NOTE, start, end, { code: 'reciprocity', coder: 'rater-1' })!,
    standoffCodingFromSpan(NOTE, start, end, { code: 'reciprocity', coder: 'rater-2', memo: 'mutual, not charity' })!,
    standoffCodingFromSpan(NOTE, start, end, { code: 'feedback', coder: 'rater-2' })!,
  ];
  writeFileSync(join(dir, 'notes', 'anna.codings.yaml'), serializeStandoff({ version: 'standoff/1', note: 'anna.md', codings }));
  return dir;
}

interface Selection {
  startPosition: string;
  endPosition: string;
  creatingUser: string;
  Description?: string;
  Coding: Array<{ creatingUser: string; CodeRef: { targetGUID: string }; NoteRef?: { targetGUID: string } }>;
}

describe('REFI-QDA export with several coders', () => {
  it('writes one selection per coder, each with its own codings and memo', async () => {
    const dir = project();
    const out = join(dir, 'study.qdpx');
    const result = await run(['export', dir, '--out', out]);
    expect(result.code, result.stderr).toBe(0);
    const zip = readZip(readFileSync(out));
    if ('problem' in zip) throw new Error(zip.problem.message);
    const qde = new TextDecoder().decode(zip.entries.find((e) => e.name === 'project.qde')!.data);
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['PlainTextSelection', 'Coding', 'User', 'Note'].includes(name) }).parse(qde);
    const users = new Map((parsed.Project.Users.User as Array<{ guid: string; name: string }>).map((u) => [u.guid, u.name]));
    const selections = parsed.Project.Sources.TextSource.PlainTextSelection as Selection[];
    // rater-1: one selection; rater-2: one for the coding with a memo, one for the other.
    expect(selections).toHaveLength(3);
    expect(new Set(selections.map((s) => `${s.startPosition}-${s.endPosition}`)).size).toBe(1);
    for (const selection of selections) for (const coding of selection.Coding) expect(coding.creatingUser).toBe(selection.creatingUser);
    const of = (coder: string) => selections.filter((s) => users.get(s.creatingUser) === coder);
    expect(of('rater-1').map((s) => s.Coding.length)).toEqual([1]);
    expect(of('rater-2').map((s) => s.Coding.length)).toEqual([1, 1]);
    // The memo is on its selection (what QualCoder reads) and a Note (what the standard links).
    expect(selections.map((s) => s.Description ?? null)).toEqual([null, 'mutual, not charity', null]);
    expect((parsed.Project.Notes.Note as Array<{ PlainTextContent: string }>).map((n) => n.PlainTextContent)).toEqual(['mutual, not charity']);
    if (existsSync(PROJECT_XSD)) expect(xmllint(qde, PROJECT_XSD)).toMatchObject({ status: 0 });
  });
});
