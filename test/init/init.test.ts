// `fieldcode init` through the real bin: what it creates, that `fieldcode
// check` passes right after, and that it never overwrites a file.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { BIN, ROOT, runBin, tempDir } from '../helpers/cli.js';
import { readNote } from '../../src/core/note.js';
import { hasLfRule, ignoresReports, sampleNote, splitList, withLfRule, yamlScalar } from '../../src/init/scaffold.js';

function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? listFiles(dir, join(prefix, entry.name)) : [join(prefix, entry.name).split('\\').join('/')]))
    .sort();
}

describe('fieldcode init', { timeout: 60_000 }, () => {
  test('--yes scaffolds a project that `fieldcode check` passes, with the bundled codebook', () => {
    const parent = tempDir();
    const result = runBin(['init', 'study', '--yes'], { cwd: parent });
    expect(result.code).toBe(0);
    const dir = join(parent, 'study');
    expect(listFiles(dir)).toEqual([
      '.gitattributes',
      '.gitignore',
      'codebook/codebook.schema.json',
      'codebook/working-components.yaml',
      'fieldcode.schema.json',
      'fieldcode.yaml',
      'notes/sample-focus-group.md',
      'notes/sample-interview.md',
      'notes/sample-participant-observation.md',
    ]);
    expect(result.stdout).toContain('created  fieldcode.yaml');
    expect(result.stdout).toContain('fieldcode check study');
    expect(readFileSync(join(dir, 'codebook/working-components.yaml')).equals(readFileSync(join(ROOT, 'codebook/working-components.yaml')))).toBe(true);
    const config = readFileSync(join(dir, 'fieldcode.yaml'), 'utf8');
    // The schema line points at the copy beside the project file, so it works wherever the project is moved.
    expect(config.split('\n')[0]).toBe('# yaml-language-server: $schema=./fieldcode.schema.json');
    expect(readFileSync(join(dir, 'fieldcode.schema.json')).equals(readFileSync(join(ROOT, 'codebook/fieldcode.schema.json')))).toBe(true);
    expect(config).toContain('name: "study"');
    expect(config).toContain('codebook: codebook/working-components.yaml');
    expect(config).toContain('phase: { values: [I, II, III], ordered: true, required: true }');
    expect(config).toContain('method: { values: [participant-observation, focus-group, interview], required: true }');
    expect(readFileSync(join(dir, '.gitattributes'), 'utf8')).toBe('# fieldcode: LF line endings on every checkout, as fieldcode writes them\n* text=auto eol=lf\n');
    expect(readFileSync(join(dir, '.gitignore'), 'utf8')).toBe('# fieldcode: the parse cache, rebuilt from the notes (docs/cache.md)\n.fieldcode/\n');

    const check = runBin(['check', 'study'], { cwd: parent });
    expect(check.stderr).toContain('3 notes, 6 codings: no errors found');
    expect(check.code).toBe(0);
    const strict = runBin(['check', '--strict'], { cwd: dir });
    expect(strict.code).toBe(0);
    // The samples are real data: the report counts their codes per group and phase.
    const report = runBin(['report', '--format', 'csv'], { cwd: dir });
    expect(report.code).toBe(0);
    expect(report.stdout).toMatch(/reciprocity/);
  });

  test('flags set the name, groups, phases (in order), methods and coder; --empty-codebook gives a template', () => {
    const dir = tempDir();
    const result = runBin(['init', '--no-input', '--empty-codebook', '--name', 'Buurt: study', '--groups', 'de-brug, krachtbron,de-brug', '--phases', 'III,I,II', '--methods', 'interview,walking interview', '--coder', 'anna'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(listFiles(dir)).toEqual(['.gitattributes', '.gitignore', 'codebook.yaml', 'fieldcode.schema.json', 'fieldcode.yaml', 'notes/sample-interview.md', 'notes/sample-walking-interview.md']);
    const config = readFileSync(join(dir, 'fieldcode.yaml'), 'utf8');
    expect(config).toContain('name: "Buurt: study"');
    expect(config).toContain('coder: anna');
    expect(config).toContain('group: { values: [de-brug, krachtbron], required: true }');
    expect(config).toContain('phase: { values: [III, I, II], ordered: true, required: true }');
    expect(config).toContain('method: { values: [interview, walking interview], required: true }');
    const sample = readFileSync(join(dir, 'notes/sample-walking-interview.md'), 'utf8');
    expect(sample).toMatch(/^---\nid: sample-walking-interview\ngroup: de-brug\nphase: III\nmethod: walking interview\n/);
    // No codes in samples when the codebook is empty: check passes.
    expect(readNote('s.md', readFileSync(join(dir, 'notes/sample-interview.md'), 'utf8'), false, { coder: 'c' }).note.codings).toEqual([]);
    const check = runBin(['check'], { cwd: dir });
    expect(check.code).toBe(0);
    expect(check.stderr).toContain('2 notes, 0 codings: no errors found');
  });

  test('never overwrites: a second run skips everything and changes no byte', () => {
    const dir = tempDir();
    expect(runBin(['init', '--yes'], { cwd: dir }).code).toBe(0);
    writeFileSync(join(dir, 'notes/sample-interview.md'), 'my own notes\n');
    const before = new Map(listFiles(dir).map((f) => [f, readFileSync(join(dir, f))]));
    const again = runBin(['init', '--yes', '--empty-codebook', '--groups', 'x,y'], { cwd: dir });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('skipped  fieldcode.yaml (already exists, left as it was)');
    expect(again.stdout).toContain('skipped  notes/sample-interview.md (already exists, left as it was)');
    expect(again.stdout).toContain('skipped  .gitattributes (already has * text=auto eol=lf)');
    expect(again.stdout).not.toContain('created');
    expect(again.stderr).toContain('fieldcode.yaml exists: adding only what is missing');
    expect(listFiles(dir)).toEqual([...before.keys()]);
    for (const [file, bytes] of before) expect(readFileSync(join(dir, file)).equals(bytes)).toBe(true);
  });

  test('in an existing project, missing samples follow its project file', () => {
    const dir = tempDir();
    expect(runBin(['init', '--yes', '--groups', 'north,south', '--phases', 'one,two'], { cwd: dir }).code).toBe(0);
    const removed = 'notes/sample-focus-group.md';
    const original = readFileSync(join(dir, removed), 'utf8');
    writeFileSync(join(dir, removed), '');
    spawnSync('rm', [join(dir, removed)]);
    const again = runBin(['init', '--yes'], { cwd: dir });
    expect(again.stdout).toContain(`created  ${removed}`);
    expect(readFileSync(join(dir, removed), 'utf8')).toBe(original);
    expect(runBin(['check'], { cwd: dir }).code).toBe(0);
  });

  test('appends to an existing .gitattributes once, keeping its line endings', () => {
    const dir = tempDir();
    writeFileSync(join(dir, '.gitattributes'), '*.png binary\r\n*.sh text eol=lf');
    expect(runBin(['init', '--yes'], { cwd: dir }).stdout).toContain('updated  .gitattributes (added * text=auto eol=lf)');
    const expected = '*.png binary\r\n*.sh text eol=lf\r\n# fieldcode: LF line endings on every checkout, as fieldcode writes them\r\n* text=auto eol=lf\r\n';
    expect(readFileSync(join(dir, '.gitattributes'), 'utf8')).toBe(expected);
    expect(runBin(['init', '--yes'], { cwd: dir }).stdout).toContain('skipped  .gitattributes (already has * text=auto eol=lf)');
    expect(readFileSync(join(dir, '.gitattributes'), 'utf8')).toBe(expected);
  });

  test('leaves reports/ to be committed: build writes them, git sees them, build --check passes', () => {
    const dir = tempDir();
    const git = (...args: string[]) => spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.org', ...args], { cwd: dir, encoding: 'utf8' });
    expect(git('init', '-q').status).toBe(0);
    expect(runBin(['init', '--yes'], { cwd: dir }).code).toBe(0);
    // Only the parse cache is ignored: the reports are committed.
    expect(readFileSync(join(dir, '.gitignore'), 'utf8')).toContain('\n.fieldcode/\n');
    const build = runBin(['build'], { cwd: dir });
    expect(build.stderr).toContain('reports/frequencies.md  created');
    expect(build.code).toBe(0);
    expect(git('check-ignore', 'reports/frequencies.md').status).toBe(1);
    expect(git('add', '-A').status).toBe(0);
    expect(git('ls-files', 'reports').stdout).toBe('reports/frequencies.md\n');
    expect(git('ls-files', '.fieldcode').stdout).toBe('');
    expect(runBin(['build', '--check'], { cwd: dir })).toMatchObject({ code: 0, stderr: '1 report is up to date\n' });
  });

  test('says so when an existing .gitignore ignores reports/, and leaves its lines as they were, adding .fieldcode/ once', () => {
    const dir = tempDir();
    writeFileSync(join(dir, '.gitignore'), 'node_modules\r\n/reports/');
    const result = runBin(['init', '--yes'], { cwd: dir });
    expect(result.stdout).toContain('note     .gitignore ignores reports/: remove that line and commit what `fieldcode build` writes');
    expect(result.stdout).toContain('updated  .gitignore (added .fieldcode/, the parse cache)');
    const expected = 'node_modules\r\n/reports/\r\n# fieldcode: the parse cache, rebuilt from the notes (docs/cache.md)\r\n.fieldcode/\r\n';
    expect(readFileSync(join(dir, '.gitignore'), 'utf8')).toBe(expected);
    expect(runBin(['init', '--yes'], { cwd: dir }).stdout).toContain('skipped  .gitignore (already has .fieldcode/)');
    expect(readFileSync(join(dir, '.gitignore'), 'utf8')).toBe(expected);
  });

  test('a file where the folder should be is a usage error (exit 2); empty lists too', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'taken'), 'x');
    expect(runBin(['init', 'taken', '--yes'], { cwd: dir })).toEqual({ code: 2, stdout: '', stderr: '<command line>:1:16  error  Cannot create a project in `taken`: it is a file, expected a folder  [invalid-option]\n\n1 error\n' });
    expect(runBin(['init', 'new', '--yes', '--groups', ' , '], { cwd: dir })).toEqual({ code: 2, stdout: '', stderr: `<command line>:1:${'fieldcode init new --yes '.length + 1}  error  Unexpected empty --groups, expected comma-separated values  [invalid-option]\n\n1 error\n` });
    expect(existsSync(join(dir, 'new'))).toBe(false);
  });

  test('a broken existing project file stops init where it is broken; a file in the way of a write at that file', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'fieldcode.yaml'), 'name: [unclosed\n');
    const broken = runBin(['init', '--yes'], { cwd: dir });
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/^fieldcode\.yaml:\d+:\d+  error  .*  \[config-yaml\]\n/);
    const blocked = tempDir();
    mkdirSync(join(blocked, '.gitignore'));
    const result = runBin(['init', '--yes'], { cwd: blocked });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('.gitignore:1:1  error  Cannot write `.gitignore` (EISDIR)  [write-failed]\n\n1 error\n');
  });

  test('without a terminal it asks nothing and uses the defaults', () => {
    const dir = tempDir();
    const result = runBin(['init'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(existsSync(join(dir, 'fieldcode.yaml'))).toBe(true);
  });
});

describe('scaffold helpers', () => {
  test('YAML scalars are quoted when plain would change their meaning', () => {
    expect(yamlScalar('de-brug')).toBe('de-brug');
    expect(yamlScalar('I')).toBe('I');
    expect(yamlScalar('2')).toBe('"2"');
    expect(yamlScalar('yes')).toBe('"yes"');
    expect(yamlScalar('a: b')).toBe('"a: b"');
    expect(yamlScalar('#x')).toBe('"#x"');
  });

  test('lists are split, trimmed and de-duplicated in order', () => {
    expect(splitList(' III, I ,II,,I ')).toEqual(['III', 'I', 'II']);
  });

  test('reports entries are recognised in their usual spellings', () => {
    expect(ignoresReports('node_modules\n/reports/\n')).toBe(true);
    expect(ignoresReports('reports\n')).toBe(true);
    expect(ignoresReports('reports/**\n')).toBe(true);
    expect(ignoresReports('my-reports/\n# reports/\n')).toBe(false);
    expect(hasLfRule('*.png binary\n*   text=auto   eol=lf\n')).toBe(true);
    expect(hasLfRule('# * text=auto eol=lf\n')).toBe(false);
    expect(withLfRule('a')).toBe('a\n# fieldcode: LF line endings on every checkout, as fieldcode writes them\n* text=auto eol=lf\n');
  });

  test('a sample note names its method, the first group and the first phase', () => {
    const note = sampleNote('focus-group', { name: 'x', groups: ['g1', 'g2'], phases: ['II', 'I'], methods: ['focus-group'], coder: 'c', codebook: 'bundled' }, '2025-01-02');
    expect(note.path).toBe('notes/sample-focus-group.md');
    expect(note.content).toMatch(/^---\nid: sample-focus-group\ngroup: g1\nphase: II\nmethod: focus-group\ndate: 2025-01-02\n/);
    expect(note.content).toContain('#reciprocity');
  });
});

// Interactive init in a real terminal (tmux), like the tag tests.
const hasTmux = spawnSync('tmux', ['-V']).status === 0;
const inCI = process.env.CI === 'true' || process.env.CI === '1';
const SOCKET = `fieldcode-init-${process.pid}`;

describe.skipIf(!hasTmux && !inCI)('fieldcode init in a pseudo-terminal', { timeout: 90_000 }, () => {
  afterAll(() => {
    spawnSync('tmux', ['-L', SOCKET, 'kill-server']);
  });

  test('asks name, groups, phases, methods, coder and codebook, then check passes', async () => {
    const parent = tempDir();
    mkdirSync(join(parent, 'p'));
    const exitFile = join(parent, 'exit-code');
    const tmux = (...args: string[]): string => spawnSync('tmux', ['-L', SOCKET, ...args], { encoding: 'utf8' }).stdout;
    tmux('new-session', '-d', '-s', 'init', '-x', '120', '-y', '40', `cd '${parent}/p' && env NO_COLOR=1 '${process.execPath}' '${BIN}' init; echo $? > '${exitFile}'`);
    // Keep the pane after init exits, so its last lines can still be read.
    tmux('set-option', '-t', 'init', 'remain-on-exit', 'on');
    const waitFor = async (text: string): Promise<void> => {
      const until = Date.now() + 20_000;
      while (!tmux('capture-pane', '-p', '-J', '-t', 'init').includes(text)) {
        if (Date.now() > until) throw new Error(`Timed out waiting for ${text}:\n${tmux('capture-pane', '-p', '-t', 'init')}`);
        await new Promise((done) => setTimeout(done, 50));
      }
    };
    const send = (...keys: string[]): string => tmux('send-keys', '-t', 'init', ...keys);
    await waitFor('Project name:');
    // Replace the default name (the folder name) with our own.
    send('C-u');
    send('-l', 'Peer groups');
    send('Enter');
    await waitFor('Groups (comma-separated):');
    send('-l', 'de-brug, samen-sterk');
    send('Enter');
    await waitFor('Phases, in research order');
    send('-l', 'baseline, follow-up');
    send('Enter');
    await waitFor('Methods:');
    // Uncheck the first (participant-observation), keep the others.
    send('Space');
    send('Enter');
    await waitFor('Other methods');
    send('Enter');
    await waitFor('Coder');
    send('-l', 'anna');
    send('Enter');
    await waitFor('Codebook:');
    send('Enter');
    await waitFor('Next:');
    const until = Date.now() + 20_000;
    while (!existsSync(exitFile) && Date.now() < until) await new Promise((done) => setTimeout(done, 50));
    expect(readFileSync(exitFile, 'utf8').trim()).toBe('0');
    const dir = join(parent, 'p');
    const config = readFileSync(join(dir, 'fieldcode.yaml'), 'utf8');
    expect(config).toContain('name: "Peer groups"');
    expect(config).toContain('group: { values: [de-brug, samen-sterk], required: true }');
    expect(config).toContain('phase: { values: [baseline, follow-up], ordered: true, required: true }');
    expect(config).toContain('method: { values: [focus-group, interview], required: true }');
    expect(config).toContain('coder: anna');
    expect(listFiles(dir)).toContain('notes/sample-interview.md');
    expect(listFiles(dir)).not.toContain('notes/sample-participant-observation.md');
    expect(runBin(['check'], { cwd: dir }).code).toBe(0);
  });
});
