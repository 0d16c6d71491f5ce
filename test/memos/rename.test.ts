// recodeMemo: what `codes rename` calls to keep memos on a renamed code.
import { describe, expect, test } from 'vitest';
import { recodeMemo } from '../../src/codes/memos-summaries.js';
import { readMemo } from '../../src/memos/read.js';

describe('recodeMemo', () => {
  test('renames every form of a code target and keeps every other byte', () => {
    const text = '---\r\nabout:\r\n  - code:feedback   # the main one\r\n  - "code:feedback"\r\n  - {code: feedback}\r\n  - code:feedback.peer\r\n  - phase:II\r\ntags: [feedback]\r\n---\r\n\r\nOn code:feedback.\r\n';
    const renamed = recodeMemo(text, new Map([['feedback', 'peer-feedback']])).text;
    expect(renamed).toBe('---\r\nabout:\r\n  - code:peer-feedback   # the main one\r\n  - "code:peer-feedback"\r\n  - {code: peer-feedback}\r\n  - code:feedback.peer\r\n  - phase:II\r\ntags: [feedback]\r\n---\r\n\r\nOn code:feedback.\r\n');
    expect(readMemo('m.md', 'memos/m.md', renamed).memo!.about.filter((t) => t.kind === 'code').map((t) => (t as { id: string }).id)).toEqual(['peer-feedback', 'peer-feedback', 'peer-feedback', 'feedback.peer']);
  });

  test('a memo that does not name the code, or cannot be read, is left alone', () => {
    const rename = new Map([['feedback', 'x']]);
    for (const text of ['---\nabout: code:reciprocity\n---\nText\n', '---\nabout: [code:feedback\n---\n', 'No front matter']) {
      expect(recodeMemo(text, rename)).toEqual({ text, recoded: 0 });
    }
  });
});
