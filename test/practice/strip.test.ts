import { readFileSync } from 'node:fs';
import { globSync } from 'tinyglobby';
import { describe, expect, it } from 'vitest';
import { stripInlineTags } from '../../src/agreement/strip.js';
import { readNote } from '../../src/core/note.js';
import { EXAMPLE } from '../helpers/cli.js';

const norm = (text: string) => text.replace(/\s+/g, ' ').trim();

describe('stripInlineTags', () => {
  it('removes tags and spans, keeps the words and the full stop', () => {
    const text = '---\nid: n1\ncoder: researcher-a\ngroup: x\n---\n# Heading\n\nShe [gave back]{#reciprocity #feedback} the favour. #mutual-support.emotional\n\nA #feedback remark, C# and issue#3 stay.\n#handling-resistance\n\nLast.\n';
    expect(stripInlineTags(text)).toBe('---\nid: n1\ngroup: x\n---\n# Heading\n\nShe gave back the favour.\n\nA remark, C# and issue#3 stay.\n\nLast.\n');
  });

  it('every example note: no codings left, the same segment texts', () => {
    const files = globSync(['notes/**/*.md'], { cwd: EXAMPLE, absolute: true }).sort();
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const coded = readNote(file, text, false, { coder: 'x' }).note;
      const { note, diagnostics } = readNote(file, stripInlineTags(text), false, { coder: 'x' });
      expect(diagnostics.filter((d) => d.severity === 'error'), file).toEqual([]);
      expect(coded.codings.length, file).toBeGreaterThan(0);
      expect(note.codings, file).toEqual([]);
      expect(note.segments.map((s) => norm(s.text)), file).toEqual(coded.segments.map((s) => norm(s.text)));
      expect(note.data.coder, file).toBeUndefined();
    }
  });
});
