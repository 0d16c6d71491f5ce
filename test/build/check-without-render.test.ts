// `check` finds the unpseudonymised names a declared report would publish
// from the analysis results, without rendering it. Only a pseudonymised
// report is rendered (its text is the exact record of a leaked name), so
// check catches every name that `build` catches.
import { describe, expect, it, vi } from 'vitest';
import { run } from '../helpers/cli.js';
import { config, project } from '../privacy/helpers.js';

const renders = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../src/reporters/registry.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/reporters/registry.js')>();
  return {
    ...original,
    render: (...args: Parameters<typeof original.render>) => {
      renders.count++;
      return original.render(...args);
    },
  };
});

const NOTE = `---
id: int-07
group: oost
phase: I
participants:
  Annabel: { pseudonym: P01 }
  Zoë: {}
---
Annabel: I help my neighbour every week. #support

**Karim:** Zoë gives feedback to the group. #feedback
`;

const CODEBOOK_WITH_NAME = `name: Hostile codebook
version: "1"
codes:
  - id: support
    label: Support from Annabel
  - id: feedback
    label: Feedback
`;

function hostile(reports: string, files: Record<string, string> = {}): string {
  return project({ 'fieldcode.yaml': config(`reports:\n${reports}`), 'notes/int-07.md': NOTE, ...files });
}

const leakLines = (stderr: string): string[] => stderr.split('\n').filter((line) => line.includes('[pseudonym-leak]'));

async function check(dir: string) {
  renders.count = 0;
  const result = await run(['check', dir]);
  return { ...result, renders: renders.count };
}

describe('check on declared reports', () => {
  it('warns about unpseudonymised names in a quotes report without rendering it', async () => {
    const result = await check(hostile('  - name: quotes\n    kind: quotes\n    out: reports/quotes.md\n'));
    expect(result.renders).toBe(0);
    expect(result.stderr).toMatch(/notes\/int-07\.md:\d+:\d+ +warning +Unexpected name `Zoë`.*\[unpseudonymized-name\]/);
    expect(result.stderr).toMatch(/warning +Unexpected speaker `Karim`.*\[unpseudonymized-name\]/);
    expect(result.stderr).not.toMatch(/`Annabel`/);
  });

  it('renders only the pseudonymised report, and finds the real name in its title as build does', async () => {
    const dir = hostile('  - name: quotes\n    kind: quotes\n    out: reports/quotes.md\n  - name: counts\n    kind: frequencies\n    out: reports/counts.md\n  - name: leaky\n    kind: phase-report\n    pseudonymize: true\n    title: Interviews with Annabel\n    out: reports/leaky.html\n');
    const checked = await check(dir);
    expect(checked.renders).toBe(1);
    expect(checked.code).toBe(1);
    expect(leakLines(checked.stderr)).toHaveLength(1);
    expect(leakLines(checked.stderr)[0]).toMatch(/Unexpected real name in report `leaky`/);
    const built = await run(['build', dir]);
    expect(leakLines(built.stderr)).toEqual(leakLines(checked.stderr));
  });

  it('finds a real name in a code label of a pseudonymised frequencies report, as build does', async () => {
    const dir = hostile('  - name: counts\n    kind: frequencies\n    pseudonymize: true\n    out: reports/counts.html\n', { 'codebook.yaml': CODEBOOK_WITH_NAME });
    const checked = await check(dir);
    expect(leakLines(checked.stderr)).toHaveLength(1);
    const built = await run(['build', dir]);
    expect(leakLines(built.stderr)).toEqual(leakLines(checked.stderr));
  });

  it('reports nothing for a pseudonymised report that publishes no name, like build', async () => {
    const dir = hostile('  - name: fine\n    kind: quotes\n    pseudonymize: true\n    out: reports/quotes.md\n');
    const checked = await check(dir);
    expect(checked.code, checked.stderr).toBe(0);
    expect(checked.stderr).not.toMatch(/pseudonym-leak|unpseudonymized-name/);
    const built = await run(['build', dir]);
    expect(built.code, built.stderr).toBe(0);
    expect(leakLines(built.stderr)).toEqual([]);
  });
});
