// Issue 15 item 10 (the reading side): a note or standoff file that is a link
// out of the project is not read (a positioned error instead), and a folder
// linked inside the project does not count its notes twice.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { run, runBin, tempDir } from '../helpers/cli.js';
import { smallProject } from './helpers.js';

const CANARY = 'canary-secret-7f3a9c';

describe('links out of the project are not read', { timeout: 60_000 }, () => {
  test('notes/env.md -> /proc/self/environ: an error, and the secret reaches no output', () => {
    const project = smallProject();
    symlinkSync('/proc/self/environ', join(project, 'notes', 'env.md'));
    const env = { SECRET_TOKEN: CANARY };
    const check = runBin(['check'], { cwd: project, env });
    expect(check.code).toBe(1);
    expect(check.stderr).toMatch(/notes\/env\.md:1:1 +error +Cannot read this file: it is a link to `\/proc\/.*environ`, outside the project.*\[outside-project\]/);
    const suggest = runBin(['suggest'], { cwd: project, env });
    expect(suggest.stdout + suggest.stderr).not.toContain(CANARY);
    const exported = join(tempDir(), 'out.qdpx');
    const exporting = runBin(['export', '--format', 'qdpx', '--out', exported], { cwd: project, env });
    // A project with errors is not exported at all.
    expect(exporting.code).toBe(1);
    expect(existsSync(exported)).toBe(false);
  });

  test('a note linked to a file elsewhere on the machine is not read', async () => {
    const project = smallProject();
    const elsewhere = join(tempDir(), 'secret.md');
    writeFileSync(elsewhere, `---\ngroup: north\nphase: I\n---\n${CANARY} #support\n`);
    symlinkSync(elsewhere, join(project, 'notes', 'secret.md'));
    const quotes = await run(['quotes', project]);
    expect(quotes.stdout).not.toContain(CANARY);
    expect(quotes.stderr).toContain('[outside-project]');
    expect(quotes.code).toBe(1);
  });

  test('a standoff file linked out of the project is not read', async () => {
    const project = smallProject();
    const elsewhere = join(tempDir(), 'north-I.codings.yaml');
    writeFileSync(elsewhere, `version: standoff/1\nnote: north-I.md\ncodings: []\n`);
    symlinkSync(elsewhere, join(project, 'notes', 'north-I.codings.yaml'));
    const check = await run(['check', project]);
    expect(check.stderr).toMatch(/north-I\.codings\.yaml:1:1 +error .*outside the project.*\[outside-project\]/);
  });

  test('import --sources does not follow a link out of the sources folder', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'sources'));
    writeFileSync(join(dir, 'sources', 'a.txt'), 'Some text here.\n');
    writeFileSync(join(dir, 'outside.txt'), `${CANARY}\n`);
    symlinkSync(join(dir, 'outside.txt'), join(dir, 'sources', 'b.txt'));
    writeFileSync(join(dir, 'codings.csv'), 'doc,coder,code,start,end\na.txt,me,help,0,4\n');
    const result = await run(['import', join(dir, 'codings.csv'), '--sources', join(dir, 'sources'), '--into', join(dir, 'project')]);
    expect(result.stderr).toContain('[outside-project]');
    expect(readdirSync(dir)).not.toContain('project');
  });
});

describe('a folder linked inside the project', { timeout: 60_000 }, () => {
  test('its notes are read once, by their own path', async () => {
    const project = smallProject();
    const plain = await run(['report', '--format', 'csv', project]);
    mkdirSync(join(project, 'notes', 'all'));
    for (const name of readdirSync(join(project, 'notes')).filter((n) => n.endsWith('.md'))) renameSync(join(project, 'notes', name), join(project, 'notes', 'all', name));
    writeFileSync(join(project, 'fieldcode.yaml'), readFileSync(join(project, 'fieldcode.yaml'), 'utf8').replace('notes/*.md', 'notes/**/*.md'));
    symlinkSync('all', join(project, 'notes', 'again'));
    const check = await run(['check', project]);
    expect(check.stderr).toContain('4 notes');
    const linked = await run(['report', '--format', 'csv', project]);
    expect(linked.stdout).toBe(plain.stdout);
    const quotes = await run(['quotes', project]);
    expect(quotes.stdout).toContain('notes/all/north-I.md');
    expect(quotes.stdout).not.toContain('notes/again/');
  });
});
