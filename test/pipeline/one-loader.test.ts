// One loader (issue 9): report, agree --rev, build, export and practice read
// the same notes for the same project, because all of them load through
// src/pipeline with one glob matcher. Also issue 16.11 and 16.15: an
// unreadable notes folder and a `notes:` glob that matches nothing are fatal.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, run } from '../helpers/cli.js';
import { memorySource } from '../../src/pipeline/sources/memory.js';
import { workingTreeSource } from '../../src/pipeline/sources/working-tree.js';
import { gitRevisionSource } from '../../src/pipeline/sources/git-revision.js';
import { runPipeline } from '../../src/pipeline/run.js';

const FILES: Record<string, string> = {
  'fieldcode.yaml': 'notes: ["**/*.md", "!drafts/**"]\ncodebook: codebook/codebook.yaml\nreports:\n  - name: frequencies\n    kind: frequencies\n    format: json\n    out: reports/frequencies.json\n',
  'codebook/codebook.yaml': 'name: One loader\nversion: "1"\ncodes:\n' + ['alpha', 'beta', 'gamma', 'delta', 'epsilon'].map((id) => `  - id: ${id}\n    label: ${id}\n`).join(''),
  'codebook/README.md': '# Codebook\n\nHow to use the codes. #delta\n',
  'notes/a.md': '---\nid: a\n---\nThe first note talks about one thing. #alpha\n',
  'notes/B.md': '---\nid: b\n---\nThe second note talks about another. #beta\n',
  'drafts/c.md': '---\nid: c\n---\nA draft that is not ready. #gamma\n',
  'reports/old.md': '# Old report\n\nGenerated text. #epsilon\n',
};

let dir: string;
const git = (...args: string[]) => spawnSync('git', ['-c', 'user.email=t@example.org', '-c', 'user.name=t', ...args], { cwd: dir, encoding: 'utf8' });

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'fieldcode-one-loader-'));
  for (const [path, text] of Object.entries(FILES)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  git('init', '-q');
  git('add', '-A');
  git('commit', '-qm', 'notes');
  git('branch', 'A');
  git('branch', 'B');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The codes with codings in a JSON report's per-code rows. */
const codedIn = (rows: Array<{ code: string; codings?: number; coded?: number; key?: number }>) => rows.filter((r) => (r.codings ?? r.coded ?? r.key ?? 0) > 0).map((r) => r.code).sort();

describe('one loader through the CLI', () => {
  it('report reads the two notes, not the draft, the codebook README or the old report', async () => {
    const result = await run(['report', '--format', 'json'], { cwd: dir });
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json.totals.notes).toBe(2);
    expect(codedIn(json.rows)).toEqual(['alpha', 'beta']);
  });

  it('agree --rev A --rev B compares the same two notes', async () => {
    const result = await run(['agree', '--rev', 'A', '--rev', 'B', '--format', 'json'], { cwd: dir });
    expect(result.stderr).toBe('');
    const json = JSON.parse(result.stdout);
    expect(json.notes).toBe(2);
    expect(codedIn(json.codes)).toEqual(['alpha', 'beta']);
  }, 60_000);

  it('build writes a report of the same two notes', async () => {
    const result = await run(['build', '--quiet'], { cwd: dir });
    expect(result.code).toBe(0);
    const json = JSON.parse(readFileSync(join(dir, 'reports', 'frequencies.json'), 'utf8'));
    expect(json.totals.notes).toBe(2);
    expect(codedIn(json.rows)).toEqual(['alpha', 'beta']);
  });

  it('export puts the same two notes into the .qdpx', async () => {
    const out = join(dir, '..', `${dir.split('/').pop()}.qdpx`);
    const result = await run(['export', '--out', out, '--quiet'], { cwd: dir });
    expect(result.code).toBe(0);
    const entries = Object.keys(unzipSync(new Uint8Array(readFileSync(out)))).filter((name) => name.startsWith('sources/'));
    rmSync(out);
    expect(entries).toHaveLength(2);
  });

  it('practice score reads the same two notes as the student and as the key', async () => {
    const result = await run(['practice', 'score', '.', '--key', '.', '--format', 'json'], { cwd: dir });
    const json = JSON.parse(result.stdout);
    expect(json.notes).toBe(2);
    expect(codedIn(json.codes)).toEqual(['alpha', 'beta']);
  });
});

describe('every source selects the same notes', () => {
  it('working tree, git revision and memory agree, with negations and character classes', () => {
    const globs = ['notes/[A-Z]*.md', '**/*.md', '!drafts/**'];
    const ignore = ['reports/**', 'codebook/**'];
    const tree = workingTreeSource(dir, { cwd: dir }).list(globs, ignore).paths;
    const commit = git('rev-parse', 'A').stdout.trim();
    const revision = gitRevisionSource({ top: dir, commit, prefix: '', shown: (path) => `A:${path}` }).list(globs, ignore).paths;
    const memory = memorySource(FILES).list(globs, ignore).paths;
    expect(tree).toEqual(['notes/B.md', 'notes/a.md']);
    expect(revision).toEqual(tree);
    expect(memory).toEqual(tree);
    expect(memorySource(FILES).list(['notes/[A-Z]*.md'], []).paths).toEqual(['notes/B.md']);
  });

  it('runPipeline on memory finds the project file, the codebook and the notes', () => {
    const { corpus, diagnostics } = runPipeline(memorySource(FILES));
    expect(diagnostics).toEqual([]);
    expect(corpus.notes.map((note) => note.path)).toEqual(['notes/B.md', 'notes/a.md']);
    expect(corpus.codebook.codes).toHaveLength(5);
  });
});

describe('fatal discovery problems (issue 16.11, 16.15)', () => {
  it('a notes glob that matches nothing is a positioned error with exit 2, without --strict', async () => {
    const project = mkdtempSync(join(tmpdir(), 'fieldcode-no-match-'));
    writeFileSync(join(project, 'fieldcode.yaml'), 'notes:\n  - "notes/**/*.md"\n  - "interviews/*.md"\n');
    mkdirSync(join(project, 'notes'));
    writeFileSync(join(project, 'notes', 'a.md'), 'Some text.\n');
    const report = await run(['report'], { cwd: project });
    const check = await run(['check', '--format', 'json'], { cwd: project });
    rmSync(project, { recursive: true, force: true });
    expect(report.code).toBe(2);
    expect(report.stdout).toBe('');
    expect(report.stderr).toContain('fieldcode.yaml:3:5  error  Unexpected `notes` glob `interviews/*.md` that matches no note');
    expect(check.code).toBe(2);
    expect(JSON.parse(check.stdout).diagnostics).toEqual([
      { file: 'fieldcode.yaml', line: 3, column: 5, severity: 'fatal', message: 'Unexpected `notes` glob `interviews/*.md` that matches no note, expected a glob that finds at least one file', ruleId: 'no-matching-notes' },
    ]);
  });

  it('an unreadable notes folder is `Cannot read folder`, exit 2', () => {
    const project = mkdtempSync(join(tmpdir(), 'fieldcode-eacces-'));
    chmodSync(project, 0o755);
    mkdirSync(join(project, 'notes', 'private'), { recursive: true });
    writeFileSync(join(project, 'fieldcode.yaml'), 'notes: ["notes/**/*.md"]\n');
    writeFileSync(join(project, 'notes', 'a.md'), 'Some text.\n');
    writeFileSync(join(project, 'notes', 'private', 'b.md'), 'Secret text.\n');
    chmodSync(join(project, 'notes', 'private'), 0o000);
    // root reads any folder, so as root the CLI runs without the capabilities
    // that let it (setpriv, from util-linux). Running it as `nobody` instead
    // fails when the clone sits in a folder only root may enter (mktemp -d).
    const command = process.getuid?.() === 0 ? ['setpriv', '--bounding-set=-dac_override,-dac_read_search', process.execPath] : [process.execPath];
    const result = spawnSync(command[0], [...command.slice(1), BIN, 'report'], { cwd: project, encoding: 'utf8' });
    chmodSync(join(project, 'notes', 'private'), 0o755);
    rmSync(project, { recursive: true, force: true });
    expect(result.stderr).toContain('notes/private:1:1  error  Cannot read folder `notes/private` (EACCES)  [unreadable-folder]');
    expect(result.stdout).toBe('');
    expect(result.status).toBe(2);
  }, 60_000);
});
