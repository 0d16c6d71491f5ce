// The inline coding grammar lives in src/model/grammar.ts only (issue 9): no
// other source file spells a tag, span or code-id pattern of its own.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CODE_ID, RAW_SPAN, RAW_TAG, TAG_BLOCKER } from '../../src/model/grammar.js';
import { splitFrontMatter } from '../../src/model/front-matter.js';

const SRC = join(import.meta.dirname, '..', '..', 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** Fragments only a tag / span / code-id pattern contains. */
const GRAMMAR_FRAGMENTS = ['#[a-z]', '\\]\\{', '\\{#', '\\p{L}\\p{N}_&', '[a-z][a-z0-9._-]', '[a-zA-Z0-9._-]', '^---[ \\t]*\\r?\\n'];

describe('one tag grammar', () => {
  it('spells tag, span, code-id and front-matter patterns in src/model only', () => {
    const offenders: string[] = [];
    for (const path of sourceFiles(SRC)) {
      const shown = relative(SRC, path).split(sep).join('/');
      if (shown.startsWith('model/')) continue;
      const text = readFileSync(path, 'utf8');
      for (const fragment of GRAMMAR_FRAGMENTS) if (text.includes(fragment)) offenders.push(`${shown}: ${fragment}`);
    }
    expect(offenders).toEqual([]);
  });

  it('reads code ids, tags and spans as the parser does', () => {
    expect(CODE_ID.test('mutual-support.practical')).toBe(true);
    expect(CODE_ID.test('Care')).toBe(false);
    expect(TAG_BLOCKER.test('C')).toBe(true);
    expect(TAG_BLOCKER.test(' ')).toBe(false);
    expect('Fine [words]{#a #b.c} here #care.'.replace(RAW_SPAN, '$1').replace(RAW_TAG, '')).toBe('Fine words here.');
  });

  it('splits front matter closed by --- or ...', () => {
    expect(splitFrontMatter('---\nid: 1\n---\nBody')).toEqual({ block: '---\nid: 1\n---\n', yaml: 'id: 1\n', yamlStart: 4, bodyStart: 14 });
    expect(splitFrontMatter('---\r\nid: 1\r\n...\r\nBody')?.bodyStart).toBe(17);
    expect(splitFrontMatter('---\nid: 1\nBody')).toBeUndefined();
  });
});
