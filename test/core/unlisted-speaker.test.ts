// A transcript whose front matter lists participants but not the interviewer:
// `Interviewer:` turns have no speaker, and `check` says so once, where it starts.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run, tempDir } from '../helpers/cli.js';

function project(note: string): string {
  const dir = tempDir();
  mkdirSync(join(dir, 'notes'));
  writeFileSync(join(dir, 'notes', 'a.md'), note);
  return dir;
}

describe('a plain speaker label missing from participants', () => {
  it('is a warning at its first paragraph, naming the fix; --strict fails', async () => {
    const dir = project('---\nparticipants:\n  Anna: { pseudonym: P01 }\n---\nInterviewer: How did it go? #feedback\n\nAnna: Fine, thanks.\n\nInterviewer: And then?\n\nReflection: a calm day.\n');
    const check = await run(['check', dir], { cwd: dir });
    expect(check.code).toBe(0);
    expect(check.stderr).toContain('notes/a.md:5:1  warning  Unexpected speaker label `Interviewer:` (2 paragraphs) that is not in `participants`, so these paragraphs have no speaker; add `Interviewer` to the note\'s `participants`, or write `**Interviewer:**`  [unlisted-speaker]');
    // One label used once reads as a sentence, and Anna is listed.
    expect(check.stderr).not.toMatch(/Reflection|`Anna:`/);
    expect((await run(['check', '--strict', dir], { cwd: dir })).code).toBe(1);
  });

  it('is silent when it is listed, bold, or when no participants are declared', async () => {
    for (const note of [
      '---\nparticipants:\n  Anna: {}\n  Interviewer: { role: researcher }\n---\nInterviewer: How?\n\nAnna: Fine.\n\nInterviewer: And?\n',
      '---\nparticipants:\n  Anna: {}\n---\n**Interviewer:** How?\n\nAnna: Fine.\n\n**Interviewer:** And?\n',
      '---\nid: x\n---\nInterviewer: How?\n\nAnna: Fine.\n\nInterviewer: And?\n',
    ]) {
      const dir = project(note);
      const check = await run(['check', '--strict', dir], { cwd: dir });
      expect(check.stderr).not.toContain('unlisted-speaker');
      expect(check.code).toBe(0);
    }
  });
});
