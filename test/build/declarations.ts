// The reports the example project declares (appended to a temp copy when the
// example's fieldcode.yaml does not declare any yet).
import { appendFileSync, cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXAMPLE, ROOT, tempDir } from '../helpers/cli.js';

export const EXAMPLE_REPORTS = `
reports:
  - name: frequencies
    kind: frequencies
    by: [group, phase]
    out: reports/frequencies.md
  - name: frequencies-csv
    kind: frequencies
    by: [group, phase]
    out: reports/frequencies.csv
  - name: frequencies-chart
    kind: frequencies
    by: [group, phase]
    out: reports/frequencies.html
  - name: quotes-reciprocity
    kind: quotes
    codes: [reciprocity]
    by: [phase, group]
    pseudonymize: true
    out: reports/quotes-reciprocity.md
  - name: cooccurrence
    kind: cooccurrence
    out: reports/cooccurrence.html
  - name: cooccurrence-documents
    kind: cooccurrence
    unit: document
    out: reports/cooccurrence-documents.csv
  - name: phase-change
    kind: phase-change
    by: [group]
    out: reports/phase-change.md
  - name: trajectories
    kind: phase-change
    by: [group]
    out: reports/trajectories.svg
  - name: leadership-change
    kind: phase-change
    by: [leadership]
    out: reports/leadership-change.json
  - name: phase-report-html
    kind: phase-report
    pseudonymize: true
    out: reports/phase-{phase}.html
  - name: phase-report-markdown
    kind: phase-report
    pseudonymize: true
    out: reports/phase-{phase}.md
`;

/** A temp copy of the example project (and the bundled codebook it points to), with reports declared. */
export function exampleCopy(): string {
  const base = tempDir();
  const project = join(base, 'examples', 'peer-groups');
  cpSync(EXAMPLE, project, { recursive: true });
  cpSync(join(ROOT, 'codebook'), join(base, 'codebook'), { recursive: true });
  const config = join(project, 'fieldcode.yaml');
  if (!/^reports:/m.test(readFileSync(config, 'utf8'))) appendFileSync(config, EXAMPLE_REPORTS);
  return project;
}
