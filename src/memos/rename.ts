// Rewriting a memo when a code is renamed (for `codes rename`): each `about`
// target `code:<old>` becomes `code:<new>`, in place, every other byte of the
// file kept. Targets are found by the same reader `check` uses.
import { isMap, isPair, isScalar, isSeq, type Node, type Scalar } from 'yaml';
import { splitFrontMatter } from '../model/front-matter.js';
import { readPositionedYaml } from '../model/positioned-yaml.js';
import { parseTargetString } from './target.js';

/** The memo text with its `code:<from>` targets renamed, or undefined when it names none (or cannot be read). */
export function renameCodeInMemo(text: string, from: string, to: string): string | undefined {
  const fm = splitFrontMatter(text);
  if (!fm) return undefined;
  const yaml = readPositionedYaml('memo', fm.yaml, 'memo', 'memo-front-matter');
  const root = yaml.doc.contents;
  if (yaml.broken || !isMap(root)) return undefined;
  const about = root.get('about', true) as Node | undefined;
  if (about === undefined) return undefined;
  const edits: Array<{ start: number; end: number; text: string }> = [];
  const scalarEdit = (node: Scalar, replacement: string): void => {
    const [start, end] = node.range ?? [0, 0];
    // A plain or quoted scalar: keep its quoting by replacing only the id inside it.
    const source = fm.yaml.slice(start, end);
    const at = source.lastIndexOf(from);
    if (at >= 0) edits.push({ start: fm.yamlStart + start + at, end: fm.yamlStart + start + at + from.length, text: replacement });
  };
  for (const item of isSeq(about) ? (about.items as Node[]) : [about]) {
    if (isScalar(item) && typeof item.value === 'string') {
      const parsed = parseTargetString(item.value);
      if ('target' in parsed && parsed.target.kind === 'code' && parsed.target.id === from) scalarEdit(item, to);
    } else if (isMap(item) && item.items.length === 1) {
      const pair = item.items[0];
      if (isPair(pair) && isScalar(pair.key) && pair.key.value === 'code' && isScalar(pair.value) && String(pair.value.value) === from) scalarEdit(pair.value, to);
    }
  }
  if (edits.length === 0) return undefined;
  let out = text;
  for (const edit of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  return out;
}
