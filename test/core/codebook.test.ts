import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { readCodebook } from '../../src/codebook/read.js';
import { compileMatchers, matchSegment } from '../../src/codebook/match.js';
import { ROOT } from '../helpers/cli.js';

const messages = (yaml: string) => readCodebook('cb.yaml', yaml).diagnostics.map((d) => `cb.yaml:${d.line}:${d.column}  ${d.severity}  ${d.message}  [${d.ruleId}]`);

describe('reading a codebook', () => {
  test('nesting gives the hierarchy', () => {
    const { codebook, diagnostics } = readCodebook('cb.yaml', 'name: T\nversion: "1"\ncodes:\n  - id: a\n    codes:\n      - id: a.b\n        label: B\n  - id: c\n');
    expect(diagnostics).toEqual([]);
    expect(codebook.codes.map((c) => [c.id, c.parent ?? null, c.depth, c.children])).toEqual([
      ['a', null, 0, ['a.b']],
      ['a.b', 'a', 1, []],
      ['c', null, 0, []],
    ]);
  });

  test('errors point into the YAML', () => {
    expect(
      messages(
        [
          'name: T',
          'codes:',
          '  - id: feedback',
          '    defintion: typo',
          '    keywords: [advies]',
          '  - id: feedback',
          '  - id: ""',
          '  - id: Bad-Id',
          '  - id: other',
          '    patterns: ["(unclosed"]',
          '    keywords: [Advies]',
        ].join('\n'),
      ),
    ).toEqual([
      'cb.yaml:4:5  warning  Unexpected field `defintion` in code (did you mean `definition`?)  [unknown-field]',
      'cb.yaml:6:9  error  Unexpected duplicate code id `feedback`, first declared at line 3  [duplicate-code-id]',
      'cb.yaml:7:9  error  Unexpected code without an `id`, expected a non-empty id  [empty-code-id]',
      'cb.yaml:8:9  error  Unexpected code id `Bad-Id`, expected a lowercase letter followed by lowercase letters, digits, `-`, `_` or `.`  [invalid-code-id]',
      'cb.yaml:10:16  error  Cannot compile pattern of `other`: missing closing ): `(unclosed` (patterns are RE2: no lookaround or backreferences)  [invalid-pattern]',
      'cb.yaml:11:16  warning  Unexpected keyword `Advies` in `other`, already claimed by `feedback`  [duplicate-keyword]',
    ]);
  });

  test('broken YAML is one positioned error', () => {
    expect(messages('codes:\n  - id: a\n   bad: [\n')).toHaveLength(1);
    expect(messages('codes:\n  - id: a\n   bad: [\n')[0]).toMatch(/^cb\.yaml:\d+:\d+  error  Cannot parse codebook YAML: .*\[codebook-yaml\]$/);
    expect(messages('- just a list\n')).toEqual(['cb.yaml:1:1  error  Unexpected codebook that is not a mapping, expected `name`, `version` and `codes` keys  [codebook-shape]']);
  });
});

describe('the bundled working-components codebook', () => {
  const path = join(ROOT, 'codebook', 'working-components.yaml');
  const { codebook, diagnostics } = readCodebook('working-components.yaml', readFileSync(path, 'utf8'));

  test('is valid, with the five working components and an outcomes family', () => {
    expect(diagnostics).toEqual([]);
    for (const id of ['reciprocity', 'feedback', 'network-growth', 'handling-resistance', 'mutual-support']) {
      const code = codebook.byId.get(id);
      expect(code, id).toBeDefined();
      expect(code!.definition!.length, id).toBeGreaterThan(60);
      // A parent's criteria may live in its children.
      const family = [code!, ...code!.children.map((child) => codebook.byId.get(child)!)];
      for (const member of family.filter((c) => c.children.length === 0)) {
        expect(member.useWhen.length, member.id).toBeGreaterThanOrEqual(2);
        expect(member.notWhen.length, member.id).toBeGreaterThanOrEqual(2);
        expect(member.examples.length, member.id).toBeGreaterThanOrEqual(2);
        expect(member.keywords.length, member.id).toBeGreaterThanOrEqual(6);
      }
    }
    expect(codebook.codes.some((c) => c.parent === undefined && /outcome/.test(c.id))).toBe(true);
  });

  test('keywords match in English and Dutch, across case and accents', () => {
    const matchers = compileMatchers(codebook);
    const codesIn = (text: string) => [...new Set(matchSegment({ text }, matchers).map((m) => m.code))];
    expect(codesIn('Next time I will give back what she gave me.')).toContain('reciprocity');
    expect(codesIn('Daarna wilde ik iets TERUGDOEN voor de groep.').length + codesIn('Het was echt wederkerig.').length).toBeGreaterThan(0);
  });
});

describe('matching keywords', () => {
  const { codebook } = readCodebook('cb.yaml', 'codes:\n  - id: a\n    keywords: ["wederkerig*", "give back", "Café"]\n  - id: b\n    patterns: ["\\\\bhelp(ed)? (him|her)\\\\b"]\n');
  const matchers = compileMatchers(codebook);
  const found = (text: string) => matchSegment({ text }, matchers).map((m) => `${m.code}:${m.matched}`);

  test('whole words, case- and accent-insensitive, with a word-end wildcard', () => {
    expect(found('Wederkerigheid, wederkerig, onwederkerig')).toEqual(['a:Wederkerigheid', 'a:wederkerig']);
    expect(found('to GIVE   back; giveback; given back')).toEqual(['a:GIVE   back']);
    expect(found('in het cafe en het CAFÉ')).toEqual(['a:cafe', 'a:CAFÉ']);
  });

  test('patterns are regular expressions, case-insensitive', () => {
    expect(found('I Helped her and helped them')).toEqual(['b:Helped her']);
  });
});
