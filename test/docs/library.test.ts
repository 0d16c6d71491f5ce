// The README's "Library use" example runs against the packed package, as a
// user would install it: `npm pack`, `npm install` of the tarball in an empty
// folder, then the example as an ES module importing 'fieldcode'.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const section = readme.slice(readme.indexOf('## Library use'));
const example = /```js\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
const dir = mkdtempSync(join(tmpdir(), 'fieldcode-library-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('README library use', () => {
  it('imports runPipeline, analyses and reporters from the packed tarball and prints a report', () => {
    expect(example).toContain("from 'fieldcode'");
    // dist/ is built by `npm test` (tsc) before vitest runs; --ignore-scripts keeps pack from rebuilding it.
    const pack = spawnSync('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', dir], { cwd: ROOT, encoding: 'utf8' });
    expect(pack.status, pack.stderr).toBe(0);
    const tarball = readdirSync(dir).find((name) => name.endsWith('.tgz'))!;
    writeFileSync(join(dir, 'package.json'), '{ "name": "library-user", "private": true, "type": "module" }\n');
    const install = spawnSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--omit=dev', `./${tarball}`], { cwd: dir, encoding: 'utf8' });
    expect(install.status, install.stderr).toBe(0);
    writeFileSync(join(dir, 'example.mjs'), example);
    const result = spawnSync(process.execPath, ['example.mjs'], { cwd: dir, encoding: 'utf8' });
    expect(result.stderr).toBe('1 note, 0 problems\n');
    expect(result.status).toBe(0);
    expect(result.stdout.split('\n')[0]).toMatch(/^code,/);
    expect(result.stdout).toMatch(/\nmutual-support,[^\n]*north/);
  }, 300_000);
});
