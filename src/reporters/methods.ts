// The methods appendix as Markdown (HTML: html/methods.ts renders the same sections).
import { createRequire } from 'node:module';
import type { Methods } from '../core/methods.js';
import { CODE_NOT_MEANING, cellLabel, cellStatement, parameterSentence, SATURATION_CITATION } from './saturation.js';
import { escapeMarkdownText, markdownCode } from './markdown-escape.js';

const pkg = createRequire(import.meta.url)('../../package.json') as { version: string };
export const FIELDCODE_VERSION = pkg.version;

export const COUNTING_RULES = [
  'A segment is one paragraph of a note (a paragraph, list item, quotation or table cell), with its speaker label taken off; it is the unit every share is counted in.',
  'A code counts a segment once however many times it is applied there; a parent code counts the segments of its sub-codes.',
  'A document is one note: a code’s documents are the notes with at least one segment coded with it.',
  'A speaker is a participant of a note (the `**Name:**` label of a turn); the same label in two notes is two speakers unless the notes give the participant the same `id`.',
  'A share is coded segments divided by all segments of the cell (group, phase, …), so cells of different sizes compare.',
  'Words are runs of letters or digits in the segments’ text, without markup.',
];

export interface MethodsRender {
  title: string;
  /** The git commit, when asked for (`methods --commit`). */
  commit?: string;
}

const pct = (share: number | null): string => (share === null ? '–' : `${(share * 100).toFixed(1)}%`);
const stat = (s: { value: number | null }): string => (s.value === null ? 'undefined' : s.value.toFixed(3));

/** Section titles and bodies as plain data, shared by Markdown and HTML. */
export interface MethodsSection {
  title: string;
  paragraphs: string[];
  table?: { head: string[]; rows: string[][]; right: boolean[] };
  list?: Array<{ depth: number; text: string }>;
}

export function methodsSections(m: Methods, render: MethodsRender): MethodsSection[] {
  const sections: MethodsSection[] = [];
  sections.push({
    title: 'Sample',
    paragraphs: [`${m.totals.notes} notes, ${m.totals.segments} segments, ${m.totals.words} words${m.by.length ? `, per ${m.by.join(' × ')}` : ''}.`],
    table: { head: [...m.by, 'notes', 'segments', 'words'], rows: [...m.sample.map((r) => [...m.by.map((b) => r.cell[b]), String(r.notes), String(r.segments), String(r.words)]), [...m.by.map((_, i) => (i === 0 ? 'total' : '')), String(m.totals.notes), String(m.totals.segments), String(m.totals.words)]], right: [...m.by.map(() => false), true, true, true] },
  });
  const coderText = m.coders.length === 0 ? 'No codings.' : `${m.coders.length} ${m.coders.length === 1 ? 'coder' : 'coders'}: ${m.coders.map((c) => `${c.coder} (${c.codings} codings in ${c.notes} notes)`).join('; ')}.`;
  sections.push({ title: 'Coders', paragraphs: [coderText, `Double-coded: ${m.doubleCoded.segments} of ${m.doubleCoded.coded} coded segments (${pct(m.doubleCoded.share)}) were coded by two or more coders.`] });
  const a = m.agreement;
  const r = m.reconcile;
  const resolved = !r
    ? 'How disagreements were resolved is not recorded in this appendix: the project has no `reconcile-log.txt` (`fieldcode reconcile`).'
    : 'error' in r
      ? `The decision log \`${r.file}\` could not be read (${r.error}).`
      : `Disagreements between ${r.coders.a} (a) and ${r.coders.b} (b) were resolved with \`fieldcode reconcile\` into the consensus coder ${r.consensus}: ${r.decisions} ${r.decisions === 1 ? 'decision' : 'decisions'} (kept a: ${r.takes.a}, kept b: ${r.takes.b}, both: ${r.takes.both}, neither: ${r.takes.neither}, edited: ${r.takes.edit}), ${r.withCriterion} citing a codebook criterion, by ${r.who.join(', ')}${r.from ? `, ${r.from.slice(0, 10)} to ${r.to.slice(0, 10)}` : ''}; the log is \`${r.file}\`.`;
  if (!a) {
    sections.push({ title: 'Agreement', paragraphs: [m.coders.length <= 1 ? 'One coder coded the corpus: there is no intercoder agreement to report.' : 'No notes were coded by two coders.', resolved] });
  } else {
    sections.push({
      title: 'Agreement',
      paragraphs: [
        `Unit: the segment (${a.segments} segments of ${a.notes} notes coded by ${a.coders.join(', ')}). For each code, a unit is coded or not by each coder; statistics: percent agreement, ${a.overall.kappa.kind === 'cohen' ? 'Cohen’s' : 'Fleiss’'} κ and Krippendorff’s α (nominal), per code and over all codes (see docs/agreement.md).`,
        resolved,
      ],
      table: { head: ['code', 'units', 'agreement', 'κ', 'α'], rows: [...a.rows, a.overall].map((r) => [r.code === '*' ? 'all codes' : r.code, String(r.units), pct(r.percent.value), stat(r.kappa), stat(r.alpha)]), right: [false, true, true, true, true] },
    });
  }
  if ('undated' in m.saturation) sections.push({ title: 'Saturation', paragraphs: [`Not assessed: ${m.saturation.undated} notes have no \`date\` to order them by.`] });
  else {
    const s = m.saturation;
    sections.push({ title: 'Saturation', paragraphs: [`Code saturation after ${SATURATION_CITATION}. ${parameterSentence(s)}`, ...s.cells.map((c) => `${cellLabel(s, c)}: ${cellStatement(s, c)}.`), CODE_NOT_MEANING] });
  }
  sections.push({
    title: 'Codebook',
    paragraphs: [`${m.codebook.name}, version ${m.codebook.version}; content hash sha256:${m.codebook.hash} (ids, labels, definitions, rules and hierarchy).`],
    list: m.codebook.codes.map((c) => ({ depth: c.depth, text: `${c.label} (\`${c.id}\`)${c.definition ? `: ${c.definition.trim().replace(/\s+/g, ' ')}` : ''}` })),
  });
  sections.push({ title: 'Counting rules', paragraphs: COUNTING_RULES });
  const p = m.pseudonyms;
  sections.push({
    title: 'Pseudonyms',
    paragraphs: [
      `${p.withPseudonym} of ${p.participants} participant entries in the notes’ front matter declare a pseudonym; a participant without one is published as P1, P2, … in a pseudonymised report. Pseudonymised reports replace every speaker label and every name of a note’s participants (in any case or Unicode form), publish a note whose file name holds a name under its id, and are refused while a name would remain.`,
      p.pseudonymizedReports.length > 0 ? `Declared reports published with pseudonyms: ${p.pseudonymizedReports.join(', ')}.` : 'No declared report is pseudonymised.',
    ],
  });
  sections.push({
    title: 'Provenance',
    paragraphs: [
      `fieldcode ${FIELDCODE_VERSION}. Inputs (notes, codebook, variables): sha256:${m.inputsHash}.`,
      render.commit ? `Git commit: ${render.commit}.` : 'The git commit is not part of a committed appendix (it would change with every commit); `fieldcode methods --commit` adds it.',
    ],
  });
  return sections;
}

/** Backticks in the section text mark code; the rest is escaped. */
function inline(text: string): string {
  return text.split(/(`[^`]+`)/).map((part) => (part.startsWith('`') && part.endsWith('`') && part.length > 1 ? markdownCode(part.slice(1, -1)) : escapeMarkdownText(part))).join('');
}

export function methodsMarkdown(m: Methods, render: MethodsRender): string {
  const out = [`# ${escapeMarkdownText(render.title)}`, ''];
  for (const section of methodsSections(m, render)) {
    out.push(`## ${escapeMarkdownText(section.title)}`, '');
    for (const p of section.paragraphs) out.push(inline(p), '');
    if (section.table) {
      const t = section.table;
      out.push(`| ${t.head.map(escapeMarkdownText).join(' | ')} |`, `| ${t.right.map((r) => (r ? '---:' : '---')).join(' | ')} |`);
      for (const row of t.rows) out.push(`| ${row.map(escapeMarkdownText).join(' | ')} |`);
      out.push('');
    }
    if (section.list) {
      for (const item of section.list) out.push(`${'  '.repeat(item.depth)}- ${inline(item.text)}`);
      out.push('');
    }
  }
  return out.join('\n');
}
