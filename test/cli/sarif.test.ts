// `check --format sarif` (SARIF 2.1.0 for GitHub code scanning) validates
// against the published schema, and a broken codebook or project file is a
// fatal positioned diagnostic in every format, exit 2 (issue 9).
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import Ajv from 'ajv-draft-04';
import { describe, expect, it } from 'vitest';
import { copyToTemp, ROOT, run } from '../helpers/cli.js';

const require = createRequire(import.meta.url);
// The OASIS SARIF 2.1.0 schema (rtm.5, as on schemastore.org), shipped by Microsoft's @microsoft/jest-sarif.
const schema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
// The schema's `language` pattern is not valid with the `u` flag.
const validate = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false }).compile(schema);

describe('check --format sarif', () => {
  it('is valid SARIF 2.1.0 with one result per diagnostic', async () => {
    const result = await run(['check', 'test/fixtures/bad-data', '--format', 'sarif']);
    expect(result.code).toBe(1);
    const log = JSON.parse(result.stdout);
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    const json = JSON.parse((await run(['check', 'test/fixtures/bad-data', '--format', 'json'])).stdout);
    expect(log.runs[0].results).toHaveLength(json.diagnostics.length);
    expect(log.runs[0].results[0]).toMatchObject({ ruleId: json.diagnostics[0].ruleId, message: { text: json.diagnostics[0].message }, locations: [{ physicalLocation: { artifactLocation: { uri: json.diagnostics[0].file }, region: { startLine: json.diagnostics[0].line, startColumn: json.diagnostics[0].column } } }] });
  });

  it('prints a broken codebook as a fatal positioned diagnostic in json, sarif and github, exit 2', async () => {
    const dir = copyToTemp(join(ROOT, 'test/fixtures/small-project'));
    writeFileSync(join(dir, 'codebook.yaml'), 'codes: [\n');
    const json = await run(['check', '--format', 'json'], { cwd: dir });
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout).diagnostics).toEqual([expect.objectContaining({ file: 'codebook.yaml', line: 2, column: 1, severity: 'fatal', ruleId: 'codebook-yaml' })]);
    const sarif = await run(['check', '--format', 'sarif'], { cwd: dir });
    expect(sarif.code).toBe(2);
    const log = JSON.parse(sarif.stdout);
    expect(validate(log)).toBe(true);
    expect(log.runs[0].results[0]).toMatchObject({ ruleId: 'codebook-yaml', level: 'error', locations: [{ physicalLocation: { artifactLocation: { uri: 'codebook.yaml' }, region: { startLine: 2, startColumn: 1 } } }] });
    const github = await run(['check', '--format', 'github'], { cwd: dir });
    expect(github.code).toBe(2);
    expect(github.stdout).toMatch(/^::error file=codebook\.yaml,line=2,col=1,title=codebook-yaml::Cannot parse codebook YAML/);
  });

  it('prints a broken project file the same way', async () => {
    const dir = copyToTemp(join(ROOT, 'test/fixtures/small-project'));
    writeFileSync(join(dir, 'fieldcode.yaml'), 'variables: [\n');
    const json = await run(['check', '--format', 'json'], { cwd: dir });
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout).diagnostics).toEqual([expect.objectContaining({ file: 'fieldcode.yaml', line: 2, column: 1, severity: 'fatal', ruleId: 'config-yaml' })]);
  });
});
