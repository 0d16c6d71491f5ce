// Memos: positioned errors in `check`, `memo new` (template, never over a
// file, never touching a note), `memo list`, and memos never counted.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { copyToTemp, ROOT, run, tempTree } from '../helpers/cli.js';

const SMALL = join(ROOT, 'test/fixtures/small-project');

function withMemos(memos: Record<string, string>): string {
  const dir = copyToTemp(SMALL);
  mkdirSync(join(dir, 'memos'), { recursive: true });
  for (const [name, text] of Object.entries(memos)) writeFileSync(join(dir, 'memos', name), text);
  return dir;
}

function hashNotes(dir: string): string {
  const hash = createHash('sha256');
  for (const name of readdirSync(join(dir, 'notes')).sort()) hash.update(name).update(readFileSync(join(dir, 'notes', name)));
  return hash.digest('hex');
}

describe('check on memos', () => {
  test('a memo on an unknown code, note, segment, variable or value is a positioned error', async () => {
    const dir = withMemos({
      'a.md': '---\nauthor: kim\nabout:\n  - code:reciprocty\n  - note:north-IX\n  - segment:notes/north-I.md#00000000\n  - cell: {group: west, phase: I}\n  - region:north\n  - code:reciprocity\n---\n\nText.\n',
    });
    const result = await run(['check'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('memos/a.md:4:5  error  Unexpected memo target `code:reciprocty`: no code `reciprocty` in the codebook (did you mean `reciprocity`?)  [memo-unknown-target]');
    expect(result.stderr).toContain('memos/a.md:5:5  error  Unexpected memo target `note:north-IX`: no note has the id or project path `north-IX`');
    expect(result.stderr).toContain('memos/a.md:6:5  error  Unexpected memo target `segment:notes/north-I.md#00000000`: note `notes/north-I.md` has no segment with that id');
    expect(result.stderr).toContain('memos/a.md:7:5  error  Unexpected memo target `cell:{group: west, phase: I}`: `group` has no value `west`');
    expect(result.stderr).toContain('memos/a.md:8:5  error  Unexpected memo target `region:north`: no variable `region`');
    expect(result.stderr).toContain('5 errors');
  });

  test('broken front matter, a missing `about` and a bad target are positioned errors, never a crash', async () => {
    const dir = withMemos({
      'broken.md': '---\nabout: [code:reciprocity\n---\nText\n',
      'open.md': '---\nabout: code:reciprocity\nText without a closing fence\n',
      'none.md': '---\nauthor: kim\n---\nText\n',
      'shape.md': '---\nabout:\n  - 12\n  - code:\n---\nText\n',
      'date.md': '---\nabout: code:reciprocity\ndate: last week\n---\nText\n',
    });
    const result = await run(['check'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/memos\/broken\.md:3:\d+  error  Cannot parse memo front matter: .*\[memo-front-matter\]/);
    expect(result.stderr).toContain('memos/open.md:1:1  error  Unexpected memo front matter without a closing `---`');
    expect(result.stderr).toContain('memos/none.md:2:1  error  Unexpected memo without `about:`');
    expect(result.stderr).toContain('memos/shape.md:3:5  error  Unexpected memo target 12');
    expect(result.stderr).toContain('memos/shape.md:4:5  error  Unexpected memo target {"code":null}');
    expect(result.stderr).toContain('memos/date.md:3:7  error  Unexpected memo date `last week`, expected `YYYY-MM-DD`  [memo-front-matter]');
    expect(result.stderr).not.toMatch(/at .*\.js:\d+/);
  });

  test('a memo on a real code, note id, note path, segment and cell passes', async () => {
    const read = await run(['search', 'lift', '--format', 'json'], { cwd: SMALL });
    const segment = JSON.parse(read.stdout).hits[0].segment as string;
    const dir = withMemos({
      'ok.md': `---\nabout:\n  - code:support.practical\n  - note:north-I\n  - note:notes/south-I.md\n  - segment:${segment}\n  - cell: {group: north, phase: II}\n  - phase:I\ntags: [one]\n---\n\n# Fine\n`,
    });
    const result = await run(['check'], { cwd: dir });
    expect(result.stderr).toBe('4 notes, 8 codings: no errors found\n');
    expect(result.code).toBe(0);
  });
});

describe('memo new', () => {
  test('writes the template with the targets, prints the path, never overwrites, and leaves the notes alone', async () => {
    const dir = copyToTemp(SMALL);
    const before = hashNotes(dir);
    const args = ['memo', 'new', '--about', 'code:reciprocity', '--about', 'cell:group=north,phase=II', '--title', 'Geven en nemen', '--date', '2024-05-02', '--tag', 'theorie'];
    const first = await run(args, { cwd: dir });
    expect(first).toEqual({ code: 0, stdout: 'memos/2024-05-02-geven-en-nemen.md\n', stderr: '' });
    expect(readFileSync(join(dir, 'memos/2024-05-02-geven-en-nemen.md'), 'utf8')).toBe(
      '---\nabout:\n  - code:reciprocity\n  - cell: {group: north, phase: II}\nauthor: kim\ndate: 2024-05-02\ntags:\n  - theorie\n---\n\n# Geven en nemen\n\n',
    );
    writeFileSync(join(dir, 'memos/2024-05-02-geven-en-nemen.md'), 'my own words');
    const second = await run(args, { cwd: dir });
    expect(second.stdout).toBe('memos/2024-05-02-geven-en-nemen-2.md\n');
    expect(readFileSync(join(dir, 'memos/2024-05-02-geven-en-nemen.md'), 'utf8')).toBe('my own words');
    expect(hashNotes(dir)).toBe(before);
    // What it wrote reads back: the project still checks clean (but for the memo overwritten by hand).
    const list = await run(['memo', 'list', '--format', 'json', '--about', 'cell:{group: north, phase: II}'], { cwd: dir });
    expect(JSON.parse(list.stdout).memos.map((m: { path: string }) => m.path)).toEqual(['memos/2024-05-02-geven-en-nemen-2.md']);
  });

  test('an unknown or malformed --about is refused with exit 2 and nothing written', async () => {
    const dir = copyToTemp(SMALL);
    const unknown = await run(['memo', 'new', '--about', 'code:reciprocty'], { cwd: dir });
    expect(unknown.code).toBe(2);
    // Placed at the value of its --about: `fieldcode memo new --about ` is 27 characters.
    expect(unknown.stderr).toContain('<command line>:1:28  error  Unexpected `--about` `code:reciprocty`: no code `reciprocty` in the codebook (did you mean `reciprocity`?)  [invalid-option]');
    const malformed = await run(['memo', 'new', '--about', 'reciprocity'], { cwd: dir });
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toMatch(/^<command line>:1:28  error  Unexpected `--about` `reciprocity`, expected `code:<id>`.*  \[invalid-option\]\n/);
    const missing = await run(['memo', 'new'], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('<command line>:1:1  error  Missing `--about`, expected what the memo is about, e.g. `--about code:feedback`  [invalid-option]\n\n1 error\n');
    const second = await run(['memo', 'new', '--about', 'code:support', '--about', 'code:nope'], { cwd: dir });
    expect(second.code).toBe(2);
    expect(second.stderr).toMatch(new RegExp(`^<command line>:1:${'fieldcode memo new --about code:support --about '.length + 1}  error  Unexpected \`--about\` \`code:nope\``));
    const date = await run(['memo', 'new', '--about', 'code:support', '--date', '2024-5-1'], { cwd: dir });
    expect(date.stderr).toBe(`<command line>:1:${'fieldcode memo new --about code:support '.length + 1}  error  Unexpected \`--date 2024-5-1\`, expected YYYY-MM-DD  [invalid-option]\n\n1 error\n`);
    expect(() => readdirSync(join(dir, 'memos'))).toThrow();
  });

  test('a configured `memos:` folder is where memos are written and read', async () => {
    const dir = copyToTemp(SMALL);
    writeFileSync(join(dir, 'fieldcode.yaml'), `${readFileSync(join(dir, 'fieldcode.yaml'), 'utf8')}memos: analysis/memos\n`);
    const made = await run(['memo', 'new', '--about', 'phase:II', '--date', '2024-01-01'], { cwd: dir });
    expect(made.stdout).toBe('analysis/memos/2024-01-01-memo-on-phase-ii.md\n');
    const list = await run(['memo', 'list'], { cwd: dir });
    expect(list.stdout).toBe('analysis/memos/2024-01-01-memo-on-phase-ii.md  2024-01-01  Memo on phase:II  (kim)\n  about phase:II\n');
  });
});

describe('memo list', () => {
  const dir = withMemos({
    'b.md': '---\nabout: code:reciprocity\ndate: 2024-06-01\nauthor: kim\ntags: [x]\n---\n\n# Later | one\n',
    'a.md': '---\nabout: [phase:I, code:reciprocity]\ndate: 2024-01-01\n---\n\n# Earlier\n',
    'c.md': '---\nabout: phase:II\n---\n\nNo heading.\n',
  });

  test('lists by date (undated last), in text, JSON and Markdown, and filters by --about and --tag', async () => {
    const text = await run(['memo', 'list'], { cwd: dir });
    expect(text.stdout).toBe(
      'memos/a.md  2024-01-01  Earlier\n  about phase:I, code:reciprocity\nmemos/b.md  2024-06-01  Later | one  (kim)\n  about code:reciprocity  tags x\nmemos/c.md  (no date)  c\n  about phase:II\n',
    );
    const json = JSON.parse((await run(['memo', 'list', '--format', 'json', '--about', 'code:reciprocity'], { cwd: dir })).stdout);
    expect(json.memos).toEqual([
      { path: 'memos/a.md', title: 'Earlier', date: '2024-01-01', author: null, tags: [], about: ['phase:I', 'code:reciprocity'] },
      { path: 'memos/b.md', title: 'Later | one', date: '2024-06-01', author: 'kim', tags: ['x'], about: ['code:reciprocity'] },
    ]);
    const markdown = await run(['memo', 'list', '--format', 'markdown', '--tag', 'x'], { cwd: dir });
    expect(markdown.stdout).toBe('| Date | Title | About | Author | File |\n| --- | --- | --- | --- | --- |\n| 2024-06-01 | Later \\| one | `code:reciprocity` | kim | `memos/b.md` |\n');
  });
});

describe('memos are never coded data', () => {
  test('a memo full of tags, in a project reading every *.md, changes no count', async () => {
    const files = {
      'codebook.yaml': 'name: t\nversion: "1"\ncodes:\n  - id: feedback\n    label: Feedback\n',
      'notes/a.md': '---\ngroup: x\n---\nShe said it straight. #feedback\n\nNothing else.\n',
    };
    const plain = tempTree({ ...files, 'fieldcode.yaml': 'codebook: codebook.yaml\n' });
    const withMemo = tempTree({
      ...files,
      'fieldcode.yaml': 'codebook: codebook.yaml\n',
      'memos/m.md': '---\nabout: code:feedback\n---\n\nFeedback everywhere #feedback #feedback\n\n[so much]{#feedback}\n',
    });
    const a = await run(['report', '--format', 'json'], { cwd: plain });
    const b = await run(['report', '--format', 'json'], { cwd: withMemo });
    expect(b.code).toBe(0);
    expect(b.stdout).toBe(a.stdout);
    expect(JSON.parse(b.stdout).fieldcode).toBeDefined();
    const check = await run(['check'], { cwd: withMemo });
    expect(check.stderr).toBe('1 note, 1 coding: no errors found\n');
  });
});
