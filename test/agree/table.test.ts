// `fieldcode agree --table`: a units × coders CSV with empty cells as missing,
// through the real CLI (in process). Values: Krippendorff (2011) example C
// (kalpha-k2011-C-*), irrCAC's README, R irr's kappa2 (ckappa-irr-anxiety-negative).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run, tempTree } from '../helpers/cli.js';
import { readSharedJson, USES_SHARED } from '../helpers/shared.js';

const vectors = readSharedJson<Array<{ id: string; data: any; intermediates?: any }>>('irr/vectors.json', []);
const byId = (id: string) => vectors.find((v) => v.id === id)!;

function csv(coders: string[], units: Array<Array<number | string | null>>, withUnit = true): string {
  const head = withUnit ? ['unit', ...coders] : coders;
  const rows = units.map((u, i) => (withUnit ? [`u${i + 1}`, ...u] : u).map((x) => (x === null ? '' : String(x))).join(','));
  return [head.join(','), ...rows].join('\n') + '\n';
}

async function table(files: Record<string, string>, argv: string[]) {
  const cwd = tempTree(files);
  const result = await run(['agree', '--table', 'ratings.csv', ...argv], { cwd });
  return { ...result, cwd, json: () => JSON.parse(result.stdout) };
}

const stat = (json: any, id: string) => json.statistics.find((s: any) => s.id === id);
const near = (x: number, y: number, tol = 1e-6) => expect(Math.abs(x - y)).toBeLessThanOrEqual(tol);

describe('agree --table', USES_SHARED, () => {
  const C = () => csv(byId('kalpha-k2011-C-nominal').data.coders, byId('kalpha-k2011-C-nominal').data.units);

  it('nominal: every statistic that applies, AC1 among them', async () => {
    const r = await table({ 'ratings.csv': C() }, ['--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const json = r.json();
    expect(json.statistics.map((s: any) => s.id)).toEqual(['percent', 'kappa', 'brennan-prediger', 'ac1', 'alpha-nominal']);
    expect([json.units, json.pairableUnits, json.coders]).toEqual([12, 11, ['A', 'B', 'C', 'D']]);
    near(stat(json, 'alpha-nominal').value, 1 - (39 * 8) / 1216);
    near(stat(json, 'ac1').value, 31825 / 41041);
    near(stat(json, 'ac1').value, 0.77544, 5e-6);
    near(stat(json, 'percent').value, 9 / 11);
    // irrCAC bp.coeff.raw(cac.raw4raters) 0.77273 with q = 5: (9/11 − 1/5)/(4/5) = 17/22.
    near(stat(json, 'brennan-prediger').value, 17 / 22);
  });

  it('ordinal, interval, ratio: alpha at each coarser level too, and AC2', async () => {
    const ordinal = (await table({ 'ratings.csv': C() }, ['--level', 'ordinal', '--format', 'json'])).json();
    expect(ordinal.statistics.map((s: any) => s.id)).toEqual(['percent', 'kappa', 'brennan-prediger', 'ac1', 'ac2-quadratic', 'alpha-nominal', 'alpha-ordinal']);
    near(stat(ordinal, 'alpha-ordinal').value, 0.815, 5e-4);
    near(stat(ordinal, 'ac2-quadratic').value, 17685 / 19349);
    const interval = (await table({ 'ratings.csv': C() }, ['--level', 'interval', '--weights', 'linear', '--format', 'json'])).json();
    near(stat(interval, 'alpha-interval').value, byId('kalpha-k2011-C-interval').intermediates.exact_to_6dp, 5e-7);
    near(stat(interval, 'ac2-linear').value, 6225 / 7249);
    const ratio = (await table({ 'ratings.csv': C() }, ['--level', 'ratio', '--format', 'json'])).json();
    near(stat(ratio, 'alpha-ratio').value, 0.797, 5e-4);
    expect(ratio.statistics.map((s: any) => s.id).filter((id: string) => id.startsWith('alpha'))).toEqual(['alpha-nominal', 'alpha-ordinal', 'alpha-interval', 'alpha-ratio']);
  });

  it('two coders: --weights picks weighted kappa (irr kappa2 anxiety: 0.1459075 equal, 0.2520325 squared)', async () => {
    const v = byId('ckappa-irr-anxiety-negative');
    const files = { 'ratings.csv': csv(v.data.coders, v.data.units, false) };
    const linear = (await table(files, ['--level', 'ordinal', '--weights', 'linear', '--format', 'json'])).json();
    near(stat(linear, 'kappa-linear').value, v.intermediates.equal_weights_kappa_irr);
    near(stat(linear, 'kappa').value, -1 / 159);
    const quadratic = (await table(files, ['--level', 'ordinal', '--format', 'json'])).json();
    near(stat(quadratic, 'kappa-quadratic').value, v.intermediates.squared_weights_kappa_irr);
  });

  it('--percent and --bp pick the multi-coder conventions', async () => {
    const json = (await table({ 'ratings.csv': C() }, ['--percent', 'overall', '--bp', 'von-eye', '--format', 'json'])).json();
    // Unanimous on 8 of the 11 pairable units; von Eye over the 8 complete units: 13/21.
    near(stat(json, 'percent').value, 8 / 11);
    near(stat(json, 'brennan-prediger').value, 13 / 21);
    const mean = (await table({ 'ratings.csv': C() }, ['--percent', 'mean-pairwise', '--format', 'json'])).json();
    expect(mean.percent).toBe('mean-pairwise');
  });

  it('table, markdown and csv formats', async () => {
    const text = await table({ 'ratings.csv': C() }, ['--level', 'ordinal']);
    expect(text.stdout).toContain("Gwet's AC1");
    expect(text.stdout).toMatch(/Krippendorff's alpha \(ordinal\)\s+0\.81[56]/);
    const md = await table({ 'ratings.csv': C() }, ['--format', 'markdown']);
    expect(md.stdout).toContain('| statistic | value | observed | chance |');
    const out = await table({ 'ratings.csv': C() }, ['--format', 'csv']);
    expect(out.stdout.split('\n')[0]).toBe('statistic,name,value,observed,chance,degenerate');
  });
});

describe('agree --table: bad input, nothing written', () => {
  async function bad(text: string, argv: string[] = []) {
    const r = await table({ 'ratings.csv': text }, [...argv, '--out', 'out.json', '--format', 'json']);
    expect(r.code).toBe(1);
    expect(existsSync(join(r.cwd, 'out.json'))).toBe(false);
    expect(r.stdout).toBe('');
    return r.stderr;
  }

  it('one coder', async () => {
    expect(await bad('unit,anna\nu1,1\nu2,2\n')).toMatch(/^ratings\.csv:1:6 +error +Cannot compare coders: the table has one coder column \(`anna`\).*\[agree-single-coder\]/m);
  });

  it('no overlap', async () => {
    expect(await bad('anna,ben\n1,\n,2\n')).toMatch(/^ratings\.csv:1:1 +error +Cannot compare coders: no unit has values from two coders.*\[agree-table-no-overlap\]/m);
  });

  it('a non-numeric value at a level that needs numbers, at its line and column', async () => {
    const stderr = await bad('unit,anna,ben\nu1,1,2\nu2,3,three\n', ['--level', 'interval']);
    expect(stderr).toMatch(/^ratings\.csv:3:6 +error +Unexpected value `three` at the interval level, expected a number.*\[agree-table-not-numeric\]/m);
    // The same table is fine at the nominal level.
    const ok = await table({ 'ratings.csv': 'unit,anna,ben\nu1,1,2\nu2,3,three\n' }, ['--format', 'json']);
    expect(ok.code).toBe(0);
  });

  it('a negative ratio value, a repeated coder, a ragged row', async () => {
    expect(await bad('a,b\n1,-2\n1,1\n', ['--level', 'ratio'])).toMatch(/ratings\.csv:2:3 +error +Unexpected negative value `-2`/);
    expect(await bad('a,a\n1,2\n')).toMatch(/ratings\.csv:1:3 +error +Unexpected second column for coder `a`.*\[agree-table-shape\]/);
    expect(await bad('a,b\n1,2,3\n')).toMatch(/ratings\.csv:2:5 +error .*\[csv-syntax\]/);
  });

  it('usage errors exit 2', async () => {
    const cwd = tempTree({ 'ratings.csv': 'a,b\n1,2\n' });
    expect((await run(['agree', '--table', 'ratings.csv', '--weights', 'linear'], { cwd })).code).toBe(2);
    expect((await run(['agree', '--level', 'ordinal'], { cwd })).code).toBe(2);
    expect((await run(['agree', '--table', 'missing.csv'], { cwd })).code).toBe(2);
    expect(readFileSync(join(cwd, 'ratings.csv'), 'utf8')).toBe('a,b\n1,2\n');
  });
});
