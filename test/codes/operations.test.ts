// move, retire, split (with `tag --review`'s passages) and --dry-run, on a
// small project through the CLI; the codebook keeps every byte outside the
// lines of the change.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { run, tempTree } from '../helpers/cli.js';
import { loadProject } from '../../src/cli/project.js';
import { reviewStops } from '../../src/cli/tag-session.js';
import { selectFiles } from '../../src/cli/tag-run.js';
import type { CliContext } from '../../src/cli/context.js';

const BOOK = [
  '# The study codebook',
  'name: T',
  'codes:',
  '  - id: support',
  '    label: Support',
  '    codes:',
  '      - id: support.practical # lifts, forms',
  '        label: Practical',
  '',
  '      - id: support.emotional',
  '        not_when:',
  '          - It is advice; use `feedback`.',
  '  - id: feedback',
  '    label: "Feedback"',
  '',
].join('\n');

const NOTE_A = '---\nid: a\n---\n\nShe told me straight. #feedback\n\nHe lent me money, [twenty euros]{#support.practical #feedback}.\n\nWe cried together. #support.emotional #feedback\n';
const STANDOFF = 'fieldcode: standoff/1\nnote: a.md\ncoder: second\ncodings:\n  - code: feedback\n    start: 22\n    end: 43\n    quote: She told me straight.\n';

const project = (): string =>
  tempTree({
    'fieldcode.yaml': 'codebook: codebook.yaml\nnotes: ["notes/**/*.md"]\n',
    'codebook.yaml': BOOK,
    'notes/a.md': NOTE_A,
    'notes/a.codings.yaml': STANDOFF,
    'notes/b.md': '---\nid: b\n---\n\nNothing here.\n\nStraight talk. #feedback\n',
  });

const read = (dir: string, path: string): string => readFileSync(join(dir, path), 'utf8');

describe('codes move', () => {
  test('moves a code with its lines to the end of its new parent; notes do not change', async () => {
    const dir = project();
    const result = await run(['codes', 'move', 'feedback', '--parent', 'support'], { cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(read(dir, 'codebook.yaml')).toBe(BOOK.replace('  - id: feedback\n    label: "Feedback"\n', '').replace("use `feedback`.\n", 'use `feedback`.\n      - id: feedback\n        label: "Feedback"\n'));
    expect(read(dir, 'notes/a.md')).toBe(NOTE_A);
    expect(result.stdout).toBe('codebook.yaml  codebook\nChanged 1 file, 0 codings.\n');
    const back = await run(['codes', 'move', 'feedback', '--top'], { cwd: dir });
    expect(back.code).toBe(0);
    expect(read(dir, 'codebook.yaml')).toBe(BOOK);
  });
});

describe('codes retire', () => {
  test('with --replaced-by: codings go to the replacement, once per segment and span', async () => {
    const dir = project();
    const result = await run(['codes', 'retire', 'support.emotional', '--replaced-by', 'feedback', '--date', '2026-12-02'], { cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(read(dir, 'notes/a.md')).toBe(NOTE_A.replace('We cried together. #support.emotional #feedback', 'We cried together. #feedback'));
    expect(read(dir, 'codebook.yaml')).toContain('      - id: support.emotional\n        retired:\n          date: 2026-12-02\n          replaced_by: feedback\n        not_when:\n');
    expect((await run(['check'], { cwd: dir })).code).toBe(0);
  });

  test('without a replacement: its codings are removed, the code is kept as retired', async () => {
    const dir = project();
    const result = await run(['codes', 'retire', 'feedback', '--date', '2026-12-02'], { cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(read(dir, 'notes/a.md')).toBe('---\nid: a\n---\n\nShe told me straight.\n\nHe lent me money, [twenty euros]{#support.practical}.\n\nWe cried together. #support.emotional\n');
    expect(read(dir, 'notes/a.codings.yaml')).toBe('fieldcode: standoff/1\nnote: a.md\ncoder: second\ncodings: []\n');
    expect(read(dir, 'codebook.yaml')).toContain('  - id: feedback\n    retired:\n      date: 2026-12-02\n    label: "Feedback"\n');
    expect((await run(['check'], { cwd: dir })).code).toBe(0);
  });
});

describe('codes split', () => {
  test('adds the children, keeps the codings on the parent and lists its passages for tag --review', async () => {
    const dir = project();
    const result = await run(['codes', 'split', 'feedback', '--into', 'feedback.positive,feedback.critical', '--date', '2026-12-03'], { cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(read(dir, 'notes/a.md')).toBe(NOTE_A);
    expect(read(dir, 'codebook.yaml')).toBe(`${BOOK}    codes:\n      - id: feedback.positive\n        split_from: { id: feedback, date: 2026-12-03 }\n      - id: feedback.critical\n        split_from: { id: feedback, date: 2026-12-03 }\n`);
    expect(result.stdout).toContain('fieldcode.review.yaml  review list  4 passages to review');
    // A passage coded later is not one of them.
    writeFileSync(join(dir, 'notes/b.md'), '---\nid: b\n---\n\nNothing here. #feedback\n\nStraight talk. #feedback\n');
    const loaded = loadProject(dir, { dir });
    const ctx = { io: { cwd: dir } } as unknown as CliContext;
    const files = selectFiles(ctx, loaded, []);
    if (!files.ok) throw new Error('no files');
    const planned = reviewStops([], loaded, files.value, 'feedback');
    if (!planned.ok) throw new Error('no stops');
    const stops = planned.value;
    const lines = stops.map((stop) => `${stop.file.path}:${stop.file.note.segments.find((s) => s.id === stop.segmentId)!.range.start.line}`);
    expect(lines).toEqual(['notes/a.md:5', 'notes/a.md:7', 'notes/a.md:9', 'notes/b.md:7']);
    const argv = ['tag', '--review', 'support'];
    expect(reviewStops(argv, loaded, files.value, 'support')).toEqual({ ok: false, diagnostics: [expect.objectContaining({ file: '<command line>', line: 1, column: 15, severity: 'fatal', ruleId: 'invalid-option', message: expect.stringContaining('fieldcode.review.yaml lists no passages of it, expected one of `feedback`') })] });
  });
});

describe('codes --dry-run', () => {
  test('prints a unified diff of every file and the summary, and writes nothing', async () => {
    const dir = project();
    const result = await run(['codes', 'rename', 'feedback', 'peer-feedback', '--dry-run', '--date', '2026-12-02'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('--- a/codebook.yaml\n+++ b/codebook.yaml\n');
    expect(result.stdout).toContain('-          - It is advice; use `feedback`.\n-  - id: feedback\n+          - It is advice; use `peer-feedback`.\n+  - id: peer-feedback\n+    renamed_from:\n+      - id: feedback\n+        date: 2026-12-02\n');
    expect(result.stdout).toContain('-We cried together. #support.emotional #feedback\n+We cried together. #support.emotional #peer-feedback\n');
    expect(result.stdout).toContain('--- a/notes/a.codings.yaml\n+++ b/notes/a.codings.yaml\n');
    expect(result.stdout).toMatch(/codebook\.yaml +codebook\nnotes\/a\.md +note +3 codings\nnotes\/b\.md +note +1 coding\nnotes\/a\.codings\.yaml +standoff codings +1 coding\nWould change 4 files, 5 codings \(dry run: nothing written\)\.\n$/);
    expect(read(dir, 'codebook.yaml')).toBe(BOOK);
    expect(read(dir, 'notes/a.md')).toBe(NOTE_A);
    expect(read(dir, 'notes/a.codings.yaml')).toBe(STANDOFF);
  });
});
