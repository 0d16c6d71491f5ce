// The report registry (issue 9): every kind's formats come from one table, the
// commands offer exactly those, and each renderer is what `build` writes.
import { describe, expect, it } from 'vitest';
import { analyses, REPORT_KINDS } from '../../src/analyses/index.js';
import { formatsOf, render } from '../../src/reporters/registry.js';
import { renderReport, type ReportSpec } from '../../src/core/build.js';
import { memorySource } from '../../src/pipeline/sources/memory.js';
import { runPipeline } from '../../src/pipeline/run.js';
import { run } from '../helpers/cli.js';

const { corpus } = runPipeline(
  memorySource({
    'fieldcode.yaml': 'variables:\n  phase:\n    values: [I, II]\n    ordered: true\nmeasures:\n  - file: m.csv\n    join: { phase: phase }\n',
    'm.csv': 'phase,size\nI,2\nII,3\n',
    'a.md': '---\nphase: I\ndate: 2024-01-01\n---\nWe help each other. #mutual-support\n',
    'b.md': '---\nphase: II\ndate: 2024-02-01\n---\nWe give back. #reciprocity\n',
  }),
);

describe('reporters registry', () => {
  it('has an analysis and at least one format for every kind, table or markdown first', () => {
    expect(Object.keys(analyses).sort()).toEqual([...REPORT_KINDS].sort());
    for (const kind of REPORT_KINDS) expect(['table', 'markdown']).toContain(formatsOf(kind)[0]);
    expect(formatsOf('phase-report')).toEqual(['markdown', 'html', 'json']);
  });

  it('renders what renderReport renders, for every kind and format', () => {
    for (const kind of REPORT_KINDS) {
      for (const format of formatsOf(kind)) {
        const spec: ReportSpec = { kind, format, by: [], filters: { where: {}, codes: kind === 'joint' ? ['reciprocity'] : [] }, unit: 'segment', measure: 'count', per: 'phase', quotes: 2, top: 3, pseudonymize: false, ...(kind === 'joint' ? { joint: { measure: 'size', quotes: 1 } } : {}) };
        const direct = render(kind, format, analyses[kind](corpus, spec) as never, { codebook: corpus.codebook, filters: spec.filters, measure: 'count' });
        expect(renderReport(corpus, spec).content, `${kind} ${format}`).toBe(direct);
      }
    }
  });

  it('is where the commands take their --format choices from', async () => {
    const help = await run(['cooccurrence', '--help']);
    expect(help.stdout.replace(/\s+/g, " ")).toContain(`(choices: ${formatsOf('cooccurrence').map((f) => `"${f}"`).join(', ')}`);
  });
});
