// The codebook's lineage fields: read and checked by the loader, resolved by
// currentIds, and a former id left in a note is a positioned check error.
import { describe, expect, test } from 'vitest';
import { readCodebook } from '../../src/codebook/read.js';
import { currentIds, formerIds } from '../../src/codebook/lineage.js';
import { run, tempTree } from '../helpers/cli.js';

const messages = (yaml: string) => readCodebook('cb.yaml', yaml).diagnostics.map((d) => `cb.yaml:${d.line}:${d.column}  ${d.severity}  ${d.message}  [${d.ruleId}]`);

const BOOK = [
  'name: T',
  'codes:',
  '  - id: peer-feedback',
  '    renamed_from:',
  '      - id: feedback',
  '        date: 2026-12-02',
  '  - id: support',
  '    merged_from:',
  '      - { id: help, date: 2026-12-02 }',
  '      - { id: care, date: 2026-12-02 }',
  '    codes:',
  '      - id: support.advice',
  '        split_from: { id: support, date: 2026-12-03 }',
  '  - id: network',
  '    retired: { date: 2026-12-04, replaced_by: care }',
  '  - id: gone',
  '    retired: { date: 2026-12-04 }',
  '',
].join('\n');

describe('codebook lineage', () => {
  test('is read onto the codes; retired codes are kept apart from the codes', () => {
    const { codebook, diagnostics } = readCodebook('cb.yaml', BOOK);
    expect(diagnostics).toEqual([]);
    expect(codebook.codes.map((c) => c.id)).toEqual(['peer-feedback', 'support', 'support.advice']);
    expect(codebook.byId.has('network')).toBe(false);
    expect(codebook.byId.get('peer-feedback')!.renamedFrom).toEqual([{ id: 'feedback', date: '2026-12-02' }]);
    expect(codebook.byId.get('support')!.mergedFrom).toEqual([{ id: 'help', date: '2026-12-02' }, { id: 'care', date: '2026-12-02' }]);
    expect(codebook.byId.get('support.advice')!.splitFrom).toEqual({ id: 'support', date: '2026-12-03' });
    expect(codebook.retired!.map((c) => [c.id, c.retired])).toEqual([
      ['network', { date: '2026-12-04', replacedBy: 'care' }],
      ['gone', { date: '2026-12-04' }],
    ]);
  });

  test('currentIds follows renames, merges and replacements to the end', () => {
    const { codebook } = readCodebook('cb.yaml', BOOK);
    expect(currentIds(codebook, 'support')).toEqual(['support']);
    expect(currentIds(codebook, 'feedback')).toEqual(['peer-feedback']);
    expect(currentIds(codebook, 'help')).toEqual(['support']);
    expect(currentIds(codebook, 'network')).toEqual(['support']);
    expect(currentIds(codebook, 'gone')).toEqual([]);
    expect(currentIds(codebook, 'never')).toBeUndefined();
    expect([...formerIds(codebook)]).toEqual([['care', ['support']], ['feedback', ['peer-feedback']], ['gone', []], ['help', ['support']], ['network', ['support']]]);
  });

  test('bad lineage is a positioned error', () => {
    expect(
      messages(
        [
          'name: T',
          'codes:',
          '  - id: a',
          '    renamed_from:',
          '      - id: b',
          '        date: 2026-02-30',
          '      - id: c',
          '        date: 2026-01-01',
          '  - id: c',
          '    merged_from: [{ id: x, date: 2026-01-01 }]',
          '  - id: d',
          '    renamed_from: [{ id: x, date: 2026-01-01 }]',
          '    retired: { date: 2026-01-01, replaced_by: zz }',
          '  - id: e',
          '    retired: { date: 2026-01-01, replaced_by: f }',
          '  - id: f',
          '    retired: { date: 2026-01-01, replaced_by: e }',
          '  - id: g',
          '    split_from: { id: a, when: 2026-01-01 }',
          '',
        ].join('\n'),
      ),
    ).toEqual([
      'cb.yaml:6:15  error  Unexpected `renamed_from` of `a` with date `2026-02-30`, expected a day as `YYYY-MM-DD`  [invalid-lineage]',
      'cb.yaml:19:26  error  Unexpected key `when` in `split_from` of `g`, expected `id` and `date`  [invalid-lineage]',
      'cb.yaml:19:17  error  Unexpected `split_from` of `g` without a `date`, expected a day as `YYYY-MM-DD`  [invalid-lineage]',
      'cb.yaml:7:13  error  Unexpected `renamed_from: c` in `a`: `c` is still a code of this codebook  [invalid-lineage]',
      'cb.yaml:12:26  error  Unexpected `renamed_from: x` in `d`: `x` already became `c`  [invalid-lineage]',
      'cb.yaml:13:47  error  Unexpected `replaced_by: zz` of `d`, expected a code of this codebook (did you mean `a`?)  [invalid-lineage]',
      'cb.yaml:15:47  error  Unexpected `replaced_by: f` of `e`: the replacements go round in a circle back to `e`  [invalid-lineage]',
      'cb.yaml:17:47  error  Unexpected `replaced_by: e` of `f`: the replacements go round in a circle back to `f`  [invalid-lineage]',
    ]);
  });

  test('check: a former id still in a note is an error at the tag that names its replacement', async () => {
    const dir = tempTree({
      'fieldcode.yaml': 'codebook: codebook.yaml\nnotes: ["notes/**/*.md"]\n',
      'codebook.yaml': BOOK,
      'notes/a.md': '---\nid: a\n---\n\nShe told me straight #feedback and it helped.\n\nWe keep an eye out #network.\n\nOld stuff #gone.\n\nFine [words]{#peer-feedback}.\n',
    });
    const result = await run(['check'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('notes/a.md:5:22  error  Unexpected code `feedback`, renamed to `peer-feedback` on 2026-12-02 in `codebook.yaml`  [retired-code]');
    expect(result.stderr).toContain('notes/a.md:7:20  error  Unexpected code `network`, retired on 2026-12-04, replaced by `support` in `codebook.yaml`  [retired-code]');
    expect(result.stderr).toContain('notes/a.md:9:11  error  Unexpected code `gone`, retired on 2026-12-04 without a replacement in `codebook.yaml`  [retired-code]');
    expect(result.stderr).not.toContain('peer-feedback`,');
  });
});
