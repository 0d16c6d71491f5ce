// `build` parses each note once for all its declared reports, and
// `tag --add` on one note parses that note only (not the whole project).
import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCount } from '../../src/core/parse.js';
import { copyToTemp, EXAMPLE, run } from '../helpers/cli.js';

/** A copy of the example without any parse cache a local `fieldcode build` left in it: every note is parsed cold. */
function exampleCopy(): string {
  const dir = copyToTemp(EXAMPLE);
  rmSync(join(dir, '.fieldcode'), { recursive: true, force: true });
  return dir;
}

function notesIn(dir: string): string[] {
  return readdirSync(join(dir, 'notes'), { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.md'));
}

describe('parsing once', { timeout: 60_000 }, () => {
  it('build parses every note once, whatever the number of declared reports', async () => {
    const dir = exampleCopy();
    const declared = (readFileSync(join(dir, 'fieldcode.yaml'), 'utf8').match(/^ {2}- name:/gm) ?? []).length;
    expect(declared).toBeGreaterThan(3);
    const before = parseCount();
    // --no-cache: a parse cache copied along with the example would hide the parses.
    const result = await run(['build', dir, '--quiet', '--no-cache']);
    expect(result.code, result.stderr).toBe(0);
    expect(parseCount() - before).toBe(notesIn(dir).length);
  });

  it('tag --add on one note parses that note only, however many notes the project has', async () => {
    const parsesOfTagAdd = async (extraCopies: number): Promise<number> => {
      const dir = exampleCopy();
      for (let i = 0; i < extraCopies; i++) cpSync(join(dir, 'notes', 'de-brug'), join(dir, 'notes', `copy-${i}`), { recursive: true });
      const note = join(dir, 'notes', 'krachtbron', 'I-interview.md');
      const line = readFileSync(note, 'utf8').split('\n').findIndex((text, i) => i > 5 && /^\*\*\w+:\*\*/.test(text)) + 1;
      expect(line).toBeGreaterThan(0);
      const before = parseCount();
      const result = await run(['tag', '--add', 'feedback', '--at', `notes/krachtbron/I-interview.md:${line}`, '--no-cache'], { cwd: dir });
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toContain('added #feedback');
      return parseCount() - before;
    };
    const small = await parsesOfTagAdd(0);
    const large = await parsesOfTagAdd(4);
    // The note itself, and the edit's own check of before and after: never the other notes.
    expect(large).toBe(small);
    expect(small).toBeLessThan(notesIn(EXAMPLE).length);
  });

  it('tag --add still refuses a file that is not one of the project notes', async () => {
    const dir = exampleCopy();
    writeFileSync(join(dir, 'stray.md'), 'Some words.\n');
    const result = await run(['tag', '--add', 'feedback', '--at', 'stray.md:1'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("expected one of the project's notes");
  });
});
