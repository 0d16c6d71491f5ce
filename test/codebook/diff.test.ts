// `fieldcode codebook diff` (issue 13, item 3) on a throwaway git repository
// with two commits: a rename is listed as a rename, not as a removal plus an
// addition; merges, splits, retirements, moves and word changes are listed too.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { run, tempDir } from '../helpers/cli.js';

const BEFORE = `name: Study
version: "1"
codes:
  - id: feedback
    label: Feedback
    definition: Peers comment on plans.
  - id: support
    label: Support
    codes:
      - id: support.practical
        label: Practical
      - id: support.emotional
        label: Emotional
  - id: network
    label: Network
    use_when:
      - New contacts through the group.
  - id: resistance
    label: Resistance
  - id: old
    label: Old
  - id: gone
    label: Gone
`;

const AFTER = `name: Study
version: "2"
codes:
  - id: peer-feedback
    label: Feedback from peers
    definition: Peers comment on plans and progress.
    renamed_from:
      - { id: feedback, date: 2026-12-02 }
  - id: support
    label: Support
    merged_from:
      - { id: support.practical, date: 2026-12-03 }
      - { id: support.emotional, date: 2026-12-03 }
  - id: network
    label: Network
    use_when:
      - New contacts inside or outside the group.
    codes:
      - id: resistance
        label: Resistance
        codes:
          - id: resistance.shame
            label: Shame
            split_from: { id: resistance, date: 2026-12-04 }
          - id: resistance.fear
            label: Fear
            split_from: { id: resistance, date: 2026-12-04 }
  - id: old
    label: Old
    retired: { date: 2026-12-05, replaced_by: support }
  - id: fresh
    label: Fresh
`;

function git(cwd: string, ...args: string[]): string {
  const result = spawnSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.org', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.org' } });
  expect(result.status, result.stderr).toBe(0);
  return result.stdout.trim();
}

interface Diff {
  from: { label: string; hash: string; commit?: string; version: string };
  to: { label: string; hash: string; commit?: string; version: string };
  added: Array<{ id: string }>;
  removed: Array<{ id: string }>;
  renamed: Array<{ from: string; to: string; date: string }>;
  merged: Array<{ from: string[]; into: string }>;
  split: Array<{ from: string; into: string[] }>;
  retired: Array<{ id: string; replacedBy?: string }>;
  moved: Array<{ id: string; from?: string; to?: string }>;
  changed: Array<{ id: string; changes: Array<{ field: string; parts: Array<{ value: string; added?: boolean; removed?: boolean }> }> }>;
}

describe('fieldcode codebook diff', () => {
  let repo: string;
  let first: string;
  let second: string;
  beforeAll(() => {
    repo = join(tempDir(), 'study');
    mkdirSync(join(repo, 'notes'), { recursive: true });
    git(repo, 'init', '-q');
    writeFileSync(join(repo, 'fieldcode.yaml'), 'name: Study\ncodebook: codebook.yaml\nnotes: ["notes/**/*.md"]\n');
    writeFileSync(join(repo, 'notes', 'a.md'), '---\nid: a\n---\nShe said what she saw. #feedback\n');
    writeFileSync(join(repo, 'codebook.yaml'), BEFORE);
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'phase I codebook');
    first = git(repo, 'rev-parse', 'HEAD');
    writeFileSync(join(repo, 'codebook.yaml'), AFTER);
    writeFileSync(join(repo, 'notes', 'a.md'), '---\nid: a\n---\nShe said what she saw. #peer-feedback\n');
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'phase II codebook');
    second = git(repo, 'rev-parse', 'HEAD');
  });

  it('lists a rename as a rename, with merges, splits, retirements, moves and word changes', async () => {
    const result = await run(['codebook', 'diff', 'HEAD~1', 'HEAD', '--format', 'json'], { cwd: repo });
    expect(result.code, result.stderr).toBe(0);
    const diff = JSON.parse(result.stdout) as Diff;
    expect(diff.renamed).toEqual([{ from: 'feedback', to: 'peer-feedback', date: '2026-12-02' }]);
    expect(diff.removed.map((c) => c.id)).toEqual(['gone']);
    expect(diff.added.map((c) => c.id)).toEqual(['fresh']);
    expect(diff.merged).toEqual([{ from: ['support.practical', 'support.emotional'], into: 'support', date: '2026-12-03' }]);
    expect(diff.split).toEqual([{ from: 'resistance', into: ['resistance.shame', 'resistance.fear'], date: '2026-12-04' }]);
    expect(diff.retired).toEqual([{ id: 'old', date: '2026-12-05', replacedBy: 'support' }]);
    expect(diff.moved).toEqual([{ id: 'resistance', to: 'network' }]);
    const feedback = diff.changed.find((c) => c.id === 'peer-feedback')!;
    expect(feedback.changes.map((c) => c.field)).toEqual(['label', 'definition']);
    expect(feedback.changes[1].parts.filter((p) => p.added).map((p) => p.value.trim())).toEqual(['and progress']);
    const network = diff.changed.find((c) => c.id === 'network')!;
    expect(network.changes[0].field).toBe('use_when');
    expect(network.changes[0].parts.filter((p) => p.added).map((p) => p.value.trim())).toEqual(['inside or outside']);
    // Each version is named with its content hash and, from git, its commit.
    expect(diff.from).toMatchObject({ label: 'HEAD~1:codebook.yaml', commit: first, version: '1' });
    expect(diff.to).toMatchObject({ label: 'HEAD:codebook.yaml', commit: second, version: '2' });
    expect(diff.from.hash).toMatch(/^[0-9a-f]{12}$/);
    expect(diff.from.hash).not.toBe(diff.to.hash);
  });

  it('prints the same as a table and as Markdown, and compares with the working tree by default', async () => {
    const table = await run(['codebook', 'diff', first], { cwd: repo });
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toContain(`from ${first}:codebook.yaml (Study, version 1), sha256 `);
    expect(table.stdout).toContain('to   codebook.yaml (Study, version 2), sha256 ');
    expect(table.stdout).toMatch(/renamed +feedback → peer-feedback +2026-12-02\n/);
    expect(table.stdout).not.toMatch(/removed +feedback/);
    expect(table.stdout).toContain('Peers comment on plans {+and progress+}.');
    const markdown = await run(['codebook', 'diff', 'HEAD~1', 'HEAD', '--format', 'markdown'], { cwd: repo });
    expect(markdown.stdout).toContain('| renamed | `feedback` → `peer-feedback` | 2026-12-02 |');
    expect(markdown.stdout).toContain('- Peers comment on plans **and progress**.');
    const same = await run(['codebook', 'diff', 'HEAD'], { cwd: repo });
    expect(same.stdout).toContain('No changes to codes.');
  });

  it('compares two codebook files', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.yaml'), BEFORE);
    writeFileSync(join(dir, 'b.yaml'), AFTER);
    const result = await run(['codebook', 'diff', 'a.yaml', 'b.yaml', '--format', 'json'], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    const diff = JSON.parse(result.stdout) as Diff;
    expect(diff.renamed.map((r) => `${r.from}→${r.to}`)).toEqual(['feedback→peer-feedback']);
    expect(diff.from.commit).toBeUndefined();
  });

  it('stops with exit 2 and a clear message on an unknown revision or a broken codebook', async () => {
    const unknown = await run(['codebook', 'diff', 'no-such-tag'], { cwd: repo });
    expect(unknown.code).toBe(2);
    expect(unknown.stdout).toBe('');
    // `fieldcode codebook diff ` is 24 characters: the revision starts at column 25.
    expect(unknown.stderr).toBe(`<command line>:1:25  error  Cannot find revision \`no-such-tag\` in the git repository at \`${repo}\`  [unknown-revision]\n\n1 error\n`);
    const dir = tempDir();
    writeFileSync(join(dir, 'broken.yaml'), 'name: x\ncodes: [\n');
    writeFileSync(join(dir, 'b.yaml'), AFTER);
    const broken = await run(['codebook', 'diff', 'broken.yaml', 'b.yaml'], { cwd: dir });
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/^broken\.yaml:3:1  error  Cannot parse codebook YAML: .*\[codebook-yaml\]\n\n1 error\n$/);
    const nowhere = await run(['codebook', 'diff', 'HEAD~1'], { cwd: dir });
    expect(nowhere.code).toBe(2);
    expect(nowhere.stderr).toMatch(/^<command line>:1:25  error  Cannot find `HEAD~1`: no such codebook file, .*\[invalid-option\]\n/);
  });
});

describe('the codebook version a phase report states', () => {
  it('is the short SHA-256 of the codebook file, in Markdown, HTML and JSON', async () => {
    const { createHash } = await import('node:crypto');
    const { readFileSync } = await import('node:fs');
    const { EXAMPLE } = await import('../helpers/cli.js');
    const hash = createHash('sha256').update(readFileSync(join(EXAMPLE, 'codebook', 'working-components.yaml'), 'utf8')).digest('hex').slice(0, 12);
    const markdown = await run(['phase-report', '--where', 'phase=II'], { cwd: EXAMPLE });
    expect(markdown.code, markdown.stderr).toBe(0);
    expect(markdown.stdout).toContain(`Codebook: Working components of peer groups (version 1.0.0, sha256 ${hash}).`);
    const json = JSON.parse((await run(['phase-report', '--where', 'phase=II', '--format', 'json'], { cwd: EXAMPLE })).stdout) as { codebook: unknown };
    expect(json.codebook).toEqual({ name: 'Working components of peer groups', version: '1.0.0', hash, commit: null });
  });

  it('names the commit when the codebook is read from a git revision', async () => {
    const { discover } = await import('../../src/pipeline/discover.js');
    const { gitRevisionSource } = await import('../../src/pipeline/sources/git-revision.js');
    const { codebookVersionText } = await import('../../src/codebook/hash.js');
    const repo = join(tempDir(), 'p');
    mkdirSync(join(repo, 'notes'), { recursive: true });
    git(repo, 'init', '-q');
    writeFileSync(join(repo, 'fieldcode.yaml'), 'codebook: codebook.yaml\nnotes: ["notes/**/*.md"]\n');
    writeFileSync(join(repo, 'codebook.yaml'), BEFORE);
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'one');
    const commit = git(repo, 'rev-parse', 'HEAD');
    const found = discover(gitRevisionSource({ top: repo, commit, prefix: '', shown: (path) => `HEAD:${path}` }), { config: 'fieldcode.yaml' });
    expect(found.project?.codebook.commit).toBe(commit);
    expect(codebookVersionText(found.project!.codebook)).toMatch(new RegExp(`^Study \\(version 1, sha256 [0-9a-f]{12}, commit ${commit.slice(0, 12)}\\)$`));
  });
});
