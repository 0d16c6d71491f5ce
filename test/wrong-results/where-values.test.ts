// Issue 16 item 14: a `--where` value that no note can have is an error with
// a did-you-mean, on the command line and in declared reports.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { run, tempDir } from '../helpers/cli.js';

const SMALL = 'test/fixtures/small-project';

/** A Frisian/Dutch study: group values with diacritics, roman phases. */
function frisianProject(reports = ''): string {
  const dir = tempDir();
  writeFileSync(join(dir, 'codebook.yaml'), 'codes:\n  - id: feedback\n    label: Feedback\n');
  writeFileSync(
    join(dir, 'fieldcode.yaml'),
    ['codebook: codebook.yaml', 'notes: ["notes/*.md"]', 'variables:', '  group: { values: [ús-hûs, de-brêge] }', '  phase: { values: [I, II, III], ordered: true }', '  wave: { values: [baseline, interim, follow-up], ordered: true }', reports].join('\n'),
  );
  mkdirSync(join(dir, 'notes'));
  writeFileSync(join(dir, 'notes', 'a.md'), '---\ngroup: ús-hûs\nphase: II\nwave: interim\n---\n\nWe gave each other #feedback on the plan.\n');
  return dir;
}

describe('--where values are checked against the variable’s values', () => {
  test('phase=IV is an error (exit 2), not an all-zero report', async () => {
    const result = await run(['report', SMALL, '--where', 'phase=IV']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('Unexpected value `IV` of `phase` in `--where`, expected one of `I`, `II`, `III`');
    // IV means 4: no phase means that, so no misleading `I` or `II`.
    expect(result.stderr).not.toContain('did you mean');
  });

  test('a misspelt value gets a did-you-mean', async () => {
    const result = await run(['quotes', SMALL, '--where', 'group=nort']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Unexpected value `nort` of `group` in `--where`, expected one of `north`, `south` (did you mean `north`?)');
  });

  test('missing diacritics are matched: us-hus → ús-hûs', async () => {
    const dir = frisianProject();
    const result = await run(['report', dir, '--where', 'group=us-hus']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('(did you mean `ús-hûs`?)');
    expect((await run(['report', dir, '--where', 'group=De-Brege'])).stderr).toContain('(did you mean `de-brêge`?)');
  });

  test('ordered values are suggested by meaning: 2 → II, and the 2nd of named phases', async () => {
    const dir = frisianProject();
    expect((await run(['report', dir, '--where', 'phase=2'])).stderr).toContain('(did you mean `II`?)');
    expect((await run(['report', dir, '--where', 'phase=iii'])).stderr).toContain('(did you mean `III`?)');
    expect((await run(['report', dir, '--where', 'wave=2'])).stderr).toContain('(did you mean `interim`?)');
  });

  test('declared and (none) values still work', async () => {
    const ok = await run(['report', SMALL, '--where', 'phase=II', '--format', 'csv']);
    expect(ok.code).toBe(0);
    expect((await run(['report', SMALL, '--where', 'method=(none)', '--format', 'csv'])).code).toBe(0);
  });

  test('a declared report with a wrong `where` value fails check and build', async () => {
    const dir = frisianProject(['reports:', '  - name: us-hus', '    kind: frequencies', '    where: { group: us-hus }', '    out: reports/us-hus.md', ''].join('\n'));
    const check = await run(['check', dir]);
    expect(check.code).toBe(1);
    expect(check.stderr).toMatch(/fieldcode\.yaml:\d+:\d+ +error +report `us-hus`: Unexpected value `us-hus` of `group` in `where`, expected one of `ús-hûs`, `de-brêge` \(did you mean `ús-hûs`\?\) +\[report-declaration\]/);
    const build = await run(['build', dir]);
    expect(build.code).not.toBe(0);
    expect(build.stderr).toContain('Unexpected value `us-hus` of `group` in `where`');
  });
});

describe('check ranks the did-you-mean of a note value by meaning', () => {
  test('phase: 2 in front matter → did you mean II', async () => {
    const dir = frisianProject();
    writeFileSync(join(dir, 'notes', 'b.md'), '---\ngroup: ús-hûs\nphase: 2\nwave: interim\n---\n\nText.\n');
    const check = await run(['check', dir]);
    expect(check.stderr).toContain('Unexpected phase `2`, expected one of `I`, `II`, `III` (did you mean `II`?)');
  });
});
