// One pure function per output format of `fieldcode practice score`: how a
// student's coding compares with the key, in an encouraging, concrete tone,
// with the codebook's guidance next to every paragraph to look at again.
import type { PracticeCodeRow, PracticeItem, PracticeScore } from '../agreement/practice.js';
import type { Codebook, Code } from '../types.js';
import { formatStat } from './agreement.js';
import { alignColumns, type Style } from './style.js';
import { escapeMarkdownText, markdownCode } from './markdown-escape.js';
import { forTerminal } from './terminal.js';

export interface PracticeView {
  score: PracticeScore;
  codebook: Codebook;
  /** The exercise's title or name. */
  exercise: string;
  /** Display path of the student's folder, for the "next" hints. */
  dir: string;
}

export const PRACTICE_JSON_VERSION = 'practice-score/1';

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The headline and a sentence of encouragement, from the counts alone. */
export function summaryLines(score: PracticeScore): string[] {
  const { found, missed, added, key } = score.overall;
  if (score.overall.you === 0) {
    return [
      'You have not coded anything yet — that is where everyone starts.',
      'Open a note, read a paragraph, and when a working component shows, put its tag at the end, e.g. `#reciprocity`. Then score again.',
    ];
  }
  const lines: string[] = [];
  const share = key === 0 ? null : Math.round((found / key) * 100);
  lines.push(
    key === 0
      ? `The key has no codings in these notes; you added ${plural(added, 'coding')}.`
      : `You found ${found} of the key's ${plural(key, 'coding')} (${share}%)${added > 0 ? `, and added ${plural(added, 'coding')} the key does not have` : ''}.`,
  );
  if (missed === 0 && added === 0) lines.push('You match the key on every paragraph. Excellent work!');
  else if (share !== null && share >= 75) lines.push('That is a strong result. The few differences below are worth a closer look.');
  else if (share !== null && share >= 40) lines.push('A good start: you already see a lot of what the key sees. The differences below show where to sharpen.');
  else lines.push('Coding takes practice, and every difference below is a concrete chance to learn how a code is meant.');
  return lines;
}

function guidance(code: Code | undefined): Array<[string, string]> {
  if (!code) return [['note', 'This code is not in the codebook: check its spelling.']];
  const out: Array<[string, string]> = [];
  if (code.definition) out.push(['definition', code.definition]);
  for (const rule of code.useWhen) out.push(['use when', rule]);
  for (const rule of code.notWhen) out.push(['not when', rule]);
  for (const example of code.examples) out.push(['example', `“${example}”`]);
  return out;
}

function byCode(items: PracticeItem[]): Map<string, PracticeItem[]> {
  const map = new Map<string, PracticeItem[]>();
  for (const item of items) (map.get(item.code) ?? map.set(item.code, []).get(item.code)!).push(item);
  return map;
}

const HEADER = ['code', 'key', 'you', 'found', 'missed', 'added', 'κ'];

function cells(row: PracticeCodeRow, name: string): string[] {
  return [name, String(row.key), String(row.you), String(row.found), String(row.missed), String(row.added), formatStat(row.kappa)];
}

function practiceTextUnsafe(view: PracticeView, style: Style): string {
  const { score, codebook } = view;
  const out: string[] = [style.bold(`Practice score: ${view.exercise}`), style.dim(`${plural(score.notes, 'note')}, ${plural(score.segments, 'paragraph')}, compared paragraph by paragraph with the key`), ''];
  out.push(...summaryLines(score), '');
  // Before any coding, the key stays hidden: listing it would spoil the exercise.
  if (score.overall.you === 0) return `${[...out, nextStep(view)].join('\n')}\n`;
  {
    const rows = [HEADER.map((h) => style.bold(h)), ...score.rows.map((row) => cells(row, row.code)), cells(score.overall, 'all codes').map((c) => style.bold(c))];
    out.push(alignColumns(rows, HEADER.map((_, i) => i > 0)), style.dim("κ = Cohen's kappa between you and the key over every paragraph (1 = the same, 0 = no better than chance)."), '');
  }
  const found = score.items.filter((item) => item.kind === 'found');
  if (found.length > 0) {
    out.push(style.bold(style.green('Well spotted')));
    for (const [code, list] of byCode(found)) out.push(`  ${style.green('✓')} ${code}: ${list.map((item) => `${item.path}:${item.line}`).join(', ')}`);
    out.push('');
  }
  const differences = score.items.filter((item) => item.kind !== 'found');
  if (differences.length > 0) {
    out.push(style.bold('Worth a second look'), style.dim('For each paragraph, reread the code’s guidance and decide whether you would code it again.'), '');
    for (const [code, list] of byCode(differences)) {
      const entry = codebook.byId.get(code);
      out.push(`${style.bold(code)}${entry ? style.dim(` — ${entry.label}`) : ''}`);
      for (const [label, text] of guidance(entry)) out.push(`  ${style.dim(`${label}:`.padEnd(12))}${text}`);
      for (const item of list) {
        const what = item.kind === 'missed' ? style.yellow('missed') + style.dim(' (the key has it, you did not)') : style.cyan('added') + style.dim(' (you have it, the key does not)');
        out.push(`  ${what}  ${item.path}:${item.line}`, `    "${item.quote}"`);
        for (const mix of mixUps(score, item)) out.push(`    ${style.bold(mix)}`);
        for (const line of item.criteria) out.push(`    ${style.dim(`${item.named ? 'the key decides by' : item.kind === 'missed' ? 'applies when' : 'not when'}:`)} ${line}`);
        if (item.why) out.push(`    ${style.dim('why the key codes it so:')} ${item.why}`);
      }
      out.push('');
    }
  }
  out.push(nextStep(view));
  return `${out.join('\n')}\n`;
}

/** "You used X where the key has Y" for a difference that is half of a mix-up on its paragraph. */
function mixUps(score: PracticeScore, item: PracticeItem): string[] {
  const here = score.confusions.filter((c) => c.path === item.path && c.line === item.line && (item.kind === 'added' ? c.used === item.code : c.key === item.code));
  return here.map((c) => `You used ${c.used} where the key has ${c.key}.`);
}

function nextStep(view: PracticeView): string {
  if (view.score.overall.you === 0) return `Next: code the notes in ${view.dir}/notes, then run \`fieldcode practice score ${view.dir}\`.`;
  if (view.score.overall.missed === 0 && view.score.overall.added === 0) return 'Next: try another exercise (`fieldcode practice list`), or code a note of your own.';
  return `Next: adjust your tags where you now agree with the key, and run \`fieldcode practice score ${view.dir}\` again. Where you still disagree, note why: that is a good question for your instructor.`;
}

export function practiceMarkdown(view: PracticeView): string {
  const { score, codebook } = view;
  const out: string[] = [`# Practice score: ${escapeMarkdownText(view.exercise)}`, '', `_${plural(score.notes, 'note')}, ${plural(score.segments, 'paragraph')}, compared paragraph by paragraph with the key._`, '', ...summaryLines(score), ''];
  if (score.overall.you === 0) return [...out, nextStep(view), ''].join('\n');
  {
    out.push(`| ${HEADER.join(' | ')} |`, `| ${HEADER.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`);
    for (const row of score.rows) out.push(`| ${markdownCode(row.code)} | ${cells(row, row.code).slice(1).join(' | ')} |`);
    out.push(`| **all codes** | ${cells(score.overall, '').slice(1).join(' | ')} |`, '');
  }
  const found = score.items.filter((item) => item.kind === 'found');
  if (found.length > 0) {
    out.push('## Well spotted', '');
    for (const [code, list] of byCode(found)) out.push(`- ${markdownCode(code)}: ${list.map((item) => markdownCode(`${item.path}:${item.line}`)).join(', ')}`);
    out.push('');
  }
  const differences = score.items.filter((item) => item.kind !== 'found');
  if (differences.length > 0) {
    out.push('## Worth a second look', '');
    for (const [code, list] of byCode(differences)) {
      const entry = codebook.byId.get(code);
      out.push(`### ${markdownCode(code)}${entry ? ` — ${escapeMarkdownText(entry.label)}` : ''}`, '');
      for (const [label, text] of guidance(entry)) out.push(`- **${label[0].toUpperCase()}${label.slice(1)}:** ${escapeMarkdownText(text)}`);
      out.push('');
      for (const item of list) {
        out.push(`- **${item.kind === 'missed' ? 'Missed' : 'Added'}** ${markdownCode(`${item.path}:${item.line}`)}`, `  > ${escapeMarkdownText(item.quote)}`);
        for (const mix of mixUps(score, item)) out.push(`  - ${escapeMarkdownText(mix)}`);
        for (const line of item.criteria) out.push(`  - ${item.named ? 'The key decides by' : item.kind === 'missed' ? 'Applies when' : 'Not when'}: ${escapeMarkdownText(line)}`);
        if (item.why) out.push(`  - Why the key codes it so: ${escapeMarkdownText(item.why)}`);
      }
      out.push('');
    }
  }
  out.push(nextStep(view), '');
  return out.join('\n');
}

export function practiceJson(view: PracticeView): string {
  const { score } = view;
  const shape = {
    fieldcode: PRACTICE_JSON_VERSION,
    exercise: view.exercise,
    codebook: { name: view.codebook.name, version: view.codebook.version },
    notes: score.notes,
    segments: score.segments,
    summary: summaryLines(score),
    codes: score.rows,
    overall: { ...score.overall, code: null },
    items: score.items,
    confusions: score.confusions,
  };
  return `${JSON.stringify(shape, null, 2)}\n`;
}

export const practiceText = forTerminal(practiceTextUnsafe);
