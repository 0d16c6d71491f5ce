// codebook/fieldcode.schema.json, the JSON Schema of fieldcode.yaml (issue 9),
// stays true: it knows exactly the keys the reader knows, and every project
// file in the repository validates against it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { KEYS as PROJECT_KEYS, VARIABLE_KEYS } from '../../src/core/config.js';
import { KEYS as REPORT_KEYS, REPORT_KINDS } from '../../src/core/build.js';
import { formatsOf } from '../../src/reporters/registry.js';
import { ROOT } from '../helpers/cli.js';

const schema = JSON.parse(readFileSync(join(ROOT, 'codebook', 'fieldcode.schema.json'), 'utf8'));
const validate = new Ajv2020({ allErrors: true }).compile(schema);
const PROJECTS = ['examples/peer-groups', 'test/fixtures/small-project', 'test/fixtures/bad-data', 'test/fixtures/tag/project', 'test/fixtures/refi/tricky'];

describe('fieldcode.yaml schema', () => {
  it('has the keys, variable keys, report keys, kinds and formats fieldcode reads', () => {
    expect(Object.keys(schema.properties).sort()).toEqual([...PROJECT_KEYS].sort());
    expect(Object.keys(schema.properties.variables.additionalProperties.oneOf[1].properties).sort()).toEqual([...VARIABLE_KEYS].sort());
    const report = schema.properties.reports.items;
    expect(Object.keys(report.properties).sort()).toEqual([...REPORT_KEYS].sort());
    expect(report.properties.kind.enum).toEqual([...REPORT_KINDS]);
    expect(report.properties.format.enum.sort()).toEqual([...new Set(REPORT_KINDS.flatMap((kind) => formatsOf(kind)))].sort());
  });

  it.each(PROJECTS)('validates %s/fieldcode.yaml', (project) => {
    const data = parse(readFileSync(join(ROOT, project, 'fieldcode.yaml'), 'utf8'));
    expect(validate(data), JSON.stringify(validate.errors)).toBe(true);
  });

  it('rejects a misspelt key and a report without out', () => {
    expect(validate({ note: ['**/*.md'] })).toBe(false);
    expect(validate({ reports: [{ name: 'x', kind: 'quotes' }] })).toBe(false);
  });
});
