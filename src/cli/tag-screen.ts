// What the tagger shows: the segment with its context above the code list,
// and the list's entries (applied and suggested codes first).
import type { Code, Coding, Note, Segment } from '../types.js';
import { matchSegment, type Matcher } from '../codebook/match.js';
import type { TextRange } from '../core/write-inline.js';
import type { Style } from '../reporters/style.js';
import { escapeControls, terminalSafe } from '../reporters/terminal.js';
import { truncateColumns, wrapWords } from '../reporters/wrap.js';
import type { PickerChoice } from './code-picker.js';

/** Codes the codebook suggests for a segment (or for a range of it), not yet applied; code → matched words. */
export function suggestionsFor(segment: Segment, matchers: Matcher[], tags: Set<string>, others: Map<string, string>, range?: TextRange): Map<string, string> {
  const found = new Map<string, string>();
  for (const match of matchSegment(segment, matchers)) {
    if (tags.has(match.code) || others.has(match.code) || found.has(match.code)) continue;
    if (range && (match.start < range.start || match.end > range.end)) continue;
    found.set(match.code, match.matched);
  }
  return found;
}

/** Applied and suggested codes first, so they show on the first page; the rest in codebook order. */
export function pinChecked(choices: PickerChoice[]): PickerChoice[] {
  const pinned = choices.filter((c) => c.checked || c.note !== undefined).map((c) => ({ ...c, depth: 0 }));
  if (pinned.length === 0) return choices;
  return [...pinned, ...choices.filter((c) => !(c.checked || c.note !== undefined))];
}

export function choiceFor(code: Code, checked: boolean, matched: string | undefined, other: string | undefined, rejected = false): PickerChoice {
  const notes: string[] = [];
  if (matched !== undefined) notes.push(`${rejected ? 'rejected suggestion' : 'suggested'}: “${truncate(matched, 30)}”`);
  if (other) notes.push(`applied as ${other}`);
  const choice: PickerChoice = { value: code.id, label: escapeControls(code.label), depth: code.depth, checked };
  if (notes.length) choice.note = notes.join(', ');
  if (code.definition) choice.description = escapeControls(code.definition);
  return choice;
}

/** A snippet of note or codebook text for the screen: shortened, and with control bytes shown escaped. */
export function truncate(text: string, width: number): string {
  const shown = escapeControls(text);
  return truncateColumns(shown, width);
}


/** What the researcher sees above the code list. */
export function screen(
  note: Note,
  path: string,
  segment: Segment,
  applied: Coding[],
  codes: Map<string, Code>,
  position: number,
  total: number,
  coded: number,
  style: Style,
  columns: number,
  textLines = Number.POSITIVE_INFINITY,
): string {
  const width = Math.max(30, Math.min(columns, 100) - 4);
  const lines: string[] = [''];
  const rule = '─'.repeat(Math.max(0, Math.min(columns, 100) - 1));
  lines.push(style.dim(rule));
  const title = typeof note.data.title === 'string' ? note.data.title : typeof note.data.id === 'string' ? note.data.id : '';
  lines.push(`${style.bold(`${path}:${segment.range.start.line}`)}${title ? `  ${style.dim(title)}` : ''}`);
  const trail = segment.headings.join(' › ');
  const who = [segment.speaker ? `speaker ${style.cyan(segment.speaker)}` : '', trail ? style.dim(trail) : ''].filter(Boolean).join('  ·  ');
  if (who) lines.push(who);
  lines.push(style.dim(`segment ${position + 1} of ${total}, ${coded} coded`));
  lines.push('');
  const previous = note.segments[segment.index - 1];
  const next = note.segments[segment.index + 1];
  const context = (s: Segment): string => `${s.speaker ? `${escapeControls(s.speaker)}: ` : ''}${truncate(s.text, width * 2)}`;
  // In a short terminal the neighbours get one line each and the segment the
  // rest, cut with … (the whole text is in the note).
  const neighbourLines = textLines >= 9 ? 3 : 1;
  const fit = (wrapped: string[], max: number): string[] => (wrapped.length <= max ? wrapped : [...wrapped.slice(0, max - 1), `${truncate(wrapped[max - 1], width - 2)} …`]);
  const before = previous ? fit(wrapWords(context(previous), width), neighbourLines) : [];
  const after = next ? fit(wrapWords(context(next), width), neighbourLines) : [];
  const body = escapeControls(`${segment.speaker ? `${segment.speaker}: ` : ''}${segment.text}`);
  for (const line of before) lines.push(`  ${style.dim(line)}`);
  for (const line of fit(wrapWords(body, width), Math.max(1, textLines - before.length - after.length))) lines.push(`${style.cyan('▌')} ${line}`);
  for (const line of after) lines.push(`  ${style.dim(line)}`);
  lines.push('');
  if (applied.length > 0) {
    const shown = applied.map((c) => {
      const label = codes.get(c.code) ? `#${c.code}` : style.red(`#${c.code} (not in codebook)`);
      return c.origin === 'inline-tag' ? label : c.origin === 'inline-span' ? `[${truncate(c.text, 30)}]{${label}}` : `${label} (${c.origin})`;
    });
    lines.push(`Applied: ${shown.join('  ')}`);
  } else lines.push(style.dim('Applied: (none yet)'));
  return terminalSafe(`${lines.join('\n')}\n`, style.color);
}
