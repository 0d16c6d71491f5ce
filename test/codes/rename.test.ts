// Acceptance of `fieldcode codes` on a copy of the example project, through
// the real CLI: a rename changes every file that names the code and nothing
// else, reports give the same numbers under the new id, agreement between a
// revision before and after the rename is perfect, and a merge counts the
// distinct segments of the union.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { copyToTemp, EXAMPLE, run } from '../helpers/cli.js';
import { loadProject } from '../../src/cli/project.js';
import { git } from '../helpers/git.js';

const DATE = '2026-12-02';


/** Every file of the project (no .git), path → text. */
function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (folder: string): void => {
    for (const name of readdirSync(folder).sort()) {
      // Not the project's files: git's, and fieldcode's cache.
      if (name === '.git' || relative(dir, join(folder, name)) === join('.fieldcode', 'cache')) continue;
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.set(relative(dir, path), readFileSync(path, 'utf8'));
    }
  };
  walk(dir);
  return out;
}

/** Distinct segments carrying any of `codes`, read by the library. */
function segmentsWith(dir: string, codes: string[]): number {
  const { corpus } = loadProject(dir, { dir });
  return new Set(corpus.codings.filter((c) => codes.includes(c.code)).flatMap((c) => c.segments.map((s) => `${c.note}\u0000${s}`))).size;
}

const codeRows = (json: string, code: string) => (JSON.parse(json).rows as Array<{ code: string; cell: unknown; segments: number; documents: number; codings: number }>).filter((row) => row.code === code).map(({ cell, segments, documents, codings }) => ({ cell, segments, documents, codings }));

describe('codes rename on the example project', () => {
  let dir: string;
  let before: Map<string, string>;
  let reportBefore: string;
  let rename: Awaited<ReturnType<typeof run>>;

  beforeAll(async () => {
    dir = copyToTemp(EXAMPLE);
    git(dir, 'init', '-q', '-b', 'main');
    git(dir, 'add', '.');
    git(dir, 'commit', '-q', '-m', 'before the rename');
    before = snapshot(dir);
    reportBefore = (await run(['report', '--format', 'json', '-q'], { cwd: dir })).stdout;
    rename = await run(['codes', 'rename', 'feedback', 'peer-feedback', '--date', DATE], { cwd: dir });
    git(dir, 'add', '.');
    git(dir, 'commit', '-q', '-m', 'rename feedback');
  }, 120_000);

  test('changes every file that names the code, and says so per file', () => {
    // The one binary report is left to `fieldcode build` (the plan holds text).
    expect(rename.stderr).toBe('Not regenerated (binary): reports/framework.xlsx; run `fieldcode build`\n');
    expect(rename.code).toBe(0);
    const after = snapshot(dir);
    const changed = [...after.keys()].filter((path) => after.get(path) !== before.get(path)).sort();
    // Every file that named the id as a code (tag, span, codebook id or `code` mention) changed.
    const named = [...before].filter(([path, text]) => !path.startsWith('reports/') && /#feedback\b(?![-.\w])|id: feedback$|`feedback`|code:feedback|× feedback ×|, feedback,/m.test(text)).map(([path]) => path);
    expect(named.length).toBeGreaterThan(10);
    for (const path of named) expect(changed).toContain(path);
    expect(changed).toContain('codebook/working-components.yaml');
    expect(changed).toContain('exercises/first-round/key/de-brug-I-observation.md');
    expect(changed).toContain('reports/frequencies.md');
    expect(changed.some((path) => path.startsWith('memos/'))).toBe(true);
    expect(changed).toContain('summaries/framework.md');
    expect(changed).toContain('fieldcode.yaml');
    for (const [path, text] of after) if (path.endsWith('.md') && !path.startsWith('reports/')) expect(text, path).not.toMatch(/#feedback\b(?![-.\w])/);
    expect(rename.stdout).toMatch(/^notes\/de-brug\/I-focus-group\.md +note +2 codings$/m);
    expect(rename.stdout).toMatch(/^Changed \d+ files, 19 codings\.$/m);
    expect(after.has('.fieldcode/plan.json')).toBe(false);
  });

  test('every byte outside the changed ids is identical', () => {
    const after = snapshot(dir);
    const lineage = `\n        renamed_from:\n          - id: feedback\n            date: ${DATE}`;
    for (const [path, text] of after) {
      if (path.startsWith('reports/')) continue;
      let stripped = text;
      if (path === 'codebook/working-components.yaml') {
        expect(stripped).toContain(`id: peer-feedback${lineage}\n`);
        stripped = stripped.replace(lineage, '');
      }
      expect(stripped.replaceAll('peer-feedback', 'feedback'), path).toBe(before.get(path)!.replaceAll('peer-feedback', 'feedback'));
    }
  });

  test('check passes and report gives the same numbers under the new id', async () => {
    const check = await run(['check'], { cwd: dir });
    expect(check.code).toBe(0);
    const reportAfter = (await run(['report', '--format', 'json', '-q'], { cwd: dir })).stdout;
    expect(codeRows(reportAfter, 'feedback')).toEqual([]);
    expect(codeRows(reportAfter, 'peer-feedback')).toEqual(codeRows(reportBefore, 'feedback'));
    expect(codeRows(reportAfter, 'peer-feedback').length).toBeGreaterThan(0);
    expect(JSON.parse(reportAfter).totals).toEqual(JSON.parse(reportBefore).totals);
    // The regenerated declared reports are up to date; the binary one is rebuilt by `build`.
    const stale = await run(['build', '--check'], { cwd: dir });
    expect(stale.stderr).toContain('1 of ');
    expect(stale.stderr).toContain('reports/framework.xlsx  stale');
    await run(['build', '-q'], { cwd: dir });
    expect((await run(['build', '--check', '-q'], { cwd: dir })).code).toBe(0);
  });

  test('agree --rev between a revision before and after the rename is perfect', async () => {
    const result = await run(['agree', '--rev', 'HEAD~1', '--rev', 'HEAD', '--format', 'json', '-q'], { cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    const feedback = json.codes.find((c: { code: string }) => c.code === 'peer-feedback');
    expect(feedback.agreements).toBe(feedback.units);
    expect(json.codes.every((c: { agreements: number; units: number }) => c.agreements === c.units)).toBe(true);
    expect(json.disagreements).toEqual([]);
    expect(json.codes.some((c: { code: string }) => c.code === 'feedback')).toBe(false);
  });

  test('the old id left in a note is a retired-code error naming the new one', async () => {
    const again = await run(['codes', 'rename', 'feedback', 'x'], { cwd: dir });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain(`Unexpected code \`feedback\`: it was renamed to \`peer-feedback\` on ${DATE}`);
  });
});

describe('codes merge', () => {
  test('the merged code counts the distinct segments of the union', async () => {
    const dir = copyToTemp(EXAMPLE);
    const a = segmentsWith(dir, ['reciprocity']);
    const b = segmentsWith(dir, ['mutual-support.practical']);
    const union = segmentsWith(dir, ['reciprocity', 'mutual-support.practical']);
    // The two codes share segments, so the union is less than the sum.
    expect(union).toBeLessThan(a + b);
    const merged = await run(['codes', 'merge', 'reciprocity', 'mutual-support.practical', '--into', 'give-and-take', '--date', DATE], { cwd: dir });
    expect(merged.stderr).toBe('Not regenerated (binary): reports/framework.xlsx; run `fieldcode build`\n');
    expect(merged.code).toBe(0);
    expect((await run(['check'], { cwd: dir })).code).toBe(0);
    const report = JSON.parse((await run(['report', '--format', 'json', '--by', 'coder', '-q'], { cwd: dir })).stdout);
    const row = report.rows.find((r: { code: string }) => r.code === 'give-and-take');
    expect(row.segments).toBe(union);
    expect(report.rows.some((r: { code: string }) => r.code === 'reciprocity' || r.code === 'mutual-support.practical')).toBe(false);
    const book = readFileSync(join(dir, 'codebook/working-components.yaml'), 'utf8');
    expect(book).toContain(`      - id: give-and-take\n        merged_from:\n          - id: reciprocity\n            date: ${DATE}\n          - id: mutual-support.practical\n            date: ${DATE}\n`);
    expect(book).not.toMatch(/- id: mutual-support\.practical\n +label/);
    // The declared report of reciprocity quotes now names the merged code.
    expect(readFileSync(join(dir, 'fieldcode.yaml'), 'utf8')).toContain('    codes: [give-and-take]\n');
  }, 120_000);
});
