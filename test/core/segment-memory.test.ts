// What a corpus keeps per segment: the heading trail is one array shared by
// every segment under the same heading, not a copy each.
import { describe, expect, it } from 'vitest';
import { readNote } from '../../src/core/note.js';

const NOTE = `# Visit

First paragraph.

Second paragraph.

### Skipped a level

Third paragraph.

- a list item

# Next

Fourth.
`;

describe('segments', () => {
  it('share one heading trail per heading, with the same entries as before', () => {
    const { note } = readNote('n.md', NOTE, false, { coder: 'me' });
    const [first, second, third, item, fourth] = note.segments;
    expect(note.segments.map((s) => s.headings)).toEqual([['Visit'], ['Visit'], ['Visit', 'Skipped a level'], ['Visit', 'Skipped a level'], ['Next']]);
    expect(second!.headings).toBe(first!.headings);
    expect(item!.headings).toBe(third!.headings);
    expect(fourth!.headings).not.toBe(first!.headings);
  });
});
