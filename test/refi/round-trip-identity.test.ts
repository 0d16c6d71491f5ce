// Issue 15.2: an export → import round trip keeps participants (so pseudonyms
// still apply), every coder, codebook patterns and code ids.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { run } from '../helpers/cli.js';
import { USES_SHARED } from '../helpers/shared.js';
import { project } from '../privacy/helpers.js';
import { PROJECT_XSD, tempDir, xmllint } from './helpers.js';

const CODEBOOK = `name: Round trip
version: "1"
codes:
  - id: feedback
    label: Feedback from peers
    keywords: [advice]
    patterns: ['\\b(tip|hint)s?\\b']
    codes:
      - id: feedback.critical
        label: Critical
  - id: support
    label: Support
    patterns: ['help(ed|s)?']
`;

const NOTE = `---
group: north
phase: I
participants:
  Annabel: { pseudonym: P01, role: participant, id: p01 }
  Zoë: { pseudonym: P02 }
  Interviewer: { role: interviewer }
---
**Annabel:** I give feedback to the group. #feedback

**Zoë:** That was [critical]{#feedback.critical}, and it helped. #support

**Interviewer:** And the tips?
`;

// A second coder, in a standoff file.
const STANDOFF = `fieldcode: standoff/1
note: a.md
coder: lee
codings:
  - code: support
    start: 120
    end: 164
    quote: "I give feedback to the group."
`;

function original(): string {
  const dir = project({ 'codebook.yaml': CODEBOOK, 'notes/a.md': NOTE });
  // Anchor the standoff coding by its quote, wherever the offsets fall.
  const text = readFileSync(join(dir, 'notes/a.md'), 'utf8');
  const start = [...text.slice(0, text.indexOf('I give feedback'))].length;
  writeFileSync(join(dir, 'notes/a.codings.yaml'), STANDOFF.replace('start: 120', `start: ${start}`).replace('end: 164', `end: ${start + 'I give feedback to the group.'.length}`));
  return dir;
}

async function roundTrip(dir: string): Promise<{ out: string; imported: string }> {
  const out = join(tempDir(), 'project.qdpx');
  const exported = await run(['export', dir, '--out', out]);
  expect(exported.code, exported.stderr).toBe(0);
  const imported = join(tempDir(), 'imported');
  const result = await run(['import', out, '--into', imported]);
  expect(result.code, result.stderr).toBe(0);
  return { out, imported };
}

async function json(argv: string[]): Promise<unknown> {
  const result = await run([...argv, '--format', 'json']);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout);
}

describe('REFI-QDA round trip keeps who, by whom and which code', () => {
  const dir = original();
  const trip = roundTrip(dir);

  it('keeps code ids, labels, keywords and patterns', async () => {
    const { imported } = await trip;
    const codebook = parseYaml(readFileSync(join(imported, 'codebook.yaml'), 'utf8'));
    expect(codebook.codes.map((c: { id: string }) => c.id)).toEqual(['feedback', 'support']);
    expect(codebook.codes[0]).toMatchObject({ id: 'feedback', label: 'Feedback from peers', keywords: ['advice'], patterns: ['\\b(tip|hint)s?\\b'] });
    expect(codebook.codes[0].definition).toBeUndefined();
    expect(codebook.codes[0].codes[0]).toMatchObject({ id: 'feedback.critical', label: 'Critical' });
    expect(codebook.codes[1].patterns).toEqual(['help(ed|s)?']);
  });

  it('keeps participants, so pseudonyms and speaker counts are as before', async () => {
    const { imported } = await trip;
    const note = readFileSync(join(imported, 'notes', 'a.md'), 'utf8');
    const front = parseYaml(note.split('---\n')[1]);
    expect(front.participants).toEqual({ Annabel: { pseudonym: 'P01', role: 'participant', id: 'p01' }, Zoë: { pseudonym: 'P02' }, Interviewer: { role: 'interviewer' } });
    const before = await run(['quotes', dir, '--pseudonymize', '--format', 'json']);
    const after = await run(['quotes', imported, '--pseudonymize', '--format', 'json']);
    const speakers = (text: string): string[] => [...text.matchAll(/"speaker": "([^"]*)"/g)].map((m) => m[1]).sort();
    expect(speakers(after.stdout)).toEqual(speakers(before.stdout));
    expect(after.stdout).not.toMatch(/Annabel|Zoë/);
    const counts = (report: unknown) => (report as { rows: { code: string; speakers: number; segments: number }[] }).rows.map((r) => [r.code, r.speakers, r.segments]);
    expect(counts(await json(['report', imported, '--by', 'coder']))).toEqual(counts(await json(['report', dir, '--by', 'coder'])));
  });

  it('keeps every coder of every coding', async () => {
    const { imported } = await trip;
    const byCoder = (report: unknown) => (report as { rows: { code: string; cell: Record<string, string>; codings: number }[] }).rows.filter((r) => r.codings > 0).map((r) => `${r.cell.coder} ${r.code} ${r.codings}`);
    const before = byCoder(await json(['report', dir, '--by', 'coder']));
    expect(before).toContain('lee support 1');
    expect(byCoder(await json(['report', imported, '--by', 'coder']))).toEqual(before);
  });

  it('a second round trip changes nothing', async () => {
    const { imported } = await trip;
    const second = await roundTrip(imported);
    for (const file of ['codebook.yaml', 'notes/a.md', 'notes/a.codings.yaml']) {
      expect(readFileSync(join(second.imported, file), 'utf8').replace(/^#.*\n/, '')).toBe(readFileSync(join(imported, file), 'utf8').replace(/^#.*\n/, ''));
    }
  });
});

describe('the carried data still validates against the REFI-QDA schema', USES_SHARED, () => {
  it('project.qde with ids and participants in Descriptions', async () => {
    const { out } = await roundTrip(original());
    const xml = new TextDecoder().decode(unzipSync(new Uint8Array(readFileSync(out)))['project.qde']);
    expect(xml).toContain('fieldcode id: feedback</Description>');
    expect(xml).toContain('fieldcode participants: {"Annabel":');
    const result = xmllint(xml, PROJECT_XSD);
    expect(result.status, result.stderr).toBe(0);
  });
});
