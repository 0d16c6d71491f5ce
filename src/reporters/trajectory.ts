// One pure function per output format of the trajectory report: per case,
// per code, the share in each phase with the change, and the quotes.
import type { MatrixPassage } from '../core/matrix.js';
import type { Trajectory, TrajectoryPoint } from '../core/trajectory.js';
import { toCsv } from './csv.js';
import { percent } from './frequencies.js';
import { escapeMarkdownCell, escapeMarkdownText } from './markdown-escape.js';
import { escapeHtml } from './html/escape.js';
import { page, sourceLink } from './html/page.js';
import { points } from './phase-change.js';
import { alignColumns, type Style } from './style.js';
import { forTerminal } from './terminal.js';

const title = (t: Trajectory): string => `Trajectories: each ${t.rows} across ${t.phase} ${t.phases.join(' → ')}`;

const FOOTNOTE = 'share = coded segments / all segments of the case in the phase; Δ = change in share since the previous phase, in percentage points (pp); – = no notes for the case in that phase. Only codes coded at least once for a case are listed.';

function value(point: TrajectoryPoint): string {
  return point.cellSegments === 0 ? '–' : `${percent(point.share)} (${point.segments})`;
}

function change(point: TrajectoryPoint): string {
  if (point.changePoints === null) return '';
  const marker = point.status === 'new' || point.status === 'gone' || point.status === 'back' ? ` ${point.status}` : '';
  return `${points(point.changePoints)}${marker}`;
}

function header(t: Trajectory): string[] {
  return ['code', ...t.phases.flatMap((phase, i) => (i === 0 ? [phase] : [phase, `Δ ${phase}`]))];
}

function cells(points: TrajectoryPoint[]): string[] {
  return points.flatMap((p, i) => (i === 0 ? [value(p)] : [value(p), change(p)]));
}

const attribution = (q: MatrixPassage): string => [q.speaker, `${q.note}:${q.line}`].filter(Boolean).join(' · ');

function trajectoryTableUnsafe(t: Trajectory, style: Style): string {
  const out: string[] = [style.bold(title(t)), ''];
  for (const item of t.cases) {
    out.push(style.bold(`${t.rows} ${item.value}`));
    if (item.codes.length === 0) {
      out.push(style.dim('  no coded passages'), '');
      continue;
    }
    out.push(alignColumns([header(t).map((h) => style.bold(h)), ...item.codes.map((c) => [c.code, ...cells(c.points)])], [false, ...header(t).slice(1).map(() => true)]), '');
    const quotes = item.codes.flatMap((code) => code.points.flatMap((point) => point.quotes.map((quote) => [`  ${code.code} · ${t.phase} ${point.phase}: “${quote.text}”`, `      — ${attribution(quote)}`])));
    if (quotes.length > 0) out.push(...quotes.flat(), '');
  }
  out.push(style.dim(FOOTNOTE), '');
  return out.join('\n');
}

export const trajectoryTable = forTerminal(trajectoryTableUnsafe);

export function trajectoryMarkdown(t: Trajectory): string {
  const out: string[] = [`# ${escapeMarkdownText(title(t))}`, ''];
  for (const item of t.cases) {
    out.push(`## ${escapeMarkdownText(`${t.rows} ${item.value}`)}`, '');
    if (item.codes.length === 0) {
      out.push('No coded passages.', '');
      continue;
    }
    out.push(`| ${header(t).map(escapeMarkdownText).join(' | ')} |`, `| --- | ${header(t).slice(1).map(() => '---:').join(' | ')} |`);
    for (const code of item.codes) out.push(`| ${[escapeMarkdownText(code.label), ...cells(code.points)].map(escapeMarkdownCell).join(' | ')} |`);
    out.push('');
    for (const code of item.codes) {
      const quoted = code.points.filter((p) => p.quotes.length > 0);
      if (quoted.length === 0) continue;
      out.push(`### ${escapeMarkdownText(code.label)}`, '');
      for (const point of quoted) for (const quote of point.quotes) out.push(`> **${escapeMarkdownText(point.phase)}** ${escapeMarkdownText(quote.text)}`, '>', `> — ${escapeMarkdownText(attribution(quote))}`, '');
    }
  }
  out.push(`_${escapeMarkdownText(FOOTNOTE)}_`, '');
  return out.join('\n');
}

export function trajectoryHtml(t: Trajectory, options: { title?: string; linkBase?: string; lang?: string }): string {
  const body: string[] = [];
  for (const item of t.cases) {
    body.push('<section class="phase">', `<h2>${escapeHtml(`${t.rows} ${item.value}`)}</h2>`);
    if (item.codes.length === 0) {
      body.push('<p>No coded passages.</p>', '</section>');
      continue;
    }
    body.push('<table>', `<thead><tr>${header(t).map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('')}</tr></thead>`, '<tbody>');
    for (const code of item.codes) body.push(`<tr><th scope="row">${escapeHtml(code.label)}</th>${cells(code.points).map((c) => `<td class="num">${escapeHtml(c)}</td>`).join('')}</tr>`);
    body.push('</tbody>', '</table>');
    for (const code of item.codes) for (const point of code.points) for (const quote of point.quotes) {
      body.push(`<blockquote><p><strong>${escapeHtml(`${code.label} · ${point.phase}`)}</strong> ${escapeHtml(quote.text)}</p><footer>— ${quote.speaker ? `${escapeHtml(quote.speaker)} · ` : ''}${sourceLink(quote.note, quote.line, options.linkBase)}</footer></blockquote>`);
    }
    body.push('</section>');
  }
  body.push(`<p class="meta">${escapeHtml(FOOTNOTE)}</p>`);
  return page({ title: options.title ?? title(t), body: body.join('\n'), ...(options.lang !== undefined ? { lang: options.lang } : {}) });
}

/** One line per case, code and phase. */
export function trajectoryCsv(t: Trajectory): string {
  const rows: unknown[][] = [];
  for (const item of t.cases) for (const code of item.codes) for (const p of code.points) rows.push([item.value, code.code, p.phase, p.segments, p.cellSegments, p.share, p.changePoints === null ? '' : p.changePoints, p.status, p.quotes.map((q) => `${q.note}:${q.line}`).join(' | ')]);
  return toCsv(['case', 'code', 'phase', 'segments', 'case_segments', 'share', 'change_pp', 'status', 'quotes'], rows, { share: 4, change_pp: 1 });
}

export function trajectoryJson(t: Trajectory): string {
  return `${JSON.stringify({ kind: 'trajectory', ...t }, null, 2)}\n`;
}
