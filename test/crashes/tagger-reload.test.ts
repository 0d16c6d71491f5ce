// Issue 16 item 13: after a refused save and a reload, the interactive tagger
// skipped, without a word, the segments whose text had changed on disk (a
// segment id is a hash of its text). The stops now follow the new segments.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { compileMatchers } from '../../src/codebook/match.js';
import { readCodebook } from '../../src/codebook/read.js';
import { readNote } from '../../src/core/note.js';
import { openTagFile, reloadTagFile } from '../../src/cli/tag-files.js';
import { planStops, remapStops } from '../../src/cli/tag-session.js';
import { tempDir } from '../helpers/cli.js';

const codebook = readCodebook('codebook.yaml', 'name: t\nversion: "1"\ncodes:\n  - id: reciprocity\n    label: Reciprocity\n').codebook;

describe('tagger reload', () => {
  test('a segment to visit whose text changed on disk is visited as it is now; a removed one is counted', () => {
    const path = join(tempDir(), 'n.md');
    const text = '---\ngroup: a\n---\n\nFirst paragraph.\n\nSecond paragraph.\n\nThird paragraph.\n';
    writeFileSync(path, text);
    const file = openTagFile('n.md', path, readNote('n.md', text, false, { coder: 'c' }).note, '0:0', 'c');
    const stops = planStops([file], new Map(), compileMatchers(codebook), undefined, true);
    expect(stops).toHaveLength(3);

    // Someone edits the second paragraph in another editor.
    writeFileSync(path, text.replace('Second paragraph.', 'Second paragraph, edited.'));
    const before = file.note.segments;
    expect(reloadTagFile(file)).toBe(true);
    expect(remapStops(stops, file, before)).toEqual({ changed: 1, gone: 0 });
    const shown = stops.map((stop) => file.note.segments.find((s) => s.id === stop.segmentId)?.text);
    expect(shown).toEqual(['First paragraph.', 'Second paragraph, edited.', 'Third paragraph.']);

    // And the third is deleted.
    writeFileSync(path, '---\ngroup: a\n---\n\nFirst paragraph.\n\nSecond paragraph, edited.\n');
    const again = file.note.segments;
    expect(reloadTagFile(file)).toBe(true);
    expect(remapStops(stops, file, again)).toEqual({ changed: 0, gone: 1 });
  });
});
