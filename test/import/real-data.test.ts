// Acceptance on real data, read in place from ../shared/real-data/ (never copied):
// (a) pdpilot-interviews: MAXQDA coded segments + code system import, and the
//     report reproduces the code-system frequencies;
// (b) daacs-shinyqda: two raters' codings import with the coder kept, and the
//     essays (one paragraph per line, indented) stay segmented as paragraphs.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { run, tempDir } from '../helpers/cli.js';
import { sharedPath, USES_SHARED } from '../helpers/shared.js';
import { loadProject } from '../../src/cli/project.js';
import { parseStandoff } from '../../src/standoff/format.js';

const REAL = sharedPath('real-data');
const PD = join(REAL, 'pdpilot-interviews', 'derived');
const DA = join(REAL, 'daacs-shinyqda', 'derived');
const haveData = existsSync(join(PD, 'coded_segments.csv')) && existsSync(join(DA, 'codings.csv'));

interface ReportRow {
  code: string;
  label: string;
  depth: number;
  cell: Record<string, string>;
  segments: number;
  codings: number;
}
interface ReportJson {
  totals: { notes: number; segments: number; codings: number };
  rows: ReportRow[];
}

/** Rows carry roll-up counts (a parent includes its descendants); recover each code's own count and its ` > ` path. */
function ownCounts(rows: ReportRow[], measure: 'codings' | 'segments'): Map<string, number> {
  const own = new Map<string, number>();
  const stack: ReportRow[] = [];
  const paths: string[] = [];
  const childrenSum = new Map<ReportRow, number>();
  for (const row of rows) {
    stack.length = row.depth;
    paths.length = row.depth;
    const parent = stack[row.depth - 1];
    if (parent) childrenSum.set(parent, (childrenSum.get(parent) ?? 0) + row[measure]);
    stack.push(row);
    paths.push(row.label);
    (row as ReportRow & { path?: string }).path = paths.join(' > ');
  }
  for (const row of rows) own.set((row as ReportRow & { path?: string }).path!, row[measure] - (childrenSum.get(row) ?? 0));
  return own;
}

/** Non-blank lines of a transcript body (after the front matter). */
function bodyLines(path: string): number {
  const text = readFileSync(path, 'utf8');
  const body = text.slice(text.indexOf('\n---\n', 3) + 5);
  return body.split('\n').filter((line) => line.trim() !== '').length;
}

describe.skipIf(!haveData)('real data: pdpilot-interviews (MAXQDA)', USES_SHARED, () => {
  it('imports coded segments and code system; report reproduces code_system.csv frequencies', async () => {
    const into = join(tempDir(), 'pdpilot');
    const imported = await run(['import', join(PD, 'coded_segments.csv'), '--sources', join(PD, 'transcripts'), '--codebook', join(PD, 'code_system.csv'), '--into', into, '--name', 'PDPilot']);
    expect(imported.stderr).not.toMatch(/error/);
    expect(imported.code).toBe(0);
    expect(imported.stderr).toContain('261 codings in 7 standoff files');

    const check = await run(['check', into]);
    expect(check.code).toBe(0);
    // Markdown transcripts are copied byte for byte (no plain-text rewrite).
    for (const name of readdirSync(join(PD, 'transcripts'))) {
      expect(readFileSync(join(into, 'notes', name), 'utf8'), name).toBe(readFileSync(join(PD, 'transcripts', name), 'utf8'));
    }

    const report = await run(['report', into, '--format', 'json']);
    expect(report.code).toBe(0);
    const json = JSON.parse(report.stdout) as ReportJson;
    expect(json.totals.notes).toBe(7);
    expect(json.totals.codings).toBe(261);

    const system = parseCsv(readFileSync(join(PD, 'code_system.csv')), { columns: true }) as Array<{ path: string; frequency: string }>;
    expect(system).toHaveLength(91);
    const own = ownCounts(json.rows, 'codings');
    expect(own.size).toBe(91);
    const mismatches: string[] = [];
    for (const row of system) {
      const got = own.get(row.path);
      // `Anonymize` (32) marks passages MAXQDA anonymised; it is not in coded-segments.pdf, so 0 here.
      const want = row.path === 'Anonymize' ? 0 : Number(row.frequency);
      if (got !== want) mismatches.push(`${row.path}: ${got} ≠ ${want}`);
    }
    expect(mismatches).toEqual([]);
    const total = system.reduce((n, row) => n + (row.path === 'Anonymize' ? 0 : Number(row.frequency)), 0);
    expect(total).toBe(261);

    // The frequency is a count of codings (coded segments in MAXQDA's sense), not of paragraphs:
    // a coded segment can span several paragraphs, so the `segments` measure differs.
    const bySegments = ownCounts(json.rows, 'segments');
    expect(bySegments.get('Explainability purposes > Understanding feature-outcome relationships')).toBe(13);
    expect(own.get('Explainability purposes > Understanding feature-outcome relationships')).toBe(11);

    // Per-document counts from CONVERSION.md.
    const perDoc: Record<string, number> = {};
    for (const name of readdirSync(join(into, 'notes')).filter((f) => f.endsWith('.codings.yaml')).sort()) {
      const parsed = parseStandoff(name, readFileSync(join(into, 'notes', name), 'utf8'));
      perDoc[name.replace('.codings.yaml', '')] = parsed.document!.codings.length;
    }
    expect(perDoc).toEqual({ P1: 34, P2: 43, P3: 32, P4: 41, P5: 32, P6: 30, P7: 49 });

    // Importing again into the same folder is idempotent; a changed file is not overwritten.
    const again = await run(['import', join(PD, 'coded_segments.csv'), '--sources', join(PD, 'transcripts'), '--codebook', join(PD, 'code_system.csv'), '--into', into, '--name', 'PDPilot']);
    expect(again.code).toBe(0);
    writeFileSync(join(into, 'codebook.yaml'), 'name: mine\ncodes: []\n');
    const clash = await run(['import', join(PD, 'coded_segments.csv'), '--sources', join(PD, 'transcripts'), '--codebook', join(PD, 'code_system.csv'), '--into', into, '--name', 'PDPilot']);
    expect(clash.code).toBe(1);
    expect(clash.stderr).toMatch(/codebook\.yaml:1:1 +error +Refusing to overwrite/);
    expect(readFileSync(join(into, 'codebook.yaml'), 'utf8')).toBe('name: mine\ncodes: []\n');
  }, 60_000);
});

const DAACS_CODES = `# Two levels, from ShinyQDA inst/daacs_demo/setup.R (see CONVERSION.md)
metacognition
  planning
  monitoring
  evaluation
motivation
  mindset
  test anxiety
  mastery orientation
self efficacy
  self efficacy for online learning
  self efficacy for writing
  self efficacy for mathematics
  self efficacy for reading
strategies
  managing environment
  understanding
  managing time
  help seeking
procrastination
`;

describe.skipIf(!haveData)('real data: daacs-shinyqda (two raters)', USES_SHARED, () => {
  it('imports both raters with the coder kept; essays stay segmented as paragraphs', async () => {
    const dir = tempDir();
    const into = join(dir, 'daacs');
    const codes = join(dir, 'daacs-codes.txt');
    writeFileSync(codes, DAACS_CODES);
    const imported = await run(['import', join(DA, 'codings.csv'), '--sources', join(DA, 'transcripts'), '--codebook', codes, '--into', into]);
    expect(imported.code).toBe(0);
    // 33 rows carry only "question" answers and no code: left out, with one warning.
    expect(imported.stderr).toMatch(/codings\.csv:16:1 +warning +33 rows have an empty `code`/);
    expect(imported.stderr).toContain('338 codings in 15 standoff files');

    const rows = parseCsv(readFileSync(join(DA, 'codings.csv')), { columns: true }) as Array<{ coder: string; code: string }>;
    const expected = new Map<string, number>();
    for (const row of rows) if (row.code !== '') expected.set(`${row.coder}|${row.code}`, (expected.get(`${row.coder}|${row.code}`) ?? 0) + 1);

    const report = await run(['report', into, '--format', 'json', '--by', 'coder']);
    expect(report.code).toBe(0);
    const json = JSON.parse(report.stdout) as ReportJson;
    expect(json.totals.codings).toBe(338);
    const got = new Map<string, number>();
    for (const coder of ['Rater1', 'Rater2']) {
      const own = ownCounts(json.rows.filter((r) => r.cell.coder === coder), 'codings');
      for (const [path, n] of own) if (n > 0) got.set(`${coder}|${path.split(' > ').pop()}`, n);
    }
    expect(Object.fromEntries([...got].sort())).toEqual(Object.fromEntries([...expected].sort()));
    // Numbers quoted in CONVERSION.md, over both coders.
    const both = (code: string): number => (expected.get(`Rater1|${code}`) ?? 0) + (expected.get(`Rater2|${code}`) ?? 0);
    expect([both('test anxiety'), both('managing time'), both('self efficacy')]).toEqual([50, 47, 32]);

    const rater1 = JSON.parse((await run(['report', into, '--format', 'json', '--coder', 'Rater1'])).stdout) as ReportJson;
    expect(rater1.totals.codings).toBe(rows.filter((r) => r.coder === 'Rater1' && r.code !== '').length);

    // Paragraphs: every non-blank line of an essay is one segment, indented or not.
    const project = loadProject(dir, { dir: into });
    expect(project.corpus.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const transcripts = readdirSync(join(DA, 'transcripts')).sort();
    expect(project.corpus.notes).toHaveLength(17);
    for (const name of transcripts) {
      const note = project.corpus.notes.find((n) => n.path.endsWith(`notes/${name}`))!;
      // Essays with indented or line-per-paragraph text are imported as plain text; those with
      // blank lines between paragraphs (essay-09) or one line read the same as Markdown.
      if (['essay-01.md', 'essay-05.md', 'essay-13.md'].includes(name)) expect(note.data.format, name).toBe('text');
      expect(note.segments.length, name).toBe(bodyLines(join(DA, 'transcripts', name)));
      expect(note.segments.every((s) => s.kind === 'paragraph' && !/^\s/.test(s.text))).toBe(true);
    }
    const essay1 = project.corpus.notes.find((n) => n.path.endsWith('essay-01.md'))!;
    expect(essay1.segments).toHaveLength(5);
    expect(essay1.segments[1].text.startsWith('My overall score for self efficacy was emerging')).toBe(true);
    // A coding keeps its coder and lands in the right paragraph.
    const first = project.corpus.codings.find((c) => c.note === essay1.path && c.coder === 'Rater1' && c.code === 'self-efficacy')!;
    expect(first.text.startsWith('My overall score for self efficacy')).toBe(true);
    expect(first.segments).toEqual([essay1.segments[1].id]);
    expect(new Set(project.corpus.codings.map((c) => c.coder))).toEqual(new Set(['Rater1', 'Rater2']));
  }, 60_000);
});
