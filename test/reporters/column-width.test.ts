// Issue 9 item 8: tables and wrapped text are measured in terminal columns
// (string-width / wrap-ansi), so wide CJK characters and NFD accents align.
import { describe, expect, test } from 'vitest';
import stringWidth from 'string-width';
import { run, tempTree } from '../helpers/cli.js';

const CODEBOOK = `name: t
codes:
  - id: reciprocity
    label: Reciprocity
    definition: 互惠互利的关系在小组中非常重要，参与者既接受帮助也提供帮助，这种双向的交流让每个人都觉得自己是有价值的成员而不仅仅是被帮助的人。
`;

function project(): string {
  const groups = ['東京の会', 'e\u0301cole', 'plain'];
  const files: Record<string, string> = {
    'fieldcode.yaml': `codebook: codebook.yaml\nnotes: ["notes/*.md"]\nvariables:\n  group: { values: [${groups.map((g) => JSON.stringify(g)).join(', ')}] }\n`,
    'codebook.yaml': CODEBOOK,
  };
  groups.forEach((group, i) => (files[`notes/n${i}.md`] = `---\ngroup: ${JSON.stringify(group)}\n---\n\nWe help each other. #reciprocity\n`));
  return tempTree(files);
}

describe('terminal columns', () => {
  test('report --by group aligns the columns after a CJK and an NFD group name', async () => {
    const result = await run(['report', '--by', 'group'], { cwd: project(), env: { NO_COLOR: '1' } });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const rows = result.stdout.split('\n').filter((line) => /^ *(code|reciprocity|\s+)\s/.test(line) && /\d|segments/.test(line));
    expect(rows.length).toBe(4);
    // The column that follows the group ("segments" and its numbers) ends at the same terminal column on every row.
    const ends = rows.map((line) => stringWidth(line.replace(/\s+\S+\s+\S+\s+\S+\s+\S+$/, '')));
    expect(new Set(ends).size).toBe(1);
  });

  test('codebook wraps a long CJK definition at 76 columns, not 76 characters', async () => {
    const result = await run(['codebook'], { cwd: project(), env: { NO_COLOR: '1' } });
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n').filter((line) => /[\u4e00-\u9fff]/.test(line));
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(stringWidth(line)).toBeLessThanOrEqual(76);
  });
});
