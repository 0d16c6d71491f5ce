// `fieldcode reconcile` from a decisions file (the CI path), through the real
// CLI in process: the consensus standoff file, the decision log, and the bad
// input that must write nothing.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../helpers/cli.js';
import { parseStandoff } from '../../src/standoff/format.js';
import { parseDecisionLog, summariseDecisionLog } from '../../src/reconcile/log.js';
import { reconcileProject } from './helpers.js';

const DECISIONS = `fieldcode: decisions/1
by: jane
when: "2026-12-01T10:00:00Z"
decisions:
  - at: notes/visit.md:6
    take: a
    criterion: mistrust.use_when.1
    reason: The passage is about distrust, not trust.
  - at: notes/visit.md:8
    take: neither
`;

const CONSENSUS = 'notes/visit.consensus.codings.yaml';

function written(root: string): { codings: Array<[string, string]>; log: string } {
  const doc = parseStandoff(CONSENSUS, readFileSync(join(root, CONSENSUS), 'utf8')).document!;
  expect(doc.coder).toBe('consensus');
  return { codings: doc.codings.map((c) => [c.code, c.quote]), log: readFileSync(join(root, 'reconcile-log.txt'), 'utf8') };
}

describe('fieldcode reconcile --list', () => {
  it('shows each disagreement with its path:line, both coders and the criteria for the codes in question', async () => {
    const root = reconcileProject();
    const r = await run(['reconcile', '--list'], { cwd: root });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('notes/visit.md:6  “Nobody trusted the new coordinator.”\n  anna: mistrust\n  ben:  trust\n  criteria:\n    mistrust (Code mistrust): The mistrust code.\n      mistrust.use_when.1  Use mistrust when it fits.\n      mistrust.not_when.1  Not mistrust otherwise.\n    trust (Code trust)');
    expect(r.stdout).toContain('notes/visit.md:8  “The weather was fine.”\n  anna: (no code)\n  ben:  trust');
    // The first paragraph: both used reciprocity (on different spans), so no disagreement.
    expect(r.stdout).not.toContain('visit.md:4');
  });
});

describe('fieldcode reconcile --decisions', () => {
  it('writes the consensus coder and the decision log, all from the file', async () => {
    const root = reconcileProject({ 'decisions.yaml': DECISIONS });
    const r = await run(['reconcile', '--decisions', 'decisions.yaml'], { cwd: root });
    expect(r.stderr).toBe('2 disagreements decided; consensus coder `consensus` written for 1 note; log in reconcile-log.txt\n');
    expect(r.code).toBe(0);
    const { codings, log } = written(root);
    // Agreed reciprocity comes from the first coder (anna's span); mistrust from the decision; no trust.
    expect(codings).toEqual([
      ['reciprocity', 'shared the meal and paid for each other'],
      ['mistrust', 'Nobody trusted the new coordinator.'],
    ]);
    expect(log).toBe(
      '# fieldcode reconcile-log/1: one reconciled disagreement per line, tab-separated (docs/reconcile.md)\n' +
        '# coders: a = anna, b = ben; consensus coder: consensus\n' +
        '# when\twho\twhere\ttake\ta\tb\tresult\tcriterion\treason\n' +
        '2026-12-01T10:00:00Z\tjane\tnotes/visit.md:6\ta\tmistrust\ttrust\tmistrust\tmistrust.use_when.1 "Use mistrust when it fits."\tThe passage is about distrust, not trust.\n' +
        '2026-12-01T10:00:00Z\tjane\tnotes/visit.md:8\tneither\t-\ttrust\t-\t\t\n',
    );
    const parsed = parseDecisionLog(log);
    expect('log' in parsed && summariseDecisionLog(parsed.log)).toEqual({ total: 2, byTake: { a: 1, b: 0, both: 0, neither: 1, edit: 0 }, withCriterion: 1, deciders: ['jane'] });
    // The consensus is a coder like any other: agree compares it with anna.
    const agree = await run(['agree', '--coders', 'anna,consensus', '--format', 'json', '-q'], { cwd: root });
    expect(JSON.parse(agree.stdout).disagreements).toEqual([]);
    // Run again: same bytes (the previous consensus file is its own and is replaced).
    const again = await run(['reconcile', '--decisions', 'decisions.yaml'], { cwd: root });
    expect(again.code).toBe(0);
    expect(written(root).log).toBe(log);
  });

  it('both, b and edit', async () => {
    const decisions = DECISIONS.replace('take: a\n    criterion: mistrust.use_when.1', 'take: edit\n    codes: [reciprocity]').replace('take: neither', 'take: b');
    const root = reconcileProject({ 'decisions.yaml': decisions });
    expect((await run(['reconcile', '--decisions', 'decisions.yaml', '--as', 'agreed'], { cwd: root })).code).toBe(0);
    const doc = parseStandoff('x', readFileSync(join(root, 'notes/visit.agreed.codings.yaml'), 'utf8')).document!;
    // The edit's reciprocity was applied by nobody on paragraph 2: the whole paragraph.
    expect(doc.codings.map((c) => [c.code, c.quote])).toEqual([
      ['reciprocity', 'shared the meal and paid for each other'],
      ['reciprocity', 'Nobody trusted the new coordinator.'],
      ['trust', 'The weather was fine.'],
    ]);
    const both = reconcileProject({ 'decisions.yaml': DECISIONS.replace('take: a\n    criterion: mistrust.use_when.1', 'take: both') });
    expect((await run(['reconcile', '--decisions', 'decisions.yaml'], { cwd: both })).code).toBe(0);
    expect(written(both).codings).toEqual([
      ['reciprocity', 'shared the meal and paid for each other'],
      ['mistrust', 'Nobody trusted the new coordinator.'],
      ['trust', 'trusted the new coordinator'],
    ]);
  });
});

describe('fieldcode reconcile: bad input writes nothing', () => {
  async function refused(decisions: string, argv: string[] = []) {
    const root = reconcileProject({ 'decisions.yaml': decisions });
    const r = await run(['reconcile', '--decisions', 'decisions.yaml', ...argv], { cwd: root });
    expect(existsSync(join(root, CONSENSUS))).toBe(false);
    expect(existsSync(join(root, 'reconcile-log.txt'))).toBe(false);
    return r;
  }

  it('a decision that names no disagreement is an error at its line and column', async () => {
    const r = await refused(DECISIONS.replace('notes/visit.md:8', 'notes/visit.md:4'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^decisions\.yaml:9:9 +error +Unexpected `at: notes\/visit\.md:4`: the coders do not disagree there; disagreements in that note: notes\/visit\.md:6, notes\/visit\.md:8 +\[reconcile-unknown-disagreement\]/m);
    expect(r.stderr).toContain('Nothing written.');
  });

  it('an undecided disagreement, an unknown code, a bad criterion, a bad take', async () => {
    const undecided = await refused(DECISIONS.split('  - at: notes/visit.md:8')[0]);
    expect(undecided.stderr).toMatch(/^notes\/visit\.md:8:1 +error +No decision for this disagreement \(anna: no code; ben: trust\).*\[reconcile-undecided\]/m);
    const code = await refused(DECISIONS.replace('take: neither', 'take: edit\n    codes: [trusst]'));
    expect(code.stderr).toMatch(/decisions\.yaml:11:12 +error +Unexpected `trusst` in `codes:`.*\[unknown-code\]/);
    const criterion = await refused(DECISIONS.replace('mistrust.use_when.1', 'mistrust.use_when.3'));
    expect(criterion.stderr).toMatch(/decisions\.yaml:7:16 +error +Unexpected criterion `mistrust\.use_when\.3`: `mistrust` has 1 use_when line, expected a number from 1 to 1 +\[reconcile-decisions-shape\]/);
    const take = await refused(DECISIONS.replace('take: neither', 'take: mine'));
    expect(take.stderr).toMatch(/decisions\.yaml:10:11 +error +Unexpected `take: mine`, expected one of a, b, both, neither, edit/);
    for (const r of [undecided, code, criterion, take]) expect(r.code).toBe(1);
  });

  it('a consensus file that holds another coder’s codings is not overwritten', async () => {
    const root = reconcileProject({ 'decisions.yaml': DECISIONS });
    const other = readFileSync(join(root, 'notes/visit.codings.yaml'), 'utf8').replace('note: visit.md', 'note: visit.md');
    writeFileSync(join(root, 'notes/visit.agreed.codings.yaml'), other);
    const r = await run(['reconcile', '--decisions', 'decisions.yaml', '--coders', 'anna,ben', '--as', 'agreed'], { cwd: root });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/notes\/visit\.agreed\.codings\.yaml:1:1 +error +Cannot write the consensus here: the file holds codings by `anna`, `ben`.*\[reconcile-would-overwrite\]/);
    expect(existsSync(join(root, 'reconcile-log.txt'))).toBe(false);
  });

  it('no prompt without a terminal: exit 2 and a pointer to --decisions', async () => {
    const root = reconcileProject();
    const r = await run(['reconcile'], { cwd: root });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('<command line>:1:1  error  Cannot reconcile interactively without a terminal (stdin and stdout must both be a TTY); pass --decisions file.yaml');
    expect(r.stderr).toContain('[invalid-option]');
    const noInput = await run(['reconcile', '--no-input'], { cwd: root });
    expect(noInput.code).toBe(2);
    expect(noInput.stderr).toContain('<command line>:1:21  error  Cannot reconcile interactively with --no-input');
    expect(existsSync(join(root, 'reconcile-log.txt'))).toBe(false);
    expect((await run(['reconcile', '--coders', 'anna'], { cwd: root })).code).toBe(2);
  });
});
