// Segments are the units of analysis: each paragraph, wherever it stands
// (top level, list item, blockquote, table cell). Headings, code, HTML and
// front matter are never segments.
import { createHash } from 'node:crypto';
import type { Nodes, Root, PhrasingContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { Participant, Segment, SegmentKind } from '../types.js';
import { collectChars, scanInline, type InlineProblem, type InlineSpan } from './inline.js';
import type { LineIndex } from '../model/offsets.js';
import { MAX_NESTING } from './nesting.js';
import { offsetMap } from '../model/offset-map.js';
import { TURN_TIME, turnSeconds } from './turn-time.js';

export interface SegmentedParagraph {
  segment: Segment;
  tags: Array<{ code: string; offset: number }>;
  spans: InlineSpan[];
  problems: InlineProblem[];
}

export interface SegmentOptions {
  path: string;
  text: string;
  lines: LineIndex;
  participants: Participant[];
}

/** Finds the segments of a Markdown note and the inline codings written in them. */
export function segmentMarkdown(tree: Root, options: SegmentOptions): SegmentedParagraph[] {
  const found: SegmentedParagraph[] = [];
  const headings: string[] = [];
  // The trail under the current heading, shared by every segment below it
  // (a copy per segment was about 9% of what a corpus kept). Entries for
  // skipped heading levels are empty and left out.
  let trail: string[] = [];
  const ids = new Map<string, number>();
  // Plain labels (`Interviewer:`) that open paragraphs but name no declared participant.
  const unlisted = new Map<string, { paragraph: SegmentedParagraph; offset: number; count: number }>();

  const add = (children: PhrasingContent[], kind: SegmentKind, start: number, end: number): void => {
    const inline = scanInline(collectChars(children, options.text, end - start + 1));
    // `[00:12:31] **Anna:** …`: the bold label may follow a time stamp.
    const first = children[0];
    const timeLead = first?.type === 'text' && TURN_TIME.exec(first.value)?.[0].length === first.value.length;
    const strongLead = (timeLead ? children[1] : first)?.type === 'strong';
    const { text, offsets, speaker, time } = takeTurnHead(inline.text, inline.offsets, strongLead, options.participants, (at) => options.text[at - 1] === '\\');
    if (text.length === 0 && inline.tags.length === 0 && inline.spans.length === 0) return;
    const shift = inline.text.length - text.length;
    const segment: Segment = {
      id: segmentId(options.path, text, ids),
      note: options.path,
      index: found.length,
      kind,
      range: options.lines.range(start, end),
      headings: trail,
      time,
      text,
      offsets: offsetMap(offsets),
    };
    if (speaker) segment.speaker = speaker;
    const spans = inline.spans.map((span) => ({
      ...span,
      textStart: Math.max(0, span.textStart - shift),
      textEnd: Math.max(0, span.textEnd - shift),
    }));
    const paragraph: SegmentedParagraph = { segment, tags: inline.tags, spans, problems: inline.problems };
    found.push(paragraph);
    const label = speaker === undefined ? unlistedLabel(text, options.participants) : undefined;
    if (label !== undefined) {
      const seen = unlisted.get(label);
      if (seen) seen.count++;
      else unlisted.set(label, { paragraph, offset: offsets[0], count: 1 });
    }
  };

  // An explicit stack instead of recursion: a deeply nested note cannot
  // overflow the call stack, and nesting past MAX_NESTING is not walked
  // (readNote refuses such notes before parsing; this is the backstop).
  const stack: { node: Nodes; kind: SegmentKind; topLevel: boolean; depth: number }[] = [{ node: tree, kind: 'paragraph', topLevel: true, depth: 0 }];
  const pushChildren = (children: Nodes[], kind: SegmentKind, topLevel: boolean, depth: number): void => {
    if (depth > MAX_NESTING) return;
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i], kind, topLevel, depth });
  };
  while (stack.length > 0) {
    const { node, kind, topLevel, depth } = stack.pop()!;
    switch (node.type) {
      case 'heading': {
        if (topLevel) {
          headings.length = Math.min(headings.length, node.depth - 1);
          while (headings.length < node.depth - 1) headings.push('');
          headings.push(toString(node).trim());
          trail = headings.filter((h) => h.length > 0);
        }
        break;
      }
      case 'paragraph':
        add(node.children, kind, node.position!.start.offset!, node.position!.end.offset!);
        break;
      case 'table':
        // The first row holds column labels, not data.
        for (const row of node.children.slice(1)) {
          for (const cell of row.children) {
            add(cell.children, 'table-cell', cell.position!.start.offset!, cell.position!.end.offset!);
          }
        }
        break;
      case 'listItem':
        pushChildren(node.children, 'list-item', false, depth + 1);
        break;
      case 'blockquote':
        pushChildren(node.children, kind === 'list-item' ? kind : 'blockquote', false, depth + 1);
        break;
      case 'list':
      case 'root':
        pushChildren(node.children as Nodes[], kind, node.type === 'root', depth);
        break;
      default:
        // code, html, yaml, thematicBreak, definition: never segments.
        break;
    }
  }
  // A label that opens several paragraphs is a speaker the front matter forgot
  // (one alone is more likely a sentence such as `Reflection: …`).
  for (const [label, { paragraph, offset, count }] of unlisted) {
    if (count < 2) continue;
    paragraph.problems.push({
      offset,
      ruleId: 'unlisted-speaker',
      severity: 'warning',
      message: `Unexpected speaker label \`${label}:\` (${count} paragraphs) that is not in \`participants\`, so these paragraphs have no speaker; add \`${label}\` to the note's \`participants\`, or write \`**${label}:**\``,
    });
  }
  return found;
}

/** The label of a paragraph that opens like a turn (`Interviewer: …`) when the
 * note lists participants and this label is not one of them. */
function unlistedLabel(text: string, participants: Participant[]): string | undefined {
  if (participants.length === 0) return undefined;
  const match = LABEL.exec(text);
  const label = match?.[1].trim();
  return label !== undefined && PLAIN_LABEL.test(label) ? label : undefined;
}

/** Segments a plain-text note: blocks separated by blank lines, no Markdown, no inline tags. */
export function segmentPlainText(options: SegmentOptions, bodyStart: number): SegmentedParagraph[] {
  const found: SegmentedParagraph[] = [];
  const ids = new Map<string, number>();
  const blocks = /[^\r\n]+(?:\r?\n[ \t]*[^\s][^\r\n]*)*/g;
  const body = options.text.slice(bodyStart);
  for (const match of body.matchAll(blocks)) {
    const start = bodyStart + match.index!;
    const end = start + match[0].length;
    let text = '';
    const offsets: number[] = [];
    let pendingSpace = false;
    for (let i = start; i < end; i++) {
      const ch = options.text[i];
      if (/\s/.test(ch)) {
        pendingSpace = true;
        continue;
      }
      if (pendingSpace && text.length > 0) {
        text += ' ';
        offsets.push(i - 1);
      }
      pendingSpace = false;
      text += ch;
      offsets.push(i);
    }
    if (text.length === 0) continue;
    const speaker = takeTurnHead(text, Int32Array.from(offsets), false, options.participants, () => false);
    const segment: Segment = {
      id: segmentId(options.path, speaker.text, ids),
      note: options.path,
      index: found.length,
      kind: 'paragraph',
      range: options.lines.range(start, end),
      headings: [],
      time: speaker.time,
      text: speaker.text,
      offsets: offsetMap(speaker.offsets),
    };
    if (speaker.speaker) segment.speaker = speaker.speaker;
    found.push({ segment, tags: [], spans: [], problems: [] });
  }
  return found;
}

const LABEL = /^([\p{L}\p{N}][\p{L}\p{N}_.'’ -]{0,40}?)\s?:\s+/u;
const PLAIN_LABEL = /^(?:\p{Lu}[\p{L}\p{N}_-]{0,30}|[A-Z]{1,3}\d{1,4})$/u;

/**
 * A paragraph that opens with `**Anna:**`, `Anna:` or `P03:` has a speaker.
 * A bold label always counts; a plain one counts when it names a declared
 * participant, or, with none declared, when it is one capitalised word or an
 * id like `P03`, so ordinary sentences with a colon are not mistaken for turns.
 */
/**
 * The head of a turn: an optional `[hh:mm:ss]` time stamp before or after the
 * speaker label (`[00:12:31] **Anna:** …`, `Anna: [00:12:31] …`). Neither
 * becomes part of the text. A stamp is read only at the very start of the
 * paragraph or right after its label. In Markdown, an escaped `\[` or `\:`
 * (`escaped` tells, by file offset) is text: that is how an import writes
 * speech that merely looks like a stamp or a label.
 */
function takeTurnHead(
  text: string,
  offsets: Int32Array,
  strongLead: boolean,
  participants: Participant[],
  escaped: (fileOffset: number) => boolean,
): { text: string; offsets: Int32Array; speaker?: string; time: number | null } {
  let time: number | null = null;
  const lead = TURN_TIME.exec(text);
  if (lead && !escaped(offsets[0])) {
    time = turnSeconds(lead);
    text = text.slice(lead[0].length);
    offsets = offsets.subarray(lead[0].length);
  }
  const turn = takeSpeaker(text, offsets, strongLead, participants, escaped);
  if (time === null && turn.speaker) {
    const after = TURN_TIME.exec(turn.text);
    if (after) return { text: turn.text.slice(after[0].length), offsets: turn.offsets.subarray(after[0].length), speaker: turn.speaker, time: turnSeconds(after) };
  }
  return { ...turn, time };
}

function takeSpeaker(
  text: string,
  offsets: Int32Array,
  strongLead: boolean,
  participants: Participant[],
  escaped: (fileOffset: number) => boolean,
): { text: string; offsets: Int32Array; speaker?: string } {
  const match = LABEL.exec(text);
  if (!match || escaped(offsets[match[0].lastIndexOf(':')])) return { text, offsets };
  const label = match[1].trim();
  const declared = participants.some((p) => p.label.toLowerCase() === label.toLowerCase());
  const accepted = strongLead || declared || (participants.length === 0 && PLAIN_LABEL.test(label));
  if (!accepted) return { text, offsets };
  const cut = match[0].length;
  return { text: text.slice(cut), offsets: offsets.subarray(cut), speaker: label };
}

function segmentId(path: string, text: string, seen: Map<string, number>): string {
  const hash = createHash('sha1').update(text).digest('hex').slice(0, 8);
  const count = (seen.get(hash) ?? 0) + 1;
  seen.set(hash, count);
  return `${path}#${hash}${count > 1 ? `-${count}` : ''}`;
}
