// `fieldcode codebook diff`: the changes between two codebook versions as a
// terminal table, Markdown or JSON. Word changes are shown as git's
// --word-diff does in a terminal (`[-old-]{+new+}`), and as ~~old~~ **new**
// in Markdown.
import type { CodebookDiff, CodebookVersion, WordPart } from '../codebook/diff.js';
import { isEmptyDiff } from '../codebook/diff.js';
import { escapeMarkdownText, markdownCode } from './markdown-escape.js';
import { alignColumns, type Style } from './style.js';
import { forTerminal } from './terminal.js';

function versionText(version: CodebookVersion): string {
  const named = [version.name, version.version ? `version ${version.version}` : ''].filter(Boolean).join(', ');
  return `${version.label}${named ? ` (${named})` : ''}, sha256 ${version.hash}${version.commit ? `, commit ${version.commit.slice(0, 12)}` : ''}`;
}

/** Each line of a diff, its parts rendered by `mark`. */
function diffLines(parts: WordPart[], mark: (part: WordPart) => string): string[] {
  const lines: string[] = [''];
  for (const part of parts) {
    const pieces = part.value.split('\n');
    pieces.forEach((piece, i) => {
      if (i > 0) lines.push('');
      if (piece) lines[lines.length - 1] += mark({ ...part, value: piece });
    });
  }
  return lines.filter((line) => line.length > 0);
}

/** One row per change: what happened, to which code, and the details. */
function rows(diff: CodebookDiff, id: (value: string) => string): Array<[string, string, string]> {
  const out: Array<[string, string, string]> = [];
  for (const r of diff.renamed) out.push(['renamed', `${id(r.from)} → ${id(r.to)}`, r.date]);
  for (const m of diff.merged) out.push(['merged', `${m.from.map(id).join(' + ')} → ${id(m.into)}`, m.date]);
  for (const s of diff.split) out.push(['split', `${id(s.from)} → ${s.into.map(id).join(', ')}`, s.date]);
  for (const r of diff.retired) out.push(['retired', id(r.id), `${r.date}${r.replacedBy ? `, replaced by ${id(r.replacedBy)}` : ''}`]);
  for (const a of diff.added) out.push(['added', id(a.id), a.parent ? `under ${id(a.parent)}` : 'top level']);
  for (const r of diff.removed) out.push(['removed', id(r.id), '']);
  for (const m of diff.moved) out.push(['moved', id(m.id), `${m.from ? id(m.from) : 'top level'} → ${m.to ? id(m.to) : 'top level'}`]);
  return out;
}

function codebookDiffTableUnsafe(diff: CodebookDiff, style: Style): string {
  const out = [`${style.bold('from')} ${versionText(diff.from)}`, `${style.bold('to')}   ${versionText(diff.to)}`, ''];
  if (isEmptyDiff(diff)) return `${out.join('\n')}No changes to codes.\n`;
  const listed = rows(diff, (value) => style.cyan(value));
  if (listed.length > 0) out.push(alignColumns(listed, [false, false, false]), '');
  const mark = (part: WordPart): string => (part.removed ? style.red(`[-${part.value}-]`) : part.added ? style.green(`{+${part.value}+}`) : part.value);
  for (const change of diff.changed) {
    out.push(`changed ${style.cyan(change.id)}`);
    for (const field of change.changes) {
      const lines = diffLines(field.parts, mark);
      out.push(`  ${field.field}:`, ...lines.map((line) => `    ${line}`));
    }
    out.push('');
  }
  return `${out.join('\n').replace(/\n+$/, '')}\n`;
}

export const codebookDiffTable = forTerminal(codebookDiffTableUnsafe);

export function codebookDiffMarkdown(diff: CodebookDiff): string {
  const out = ['# Codebook changes', '', `- From: ${escapeMarkdownText(versionText(diff.from))}`, `- To: ${escapeMarkdownText(versionText(diff.to))}`, ''];
  if (isEmptyDiff(diff)) return `${out.join('\n')}No changes to codes.\n`;
  const listed = rows(diff, markdownCode);
  if (listed.length > 0) {
    out.push('| change | codes | details |', '| --- | --- | --- |');
    for (const [what, codes, details] of listed) out.push(`| ${what} | ${codes} | ${details} |`);
    out.push('');
  }
  const mark = (part: WordPart): string => {
    const text = escapeMarkdownText(part.value);
    // Emphasis must hug its text: spaces stay outside the markers.
    const [, lead, body, trail] = /^(\s*)([\s\S]*?)(\s*)$/.exec(text)!;
    if (!body) return text;
    return part.removed ? `${lead}~~${body}~~${trail}` : part.added ? `${lead}**${body}**${trail}` : text;
  };
  for (const change of diff.changed) {
    out.push(`## ${markdownCode(change.id)}`, '');
    for (const field of change.changes) {
      out.push(`**${field.field}**`, '', ...diffLines(field.parts, mark).map((line) => `- ${line}`), '');
    }
  }
  return `${out.join('\n').replace(/\n+$/, '')}\n`;
}

export function codebookDiffJson(diff: CodebookDiff): string {
  return `${JSON.stringify({ fieldcode: 'codebook-diff/1', ...diff }, null, 2)}\n`;
}
