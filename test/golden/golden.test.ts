// Golden files: every report kind in every format, on the example project.
// Regenerate after an intended change with `UPDATE_GOLDEN=1 npx vitest run test/golden`
// and review the diff.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadProject } from '../../src/cli/project.js';
import { REPORT_KINDS, renderReport, type ReportSpec } from '../../src/core/build.js';
import { formatsOf } from '../../src/reporters/registry.js';
import { EXAMPLE } from '../helpers/cli.js';

const DIR = fileURLToPath(new URL('./expected/', import.meta.url));
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const EXTENSION: Record<string, string> = { table: 'txt', markdown: 'md', csv: 'csv', json: 'json', html: 'html', svg: 'svg', presence: 'presence.csv', xlsx: 'xlsx-model.json' };

const corpus = loadProject(EXAMPLE, {}).corpus;

function spec(kind: ReportKind, format: string, extra: Partial<ReportSpec> = {}): ReportSpec {
  const by = kind === 'frequencies' || kind === 'quotes' ? ['group', 'phase'] : kind === 'phase-change' ? ['group'] : [];
  return { kind, format, by, filters: { where: {}, codes: [] }, unit: 'segment', measure: 'count', per: 'phase', quotes: 3, top: 5, pseudonymize: false, ...extra };
}

const cases: [string, ReportSpec][] = [];
for (const kind of REPORT_KINDS) {
  for (const format of formatsOf(kind)) {
    const extra: Partial<ReportSpec> =
      kind === 'quotes'
        ? { filters: { where: {}, codes: ['reciprocity'] }, pseudonymize: true }
        : kind === 'phase-report'
          ? { pseudonymize: true }
          : kind === 'joint'
            ? { filters: { where: {}, codes: ['network-growth'] }, joint: { measure: 'network_size', quotes: 2 }, pseudonymize: true }
            : {};
    cases.push([`${kind}.${EXTENSION[format]}`, spec(kind, format, extra)]);
  }
}
cases.push(['cooccurrence-document-jaccard.md', spec('cooccurrence', 'markdown', { unit: 'document', measure: 'jaccard', by: ['phase'] })]);
cases.push(['phase-report-group-phase.md', spec('phase-report', 'markdown', { per: 'group-phase', pseudonymize: true, quotes: 2, filters: { where: { phase: ['III'] }, codes: [] } })]);
cases.push(['phase-change-leadership.md', spec('phase-change', 'markdown', { by: ['leadership'], filters: { where: {}, codes: ['reciprocity', 'feedback'] } })]);
cases.push(['quotes-named.md', spec('quotes', 'markdown', { filters: { where: { phase: ['I'] }, codes: ['feedback'] } })]);

describe('golden files on the example project', () => {
  for (const [name, s] of cases) {
    test(name, () => {
      const first = renderReport(corpus, s, { linkBase: '../' }).content;
      const second = renderReport(corpus, s, { linkBase: '../' }).content;
      expect(second).toBe(first);
      const path = join(DIR, name);
      if (UPDATE || !existsSync(path)) {
        mkdirSync(DIR, { recursive: true });
        writeFileSync(path, first);
        if (!UPDATE) throw new Error(`Golden file ${name} was missing and has been written; review it and run again`);
      }
      expect(first).toBe(readFileSync(path, 'utf8'));
    });
  }
});
