// The shared reference vectors, run through the real CLI where the data format
// allows it: span data (`coded_segments`, `character_spans`) becomes notes with
// standoff codings, binary `units_x_coders` data becomes folders of tagged copies
// (unit = paragraph, 1 = the coder tagged it). Multi-category tables and Fleiss
// count tables have no QDA form (a segment can hold several codes, so codes
// are never mutually exclusive categories); they run through the library only,
// in test/agreement/statistics.test.ts.
import { describe, expect, it } from 'vitest';
import { runBin } from '../helpers/cli.js';
import { readSharedJson, USES_SHARED } from '../helpers/shared.js';
import { folderProject, standoffProject, type SpanSpec } from './helpers.js';

interface Vector {
  id: string;
  measure: string;
  data_format: string;
  data: any;
  expected: number;
  tolerance: number;
  threshold?: number;
}

const vectors = readSharedJson<Vector[]>('irr/vectors.json', []);
const byId = (id: string) => vectors.find((v) => v.id === id)!;

function agree(cwd: string, argv: string[]): any {
  const result = runBin(['agree', ...argv, '--format', 'json', '-q'], { cwd });
  expect(result.stderr).toBe('');
  return JSON.parse(result.stdout);
}

function within(actual: number | null, vector: Vector): void {
  expect(actual).not.toBeNull();
  expect(Math.abs((actual as number) - vector.expected)).toBeLessThanOrEqual(vector.tolerance);
}

/** Binary units × coders → one note of paragraphs per unit, one folder per coder. */
function binaryFolders(vector: Vector, code = 'present'): string {
  const coders: string[] = vector.data.coders.map((_: string, i: number) => `coder-${i + 1}`);
  const units: Array<Array<0 | 1>> = vector.data.units;
  const applied: Record<string, string[][]> = {};
  coders.forEach((coder, c) => (applied[coder] = units.map((unit) => (unit[c] === 1 ? [code] : []))));
  return folderProject(coders, [{ id: 'units', paragraphs: units.map((_, u) => `Unit number ${u + 1} of the vector.`), applied }], [code]);
}

describe('reference vectors through `fieldcode agree`', USES_SHARED, () => {
  it('counts the vectors run here (and why the rest cannot be)', () => {
    const cli = ['kalpha-k2011-A-binary', 'kalpha-edge-single-category', 'pa-atlasti-10-segments', 'ckappa-wikipedia-grant-proposals', 'qda-doc-existence-pa-union', 'qda-seg-overlap90-pa', 'qda-nvivo-char-kappa'];
    const libraryOnly = vectors.map((v) => v.id).filter((id) => !cli.includes(id));
    // Multi-category or numeric data: no segment×code form.
    expect(libraryOnly.sort()).toEqual(['bp-tidycomm-9x2', 'ckappa-irr-anxiety-negative', 'ckappa-sklearn-artstein-poesio-table4-3cat', 'fkappa-wikipedia-10x14', 'kalpha-k2011-C-interval', 'kalpha-k2011-C-nominal', 'kalpha-wikipedia-3x15-nominal']);
  });

  it('kalpha-k2011-A-binary: alpha at the segment unit', () => {
    const vector = byId('kalpha-k2011-A-binary');
    const root = binaryFolders(vector);
    const json = agree(root, ['coder-1', 'coder-2', '--codebook', 'codebook.yaml']);
    within(json.codes[0].alpha.value, vector);
    expect(json.codes[0].percent.value).toBeCloseTo(0.6, 12);
  });

  it('pa-atlasti-10-segments: percent agreement at the segment unit', () => {
    const vector = byId('pa-atlasti-10-segments');
    const json = agree(binaryFolders(vector), ['coder-1', 'coder-2', '--codebook', 'codebook.yaml']);
    within(json.codes[0].percent.value, vector);
  });

  it('kalpha-edge-single-category: three coders, every unit coded: alpha 1 by convention', () => {
    const vector = byId('kalpha-edge-single-category');
    const json = agree(binaryFolders(vector), ['coder-1', 'coder-2', 'coder-3', '--codebook', 'codebook.yaml']);
    within(json.codes[0].alpha.value, vector);
    expect(json.codes[0].alpha.degenerate).toBe('no-variation');
    expect(json.codes[0].kappa).toEqual({ value: null, degenerate: 'no-variation', kind: 'fleiss' });
  });

  it('ckappa-wikipedia-grant-proposals: the 2×2 table as 50 tagged paragraphs', () => {
    const vector = byId('ckappa-wikipedia-grant-proposals');
    // Category "Yes" = tagged. Rows reader A, columns reader B.
    const [[yy, yn], [ny, nn]] = vector.data.table as number[][];
    const units = [...Array(yy).fill([1, 1]), ...Array(yn).fill([1, 0]), ...Array(ny).fill([0, 1]), ...Array(nn).fill([0, 0])];
    const root = binaryFolders({ ...vector, data: { coders: ['A', 'B'], units } }, 'funded');
    const json = agree(root, ['coder-1', 'coder-2', '--codebook', 'codebook.yaml']);
    within(json.codes[0].kappa.value, vector);
  });

  const spans = (doc: any): SpanSpec[] => Object.entries(doc.codings as Record<string, Array<{ code?: string; start: number; end: number }>>).flatMap(([coder, list]) => list.map((s) => ({ code: (s.code ?? 'a').toLowerCase(), coder, start: s.start, end: s.end })));

  it('qda-doc-existence-pa-union: code existence at the document unit', () => {
    const vector = byId('qda-doc-existence-pa-union');
    const root = standoffProject(vector.data.codebook.map((c: string) => c.toLowerCase()), vector.data.documents.map((doc: any) => ({ id: doc.id, length: doc.length, spans: spans(doc) })));
    const json = agree(root, ['--unit', 'document']);
    within(json.overall.percentCoded.value, vector);
    expect(json.disagreements.map((d: any) => [d.note, d.code])).toEqual([['notes/doc1.md', 'c']]);
  });

  it('qda-seg-overlap90-pa: overlap unit with --min 0.9', () => {
    const vector = byId('qda-seg-overlap90-pa');
    const root = standoffProject(vector.data.codebook.map((c: string) => c.toLowerCase()), vector.data.documents.map((doc: any) => ({ id: doc.id, length: doc.length, spans: spans(doc) })));
    const json = agree(root, ['--unit', 'overlap', '--min', String(vector.threshold)]);
    within(json.overall.percent.value, vector);
    // MAXQDA's segment kappa, chance 1/3 (three codes): (8/11 − 1/3)/(2/3) = 13/22, the same at --min-overlap 90.
    expect(Math.abs(json.overall.brennanPrediger.value - 13 / 22)).toBeLessThanOrEqual(1e-9);
    const percent = agree(root, ['--unit', 'overlap', '--min-overlap', String(vector.threshold! * 100)]);
    expect(percent.overall.brennanPrediger.value).toBe(json.overall.brennanPrediger.value);
  });

  it('qda-nvivo-char-kappa: character unit', () => {
    const vector = byId('qda-nvivo-char-kappa');
    const root = standoffProject(['a'], [{ id: 'source', length: vector.data.source_length_chars, spans: spans(vector.data) }]);
    const json = agree(root, ['--unit', 'character']);
    within(json.codes[0].kappa.value, vector);
    expect(json.characterRows[0].kappa.value).toBeCloseTo(json.codes[0].kappa.value, 12);
  });
});
