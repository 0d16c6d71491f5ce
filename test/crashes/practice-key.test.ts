// Issue 16 item 6: `practice start --key` dropped a note whose span wraps a
// line (which is what `tag` writes), and crashed with ENOENT copyfile when
// that was the only note.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { run, tempTreeIn } from '../helpers/cli.js';

function keyFolder(notes: Record<string, string>): string {
  return tempTreeIn('instructor', notes);
}

describe('practice start --key', () => {
  test('a span that wraps a line is unwrapped, and the note is copied', async () => {
    const cwd = keyFolder({ 'week1.md': '---\nid: week1\ncoder: teacher\n---\n\nShe said [she fixed my bike,\nso now I do her forms]{#reciprocity} and laughed.\n\nWe meet on Tuesdays. #network-growth\n' });
    const start = await run(['practice', 'start', '--key', 'instructor', 'student'], { cwd });
    expect(start.stderr).toBe('');
    expect(start.code).toBe(0);
    expect(start.stdout).toContain('1 note to code');
    expect(readFileSync(join(cwd, 'student', 'notes', 'week1.md'), 'utf8')).toBe('---\nid: week1\n---\n\nShe said she fixed my bike,\nso now I do her forms and laughed.\n\nWe meet on Tuesdays.\n');
    const score = await run(['practice', 'score', 'student', '--format', 'json'], { cwd });
    expect((JSON.parse(score.stdout) as { overall: { key: number } }).overall.key).toBe(2);
  }, 60_000);

  test('when the only note cannot be stripped, it is a positioned error, not an ENOENT crash', async () => {
    // A span written inside inline code is not a span, but the stripper cannot tell.
    const cwd = keyFolder({ 'week1.md': '---\nid: week1\n---\n\nType `[words]{#reciprocity}` to code words. #feedback\n' });
    const start = await run(['practice', 'start', '--key', 'instructor', 'student'], { cwd });
    expect(start.stderr).not.toContain('ENOENT');
    expect(start.stderr).toContain('instructor/week1.md:1:1  error  Cannot remove the tags from this note cleanly; it was not copied  [practice-strip]');
    expect(start.code).toBe(1);
    expect(existsSync(join(cwd, 'student', 'codebook.yaml'))).toBe(true);
  }, 60_000);
});
