// Issue 16 item 20: span markup that is almost right is not accepted silently.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run, tempDir } from '../helpers/cli.js';

function project(body: string): string {
  const dir = join(tempDir(), 'proj');
  mkdirSync(join(dir, 'notes'), { recursive: true });
  writeFileSync(join(dir, 'fieldcode.yaml'), 'codebook: codebook.yaml\nnotes: ["notes/**/*.md"]\n');
  writeFileSync(join(dir, 'codebook.yaml'), 'codes:\n  - id: feedback\n    label: Feedback\n');
  writeFileSync(join(dir, 'notes', 'a.md'), `---\ngroup: x\n---\n${body}`);
  return dir;
}

describe('malformed span markup', () => {
  it('a span block without its closing } is a positioned warning with the fix', async () => {
    const dir = project('Ze zei: [het was niet]{#feedback goed.\n');
    const check = await run(['check'], { cwd: dir });
    expect(check.code).toBe(0);
    expect(check.stderr).toContain('notes/a.md:4:22  warning  Unexpected `]{#feedback` without a closing `}`: `#feedback` is read as a tag on the whole paragraph; write `]{#feedback}` to code the words in brackets, or `\\{` for a literal brace  [malformed-span]');
    expect((await run(['check', '--strict'], { cwd: dir })).code).toBe(1);
  });

  it('the issue’s case: niet]{#feedback goed. with no [ either', async () => {
    const check = await run(['check'], { cwd: project('Het was niet]{#feedback goed.\n') });
    expect(check.stderr).toMatch(/notes\/a\.md:4:13 +warning +Unexpected `\]\{#feedback` without a closing `\}`.*\[malformed-span\]/);
  });

  it('a block with something other than lowercase #code tags', async () => {
    const check = await run(['check'], { cwd: project('Ze zei: [het was niet goed]{#Feedback}.\n') });
    expect(check.stderr).toContain('notes/a.md:4:27  warning  Unexpected `{#Feedback}`: a span block holds only `#code` tags with lowercase ids, separated by spaces; write `{#feedback}`  [malformed-span]');
  });

  it('a capitalised #Feedback is a positioned warning, not silence', async () => {
    const dir = project('Jan gaf Yvonne advies over de brief. #Feedback\n');
    const check = await run(['check'], { cwd: dir });
    expect(check.code).toBe(0);
    expect(check.stderr).toContain('notes/a.md:4:38  warning  Unexpected `#Feedback`: code ids are lowercase, so this is not a tag; write `#feedback`, or `\\#Feedback` to keep it as text  [capitalised-tag]');
  });

  it('well-formed markup, escapes and C# stay quiet', async () => {
    const check = await run(['check'], { cwd: project('Ze zei: [het was niet goed]{#feedback}. Wij schrijven C# en \\#Feedback en {braces}.\n') });
    expect(check.stderr).not.toMatch(/malformed-span|capitalised-tag/);
    expect(check.code).toBe(0);
  });
});
