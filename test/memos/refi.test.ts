// REFI-QDA round trip keeps memos: each project memo is a <Note> with a
// <NoteRef> from the code or source it is about (cells and phases from the
// project), and an import writes the same memos back.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { EXAMPLE, run, tempDir, tempTree } from '../helpers/cli.js';
import { buildQdpx } from '../../src/refi/project-xml.js';
import { loadProject } from '../../src/cli/project.js';

describe('memos in REFI-QDA', () => {
  test('export writes each memo as a Note, referenced from its code, its source or the project', () => {
    const xml = buildQdpx(loadProject(EXAMPLE, {}).corpus).projectXml;
    const notes = [...xml.matchAll(/<Note guid="([^"]+)" name="([^"]+)"/g)].map((m) => ({ guid: m[1], name: m[2] }));
    const feedback = notes.find((n) => n.name === 'Feedback at De Brug goes through the leader')!;
    const cooking = notes.find((n) => n.name === 'Cooking as giving back')!;
    const cell = notes.find((n) => n.name === 'Samen Sterk, fase II: omgaan met weerstand')!;
    expect(xml).toMatch(new RegExp(`<Code [^>]*name="Feedback from peers"[^>]*>\\s*<Description>[\\s\\S]*?</Description>\\s*<NoteRef targetGUID="${feedback.guid}"/>`));
    expect(xml).toMatch(new RegExp(`name="krachtbron--II-focus-group[^"]*"[\\s\\S]*?<NoteRef targetGUID="${cooking.guid}"/>[\\s\\S]*?</TextSource>`));
    expect(xml).toContain('<Description>fieldcode memo: {"path":"memos/2024-10-02-cooking-as-giving-back.md"');
    // A memo on a cell and a code is referenced from its code; one on a phase and a code too; none is left unreferenced.
    expect(xml).toContain(`<NoteRef targetGUID="${cell.guid}"/>`);
  });

  test('export then import gives the same memos, and the imported project checks clean', async () => {
    const out = join(tempDir(), 'p.qdpx');
    expect((await run(['export', '--format', 'qdpx', '--out', out], { cwd: EXAMPLE })).code).toBe(0);
    const into = join(tempDir(), 'imported');
    const imported = await run(['import', out, '--into', into]);
    expect(imported.code).toBe(0);
    expect(imported.stdout + imported.stderr).toContain('19 notes');
    expect(imported.stdout + imported.stderr).toContain('5 memos');
    const original = (await run(['memo', 'list', '--format', 'json'], { cwd: EXAMPLE })).stdout;
    expect((await run(['memo', 'list', '--format', 'json'], { cwd: into })).stdout).toBe(original);
    for (const name of readdirSync(join(EXAMPLE, 'memos'))) {
      const body = (text: string): string => text.slice(text.indexOf('\n---\n') + 5).trim();
      expect(body(readFileSync(join(into, 'memos', name), 'utf8')), name).toBe(body(readFileSync(join(EXAMPLE, 'memos', name), 'utf8')));
    }
    const check = await run(['check'], { cwd: into });
    expect(check.stderr).toBe('19 notes, 138 codings: no errors found\n');
  });

  test('a memo on a cell only is referenced from the project, and still validates as a project NoteRef', () => {
    const dir = tempTree({
      'fieldcode.yaml': 'variables:\n  group: { values: [a] }\n',
      'notes/n.md': '---\ngroup: a\n---\nText. #reciprocity\n',
      'memos/m.md': '---\nabout: group:a\ndate: 2024-01-02\n---\n\nOn group a.\n',
    });
    const xml = buildQdpx(loadProject(dir, {}).corpus).projectXml;
    const guid = /<Note guid="([^"]+)" name="m"/.exec(xml)![1];
    expect(xml).toMatch(new RegExp(`<NoteRef targetGUID="${guid}"/>\\s*</Project>`));
  });
});
