// Issue 16 item 13: `&#35;reciprocity` and `&num;support` counted as tags
// (the entities decode to `#`), but `tag --remove` could not remove them.
// The rule picked: a `#` written as a character reference is literal text,
// like `\#`; it never starts a tag.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { run, tempDir } from '../helpers/cli.js';

describe('HTML character references', () => {
  test('a `#` from `&#35;`, `&num;` or `&#x23;` is text, not a tag; quotes show it decoded', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'notes'));
    writeFileSync(join(dir, 'notes', 'a.md'), '---\ngroup: a\n---\n\nWe did &#35;reciprocity and &num;support, AT&amp;T &eacute;t&eacute; #feedback.\n\n> quoted &#x23;x #reciprocity\n');
    const check = await run(['check', dir], { cwd: dir });
    expect(check.stderr).toContain('1 note, 2 codings: no errors found');
    const quotes = await run(['quotes', dir, '--code', 'feedback', '--format', 'json'], { cwd: dir });
    expect(quotes.stdout).toContain('"text": "We did #reciprocity and #support, AT&T été."');
    const report = await run(['report', dir, '--format', 'csv', '--code', 'reciprocity'], { cwd: dir });
    expect(report.stdout).toMatch(/^reciprocity,a,1,1,0,1,/m);
  }, 60_000);
});
