// The codebook as a readable tree with definitions, or as JSON/Markdown.
import type { Code, Codebook, Memo } from '../types.js';

/** Memos on each code, by code id (src/memos/select.ts `memosByCode`). */
export type CodeMemos = Map<string, Memo[]>;

const memoMeta = (memo: Memo): string => [memo.date, memo.author, memo.path].filter(Boolean).join(', ');
import type { Style } from './style.js';
import { escapeMarkdownText, markdownCode } from './markdown-escape.js';
import { forTerminal } from './terminal.js';
import { wrapWords } from './wrap.js';

function wrap(text: string, width: number, indent: string): string[] {
  return wrapWords(text, width).map((line) => indent + line);
}

function codebookTreeUnsafe(codebook: Codebook, memos: CodeMemos, style: Style): string {
  const out = [style.bold(`${codebook.name || codebook.path}${codebook.version ? ` (version ${codebook.version})` : ''}`), `${codebook.codes.length} codes`, ''];
  for (const code of codebook.codes) {
    const indent = '  '.repeat(code.depth);
    const id = code.color ? style.hex(code.color, code.id) : style.cyan(code.id);
    out.push(`${indent}${id}  ${style.bold(code.label)}`);
    const inner = `${indent}    `;
    if (code.definition) out.push(...wrap(code.definition, 76 - inner.length, inner).map(style.dim));
    const list = (label: string, items: string[]): void => {
      if (items.length) out.push(`${inner}${label}: ${items.join('; ')}`);
    };
    list('use when', code.useWhen);
    list('not when', code.notWhen);
    list('keywords', code.keywords);
    for (const memo of memos.get(code.id) ?? []) out.push(`${inner}${style.yellow(`memo: ${memo.title}`)} ${style.dim(`(${memoMeta(memo)})`)}`);
  }
  return `${out.join('\n')}\n`;
}

export function codebookMarkdown(codebook: Codebook, memos: CodeMemos = new Map()): string {
  const out = [`# ${escapeMarkdownText(codebook.name || codebook.path)}`, ''];
  if (codebook.version) out.push(`Version ${escapeMarkdownText(codebook.version)}.`, '');
  for (const code of codebook.codes) {
    out.push(`${'#'.repeat(Math.min(6, code.depth + 2))} ${escapeMarkdownText(code.label)} (\`${code.id}\`)`, '');
    if (code.definition) out.push(escapeMarkdownText(code.definition), '');
    const list = (label: string, items: string[]): void => {
      if (items.length) out.push(`**${label}**`, '', ...items.map((item) => `- ${escapeMarkdownText(item)}`), '');
    };
    list('Use when', code.useWhen);
    list('Not when', code.notWhen);
    list('Examples', code.examples);
    if (code.keywords.length) out.push(`**Keywords:** ${code.keywords.map(markdownCode).join(', ')}`, '');
    const own = memos.get(code.id) ?? [];
    if (own.length) out.push('**Memos**', '', ...own.map((memo) => `- ${escapeMarkdownText(memo.title)} (${escapeMarkdownText(memoMeta(memo))})`), '');
  }
  return out.join('\n');
}

export function codebookJson(codebook: Codebook, memos: CodeMemos = new Map()): string {
  const node = (code: Code): unknown => ({
    id: code.id,
    label: code.label,
    definition: code.definition ?? null,
    use_when: code.useWhen,
    not_when: code.notWhen,
    examples: code.examples,
    keywords: code.keywords,
    patterns: code.patterns,
    color: code.color ?? null,
    ...(memos.has(code.id) ? { memos: memos.get(code.id)!.map((m) => ({ path: m.path, title: m.title, date: m.date ?? null, author: m.author ?? null })) } : {}),
    codes: code.children.map((id) => node(codebook.byId.get(id)!)),
  });
  const roots = codebook.codes.filter((code) => code.parent === undefined);
  return `${JSON.stringify({ fieldcode: 'codebook/1', name: codebook.name, version: codebook.version, languages: codebook.languages, codes: roots.map(node) }, null, 2)}\n`;
}

export const codebookTree = forTerminal(codebookTreeUnsafe);
