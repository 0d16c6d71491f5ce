// One memo file → a `Memo`, with every problem of its front matter as a
// positioned diagnostic. The front matter is split by the notes' splitter
// (model/front-matter.ts) and read by the positioned YAML reader, so a memo's
// errors point at the line of the memo file.
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import type { Diagnostic, FrontMatterValue, Memo, MemoTarget } from '../types.js';
import { opensFrontMatter, splitFrontMatter } from '../model/front-matter.js';
import { readPositionedYaml } from '../model/positioned-yaml.js';
import { hint } from '../core/did-you-mean.js';
import { yamlValue } from '../model/yaml.js';
import { parseTargetValue } from './target.js';

export const MEMO_KEYS = ['about', 'title', 'author', 'date', 'tags'];

export interface ReadMemoResult {
  /** Undefined when the front matter cannot be read or says nothing it is about. */
  memo?: Memo;
  diagnostics: Diagnostic[];
}

/** Reads the memo shown as `path` (project-relative `projectPath`) from its text (BOM removed). */
export function readMemo(path: string, projectPath: string, text: string): ReadMemoResult {
  const diagnostics: Diagnostic[] = [];
  const fail = (line: number, column: number, message: string, ruleId: Diagnostic['ruleId'] = 'memo-front-matter'): ReadMemoResult => {
    diagnostics.push({ file: path, line, column, severity: 'error', message, ruleId });
    return { diagnostics };
  };
  const fm = splitFrontMatter(text);
  if (!fm) {
    if (opensFrontMatter(text)) return fail(1, 1, 'Unexpected memo front matter without a closing `---`, expected the YAML block to end with a `---` line');
    return fail(1, 1, 'Unexpected memo without front matter, expected a `---` block with `about:` (e.g. `about: code:feedback`)', 'memo-about');
  }
  const firstLine = text.slice(0, fm.yamlStart).split('\n').length;
  const yaml = readPositionedYaml(path, fm.yaml, 'Cannot parse memo front matter', 'memo-front-matter');
  // Positions are in the YAML between the fences; the file has the fence line (and anything before) above it.
  const shift = (d: Diagnostic): Diagnostic => ({ ...d, line: d.line + firstLine - 1 });
  const root = yaml.doc.contents;
  if (yaml.broken) return { diagnostics: yaml.diagnostics.map(shift) };
  if (!isMap(root)) return fail(firstLine, 1, 'Unexpected memo front matter that is not a mapping, expected `about:`, `author:`, `date:` and `tags:` lines');
  const pos = (node: Node | null | undefined): { line: number; column: number } => {
    const at = yaml.counter.linePos(node?.range?.[0] ?? 0);
    return { line: at.line + firstLine - 1, column: at.col };
  };
  const problem = (node: Node | null | undefined, message: string, ruleId: Diagnostic['ruleId'] = 'memo-front-matter', severity: Diagnostic['severity'] = 'error'): void => {
    diagnostics.push({ file: path, ...pos(node), severity, message, ruleId });
  };
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    if (!MEMO_KEYS.includes(key)) problem(pair.key as Node, `Unexpected key \`${key}\` in memo front matter${hint(key, MEMO_KEYS)}`, 'unknown-field', 'warning');
  }
  const valueOf = (node: Node): FrontMatterValue | undefined => {
    const value = yamlValue(yaml.doc, node);
    if ('error' in value) {
      problem(node, value.error.message);
      return undefined;
    }
    return value.value as FrontMatterValue;
  };
  const text1 = (key: string): string | undefined => {
    const node = root.get(key, true) as Node | undefined;
    if (node === undefined || (isScalar(node) && node.value === null)) return undefined;
    if (isScalar(node) && (typeof node.value === 'string' || typeof node.value === 'number')) return String(node.source ?? node.value);
    problem(node, `Unexpected \`${key}\` value in memo front matter, expected one line of text`);
    return undefined;
  };

  const about: MemoTarget[] = [];
  const aboutAt: Memo['aboutAt'] = [];
  const aboutNode = root.get('about', true) as Node | undefined;
  if (aboutNode === undefined || (isScalar(aboutNode) && aboutNode.value === null)) {
    problem(root.items[0]?.key as Node | undefined, 'Unexpected memo without `about:`, expected what it is about, e.g. `about: code:feedback` or a list of targets', 'memo-about');
  } else {
    const items: Node[] = isSeq(aboutNode) ? (aboutNode.items as Node[]) : [aboutNode];
    for (const item of items) {
      const value = valueOf(item);
      if (value === undefined) continue;
      const parsed = parseTargetValue(value);
      if ('error' in parsed) problem(item, parsed.error, 'memo-about');
      else {
        about.push(parsed.target);
        aboutAt.push(pos(item));
      }
    }
  }
  const date = text1('date');
  if (date !== undefined && !/^\d{4}-\d{2}-\d{2}/.test(date)) problem(root.get('date', true) as Node, `Unexpected memo date \`${date}\`, expected \`YYYY-MM-DD\``);
  const tags: string[] = [];
  const tagsNode = root.get('tags', true) as Node | undefined;
  if (tagsNode !== undefined && !(isScalar(tagsNode) && tagsNode.value === null)) {
    const items = isSeq(tagsNode) ? (tagsNode.items as Node[]) : [tagsNode];
    for (const item of items) {
      if (isScalar(item) && (typeof item.value === 'string' || typeof item.value === 'number')) tags.push(String(item.value));
      else problem(item, 'Unexpected memo tag, expected a word or a list of words');
    }
  }
  if (diagnostics.some((d) => d.severity === 'error' && d.ruleId === 'memo-front-matter')) return { diagnostics };
  const body = text.slice(fm.bodyStart);
  const title = text1('title') ?? /^#{1,6}[ \t]+(.+?)[ \t#]*$/m.exec(body)?.[1] ?? projectPath.replace(/^.*\//, '').replace(/\.md$/i, '');
  const author = text1('author');
  const memo: Memo = {
    path,
    projectPath,
    title,
    about,
    aboutAt,
    ...(author !== undefined ? { author } : {}),
    ...(date !== undefined ? { date } : {}),
    tags,
    body,
    bodyLine: text.slice(0, fm.bodyStart).split('\n').length,
  };
  return { memo, diagnostics };
}
