// Issue 16 item 10: front matter with lone-CR line endings was silently lost:
// the note counted under `(none)`, and `required:` said a field was missing
// although it was there. Such a note is now refused with a positioned error.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { run, tempDir } from '../helpers/cli.js';

describe('lone-CR front matter', () => {
  test('is a positioned error on that note, not a missing variable; the other notes are counted', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'notes'));
    writeFileSync(join(dir, 'fieldcode.yaml'), 'variables:\n  group: { values: [a, b], required: true }\n');
    writeFileSync(join(dir, 'notes', 'mac.md'), '---\rgroup: a\r---\r\rShe gave back. #reciprocity\r');
    writeFileSync(join(dir, 'notes', 'good.md'), '---\ngroup: b\n---\n\nFine. #reciprocity\n');
    const check = await run(['check', dir], { cwd: dir });
    expect(check.stderr).toContain('notes/mac.md:1:4  error  Unexpected lone CR line endings (classic Mac) in front matter, expected LF or CRLF; save the note with LF line endings  [front-matter-invalid]');
    expect(check.stderr).not.toContain('Missing required variable');
    expect(check.code).toBe(1);
    const report = await run(['report', dir, '--format', 'csv'], { cwd: dir });
    expect(report.stdout).toMatch(/^reciprocity,b,1,1,/m);
    expect(report.stdout).not.toMatch(/^reciprocity,\(none\),1/m);
  }, 60_000);
});
