import { appendFileSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { copyToTemp, EXAMPLE, run } from '../helpers/cli.js';
import { exampleCopy } from './declarations.js';
import { fileSafe, linkBaseFor, REPORT_KINDS } from '../../src/core/build.js';

const EXPECTED = [
  'reports/cooccurrence-documents.csv',
  'reports/cooccurrence.html',
  'reports/framework-presence.csv',
  'reports/framework.html',
  'reports/framework.md',
  'reports/framework.xlsx',
  'reports/frequencies.csv',
  'reports/frequencies.html',
  'reports/frequencies.md',
  'reports/joint-network.html',
  'reports/joint-network.md',
  'reports/leadership-change.json',
  'reports/memo-trail.md',
  'reports/methods.html',
  'reports/methods.md',
  'reports/phase-I.html',
  'reports/phase-I.md',
  'reports/phase-II.html',
  'reports/phase-II.md',
  'reports/phase-III.html',
  'reports/phase-III.md',
  'reports/phase-change.md',
  'reports/quotes-reciprocity.md',
  'reports/saturation.html',
  'reports/saturation.md',
  'reports/trajectories.svg',
  'reports/trajectory.md',
];

function snapshot(project: string): Record<string, string> {
  const dir = join(project, 'reports');
  return Object.fromEntries(
    readdirSync(dir)
      .sort()
      .map((name) => [`reports/${name}`, readFileSync(join(dir, name), 'utf8')]),
  );
}

describe('fieldcode build', () => {
  let project: string;
  beforeAll(() => {
    project = exampleCopy();
    rmSync(join(project, 'reports'), { recursive: true, force: true });
  }, 60_000);

  test('--check fails while reports are missing, build writes them, --check then passes; a changed note makes them stale', async () => {
    const missing = await run(['build', '--check', project, '--quiet']);
    expect(missing.code).toBe(1);
    for (const path of EXPECTED) expect(missing.stderr).toContain(`${path}  missing`);
    expect(missing.stderr).toContain(`${EXPECTED.length} of ${EXPECTED.length} reports are out of date`);
    expect(() => statSync(join(project, 'reports'))).toThrow();

    const built = await run(['build', project], { cwd: project });
    expect(built.code, built.stderr).toBe(0);
    expect(built.stdout).toBe('');
    expect(built.stderr).toContain(`${EXPECTED.length} reports, ${EXPECTED.length} written, 0 unchanged`);
    expect(Object.keys(snapshot(project))).toEqual(EXPECTED);
    const first = snapshot(project);

    const check = await run(['build', '--check', project]);
    expect(check.code, check.stderr).toBe(0);
    expect(check.stderr).toContain(`${EXPECTED.length} reports are up to date`);

    // A note changes: the reports that count or quote it are stale, and --check writes nothing.
    const note = join(project, 'notes', 'de-brug', 'III-focus-group.md');
    appendFileSync(note, '\n**Anna:** Now I give back: I do the tax forms for two new members. #reciprocity\n');
    const stale = await run(['build', '--check', project, '--quiet']);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain('reports/frequencies.md  stale');
    expect(stale.stderr).toContain('reports/phase-III.html  stale');
    expect(stale.stderr).toContain('reports/quotes-reciprocity.md  stale');
    expect(stale.stderr).not.toContain('reports/phase-I.md  stale');
    expect(snapshot(project)).toEqual(first);

    const rebuilt = await run(['build', project]);
    expect(rebuilt.code, rebuilt.stderr).toBe(0);
    expect(rebuilt.stderr).toContain('reports/frequencies.md  updated');
    expect((await run(['build', '--check', project])).code).toBe(0);
    expect(snapshot(project)['reports/quotes-reciprocity.md']).toContain('I do the tax forms for two new members.');
  }, 120_000);

  test('byte-identical output, wherever build runs from', async () => {
    const before = snapshot(project);
    const again = await run(['build', '.'], { cwd: join(project, 'notes') });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain('0 written');
    expect(snapshot(project)).toEqual(before);
    // Delete one: --check names it as missing, build restores the same bytes.
    rmSync(join(project, 'reports', 'phase-II.html'));
    const check = await run(['build', '--check', project]);
    expect(check.code).toBe(1);
    expect(check.stderr).toMatch(/reports\/phase-II\.html {2}missing {2}report `phase-report-html` has not been generated/);
    expect((await run(['build', project, '--only', 'phase-report-html', '--quiet'])).code).toBe(0);
    expect(snapshot(project)).toEqual(before);
  }, 120_000);

  test('links in committed reports are relative to the report; no absolute paths or dates', () => {
    const md = snapshot(project)['reports/phase-II.md'];
    expect(md).toMatch(/\]\(\.\.\/notes\/[a-z-]+\/II-[a-z-]+\.md#L\d+\)/);
    for (const content of Object.values(snapshot(project))) {
      expect(content).not.toContain(project);
      expect(content).not.toMatch(/20\d\d-\d\d-\d\dT/);
    }
  });

  test('pseudonymized reports carry no participant names', () => {
    const md = snapshot(project)['reports/quotes-reciprocity.md'];
    expect(md).not.toMatch(/\b(Anna|Henk|Karim|Mirjam|Sietse|Rosa)\b/);
    expect(md).toMatch(/\bP0\d\b/);
  });

  test('a bad declaration stops the build with the same positioned diagnostic and exit code as check (exit 1)', async () => {
    const config = join(project, 'fieldcode.yaml');
    const original = readFileSync(config, 'utf8');
    try {
      writeFileSync(config, `${original}  - name: broken\n    kind: histogram\n    out: reports/x.md\n`);
      const result = await run(['build', project]);
      expect(result.code).toBe(1);
      const line = new RegExp(`fieldcode\\.yaml:\\d+:\\d+ {2}error {2}report \`broken\`: Unexpected \`kind: histogram\`, expected one of ${REPORT_KINDS.join(', ')} {2}\\[report-declaration\\]`);
      expect(result.stderr).toMatch(line);
      const check = await run(['check', project]);
      expect(check.code).toBe(result.code);
      expect(check.stderr.match(line)?.[0]).toBe(result.stderr.match(line)?.[0]);
      writeFileSync(config, `${original}  - name: broken\n    kind: quotes\n    format: svg\n    out: reports/x.svg\n`);
      expect((await run(['build', project])).stderr).toContain('Unexpected `format: svg` for kind quotes');
    } finally {
      writeFileSync(config, original);
    }
  }, 60_000);

  test('without a project file, build cannot run', async () => {
    const result = await run(['build', '/']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Cannot find fieldcode.yaml');
  });
});

describe('the example project', () => {
  test('its committed reports are up to date (run `fieldcode build examples/peer-groups` after changing it)', async () => {
    const result = await run(['build', '--check', EXAMPLE]);
    expect(result.stderr).toContain(`${EXPECTED.length} reports are up to date`);
    expect(result.code).toBe(0);
  }, 60_000);
});

describe('build helpers', () => {
  test('link base and file-safe values', () => {
    expect(linkBaseFor('reports/a.md')).toBe('../');
    expect(linkBaseFor('a.md')).toBe('');
    expect(linkBaseFor('docs/reports/a.md')).toBe('../../');
    expect(fileSafe('de brug/II')).toBe('de-brug-II');
  });
});

describe('declared report diagnostics (for check)', () => {
  test('a report quoting a participant without a pseudonym warns; --pseudonymize or a bad declaration', async () => {
    const { loadProject } = await import('../../src/cli/project.js');
    const { declaredReportDiagnostics } = await import('../../src/core/build.js');
    const { fileURLToPath } = await import('node:url');
    const fixture = fileURLToPath(new URL('../phase/fixture/', import.meta.url));
    const corpus = loadProject(fixture, {}).corpus;
    corpus.config.reports = [{ name: 'q', kind: 'quotes', out: 'reports/q.md', format: 'markdown' }];
    const warnings = declaredReportDiagnostics(corpus);
    expect(warnings.map((d) => `${d.file}:${d.line} ${d.ruleId} ${d.severity}`)).toEqual([
      'notes/north-I.md:5 unpseudonymized-name warning',
      'notes/north-II.md:5 unpseudonymized-name warning',
      'notes/north-III.md:5 unpseudonymized-name warning',
    ]);
    corpus.config.reports = [{ name: 'q', kind: 'quotes', out: 'reports/q.md', format: 'markdown', pseudonymize: true }];
    expect(declaredReportDiagnostics(corpus)).toEqual([]);
    corpus.config.reports = [{ name: 'q', kind: 'quotes', out: 'reports/q.md', format: 'markdown', by: ['nope'] }];
    const [error] = declaredReportDiagnostics(corpus);
    expect(error.ruleId).toBe('report-declaration');
    expect(error.severity).toBe('error');
    expect(error.message).toContain('Unexpected variable `nope` in `by`');
  });
});

describe('options a kind does not read (issue 9)', () => {
  test('phase-report --measure is refused, and so is `measure:` on a declared phase-report, in check and build alike', async () => {
    const flag = await run(['phase-report', EXAMPLE, '--measure', 'jaccard']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain("unknown option '--measure'");
    const dir = copyToTemp(EXAMPLE);
    const config = join(dir, 'fieldcode.yaml');
    writeFileSync(config, `${readFileSync(config, 'utf8')}  - name: measured\n    kind: phase-report\n    measure: jaccard\n    out: reports/measured.md\n`);
    const line = /fieldcode\.yaml:\d+:\d+ {2}error {2}report `measured`: Unexpected `measure` for kind phase-report, expected only [^\n]*\[report-declaration\]/;
    const check = await run(['check', dir]);
    const build = await run(['build', dir]);
    expect(check.stderr).toMatch(line);
    expect(build.stderr.match(line)?.[0]).toBe(check.stderr.match(line)?.[0]);
    expect([check.code, build.code]).toEqual([1, 1]);
  }, 60_000);
});
