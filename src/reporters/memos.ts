// Memos as text: `memo list` (one line each, JSON, a Markdown table) and the
// memo trail report (every memo in date order with its text). Memo bodies are
// the researcher's own Markdown and pass into Markdown as written (headings
// moved under the memo's own); every other value is escaped for its format.
import type { Memo } from '../types.js';
import { formatTarget } from '../memos/target.js';
import { escapeMarkdownCell, escapeMarkdownText, markdownCode } from './markdown-escape.js';
import { escapeHtml as esc } from './html/escape.js';
import { page } from './html/page.js';

export interface MemoTrail {
  title: string;
  memos: Memo[];
}

const about = (memo: Memo): string => memo.about.map(formatTarget).join(', ');

function memoJson(memo: Memo, body: boolean): Record<string, unknown> {
  return {
    path: memo.path,
    title: memo.title,
    date: memo.date ?? null,
    author: memo.author ?? null,
    tags: memo.tags,
    about: memo.about.map(formatTarget),
    ...(body ? { body: memo.body } : {}),
  };
}

export function memoListText(memos: Memo[]): string {
  if (memos.length === 0) return 'No memos.\n';
  return memos.map((memo) => `${memo.path}  ${memo.date ?? '(no date)'}  ${memo.title}${memo.author ? `  (${memo.author})` : ''}\n  about ${about(memo)}${memo.tags.length ? `  tags ${memo.tags.join(', ')}` : ''}\n`).join('');
}

export function memoListJson(memos: Memo[]): string {
  return `${JSON.stringify({ memos: memos.map((memo) => memoJson(memo, false)) }, null, 2)}\n`;
}

export function memoListMarkdown(memos: Memo[]): string {
  const rows = memos.map((memo) => `| ${escapeMarkdownCell(memo.date ?? '')} | ${escapeMarkdownText(memo.title)} | ${memo.about.map((t) => markdownCode(formatTarget(t))).join(', ')} | ${escapeMarkdownText(memo.author ?? '')} | ${markdownCode(memo.path)} |`);
  return ['| Date | Title | About | Author | File |', '| --- | --- | --- | --- | --- |', ...rows, ''].join('\n');
}

/** A memo's own Markdown, its headings pushed `depth` levels down so they nest under the memo's heading. */
export function nestedBody(body: string, depth: number): string {
  let fence: string | undefined;
  return body
    .trim()
    .split(/\r?\n/)
    .map((line) => {
      const open = /^\s{0,3}(`{3,}|~{3,})/.exec(line);
      if (open && (fence === undefined || open[1].startsWith(fence))) fence = fence === undefined ? open[1] : undefined;
      if (fence !== undefined || open) return line;
      return line.replace(/^(#{1,6})(?=[ \t])/, (hashes) => '#'.repeat(Math.min(6, hashes.length + depth)));
    })
    .join('\n');
}

export function memoTrailMarkdown(trail: MemoTrail): string {
  const out = [`# ${escapeMarkdownText(trail.title)}`, '', trail.memos.length === 0 ? 'No memos.' : `${trail.memos.length} memo${trail.memos.length === 1 ? '' : 's'}, oldest first.`, ''];
  for (const memo of trail.memos) {
    out.push(`## ${escapeMarkdownText(memo.date ?? '(no date)')}: ${escapeMarkdownText(memo.title)}`, '');
    const meta = [`About ${memo.about.map((t) => markdownCode(formatTarget(t))).join(', ')}`, memo.author ? `by ${escapeMarkdownText(memo.author)}` : '', memo.tags.length ? `tags ${memo.tags.map(markdownCode).join(', ')}` : '', markdownCode(memo.path)];
    out.push(meta.filter(Boolean).join(' · '), '');
    const body = nestedBody(stripTitle(memo), 2);
    if (body) out.push(body, '');
  }
  return out.join('\n');
}

export function memoTrailHtml(trail: MemoTrail, options: { lang?: string } = {}): string {
  const sections = trail.memos.map((memo) => {
    const meta = [`About ${memo.about.map((t) => `<code>${esc(formatTarget(t))}</code>`).join(', ')}`, memo.author ? `by ${esc(memo.author)}` : '', memo.tags.length ? `tags ${memo.tags.map((t) => `<code>${esc(t)}</code>`).join(', ')}` : '', `<code>${esc(memo.path)}</code>`];
    const paragraphs = stripTitle(memo)
      .trim()
      .split(/\r?\n\s*\r?\n/)
      .filter((p) => p.trim())
      .map((p) => `<p style="white-space: pre-wrap">${esc(p.trim())}</p>`);
    return [`<section class="memo">`, `<h2>${esc(memo.date ?? '(no date)')}: ${esc(memo.title)}</h2>`, `<p class="meta">${meta.filter(Boolean).join(' · ')}</p>`, ...paragraphs, '</section>'].join('\n');
  });
  const subtitle = trail.memos.length === 0 ? 'No memos.' : `${trail.memos.length} memo${trail.memos.length === 1 ? '' : 's'}, oldest first.`;
  return page({ title: trail.title, subtitle, body: sections.join('\n'), lang: options.lang });
}

export function memoTrailJson(trail: MemoTrail): string {
  return `${JSON.stringify({ title: trail.title, memos: trail.memos.map((memo) => memoJson(memo, true)) }, null, 2)}\n`;
}

/** The body without a first heading that only repeats the title. */
export function memoBody(memo: Memo): string {
  return stripTitle(memo);
}

function stripTitle(memo: Memo): string {
  const match = /^\s*#{1,6}[ \t]+(.+?)[ \t#]*\r?\n/.exec(memo.body);
  return match && match[1] === memo.title ? memo.body.slice(match[0].length) : memo.body;
}
