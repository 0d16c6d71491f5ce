// Issue 15 items 7, 8 and 13: where a declared report (`out:`) or `--out` may
// write. Never outside the project (also not through a `{var}` value such as
// `..`), never over an input, never two names that are one file on macOS.
import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { run } from '../helpers/cli.js';
import { declare, leftovers, smallProject } from './helpers.js';

/** A project three folders deep, so a write above it stays inside the scratch folder and can be seen. */
function deepProject(): string {
  const project = smallProject();
  const deep = join(project, 'a', 'b', 'c');
  mkdirSync(deep, { recursive: true });
  for (const name of ['codebook.yaml', 'fieldcode.yaml']) writeFileSync(join(deep, name), readFileSync(join(project, name)));
  mkdirSync(join(deep, 'notes'));
  for (const name of readdirSync(join(project, 'notes'))) writeFileSync(join(deep, 'notes', name), readFileSync(join(project, 'notes', name)));
  return deep;
}

/** Every file under `dir`, relative, except the project's own folder. */
function filesAbove(dir: string, skip: string): string[] {
  const found: string[] = [];
  const walk = (d: string): void => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (path === skip) continue;
      if (entry.isDirectory()) walk(path);
      else found.push(path.slice(dir.length + 1));
    }
  };
  walk(dir);
  return found.sort();
}

describe('{var} in out: is checked after the value is filled in (item 7)', { timeout: 60_000 }, () => {
  test('a note with `group: ..` cannot make build write above the project', async () => {
    const project = deepProject();
    const top = dirname(dirname(dirname(project)));
    const before = filesAbove(top, project);
    declare(project, '  - name: per-group\n    kind: frequencies\n    out: "{group}/{group}/{group}/x.md"\n');
    // Free values, so `..` is not already an invalid value.
    writeFileSync(join(project, 'fieldcode.yaml'), readFileSync(join(project, 'fieldcode.yaml'), 'utf8').replace('group: { values: [north, south], required: true }', 'group: {}'));
    const note = join(project, 'notes', 'north-I.md');
    writeFileSync(note, readFileSync(note, 'utf8').replace('group: north', 'group: ".."'));
    const build = await run(['build', project]);
    expect(build.code).toBe(1);
    expect(build.stderr).toContain('Unexpected output `../../../x.md` from `group: ..`');
    expect(filesAbove(top, project)).toEqual(before);
    const check = await run(['check', project]);
    expect(check.code).toBe(1);
    expect(check.stderr).toMatch(/fieldcode\.yaml:\d+:\d+ +error +.*`\.\.\/\.\.\/\.\.\/x\.md`.*\[report-declaration\]/);
  });

  test('`.` and `..` are never segments of a declared out:', async () => {
    for (const out of ['reports/../reports/x.md', './x.md', 'reports/./x.md', '..', 'reports//x.md', '/tmp/x.md']) {
      const project = smallProject();
      declare(project, `  - name: r\n    kind: frequencies\n    format: markdown\n    out: ${JSON.stringify(out)}\n`);
      const build = await run(['build', project]);
      expect(build.code, out).toBe(1);
      expect(build.stderr, out).toContain('expected a file path inside the project');
      // Nothing but the parse cache (.fieldcode/) is added to the project.
      expect(readdirSync(project).filter((name) => name !== '.fieldcode').sort(), out).toEqual(['codebook.yaml', 'fieldcode.yaml', 'notes']);
    }
  });
});

describe('no report over an input (item 8)', { timeout: 60_000 }, () => {
  for (const [out, what] of [
    ['notes/north-I.md', 'a note'],
    ['notes/new.md', 'a note'],
    ['codebook.yaml', 'the codebook'],
    ['fieldcode.yaml', 'the project file'],
    ['notes/north-I.codings.yaml', 'a standoff codings file'],
  ]) {
    test(`out: ${out} is refused by check and build`, async () => {
      const project = smallProject();
      declare(project, `  - name: r\n    kind: frequencies\n    format: markdown\n    out: ${out}\n`);
      const snapshot = (): string[] => readdirSync(join(project, 'notes')).map((name) => readFileSync(join(project, 'notes', name), 'utf8')).concat(readFileSync(join(project, 'codebook.yaml'), 'utf8'), readFileSync(join(project, 'fieldcode.yaml'), 'utf8'));
      const before = snapshot();
      const check = await run(['check', project]);
      expect(check.code).toBe(1);
      expect(check.stderr).toContain(`it is ${what}`);
      expect(check.stderr).toContain('[report-declaration]');
      const build = await run(['build', project]);
      expect(build.code).toBe(1);
      expect(build.stderr).toContain(`it is ${what}`);
      expect(snapshot()).toEqual(before);
    });
  }

  test('--out onto a note, the codebook, the project file or a link to a note is refused', async () => {
    const project = smallProject();
    writeFileSync(join(project, 'notes', 'north-I.codings.yaml'), `version: standoff/1\nnote: north-I.md\ncodings: []\n`);
    symlinkSync('notes/north-I.md', join(project, 'link.md'));
    for (const out of ['notes/north-I.md', 'codebook.yaml', 'fieldcode.yaml', 'link.md', 'notes/north-I.codings.yaml']) {
      const before = readFileSync(join(project, out), 'utf8');
      const result = await run(['report', '--format', 'csv', '--out', out], { cwd: project });
      expect(result.code, out).toBe(2);
      expect(result.stderr, out).toMatch(/Cannot write .*: it is (a note|the codebook|the project file|a standoff codings file) of the project/);
      expect(readFileSync(join(project, out), 'utf8'), out).toBe(before);
    }
  });
});

describe('names that collide (item 13)', { timeout: 60_000 }, () => {
  test('reports/A.md and reports/a.md are one file on macOS and Windows: refused', async () => {
    const project = smallProject();
    declare(project, '  - name: upper\n    kind: frequencies\n    out: reports/A.md\n  - name: lower\n    kind: frequencies\n    out: reports/a.md\n');
    const build = await run(['build', project]);
    expect(build.code).toBe(1);
    expect(build.stderr).toContain('Unexpected output `reports/a.md`, also written by report `upper` as `reports/A.md`');
    expect(readdirSync(project)).not.toContain('reports');
    const check = await run(['check', project]);
    expect(check.code).toBe(1);
    expect(check.stderr).toContain('[report-declaration]');
  });

  test('out: ".." creates nothing above the project', async () => {
    const project = smallProject();
    declare(project, '  - name: up\n    kind: frequencies\n    format: markdown\n    out: ".."\n');
    const build = await run(['build', project]);
    expect(build.code).toBe(1);
    // Refused as a declaration, before the write function is reached.
    expect(build.stderr).toContain('Unexpected `out: ..`, expected a file path inside the project');
    expect(leftovers(dirname(project))).toEqual([]);
    expect(readdirSync(dirname(project)).filter((name) => name.startsWith('.'))).toEqual([]);
  });
});
