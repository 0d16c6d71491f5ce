// Issue 9, item 3: one parseSpec per kind, for command flags and declared
// reports alike; problems are positioned diagnostics, never thrown.
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLE, run } from '../helpers/cli.js';
import { exampleCopy } from '../build/declarations.js';
import { loadProject } from '../../src/cli/project.js';
import { commandLineContext, declarationContext, parseSpec } from '../../src/analyses/index.js';

/** The column of `arg` in `fieldcode ARGS…`, as `<command line>:1:COLUMN` gives it. */
function column(argv: string[], arg: string): number {
  return 'fieldcode '.length + argv.slice(0, argv.indexOf(arg)).reduce((sum, a) => sum + a.length + 1, 0) + 1;
}

/** A copy of the example project with these declarations appended under `reports:`. */
function declaring(yaml: string): string {
  const project = exampleCopy();
  appendFileSync(join(project, 'fieldcode.yaml'), yaml);
  return project;
}

describe('a bad flag of a report command is a positioned fatal diagnostic', () => {
  it.each([
    [['phase-report', EXAMPLE, '--quotes', 'many'], '--quotes', 'Unexpected `--quotes many`, expected a whole number'],
    [['cooccurrence', EXAMPLE, '--unit', 'page'], '--unit', 'Unexpected `--unit page`, expected segment or document'],
    [['saturation', EXAMPLE, '--run', '0'], '--run', 'Unexpected `--run 0`, expected a whole number of notes, at least 1'],
    [['matrix', EXAMPLE, '--rows', 'nope'], '--rows', 'Unexpected `--rows nope`, expected a declared variable'],
    [['quotes', EXAMPLE, '--code', 'nope'], 'nope', 'Unexpected code `nope` in `--code`, expected a code from the codebook'],
    [['build', EXAMPLE, '--diff'], '--diff', 'Unexpected `--diff` without `--check`, expected `build --check --diff`'],
    [['build', EXAMPLE, '--only', 'nope'], 'nope', 'Unexpected report `nope` in `--only`, expected a name declared under `reports:`'],
    [['saturation', EXAMPLE, '--order', 'size'], '--order', 'Unexpected `--order size`, expected date or id'],
    [['matrix', EXAMPLE, '--scaffold', '--refresh'], '--refresh', 'Unexpected `--scaffold` with `--refresh`, expected one of them'],
    [['trajectory', EXAMPLE, '--rows', 'group', '--by', 'group'], '--by', 'Unexpected `--rows` with `--by`, expected one of them'],
    [['matrix', EXAMPLE, '--name', 'framework', '--cols', 'feedback'], '--cols', 'Unexpected `--cols` with `--name framework`'],
    [['matrix', EXAMPLE, '--scaffold'], '--scaffold', "Unexpected `--scaffold` without `--name`, expected the matrix's name"],
  ])('%j', async (argv, at, message) => {
    const result = await run(argv);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    const [line] = result.stderr.split('\n');
    expect(line.startsWith(`<command line>:1:${column(argv, at)}  error  ${message}`)).toBe(true);
    expect(line).toMatch(/ {2}\[invalid-option\]$/);
  });

  it('gives every problem of the flags at once, each at its own flag', async () => {
    const argv = ['phase-report', EXAMPLE, '--quotes', 'x', '--top', 'y'];
    const result = await run(argv);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`<command line>:1:${column(argv, '--quotes')}  error  Unexpected \`--quotes x\``);
    expect(result.stderr).toContain(`<command line>:1:${column(argv, '--top')}  error  Unexpected \`--top y\``);
  });
});

describe('the command and the declaration go through the same parseSpec', () => {
  it('joint: an unknown measure has one message, from the flag (exit 2) and from a declaration in check and build (exit 1)', async () => {
    const message = 'Unexpected measure `income`, expected one of `network_size`, `contacts`';
    const argv = ['joint', EXAMPLE, '--measure', 'income', '--code', 'network-growth'];
    const flag = await run(argv);
    expect(flag.code).toBe(2);
    expect(flag.stderr.split('\n')[0]).toBe(`<command line>:1:${column(argv, '--measure')}  error  ${message}  [invalid-option]`);
    const project = declaring('  - name: income\n    kind: joint\n    measure: income\n    codes: [network-growth]\n    out: reports/income.md\n');
    for (const command of ['check', 'build']) {
      const result = await run([command], { cwd: project });
      expect(result.code, command).toBe(1);
      expect(result.stderr, command).toMatch(new RegExp(`fieldcode\\.yaml:\\d+:\\d+  error  report \`income\`: ${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}  \\[report-declaration\\]`));
    }
  }, 60_000);

  it('check --format json prints the bad declaration as a positioned diagnostic, and every bad declaration, not only the first', async () => {
    const project = declaring('  - name: bad-quotes\n    kind: phase-report\n    quotes: many\n    out: reports/bad.md\n  - name: bad-by\n    kind: frequencies\n    by: [nope]\n    out: reports/bad-by.md\n');
    const result = await run(['check', '--format', 'json'], { cwd: project });
    expect(result.code).toBe(1);
    const { diagnostics } = JSON.parse(result.stdout) as { diagnostics: { file: string; line: number; column: number; severity: string; message: string; ruleId: string }[] };
    const declared = diagnostics.filter((d) => d.ruleId === 'report-declaration');
    expect(declared.map((d) => d.message)).toEqual([
      'report `bad-quotes`: Unexpected `quotes: many`, expected a whole number',
      "report `bad-by`: Unexpected variable `nope` in `by`, expected one of `group`, `phase`, `method`, `leadership`, `coder`, `speaker`, `role`",
    ]);
    for (const d of declared) {
      expect(d.file).toBe('fieldcode.yaml');
      expect(d.line).toBeGreaterThan(1);
      expect(d.severity).toBe('error');
    }
    // `build` refuses the same declarations with the same diagnostics, and writes nothing.
    const build = await run(['build'], { cwd: project });
    expect(build.code).toBe(1);
    for (const d of declared) expect(build.stderr).toContain(`fieldcode.yaml:${d.line}:${d.column}  error  ${d.message}  [report-declaration]`);
    expect(build.stderr).not.toMatch(/created|updated/);
  }, 60_000);
});

describe('parseSpec (library)', () => {
  const corpus = loadProject(EXAMPLE, {}).corpus;
  const at = { file: 'fieldcode.yaml', line: 3, column: 5 };

  it('returns a spec with only its own kind’s keys', () => {
    const parsed = parseSpec('frequencies', { format: 'table', by: 'phase' }, declarationContext(corpus, at, 'report `f`:'));
    expect(parsed).toEqual({ ok: true, value: { kind: 'frequencies', format: 'table', filters: { where: {}, codes: [] }, pseudonymize: false, by: ['phase'] } });
    const cooccurrence = parseSpec('cooccurrence', { format: 'table', unit: 'document', measure: 'jaccard' }, declarationContext(corpus, at, 'report `c`:'));
    expect(cooccurrence.ok && Object.keys(cooccurrence.value).sort()).toEqual(['by', 'filters', 'format', 'kind', 'measure', 'pseudonymize', 'unit']);
  });

  it('returns the problems instead of throwing: at the declaration, or at the flag', () => {
    expect(parseSpec('phase-report', { format: 'markdown', top: -1 }, declarationContext(corpus, at, 'report `p`:'))).toEqual({
      ok: false,
      diagnostics: [{ ...at, severity: 'error', message: 'report `p`: Unexpected `top: -1`, expected a whole number', ruleId: 'report-declaration' }],
    });
    const argv = ['phase-report', '--top', 'x'];
    expect(parseSpec('phase-report', { format: 'markdown', top: 'x' }, commandLineContext(corpus, argv))).toEqual({
      ok: false,
      diagnostics: [{ file: '<command line>', line: 1, column: column(argv, '--top'), severity: 'fatal', message: 'Unexpected `--top x`, expected a whole number', ruleId: 'invalid-option' }],
    });
  });
});
