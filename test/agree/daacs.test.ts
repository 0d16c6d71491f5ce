// Real data: daacs-shinyqda (ShinyQDA), 17 essays, two raters; 10 essays coded
// by both. Imported through the real CLI, then compared with `fieldcode agree`
// at the document and overlap units. The expected numbers are computed here,
// independently, from the shared `codings.csv` (offsets, or the quote located
// in the essay ignoring whitespace for the rows without offsets).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { runBin, tempDir } from '../helpers/cli.js';
import { sharedPath, USES_SHARED } from '../helpers/shared.js';

const DA = sharedPath('real-data', 'daacs-shinyqda', 'derived');
const haveData = existsSync(join(DA, 'codings.csv'));

const CODES = `metacognition
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

/** [start, end, located by its quote rather than by offsets]. */
type Span = [number, number, boolean?];
const RATERS = ['Rater1', 'Rater2'] as const;

/** The CSV's codings on the essays both raters coded: (doc, code, coder) → spans. */
function expectedSpans(): { shared: string[]; spans: Map<string, Span[]>; codes: string[] } {
  const rows = (parseCsv(readFileSync(join(DA, 'codings.csv')), { columns: true }) as Array<Record<string, string>>).filter((r) => r.code !== '');
  const docsOf = (coder: string) => new Set(rows.filter((r) => r.coder === coder).map((r) => r.doc));
  const shared = [...docsOf('Rater1')].filter((d) => docsOf('Rater2').has(d)).sort();
  const spans = new Map<string, Span[]>();
  for (const r of rows) {
    if (!shared.includes(r.doc)) continue;
    let span: Span;
    if (r.start !== '') span = [Number(r.start), Number(r.end)];
    else {
      // Locate the quote in the essay body, ignoring all whitespace.
      const text = readFileSync(join(DA, 'transcripts', `${r.doc}.md`), 'utf8');
      const body = [...text.slice(text.indexOf('\n---\n', 3) + 5)];
      const kept = body.map((ch, i) => [ch, i] as const).filter(([ch]) => !/\s/u.test(ch));
      const flat = kept.map(([ch]) => ch).join('');
      const quote = r.text.replace(/\s+/gu, '');
      const at = [...flat.slice(0, flat.indexOf(quote))].length;
      expect(flat.indexOf(quote), r.text).toBeGreaterThanOrEqual(0);
      span = [kept[at][1], kept[at + [...quote].length - 1][1] + 1, true];
    }
    const key = `${r.doc}|${slug(r.code)}|${r.coder}`;
    spans.set(key, [...(spans.get(key) ?? []), span]);
  }
  const codes = [...new Set(rows.map((r) => slug(r.code)))].sort();
  return { shared, spans, codes };
}

function slug(code: string): string {
  return code.toLowerCase().replace(/\s+/g, '-');
}

function iou(a: Span, b: Span): number {
  const inter = Math.min(a[1], b[1]) - Math.max(a[0], b[0]);
  return inter <= 0 ? 0 : inter / (Math.max(a[1], b[1]) - Math.min(a[0], b[0]));
}

interface Row {
  code: string | null;
  units: number;
  coded: number;
  agreements: number;
  percent: { value: number | null };
  percentCoded: { value: number | null };
  kappa: { value: number | null };
  alpha: { value: number | null };
}

describe.skipIf(!haveData)('real data: daacs-shinyqda through import and agree', USES_SHARED, () => {
  let project = '';
  beforeAll(() => {
    const dir = tempDir();
    writeFileSync(join(dir, 'codes.txt'), CODES);
    project = join(dir, 'daacs');
    const imported = runBin(['import', join(DA, 'codings.csv'), '--sources', join(DA, 'transcripts'), '--codebook', join(dir, 'codes.txt'), '--into', project, '-q']);
    expect(imported.code, imported.stderr).toBe(0);
  }, 60_000);

  it('document unit: per-code code existence, kappa and alpha on the 10 shared essays', () => {
    const result = runBin(['agree', project, '--unit', 'document', '--format', 'json']);
    expect(result.code).toBe(0);
    // The 5 essays only Rater1 coded are reported, not silently dropped.
    expect(result.stderr.match(/agree-note-not-shared/g)).toHaveLength(5);
    expect(result.stderr).toContain('Note `essay-04` has codings by `Rater1` only');
    const json = JSON.parse(result.stdout) as { notes: number; codes: Row[]; overall: Row };
    const { shared, spans, codes } = expectedSpans();
    expect(shared).toHaveLength(10);
    expect(json.notes).toBe(10);
    expect(json.codes.map((c) => c.code).sort()).toEqual(codes);

    let coded = 0;
    let agree = 0;
    for (const code of codes) {
      const units = shared.map((doc) => RATERS.map((coder) => (spans.has(`${doc}|${code}|${coder}`) ? 1 : 0)));
      const both = units.filter(([a, b]) => a && b).length;
      const onlyA = units.filter(([a, b]) => a && !b).length;
      const onlyB = units.filter(([a, b]) => !a && b).length;
      const neither = units.length - both - onlyA - onlyB;
      const row = json.codes.find((c) => c.code === code)!;
      expect(row.units, code).toBe(10);
      expect(row.coded, code).toBe(both + onlyA + onlyB);
      expect(row.agreements, code).toBe(both + neither);
      expect(row.percentCoded.value, code).toBeCloseTo(both / (both + onlyA + onlyB), 12);
      // Cohen's kappa on the 2×2 table, by hand.
      const n = 10;
      const po = (both + neither) / n;
      const pe = ((both + onlyA) * (both + onlyB) + (neither + onlyB) * (neither + onlyA)) / (n * n);
      if (pe < 1) expect(row.kappa.value, code).toBeCloseTo((po - pe) / (1 - pe), 12);
      coded += both + onlyA + onlyB;
      agree += both;
    }
    // Overall code existence: 54 of 82 (document, code) pairs used by either rater are used by both.
    expect([coded, agree]).toEqual([82, 54]);
    expect(json.overall.percentCoded.value).toBeCloseTo(54 / 82, 12);
    expect(json.overall.units).toBe(190);
    expect(json.overall.agreements).toBe(162);
    // Spot checks, hand-counted from codings.csv: managing time used in 9 essays, by both in 8.
    const time = json.codes.find((c) => c.code === 'managing-time')!;
    expect([time.coded, time.agreements]).toEqual([9, 9]);
    expect(time.kappa.value).toBeCloseTo(8 / 13, 12); // p_o = 0.9, p_e = (9·8 + 1·2)/100 = 0.74
    const anxiety = json.codes.find((c) => c.code === 'test-anxiety')!;
    expect([anxiety.coded, anxiety.agreements, anxiety.kappa.value]).toEqual([6, 10, 1]);
  }, 60_000);

  it('overlap unit (--min 0.9): span checks and matches per code', () => {
    const result = runBin(['agree', project, '--unit', 'overlap', '--min', '0.9', '--format', 'json', '-q']);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as { codes: Row[]; overall: Row };
    const { spans, codes } = expectedSpans();
    let checks = 0;
    let matches = 0;
    let rater1Spans = 0;
    let rater1Any = 0;
    for (const code of codes) {
      let c = 0;
      let m = 0;
      for (const [key, own] of spans) {
        const [doc, k, coder] = key.split('|');
        if (k !== code) continue;
        const other = spans.get(`${doc}|${code}|${coder === 'Rater1' ? 'Rater2' : 'Rater1'}`) ?? [];
        for (const span of own) {
          const best = Math.max(0, ...other.map((o) => iou(span, o)));
          c++;
          if (best >= 0.9) m++;
          if (coder === 'Rater1' && !span[2]) {
            rater1Spans++;
            if (other.some((o) => !o[2] && iou(span, o) > 0)) rater1Any++;
          }
        }
      }
      const row = json.codes.find((r) => r.code === code)!;
      expect([row.units, row.agreements], code).toEqual([c, m]);
      checks += c;
      matches += m;
    }
    // CONVERSION.md: 105 of the 128 Rater1 spans with offsets on those essays overlap a Rater2 span with the same code.
    expect([rater1Spans, rater1Any]).toEqual([128, 105]);
    expect([json.overall.units, json.overall.agreements]).toEqual([checks, matches]);
    expect([checks, matches]).toEqual([287, 108]);
    expect(json.overall.percent.value).toBeCloseTo(108 / 287, 12);
  }, 60_000);
});
