// Issue 16 item 3: deep blockquotes overflowed the stack in the segment walk,
// deep lists hung the parser. Notes nested past the limit are refused before
// parsing with a positioned error; the walk itself is iterative.
import { describe, expect, test } from 'vitest';
import { run, tempTreeIn } from '../helpers/cli.js';
import { parse } from '../../src/core/parse.js';
import { segmentMarkdown } from '../../src/core/segment.js';
import { lineIndex } from '../../src/model/offsets.js';

const HEAD = '---\ngroup: a\n---\n\n';
const GOOD = `${HEAD}Fine. #reciprocity\n`;

function project(notes: Record<string, string>): string {
  return tempTreeIn('notes', notes);
}

describe('deeply nested notes', () => {
  test('a blockquote 3,000 deep is refused at the 101st marker; the other notes are read', async () => {
    const dir = project({ 'deep.md': `${HEAD}${'>'.repeat(3000)} deep #reciprocity\n`, 'good.md': GOOD });
    const result = await run(['report', dir, '--format', 'csv'], { cwd: dir });
    expect(result.stderr).not.toContain('internal error');
    expect(result.stderr).toMatch(/notes\/deep\.md:5:101 +error +Unexpected blockquotes and lists nested 101 deep, expected at most 100 levels.*\[nesting-too-deep\]/);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^reciprocity,a,1,1,/m);
  }, 60_000);

  test('a list 2,000 deep is refused before parsing, without hanging', async () => {
    let list = HEAD;
    for (let i = 0; i < 2000; i++) list += `${' '.repeat(2 * i)}- item #reciprocity\n`;
    const dir = project({ 'deep.md': list, 'good.md': GOOD });
    // The indentation alone makes this 4 MB, past the default note size.
    const result = await run(['check', dir, '--max-note-size', '8M'], { cwd: dir });
    expect(result.stderr).toMatch(/notes\/deep\.md:105:201 +error +Unexpected blockquotes and lists nested 101 deep/);
    expect(result.code).toBe(1);
  }, 60_000);

  test('list markers stacked on one line count too', async () => {
    const dir = project({ 'deep.md': `${HEAD}${'- '.repeat(5000)}deep\n` });
    const result = await run(['check', dir], { cwd: dir });
    expect(result.stderr).toMatch(/notes\/deep\.md:5:201 +error .*\[nesting-too-deep\]/);
  }, 60_000);

  test('nesting at the limit is read as usual', async () => {
    const dir = project({ 'ok.md': `${HEAD}${'> '.repeat(60)}${'- '.repeat(40)}at the limit #reciprocity\n` });
    const result = await run(['check', dir], { cwd: dir });
    expect(result.stderr).toContain('1 note, 1 coding: no errors found');
    expect(result.code).toBe(0);
  }, 60_000);

  test('the segment walk is iterative: a 3,000-deep tree does not overflow the stack', () => {
    const text = `${'>'.repeat(3000)} deep\n`;
    const found = segmentMarkdown(parse(text), { path: 'a.md', text, lines: lineIndex(text), participants: [] });
    // Past the walk's bound nothing is read (readNote refuses such notes first).
    expect(found).toEqual([]);
  }, 60_000);
});
