// agreeSpec reads agree's flags once, without touching a file: where the
// coders come from, how they are compared, and every bad flag as a diagnostic.
import { describe, expect, it } from 'vitest';
import { agreeSpec, type AgreeFlags } from '../../src/agreement/agree-spec.js';

const flags = (extra: Partial<AgreeFlags> = {}): AgreeFlags => ({ unit: 'segment', show: 'all', ...extra });

describe('agreeSpec', () => {
  it('picks the source of the coders from the flags and arguments', () => {
    const source = (dirs: string[], extra: Partial<AgreeFlags>) => {
      const spec = agreeSpec([], dirs, flags(extra));
      return spec.ok ? spec.value.source : spec.diagnostics.map((d) => d.message);
    };
    expect(source([], {})).toBe('project');
    expect(source(['a', 'b'], {})).toBe('folders');
    expect(source([], { rev: ['x', 'y'] })).toBe('revisions');
    expect(source([], { rounds: 'r1,r2' })).toBe('rounds');
    expect(source([], { table: 't.csv' })).toBe('table');
  });

  it('reads thresholds and the overlap share, and defaults the overlap to 0.9', () => {
    const spec = agreeSpec([], ['a', 'b'], flags({ unit: 'overlap', minOverlap: '80', minAgreement: '0.7', format: 'csv' }));
    expect(spec.ok && spec.value.source === 'folders' && [spec.value.compare.minOverlap, spec.value.gates.minAgreement, spec.value.show]).toEqual([0.8, 0.7, 'summary']);
    const plain = agreeSpec([], [], flags());
    expect(plain.ok && plain.value.source === 'project' && plain.value.compare.minOverlap).toBe(0.9);
  });

  it('gives every bad number at once, each fatal at its flag', () => {
    const argv = ['agree', '--min-kappa', 'x', '--min-alpha', '2'];
    const spec = agreeSpec(argv, [], flags({ minKappa: 'x', minAlpha: '2' }));
    expect(spec.ok).toBe(false);
    if (spec.ok) return;
    expect(spec.diagnostics.map((d) => [d.file, d.column, d.severity, d.ruleId])).toEqual([
      ['<command line>', 31, 'fatal', 'invalid-option'],
      ['<command line>', 17, 'fatal', 'invalid-option'],
    ]);
  });
});
