// Practice that teaches: "you used X where the key has Y", the codebook line
// that decides it beside the passage, and the key's `why:` after scoring.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run, tempDir } from '../helpers/cli.js';
import { withoutRationales } from '../../src/agreement/strip.js';

function tag(path: string, start: string, code: string): void {
  const text = readFileSync(path, 'utf8');
  const at = text.indexOf(start);
  expect(at, start).toBeGreaterThanOrEqual(0);
  const end = text.indexOf('\n', at);
  writeFileSync(path, `${text.slice(0, end)} #${code}${text.slice(end)}`);
}

async function started(): Promise<string> {
  const cwd = tempDir();
  expect((await run(['practice', 'start', 'first-round', 'mine'], { cwd })).code).toBe(0);
  return cwd;
}

describe('practice score teaches', () => {
  it('never copies the key’s why: into the student’s notes', async () => {
    const cwd = await started();
    for (const name of readdirSync(join(cwd, 'mine', 'notes'))) expect(readFileSync(join(cwd, 'mine', 'notes', name), 'utf8')).not.toMatch(/^why:/m);
    const text = '---\nid: x\nwhy:\n  - code: a\n    at: words\n    why: because\ngroup: g\n---\nBody #a\n';
    expect(withoutRationales(text)).toBe('---\nid: x\ngroup: g\n---\nBody #a\n');
    expect(withoutRationales('---\nid: x\n---\nBody\n')).toBe('---\nid: x\n---\nBody\n');
  });

  it('a mix-up: you used reciprocity where the key has mutual-support.practical, with the deciding line and the why', async () => {
    const cwd = await started();
    tag(join(cwd, 'mine', 'notes', 'de-brug-I-observation.md'), 'Rosa immediately says', 'reciprocity');
    const r = await run(['practice', 'score', 'mine'], { cwd, env: { NO_COLOR: '1' } });
    expect(r.code).toBe(0);
    const out = r.stdout;
    const added = out.slice(out.indexOf('\nreciprocity — Reciprocity'));
    expect(added).toContain('added (you have it, the key does not)  mine/notes/de-brug-I-observation.md:');
    expect(added).toContain('You used reciprocity where the key has mutual-support.practical.');
    expect(added).toContain('the key decides by: reciprocity.not_when.1  Help flows one way only and nobody mentions giving back; use a `mutual-support` code.');
    expect(added).toContain('why the key codes it so: Help flows one way here; reciprocity needs something given back, and nobody mentions it.');
    const missed = out.slice(out.indexOf('\nmutual-support.practical — Practical support'));
    expect(missed).toContain('You used reciprocity where the key has mutual-support.practical.');
    expect(missed).toContain('the key decides by: mutual-support.practical.use_when.1  One participant does something concrete for another (a task, a loan, a lift, a form).');
    // A missed passage the key gives no criterion for: the missed code's use_when lines.
    const json = JSON.parse((await run(['practice', 'score', 'mine', '--format', 'json'], { cwd })).stdout);
    expect(json.confusions).toEqual([{ used: 'reciprocity', key: 'mutual-support.practical', note: 'brug-I-obs', path: 'mine/notes/de-brug-I-observation.md', line: expect.any(Number), quote: expect.stringContaining('Rosa immediately says') }]);
    const network = json.items.find((i: any) => i.kind === 'missed' && i.code === 'network-growth');
    expect(network.named).toBe(false);
    expect(network.why).toBe("Nadia came through a contact from outside the group and stayed; the group's network grows through her.");
    expect(network.criteria[0]).toMatch(/^network-growth\.use_when\.1 {2}/);
    const md = (await run(['practice', 'score', 'mine', '--format', 'markdown'], { cwd })).stdout;
    expect(md).toContain('  - You used reciprocity where the key has mutual-support.practical.');
    expect(md).toContain('  - Why the key codes it so: Help flows one way here');
  });

  it('an added code with no rationale shows that code’s not_when lines', async () => {
    const cwd = await started();
    tag(join(cwd, 'mine', 'notes', 'de-brug-I-observation.md'), 'The group meets in the back room', 'feedback');
    const json = JSON.parse((await run(['practice', 'score', 'mine', '--format', 'json'], { cwd })).stdout);
    const item = json.items.find((i: any) => i.kind === 'added' && i.code === 'feedback');
    expect(item.named).toBe(false);
    expect(item.why).toBeUndefined();
    expect(item.criteria).toEqual([
      'feedback.not_when.1  The comment comes only from the social worker or facilitator and no peer joins in; that is professional guidance, not peer feedback.',
      "feedback.not_when.2  The remark is general encouragement without any content about the person's actions; use `mutual-support.emotional`.",
    ]);
  });
});

describe('a standoff key with why: on its codings', () => {
  it('shows the coding’s why after scoring', async () => {
    const { serializeStandoff, standoffCodingFromSpan } = await import('../../src/standoff/format.js');
    const { tempTree } = await import('../helpers/cli.js');
    const { codebookYaml } = await import('../agree/helpers.js');
    const text = '---\nid: n1\n---\nNobody trusted the new coordinator.\n\nThe weather was fine.\n';
    const start = text.indexOf('Nobody');
    const coding = { ...standoffCodingFromSpan(text, start, start + 35, { code: 'mistrust', coder: 'key' })!, why: 'Distrust of someone in a role is mistrust.' };
    const cwd = tempTree({
      'key/n1.md': text,
      'key/n1.codings.yaml': serializeStandoff({ version: 'standoff/1', note: 'n1.md', codings: [coding] }),
      'key/codebook.yaml': codebookYaml(['trust', 'mistrust']),
      'key/fieldcode.yaml': 'name: key\ncodebook: codebook.yaml\nnotes: ["*.md"]\n',
    });
    expect(readFileSync(join(cwd, 'key/n1.codings.yaml'), 'utf8')).toContain('    why: Distrust of someone in a role is mistrust.\n');
    expect((await run(['practice', 'start', '--key', 'key', '--codebook', 'key/codebook.yaml', 'mine'], { cwd })).code).toBe(0);
    writeFileSync(join(cwd, 'mine/notes/n1.md'), text.replace('coordinator.', 'coordinator. #trust'));
    const json = JSON.parse((await run(['practice', 'score', 'mine', '--format', 'json'], { cwd })).stdout);
    expect(json.items.find((i: any) => i.kind === 'missed')).toMatchObject({ code: 'mistrust', why: 'Distrust of someone in a role is mistrust.', criteria: ['mistrust.use_when.1  Use mistrust when it fits.'] });
    expect(json.confusions.map((c: any) => [c.used, c.key])).toEqual([['trust', 'mistrust']]);
  });
});
