// Bad input to `fieldcode codes`: each is an error (exit 2) that writes nothing.
import { chmodSync, readdirSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';
import { run, tempTree } from '../helpers/cli.js';
import { applyPlan } from '../../src/codes/journal.js';

const BOOK = [
  '# The study codebook',
  'name: T',
  'codes:',
  '  - id: support',
  '    codes:',
  '      - id: support.practical',
  '        codes:',
  '          - id: support.practical.money',
  '      - id: support.emotional',
  '  - id: feedback # peers only',
  '',
].join('\n');

const project = (): string =>
  tempTree({
    'fieldcode.yaml': 'codebook: codebook.yaml\nnotes: ["notes/**/*.md"]\nreports:\n  - name: q\n    kind: quotes\n    codes: [feedback, support]\n    out: reports/q.md\n',
    'codebook.yaml': BOOK,
    'notes/a.md': '---\nid: a\n---\n\nShe told me straight. #feedback\n\nHe lent me money, [twenty euros]{#support.practical.money #support}.\n',
    'notes/b.md': '---\nid: b\n---\n\nWe cried together. #support.emotional\n',
  });

function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (folder: string): void => {
    for (const name of readdirSync(folder).sort()) {
      const path = join(folder, name);
      if (relative(dir, path) === join('.fieldcode', 'cache')) continue;
      if (statSync(path).isDirectory()) walk(path);
      else out.set(relative(dir, path), readFileSync(path, 'utf8'));
    }
  };
  walk(dir);
  return out;
}

async function refused(dir: string, argv: string[], message: string): Promise<void> {
  const before = snapshot(dir);
  const result = await run(['codes', ...argv], { cwd: dir });
  expect(result.stderr).toContain(message);
  expect(result.code).toBe(2);
  expect(result.stdout).toBe('');
  expect(snapshot(dir)).toEqual(before);
}

describe('codes: bad input writes nothing', () => {
  test('a codebook edit that cannot be made is refused at the subcommand: a flow-style code, a flow-style lineage list', async () => {
    const flow = tempTree({
      'fieldcode.yaml': 'codebook: codebook.yaml\nnotes: ["notes/**/*.md"]\n',
      'codebook.yaml': 'name: T\ncodes:\n  - id: support\n  - { id: feedback }\n  - id: care\n    renamed_from: [{ id: concern, date: 2024-01-02 }]\n',
      'notes/a.md': '---\nid: a\n---\n\nShe told me straight. #feedback #care\n',
    });
    const before = snapshot(flow);
    const rename = await run(['codes', 'rename', 'feedback', 'peer-feedback'], { cwd: flow });
    expect(rename).toMatchObject({ code: 2, stdout: '' });
    expect(rename.stderr).toBe('<command line>:1:17  error  Cannot edit `feedback`: it is written in flow style (`{ id: … }`); write it as a block mapping first  [codes-refused]\n\n1 error\n');
    const again = await run(['codes', 'rename', 'care', 'caring'], { cwd: flow });
    expect(again).toMatchObject({ code: 2, stdout: '' });
    expect(again.stderr).toBe('<command line>:1:17  error  Cannot add to `renamed_from` of `caring`: write it as a block list (`- id: …` lines) first  [codes-refused]\n\n1 error\n');
    expect(snapshot(flow)).toEqual(before);
  }, 60_000);

  test('renaming to an id that exists, or to an invalid id', async () => {
    const dir = project();
    await refused(dir, ['rename', 'feedback', 'support'], 'Cannot rename to `support`: a code `support` already exists');
    await refused(dir, ['rename', 'feedback', 'Peer Feedback'], 'Unexpected id `Peer Feedback` to rename to, expected a lowercase letter followed by lowercase letters');
  });

  test('a refused change is placed at its subcommand, a bad flag at the flag (exit 2)', async () => {
    const dir = project();
    const unknown = await run(['codes', 'rename', 'feedbak', 'peer-feedback'], { cwd: dir });
    expect(unknown).toMatchObject({ code: 2, stdout: '' });
    expect(unknown.stderr).toBe('<command line>:1:17  error  Unexpected code `feedbak`, expected a code of `codebook.yaml` (did you mean `feedback`?)  [codes-refused]\n\n1 error\n');
    const move = await run(['codes', 'move', 'support'], { cwd: dir });
    expect(move.stderr).toBe('<command line>:1:17  error  Unexpected `codes move` without exactly one of --parent ID and --top  [invalid-option]\n\n1 error\n');
    const date = await run(['codes', 'retire', 'support.emotional', '--date', 'today'], { cwd: dir });
    expect(date.code).toBe(2);
    expect(date.stderr).toBe(`<command line>:1:${'fieldcode codes retire support.emotional '.length + 1}  error  Unexpected \`--date today\`, expected a day as YYYY-MM-DD  [invalid-option]\n\n1 error\n`);
  });

  test('merging a code into its own descendant', async () => {
    const dir = project();
    await refused(dir, ['merge', 'support', 'feedback', '--into', 'support.practical.money'], 'Cannot merge `support` into `support.practical.money`: `support.practical.money` is one of its descendants');
  });

  test('moving a code under one of its descendants (a cycle), or under itself', async () => {
    const dir = project();
    await refused(dir, ['move', 'support', '--parent', 'support.practical.money'], 'Cannot move `support` under `support.practical.money`: `support.practical.money` is one of its descendants, which would make a cycle');
    await refused(dir, ['move', 'support', '--parent', 'support'], 'a code cannot be its own parent');
  });

  test('an unknown id, with did-you-mean', async () => {
    const dir = project();
    await refused(dir, ['rename', 'feedbak', 'peer-feedback'], 'Unexpected code `feedbak`, expected a code of `codebook.yaml` (did you mean `feedback`?)');
    await refused(dir, ['retire', 'suport.emotional'], '(did you mean `support.emotional`?)');
  });

  test('a dirty plan file from another version stops every command', async () => {
    const dir = project();
    mkdirSync(join(dir, '.fieldcode'));
    writeFileSync(join(dir, '.fieldcode/plan.json'), JSON.stringify({ fieldcode: 'fieldcode-plan/0', version: '0.0.1', operation: 'codes rename a b', files: [{ path: 'notes/a.md', before: 'x', after: 'y' }] }));
    await refused(dir, ['rename', 'feedback', 'peer-feedback'], 'Cannot finish the unfinished change in `.fieldcode/plan.json`: it was written by fieldcode 0.0.1 (format `fieldcode-plan/0`)');
    const check = await run(['check'], { cwd: dir });
    expect(check.code).toBe(2);
    expect(check.stderr).toMatch(/^\.fieldcode\/plan\.json:1:1  error  Cannot finish the unfinished change in `\.fieldcode\/plan\.json`: .*nothing was changed.*  \[codes-plan\]\n\n1 error\n$/);
    writeFileSync(join(dir, '.fieldcode/plan.json'), '{"fieldcode": "fieldcode-plan/1", "ver');
    await refused(dir, ['rename', 'feedback', 'peer-feedback'], 'it is not valid JSON; nothing was changed');
  });

  test('a note that cannot be read', async () => {
    const dir = project();
    writeFileSync(join(dir, 'notes/c.md'), Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0xff, 0xfe, 0x0a]));
    await refused(dir, ['rename', 'feedback', 'peer-feedback'], 'Cannot change codes: `notes/c.md` cannot be read');
  });

  // Root reads any file whatever its mode: drop the capability, as the unreadable-folder test does.
  const setpriv = spawnSync('setpriv', ['--version']).status === 0;
  test.skipIf(process.getuid?.() === 0 && !setpriv)('a note without read permission', async () => {
    const dir = project();
    const before = snapshot(dir);
    chmodSync(join(dir, 'notes/b.md'), 0o000);
    const bin = join(import.meta.dirname, '..', '..', 'bin', 'fieldcode.js');
    const argv = ['codes', 'rename', 'feedback', 'peer-feedback'];
    const result = process.getuid?.() === 0
      ? spawnSync('setpriv', ['--bounding-set=-dac_override,-dac_read_search', process.execPath, bin, ...argv], { cwd: dir, encoding: 'utf8' })
      : spawnSync(process.execPath, [bin, ...argv], { cwd: dir, encoding: 'utf8' });
    chmodSync(join(dir, 'notes/b.md'), 0o644);
    expect(result.stderr).toContain('Cannot change codes: `notes/b.md` cannot be read');
    expect(result.status).toBe(2);
    expect(snapshot(dir)).toEqual(before);
  }, 60_000);

  test('a file changed on disk since the plan was made stops the change, nothing written', () => {
    const dir = project();
    const before = snapshot(dir);
    expect(
      applyPlan(dir, 'codes rename feedback peer-feedback', [
        { path: 'notes/a.md', before: before.get('notes/a.md')!, after: 'new a\n' },
        { path: 'notes/b.md', before: 'what b held when the plan was made\n', after: 'new b\n' },
      ]),
    ).toEqual({ refused: 'Cannot change `notes/b.md`: it changed on disk since fieldcode read it. Nothing was written; run the command again', file: 'notes/b.md' });
    expect(snapshot(dir)).toEqual(before);
  });
});
