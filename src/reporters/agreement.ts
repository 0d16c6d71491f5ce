// One pure function per output format of `fieldcode agree`: a summary table of
// per-code and overall coefficients, then the disagreements teams discuss.
import { toCsv } from './csv.js';
import type { AgreementReport, AgreementRow, Disagreement, Stat } from '../agreement/compare.js';
import type { Alignment } from '../agreement/align.js';
import type { Codebook } from '../types.js';
import { escapeMarkdownText, markdownCode } from './markdown-escape.js';
import { alignColumns, type Style } from './style.js';
import { forTerminal } from './terminal.js';

export interface AgreementView {
  report: AgreementReport;
  /** Where each coder's codings come from, in coder order. */
  sources: string[];
  codebook: Codebook;
  /** What was not compared: notes some coders lack, unaligned segments, codings off the aligned text. */
  skipped: Pick<Alignment, 'missingNotes' | 'unalignedSegments' | 'unplacedCodings'>;
  /** Plain-language warnings shown under the table (e.g. inflated agreement). */
  warnings: string[];
  /** Which parts to show. */
  show: 'all' | 'summary' | 'disagreements';
}

export const AGREEMENT_JSON_VERSION = 'agreement/1';

const UNIT_NAMES: Record<AgreementReport['unit'], string> = {
  segment: 'segment × code',
  document: 'document × code (code existence)',
  'document-frequency': 'document × code, number of codings',
  overlap: 'coded span, matched by overlap',
  character: 'character × code',
};

const UNIT_WORD: Record<AgreementReport['unit'], string> = {
  segment: 'segments',
  document: 'documents',
  'document-frequency': 'documents',
  overlap: 'span checks',
  character: 'characters',
};

/** A coefficient as text: three decimals, `n/a` when undefined, `†` when alpha is 1 by the no-variation convention. */
export function formatStat(s: Stat): string {
  if (s.value === null) return 'n/a';
  const text = s.value.toFixed(3);
  return s.degenerate === 'no-variation' ? `${text}†` : text;
}

export function formatPercent(s: Stat): string {
  if (s.value === null) return 'n/a';
  return `${(s.value * 100).toFixed(1)}%`;
}

function kappaName(report: AgreementReport): string {
  return report.coders.length === 2 ? "Cohen's κ" : "Fleiss' κ";
}

function columns(report: AgreementReport): string[] {
  const cols = ['code', UNIT_WORD[report.unit], 'coded', 'agree', 'PA', 'PA coded', report.coders.length === 2 ? 'κ Cohen' : 'κ Fleiss', 'κ BP', 'α'];
  if (report.unit === 'document-frequency') cols.push('α interval');
  return cols;
}

function cells(report: AgreementReport, row: AgreementRow): string[] {
  const out = [row.code === '*' ? 'overall' : row.code, String(row.units), String(row.coded), String(row.agreements), formatPercent(row.percent), formatPercent(row.percentCoded), formatStat(row.kappa), formatStat(row.brennanPrediger), formatStat(row.alpha)];
  if (report.unit === 'document-frequency') out.push(formatStat(row.alphaInterval ?? { value: null }));
  return out;
}

function title(view: AgreementView): string {
  const { report } = view;
  const min = report.unit === 'overlap' ? ` (min overlap ${report.minOverlap})` : '';
  return `Intercoder agreement by ${UNIT_NAMES[report.unit]}${min}: ${report.coders.length} coders, ${report.notes} ${report.notes === 1 ? 'note' : 'notes'}, ${report.segments} ${report.segments === 1 ? 'segment' : 'segments'}`;
}

function coderLines(view: AgreementView): string[] {
  return view.report.coders.map((coder, c) => (view.sources[c] && view.sources[c] !== coder ? `  ${coder}  (${view.sources[c]})` : `  ${coder}`));
}

function legend(report: AgreementReport): string[] {
  const lines = [
    `PA = percent agreement over all ${UNIT_WORD[report.unit]}; PA coded = over those at least one coder coded${report.unit === 'document' ? ' (MAXQDA code existence)' : ''}.`,
    `${kappaName(report)}, κ BP = Brennan & Prediger, α = Krippendorff's alpha (nominal). Formulas: docs/agreement.md; units: docs/agree.md.`,
  ];
  if (report.unit === 'overlap') lines.push(`At the overlap unit PA = matched checks / all checks, and κ BP is MAXQDA's kappa, chance 1/${report.rows.length} (the codes compared); Cohen's/Fleiss' κ and α are not defined: run --unit segment or character for them.`);
  if (hasDegenerate(report)) lines.push('n/a: undefined for these data (no variation or nothing to compare). †: no variation, alpha is 1 by convention.');
  return lines;
}

function hasDegenerate(report: AgreementReport): boolean {
  return [...report.rows, report.overall].some((row) => [row.kappa, row.brennanPrediger, row.alpha, row.percent].some((s) => s.degenerate && s.degenerate !== 'not-defined'));
}

function skippedLines(view: AgreementView): string[] {
  const lines: string[] = [];
  for (const missing of view.skipped.missingNotes) {
    lines.push(`note ${missing.key}: only ${missing.presentFor.map((p) => `${p.coder} (${p.path})`).join(', ')}; missing for ${missing.missingFor.join(', ')}`);
  }
  for (const u of view.skipped.unalignedSegments) {
    const codings = u.codings.length > 0 ? `; ${u.codings.length} ${u.codings.length === 1 ? 'coding' : 'codings'} on it (${[...new Set(u.codings.map((c) => c.code))].join(', ')})` : '';
    lines.push(`${u.note.path}:${u.segment.range.start.line}: segment of ${u.coder} not found for ${u.missingFor.join(', ')}${codings}: "${clip(u.segment.text, 80)}"`);
  }
  for (const p of view.skipped.unplacedCodings) {
    lines.push(`${p.coding.note}:${p.coding.range.start.line}: ${p.coder}'s \`${p.coding.code}\` is outside the compared text`);
  }
  return lines;
}

function clip(text: string, n: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > n ? `${flat.slice(0, n - 1)}…` : flat;
}

function byCode(list: Disagreement[]): Map<string, Disagreement[]> {
  const map = new Map<string, Disagreement[]>();
  for (const d of list) (map.get(d.code) ?? map.set(d.code, []).get(d.code)!).push(d);
  return map;
}

function who(report: AgreementReport, d: Disagreement): string {
  return report.coders.map((coder, c) => `${coder}: ${d.verdicts[c]}`).join(' · ');
}

function agreementTableUnsafe(view: AgreementView, style: Style): string {
  const { report } = view;
  const out: string[] = [];
  if (view.show !== 'disagreements') {
    out.push(style.bold(title(view)), ...coderLines(view), '');
    const rows = [columns(report).map((h) => style.bold(h))];
    for (const row of report.rows) {
      const color = view.codebook.byId.get(row.code)?.color;
      const line = cells(report, row);
      if (color) line[0] = style.hex(color, line[0]);
      if (!view.codebook.byId.has(row.code)) line[0] = `${line[0]} ${style.red('(not in codebook)')}`;
      rows.push(line);
    }
    rows.push(cells(report, report.overall).map((c) => style.bold(c)));
    out.push(alignColumns(rows, columns(report).map((_, i) => i > 0)), '', ...legend(report).map((l) => style.dim(l)));
    if (view.warnings.length > 0) out.push('', ...view.warnings.map((w) => `${style.yellow('warning')}  ${w}`));
    const skipped = skippedLines(view);
    if (skipped.length > 0) out.push('', style.bold(`Not compared (${skipped.length})`), ...skipped.map((l) => `  ${l}`));
  }
  if (view.show !== 'summary') {
    if (out.length > 0) out.push('');
    out.push(style.bold(`Disagreements (${report.disagreements.length})`));
    if (report.disagreements.length === 0) out.push('', 'The coders agree on every unit compared.');
    for (const [code, list] of byCode(report.disagreements)) {
      const entry = view.codebook.byId.get(code);
      out.push('', `${style.bold(code)}${entry ? ` ${style.dim(`— ${entry.label}`)}` : ` ${style.red('(not in codebook)')}`}  ${style.dim(`${list.length} ${list.length === 1 ? 'disagreement' : 'disagreements'}`)}`);
      for (const rule of entry?.useWhen ?? []) out.push(`  ${style.green('use when')}  ${rule}`);
      for (const rule of entry?.notWhen ?? []) out.push(`  ${style.red('not when')}  ${rule}`);
      for (const d of list) {
        out.push(`  ${style.cyan(`${d.path}:${d.line}`)}  ${who(report, d)}`);
        out.push(`    "${d.quote}"`);
      }
    }
  }
  return `${out.join('\n')}\n`;
}

export function agreementMarkdown(view: AgreementView): string {
  const { report } = view;
  const out: string[] = [];
  if (view.show !== 'disagreements') {
    out.push(`# ${escapeMarkdownText(title(view))}`, '', ...view.report.coders.map((coder, c) => `- ${markdownCode(coder)}${view.sources[c] && view.sources[c] !== coder ? `: ${escapeMarkdownText(view.sources[c])}` : ''}`), '');
    const header = columns(report).map(escapeMarkdownText);
    out.push(`| ${header.join(' | ')} |`, `| ${header.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`);
    for (const row of [...report.rows, report.overall]) {
      const line = cells(report, row);
      line[0] = row.code === '*' ? '**overall**' : `${markdownCode(row.code)}${view.codebook.byId.has(row.code) ? '' : ' (not in codebook)'}`;
      out.push(`| ${line.join(' | ')} |`);
    }
    out.push('', ...legend(report).map((l) => `_${escapeMarkdownText(l)}_`));
    if (view.warnings.length > 0) out.push('', ...view.warnings.map((w) => `> **Warning:** ${escapeMarkdownText(w)}`));
    const skipped = skippedLines(view);
    if (skipped.length > 0) out.push('', `## Not compared (${skipped.length})`, '', ...skipped.map((l) => `- ${escapeMarkdownText(l)}`));
    out.push('');
  }
  if (view.show !== 'summary') {
    out.push(`## Disagreements (${report.disagreements.length})`, '');
    if (report.disagreements.length === 0) out.push('The coders agree on every unit compared.', '');
    for (const [code, list] of byCode(report.disagreements)) {
      const entry = view.codebook.byId.get(code);
      out.push(`### ${markdownCode(code)}${entry ? ` — ${escapeMarkdownText(entry.label)}` : ' (not in codebook)'} (${list.length})`, '');
      for (const rule of entry?.useWhen ?? []) out.push(`- **Use when:** ${escapeMarkdownText(rule)}`);
      for (const rule of entry?.notWhen ?? []) out.push(`- **Not when:** ${escapeMarkdownText(rule)}`);
      if ((entry?.useWhen.length ?? 0) + (entry?.notWhen.length ?? 0) > 0) out.push('');
      for (const d of list) {
        out.push(`- ${markdownCode(`${d.path}:${d.line}`)} — ${escapeMarkdownText(who(report, d))}`, `  > ${escapeMarkdownText(d.quote)}`);
      }
      out.push('');
    }
  }
  return out.join('\n');
}

function csvNumber(s: Stat | undefined): number | '' {
  // A number, not a string, so that a negative kappa is not taken for a formula.
  return s && s.value !== null ? Number(s.value.toFixed(6)) : '';
}

/** CSV: the summary (one row per code, then `*` overall), or with `show: 'disagreements'` one row per disagreement. */
export function agreementCsv(view: AgreementView): string {
  const { report } = view;
  if (view.show === 'disagreements') {
    const header = ['code', 'note', 'path', 'line', 'column', 'quote', ...report.coders];
    const records = report.disagreements.map((d) => [d.code, d.note, d.path, d.line, d.column, d.quote, ...d.verdicts]);
    return toCsv(header, records);
  }
  const header = ['unit', 'code', 'units', 'coded', 'agreements', 'percent', 'percent_coded', 'kappa', 'kappa_kind', 'brennan_prediger', 'alpha', 'alpha_interval', 'degenerate', ...report.coders.map((c) => `coded_by:${c}`)];
  const records = [...report.rows, report.overall].map((row) => [
    report.unit,
    row.code,
    row.units,
    row.coded,
    row.agreements,
    csvNumber(row.percent),
    csvNumber(row.percentCoded),
    csvNumber(row.kappa),
    row.kappa.kind,
    csvNumber(row.brennanPrediger),
    csvNumber(row.alpha),
    csvNumber(row.alphaInterval),
    [...new Set([row.kappa, row.alpha, row.brennanPrediger].map((s) => s.degenerate).filter((d) => d && d !== 'not-defined'))].join(' '),
    ...row.perCoder,
  ]);
  return toCsv(header, records);
}

export function agreementJson(view: AgreementView): string {
  const { report } = view;
  const row = (r: AgreementRow) => ({ ...r, code: r.code === '*' ? null : r.code });
  const shape = {
    fieldcode: AGREEMENT_JSON_VERSION,
    unit: report.unit,
    ...(report.minOverlap !== undefined ? { minOverlap: report.minOverlap } : {}),
    codebook: { name: view.codebook.name, version: view.codebook.version },
    coders: report.coders.map((coder, c) => ({ name: coder, source: view.sources[c] ?? coder })),
    notes: report.notes,
    segments: report.segments,
    characters: report.characters,
    codes: report.rows.map(row),
    overall: row(report.overall),
    warnings: view.warnings,
    disagreements: report.disagreements,
    notCompared: {
      notes: view.skipped.missingNotes,
      segments: view.skipped.unalignedSegments.map((u) => ({ note: u.key, coder: u.coder, path: u.note.path, line: u.segment.range.start.line, text: u.segment.text, missingFor: u.missingFor, codes: u.codings.map((c) => c.code) })),
      codings: view.skipped.unplacedCodings.map((p) => ({ note: p.key, coder: p.coder, path: p.coding.note, line: p.coding.range.start.line, code: p.coding.code })),
    },
    ...(report.characterRows ? { characterRows: report.characterRows } : {}),
  };
  return `${JSON.stringify(shape, null, 2)}\n`;
}

export const agreementTable = forTerminal(agreementTableUnsafe);
