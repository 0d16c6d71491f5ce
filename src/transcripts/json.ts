// JSON read through jsonc-parser, which keeps the offset of every value, so a
// segment's diagnostics and its `line` point into the file; a cut-off file is
// told from a malformed one by where the first error is.
import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import type { Report } from './diagnostics.js';

export function lineOfOffset(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** Builds a function from offsets to lines that is linear over increasing offsets. */
export function lineCounter(text: string): (offset: number) => number {
  let at = 0;
  let line = 1;
  return (offset) => {
    if (offset < at) {
      at = 0;
      line = 1;
    }
    for (; at < offset && at < text.length; at++) if (text.charCodeAt(at) === 10) line++;
    return line;
  };
}

export function parseJson(text: string, report: Report, what: string): Node | null {
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
  if (errors.length > 0 || !tree) {
    const first = errors[0];
    const offset = first?.offset ?? text.length;
    const atEnd = text.slice(offset + (first?.length ?? 0)).trim() === '';
    if (atEnd && first) {
      report(lineOfOffset(text, offset), 'error', 'transcript-truncated', `the ${what} file ends before its JSON is complete`);
    } else {
      report(lineOfOffset(text, offset), 'error', 'transcript-syntax', `the ${what} file is not valid JSON (${first ? printParseErrorCode(first.error) : 'empty'})`);
    }
    return null;
  }
  return tree;
}

export function property(node: Node | undefined, key: string): Node | undefined {
  if (!node || node.type !== 'object') return undefined;
  for (const p of node.children ?? []) if (p.children?.[0]?.value === key) return p.children[1];
  return undefined;
}
