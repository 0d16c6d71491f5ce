// renameCodeInMemo: what `codes rename` calls to keep memos on a renamed code.
import { describe, expect, test } from 'vitest';
import { renameCodeInMemo } from '../../src/memos/rename.js';
import { readMemo } from '../../src/memos/read.js';

describe('renameCodeInMemo', () => {
  test('renames every form of a code target and keeps every other byte', () => {
    const text = '---\r\nabout:\r\n  - code:feedback   # the main one\r\n  - "code:feedback"\r\n  - {code: feedback}\r\n  - code:feedback.peer\r\n  - phase:II\r\ntags: [feedback]\r\n---\r\n\r\nOn code:feedback.\r\n';
    const renamed = renameCodeInMemo(text, 'feedback', 'peer-feedback')!;
    expect(renamed).toBe('---\r\nabout:\r\n  - code:peer-feedback   # the main one\r\n  - "code:peer-feedback"\r\n  - {code: peer-feedback}\r\n  - code:feedback.peer\r\n  - phase:II\r\ntags: [feedback]\r\n---\r\n\r\nOn code:feedback.\r\n');
    expect(readMemo('m.md', 'memos/m.md', renamed).memo!.about.filter((t) => t.kind === 'code').map((t) => (t as { id: string }).id)).toEqual(['peer-feedback', 'peer-feedback', 'peer-feedback', 'feedback.peer']);
  });

  test('a memo that does not name the code, or cannot be read, is left alone', () => {
    expect(renameCodeInMemo('---\nabout: code:reciprocity\n---\nText\n', 'feedback', 'x')).toBeUndefined();
    expect(renameCodeInMemo('---\nabout: [code:feedback\n---\n', 'feedback', 'x')).toBeUndefined();
    expect(renameCodeInMemo('No front matter', 'feedback', 'x')).toBeUndefined();
  });
});
