// The rule table, docs/rules.md and the rule ids the source emits agree:
// `Diagnostic.ruleId` is typed from the table (tsc catches an unknown id), and
// this test catches a rule without documentation or a table entry no code uses.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES, ruleDocs, type RuleId } from '../../src/model/rules.js';

const ROOT = join(import.meta.dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

const ids = Object.keys(RULES) as RuleId[];
const docs = readFileSync(join(ROOT, 'docs', 'rules.md'), 'utf8');
const source = sourceFiles(join(ROOT, 'src'))
  .filter((path) => !path.endsWith(join('model', 'rules.ts')))
  .map((path) => readFileSync(path, 'utf8'))
  .join('\n');

describe('rule table', () => {
  it('documents every rule under its own heading in docs/rules.md, with its severity', () => {
    for (const id of ids) {
      expect(docs, id).toContain(`\n### ${id}\n\n${RULES[id].severity}: ${RULES[id].summary}\n`);
      expect(ruleDocs(id)).toBe(`docs/rules.md#${id}`);
    }
  });

  it('documents no rule the table lacks', () => {
    const headings = [...docs.matchAll(/^### (.+)$/gm)].map((m) => m[1]);
    expect(headings.sort()).toEqual([...ids].sort());
  });

  it('lists only rules the source emits', () => {
    const unused = ids.filter((id) => !source.includes(`'${id}'`));
    expect(unused).toEqual([]);
  });

  it('knows every rule id written as `ruleId: …` in the source', () => {
    const written = [...source.matchAll(/ruleId: '([a-z0-9-]+)'/g)].map((m) => m[1]);
    expect(written.length).toBeGreaterThan(20);
    for (const id of written) expect(ids, id).toContain(id);
  });
});
