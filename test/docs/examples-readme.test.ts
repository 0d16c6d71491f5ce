// The walkthrough in examples/README.md and the codebook reference are run,
// not just read: every `$ fieldcode …` block is executed and its output compared.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse as parseYaml } from 'yaml';
import { readCodebook } from '../../src/codebook/read.js';
import { EXAMPLE, ROOT, run } from '../helpers/cli.js';

/** `$ fieldcode a "b c"` blocks of a Markdown file, with the output shown under them. */
export function consoleBlocks(markdown: string): Array<{ argv: string[]; shown: string }> {
  const blocks: Array<{ argv: string[]; shown: string }> = [];
  for (const match of markdown.matchAll(/```console\n\$ fieldcode ([^\n]*)\n([\s\S]*?)```/g)) {
    const argv = [...match[1].matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]);
    blocks.push({ argv, shown: match[2] });
  }
  return blocks;
}

describe('examples/README.md', () => {
  const markdown = readFileSync(join(ROOT, 'examples', 'README.md'), 'utf8');
  const blocks = consoleBlocks(markdown);
  test('has commands to run', () => expect(blocks.length).toBeGreaterThanOrEqual(5));
  for (const block of blocks) {
    test(`fieldcode ${block.argv.join(' ')}`, async () => {
      const result = await run(block.argv, { cwd: EXAMPLE });
      expect(result.code).toBe(0);
      expect(result.stdout + result.stderr).toBe(block.shown);
    });
  }
});

describe('codebook/README.md and the JSON Schema', () => {
  const markdown = readFileSync(join(ROOT, 'codebook', 'README.md'), 'utf8');
  const yamlBlocks = [...markdown.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]);
  const schema = JSON.parse(readFileSync(join(ROOT, 'codebook', 'codebook.schema.json'), 'utf8'));
  const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);

  test('the documented example is a valid codebook, for fieldcode and for the schema', () => {
    expect(yamlBlocks.length).toBeGreaterThan(0);
    for (const yaml of yamlBlocks) {
      expect(readCodebook('example.yaml', yaml).diagnostics).toEqual([]);
      expect(validate(parseYaml(yaml)), JSON.stringify(validate.errors)).toBe(true);
    }
  });

  test('the bundled codebook passes the schema, and the schema rejects what fieldcode rejects', () => {
    const bundled = parseYaml(readFileSync(join(ROOT, 'codebook', 'working-components.yaml'), 'utf8'));
    expect(validate(bundled), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ name: 'x', codes: [{ id: 'Bad Id' }] })).toBe(false);
    expect(validate({ name: 'x', codes: [{ id: 'a', defintion: 'typo' }] })).toBe(false);
  });

  test('every rule id in the error table is one the code can emit', () => {
    const rules = [...markdown.matchAll(/^\| `([a-z-]+)` \| (?:error|warning)/gm)].map((m) => m[1]);
    expect(rules.length).toBeGreaterThanOrEqual(8);
    const source = ['read.ts', 'lineage.ts'].map((file) => readFileSync(join(ROOT, 'src', 'codebook', file), 'utf8')).join('\n');
    for (const rule of rules) expect(source, rule).toContain(`'${rule}'`);
  });
});

describe('README.md', () => {
  test('the 30-second example prints what the README shows', async () => {
    const markdown = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const blocks = consoleBlocks(markdown);
    expect(blocks.length).toBeGreaterThan(0);
    for (const block of blocks) {
      const result = await run(block.argv, { cwd: join(ROOT, 'test', 'fixtures', 'small-project') });
      expect(result.stdout + result.stderr).toBe(block.shown);
    }
  });

  test('the note shown is the fixture note', () => {
    const markdown = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const note = readFileSync(join(ROOT, 'test', 'fixtures', 'small-project', 'notes', 'north-I.md'), 'utf8');
    expect(markdown).toContain(`\`\`\`markdown\n${note}\`\`\``);
  });
});
