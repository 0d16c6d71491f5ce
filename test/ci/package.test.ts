// What the packed tarball holds: the README links into docs/ and the JSON
// Schemas, and the licence must travel with the code.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

describe('package.json and the tarball', () => {
  it('names its licence, repository, homepage and issue tracker', () => {
    expect(pkg.license).toBe('MIT');
    expect(readFileSync(join(ROOT, 'LICENSE'), 'utf8')).toMatch(/^MIT License\n\nCopyright \(c\) \d{4} /);
    expect(pkg.repository).toMatchObject({ type: 'git', url: expect.stringMatching(/^git\+https:\/\/.+\.git$/) });
    expect(pkg.homepage).toMatch(/^https:\/\//);
    expect(pkg.bugs.url).toMatch(/^https:\/\//);
  });

  it('packs the licence, the built code, docs/, both JSON Schemas and the example', () => {
    const packed = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8' });
    expect(packed.status, packed.stderr).toBe(0);
    const files = (JSON.parse(packed.stdout)[0].files as Array<{ path: string }>).map((f) => f.path);
    for (const file of ['LICENSE', 'README.md', 'bin/fieldcode.js', 'dist/index.js', 'dist/cli/main.js', 'docs/reports.md', 'docs/standoff.schema.json', 'codebook/codebook.schema.json', 'codebook/working-components.yaml', 'examples/README.md', 'examples/peer-groups/fieldcode.yaml', 'examples/peer-groups/exercises/first-round/exercise.yaml']) {
      expect(files, file).toContain(file);
    }
    // Every Markdown link from the README to a file of the repository resolves inside the tarball.
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const targets = [...readme.matchAll(/\]\(((?:docs|codebook|examples)\/[^)#\s]+)/g)].map((m) => m[1]);
    expect(targets.length).toBeGreaterThan(3);
    for (const target of targets) expect(files.some((f) => f === target || f.startsWith(`${target.replace(/\/$/, '')}/`)), target).toBe(true);
    expect(files.some((f) => f.startsWith('src/') || f.startsWith('test/'))).toBe(false);
  });
});
