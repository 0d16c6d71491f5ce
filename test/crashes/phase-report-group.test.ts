// Issue 16 item 1: one note with a mistyped or missing `group`, in a project
// that declares a phase report, is an error on that note; the reports build.
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { run } from '../helpers/cli.js';
import { exampleCopy } from '../build/declarations.js';

const NOTE = 'notes/de-brug/I-focus-group.md';

function projectWith(change: (text: string) => string): string {
  const project = exampleCopy();
  const path = join(project, NOTE);
  writeFileSync(path, change(readFileSync(path, 'utf8')));
  return project;
}

describe.each([
  ['mistyped', (text: string) => text.replace(/^group: de-brug$/m, 'group: de-bruug'), /notes\/de-brug\/I-focus-group\.md:3:1 +error +Unexpected group `de-bruug`/],
  ['missing', (text: string) => text.replace(/^group: de-brug\n/m, ''), /notes\/de-brug\/I-focus-group\.md:\d+:1 +error +Missing required variable `group`/],
])('a %s group in one note', (_name, change, expected) => {
  test('check reports it on the note and exits 1', async () => {
    const project = projectWith(change);
    const result = await run(['check', project], { cwd: project });
    expect(result.stderr).not.toContain('internal error');
    expect(result.stderr).toMatch(expected);
    expect(result.code).toBe(1);
  }, 60_000);

  test('build still writes every phase report, and exits 1', async () => {
    const project = projectWith(change);
    const result = await run(['build', project], { cwd: project });
    expect(result.stderr).not.toContain('internal error');
    expect(result.stderr).toMatch(expected);
    expect(result.code).toBe(1);
    for (const phase of ['I', 'II', 'III']) {
      expect(existsSync(join(project, `reports/phase-${phase}.html`))).toBe(true);
      expect(readFileSync(join(project, `reports/phase-${phase}.md`), 'utf8')).toContain(`phase ${phase}`);
    }
    const check = await run(['build', '--check', project], { cwd: project });
    expect(check.stderr).not.toContain('internal error');
    expect(check.stderr).toContain('reports are up to date');
  }, 60_000);
});
