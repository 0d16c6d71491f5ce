// The phase report as Markdown and JSON (the HTML version is in html/).
import type { PhaseReport, PhaseSection, ChosenQuote } from '../core/phase-report.js';
import { percent } from './frequencies.js';
import { categoryNote, pointChange } from './phase-change.js';
import { escapeMarkdownText, markdownCode } from './markdown-escape.js';
import { memoBody, nestedBody } from './memos.js';
import { formatTarget } from '../memos/target.js';
import type { Codebook } from '../types.js';

export interface PhaseReportRender {
  title: string;
  /** Prefix that turns a note path into a link relative to the report file; undefined for no links. */
  linkBase?: string;
  /** The codebook version the report was made with (`codebookVersionText`). */
  codebook?: string;
}

export function sectionTitle(report: PhaseReport, section: PhaseSection): string {
  return `${section.group ? `${section.group}, ` : ''}${report.phase} ${section.phase}`;
}

export function methodSentence(section: PhaseSection): string {
  const total = `${section.notes} ${section.notes === 1 ? 'note' : 'notes'}`;
  if (section.methods.length === 0) return `${total} went into this ${section.group ? 'group and phase' : 'phase'}.`;
  const parts = section.methods.map((m) => `${m.notes} ${m.method}`);
  return `${total} went into this ${section.group ? 'group and phase' : 'phase'}: ${parts.join(', ')} (${section.segments} segments).`;
}

export function quoteAttribution(quote: ChosenQuote, sectionCode: string, report: PhaseReport): string[] {
  const parts: string[] = [];
  if (quote.code !== sectionCode) parts.push(`#${quote.code}`);
  if (quote.speaker) parts.push(quote.speaker);
  if (report.group && quote.group) parts.push(quote.group);
  if (quote.method) parts.push(quote.method);
  return parts;
}

function link(note: string, line: number, base: string | undefined): string {
  const text = `${note}:${line}`;
  if (base === undefined) return markdownCode(text);
  // encodeURIComponent leaves ( ) ' ! * as they are; ( and ) could end the link destination.
  const href = `${base}${note}`.split('/').map((part) => (part === '..' || part === '.' ? part : encodeURIComponent(part).replace(/[()'!*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))).join('/');
  return `[${escapeMarkdownText(text)}](${href}#L${line})`;
}

function sectionMarkdown(report: PhaseReport, section: PhaseSection, render: PhaseReportRender, level: number, heading = true): string[] {
  const h = (extra: number): string => '#'.repeat(level + extra);
  const out: string[] = [];
  const groups = section.groups;
  const showGroups = report.group !== undefined;
  if (heading) out.push(`${h(0)} ${escapeMarkdownText(sectionTitle(report, section))}`, '');
  out.push(`_${escapeMarkdownText(methodSentence(section))}${section.previous ? ` Compared with ${escapeMarkdownText(`${report.phase} ${section.previous}`)}.` : ''}_`, '');

  out.push(`${h(1)} Which codes showed up`, '');
  const head = ['code', ...(showGroups ? groups : ['all notes'])];
  out.push(`| ${head.map(escapeMarkdownText).join(' | ')} |`, `| ${head.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`);
  for (const row of section.rows) {
    const values = row.cells.map((c) => (c.frequency.cellSegments === 0 ? '–' : `${percent(c.frequency.share)} (${c.frequency.segments})`));
    out.push(`| ${[`${'&nbsp;&nbsp;'.repeat(row.depth)}\`${row.code}\``, ...values].join(' | ')} |`);
  }
  out.push('', '_share of segments coded (coded segments in brackets); – means no notes._', '');

  out.push(`${h(1)} Change since ${section.previous ? escapeMarkdownText(`${report.phase} ${section.previous}`) : `the previous ${escapeMarkdownText(report.phase)}`}`, '');
  if (!section.previous) out.push(`This is the first ${escapeMarkdownText(report.phase)}: there is nothing to compare with.`, '');
  else {
    out.push(`| ${head.map(escapeMarkdownText).join(' | ')} |`, `| ${head.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`);
    for (const row of section.rows) {
      const values = row.cells.map((c) => [pointChange(c.point).replace(/ (new|back|gone)$/, ' **$1**') || '–', ...(c.point.through ? [`_${c.point.through}_`] : [])].join(' · '));
      out.push(`| ${[`${'&nbsp;&nbsp;'.repeat(row.depth)}\`${row.code}\``, ...values].join(' | ')} |`);
    }
    out.push('', '_change in share, in percentage points (change in coded segments); **new** = first time in this group, **back** = again after a gap, **gone** = not coded any more._', '', `_${escapeMarkdownText(categoryNote(report.change.thresholds))} Here: up to ${escapeMarkdownText(`${report.phase} ${section.phase}`)}._`, '');
  }

  out.push(`${h(1)} Codes that occur together`, '');
  if (section.cooccurrences.length === 0) out.push(`No two codes share a ${report.options.unit} in this ${report.phase}.`, '');
  else {
    section.cooccurrences.forEach((pair, i) => out.push(`${i + 1}. \`${pair.a}\` + \`${pair.b}\`: ${pair.count} ${report.options.unit === 'document' ? (pair.count === 1 ? 'note' : 'notes') : pair.count === 1 ? 'segment' : 'segments'} (Jaccard ${pair.jaccard.toFixed(2)})`));
    out.push('');
  }

  out.push(`${h(1)} Quotes`, '');
  if (section.quotes.length === 0) out.push('No coded passages.', '');
  for (const entry of section.quotes) {
    out.push(`${h(2)} ${escapeMarkdownText(entry.label)} (\`${entry.code}\`)`, '', `_${entry.quotes.length} of ${entry.available} ${entry.available === 1 ? 'passage' : 'passages'}._`, '');
    for (const quote of entry.quotes) {
      const attribution = [...quoteAttribution(quote, entry.code, report).map(escapeMarkdownText), link(quote.note, quote.line, render.linkBase)].join(' · ');
      out.push(`> ${escapeMarkdownText(quote.text)}`, '>', `> — ${attribution}`, '');
    }
  }

  if (section.memos) {
    out.push(`${h(1)} Memos`, '');
    for (const memo of section.memos) {
      out.push(`${h(2)} ${escapeMarkdownText(memo.title)}`, '', escapeMarkdownText(`${[memo.date, memo.author].filter(Boolean).join(', ')}${memo.date || memo.author ? ' · ' : ''}about ${memo.about.map(formatTarget).join(', ')} · ${memo.path}`), '');
      const body = nestedBody(memoBody(memo), h(2).length);
      if (body) out.push(body, '');
    }
  }
  out.push(`${h(1)} Method`, '', escapeMarkdownText(methodSentence(section)), '');
  return out;
}

export const QUOTE_RULE =
  'Quotes are chosen deterministically: complete sentences of at least six words first, shortest first, then other passages; each pick comes from the group with the fewest quotes so far and prefers a speaker not quoted yet.';

export function phaseReportMarkdown(report: PhaseReport, render: PhaseReportRender): string {
  const out: string[] = [`# ${escapeMarkdownText(render.title)}`, ''];
  // Codes change between phases: the reader must know which codebook these counts use.
  if (render.codebook) out.push(`Codebook: ${escapeMarkdownText(render.codebook)}.`, '');
  // One section whose name the page title already says (`Phase report: phase II`)
  // gets no heading of its own: its parts come right under the title.
  const only = report.sections.length === 1 ? report.sections[0] : undefined;
  if (only && render.title.endsWith(sectionTitle(report, only))) out.push(...sectionMarkdown(report, only, render, 1, false));
  else for (const section of report.sections) out.push(...sectionMarkdown(report, section, render, 2));
  if (report.sections.length === 0) out.push('No notes match.', '');
  out.push('---', '', `_${QUOTE_RULE}_`, '');
  return out.join('\n');
}

export const PHASE_REPORT_JSON_VERSION = 'phase-report/1';

export function phaseReportJson(report: PhaseReport, filters: { where: Record<string, string[]>; codes: string[]; coder?: string }, codebook?: Pick<Codebook, 'name' | 'version' | 'hash' | 'commit'>): string {
  const shape = {
    fieldcode: PHASE_REPORT_JSON_VERSION,
    ...(codebook ? { codebook: { name: codebook.name, version: codebook.version, hash: codebook.hash ?? null, commit: codebook.commit ?? null } } : {}),
    phase: report.phase,
    group: report.group ?? null,
    phases: report.phases,
    groups: report.groups,
    options: report.options,
    filters: { where: filters.where, codes: filters.codes, coder: filters.coder ?? null },
    sections: report.sections.map((section) => ({
      phase: section.phase,
      group: section.group ?? null,
      previous: section.previous ?? null,
      notes: section.notes,
      segments: section.segments,
      methods: section.methods,
      rows: section.rows.map((row) => ({
        code: row.code,
        label: row.label,
        depth: row.depth,
        cells: row.cells.map((c) => ({
          group: c.group,
          segments: c.frequency.segments,
          documents: c.frequency.documents,
          codings: c.frequency.codings,
          share: Number(c.frequency.share.toFixed(6)),
          cellSegments: c.frequency.cellSegments,
          change: c.point.change,
          changePoints: c.point.changePoints === null ? null : Number(c.point.changePoints.toFixed(4)),
          status: c.point.status,
          category: c.point.through,
        })),
      })),
      cooccurrences: section.cooccurrences.map((p) => ({ ...p, jaccard: Number(p.jaccard.toFixed(6)) })),
      quotes: section.quotes.map((entry) => ({
        code: entry.code,
        label: entry.label,
        available: entry.available,
        quotes: entry.quotes.map((q) => ({ code: q.code, group: q.group || null, text: q.text, speaker: q.speaker ?? null, method: q.method ?? null, note: q.note, line: q.line, coder: q.coder })),
      })),
      ...(section.memos ? { memos: section.memos.map((m) => ({ path: m.path, title: m.title, date: m.date ?? null, author: m.author ?? null, about: m.about.map(formatTarget) })) } : {}),
    })),
  };
  return `${JSON.stringify(shape, null, 2)}\n`;
}
