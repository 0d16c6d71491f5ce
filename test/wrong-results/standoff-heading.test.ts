// Issue 16 item 18: a standoff coding on a heading is in no segment. It still
// counts as a coding and a document (docs/standoff.md), and check says so.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run, tempDir } from '../helpers/cli.js';
import { serializeStandoff, standoffCodingFromSpan } from '../../src/standoff/format.js';

const NOTE = `---
group: de-brug
---
## Harvest and reciprocity

Anna: We always help each other at harvest.
`;

function project(quotes: string[]): string {
  const dir = join(tempDir(), 'proj');
  mkdirSync(join(dir, 'notes'), { recursive: true });
  writeFileSync(join(dir, 'fieldcode.yaml'), 'codebook: codebook.yaml\nnotes: ["notes/**/*.md"]\nvariables:\n  group: {}\n');
  writeFileSync(join(dir, 'codebook.yaml'), 'codes:\n  - id: reciprocity\n    label: Reciprocity\n');
  writeFileSync(join(dir, 'notes', 'anna.md'), NOTE);
  const codings = quotes.map((quote) => {
    const start = [...NOTE.slice(0, NOTE.indexOf(quote))].length;
    return standoffCodingFromSpan(NOTE, start, start + [...quote].length, { code: 'reciprocity' })!;
  });
  writeFileSync(join(dir, 'notes', 'anna.codings.yaml'), serializeStandoff({ version: 'standoff/1', note: 'anna.md', coder: 'rater-1', codings }));
  return dir;
}

describe('a standoff coding outside every segment', () => {
  it('is a positioned warning in check, with a fix hint', async () => {
    const dir = project(['Harvest and reciprocity']);
    const check = await run(['check'], { cwd: dir });
    expect(check.code).toBe(0);
    expect(check.stderr).toMatch(/^notes\/anna\.codings\.yaml:\d+:5 +warning +Coding `reciprocity` \(rater-1\) lies on the heading at notes\/anna\.md:4:1, outside every segment: it counts as a coding and a document but in no segment; code the paragraph under the heading instead +\[standoff-outside-segment\]$/m);
    expect((await run(['check', '--strict'], { cwd: dir })).code).toBe(1);
  });

  it('counts as the documented rule says: a coding and a document, no segment', async () => {
    const dir = project(['Harvest and reciprocity']);
    const report = await run(['report', dir, '--format', 'json', '--by', 'group']);
    const row = JSON.parse(report.stdout).rows.find((r: { code: string }) => r.code === 'reciprocity');
    expect(row).toMatchObject({ codings: 1, documents: 1, segments: 0 });
  });

  it('says nothing for a coding in a paragraph', async () => {
    const dir = project(['help each other at harvest']);
    const check = await run(['check'], { cwd: dir });
    expect(check.stderr).not.toContain('standoff-outside-segment');
  });
});
