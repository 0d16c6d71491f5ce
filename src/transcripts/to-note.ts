// A parsed transcript as a fieldcode note: front matter (id, variables, date,
// source, participants) and one paragraph per speaker turn, written
// `[hh:mm:ss] **Label:** text` so the segmenter reads the speaker and the
// time (src/core/segment.ts) and neither becomes coded text. Pure and
// deterministic: the same transcript and options give the same bytes.
import { Document } from 'yaml';
import { isTeamMember } from '../core/pseudonymize.js';
import { formatTurnTime } from '../core/turn-time.js';
import type { Transcript, TranscriptTurn } from './types.js';

/** What a speaker map (or the interactive mapping) says about one transcript label. */
export interface SpeakerMapping {
  /** The name written in the note (default: the label). */
  name?: string;
  pseudonym?: string;
  role?: string;
}

export interface NoteOptions {
  id: string;
  /** The transcript's file name, as shown in `source`. */
  fileName: string;
  /** `--set key=value` pairs, in the order given. */
  variables: Array<[string, string]>;
  /** Label in the transcript → mapping; labels without one are kept as they are. */
  speakers: Map<string, SpeakerMapping>;
}

export interface TranscriptNote {
  text: string;
  /** Labels kept as written in the transcript, with a generated pseudonym. */
  unmapped: string[];
}

/** Characters a speaker label may hold so that `**Label:**` is read as one (src/core/segment.ts LABEL). */
export function noteLabel(label: string): string {
  const cleaned = label
    .replace(/[^\p{L}\p{N}_.'’ -]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .replace(/^[^\p{L}\p{N}]+/u, '')
    .trim()
    .slice(0, 41)
    .trim();
  return cleaned || 'Speaker';
}

/** Escapes what Markdown or fieldcode would read as markup in transcribed speech. */
export function escapeSpeech(text: string): string {
  let out = text.replace(/[\\`*_[\]<>#~&|{}]/g, (ch) => `\\${ch}`);
  // Line-start syntax (lists, headings, quotes, thematic breaks) at the start of a paragraph.
  out = out.replace(/^([-+=])/, '\\$1').replace(/^(\d+)([.)])/, '$1\\$2');
  return out;
}

/** A placeholder pseudonym that is unique across notes, so two unmapped speakers never merge. */
function placeholder(id: string, n: number): string {
  return `${id}-P${n}`;
}

export function transcriptToNote(transcript: Transcript, options: NoteOptions): TranscriptNote {
  // Each distinct transcript label gets one name in the note; two labels mapped to one name share it.
  const nameOf = new Map<string, string>();
  const participants = new Map<string, Record<string, string>>();
  const unmapped: string[] = [];
  let generated = 0;
  for (const label of transcript.speakers) {
    const mapping = options.speakers.get(label);
    const name = noteLabel(mapping?.name?.trim() || label);
    nameOf.set(label, name);
    if (participants.has(name)) continue;
    const entry: Record<string, string> = {};
    if (mapping?.pseudonym) entry.pseudonym = mapping.pseudonym;
    if (mapping?.role) entry.role = mapping.role;
    if (!mapping?.pseudonym && !isTeamMember({ label, role: mapping?.role })) {
      entry.pseudonym = placeholder(options.id, ++generated);
      if (!mapping) unmapped.push(label);
    }
    if (name !== label) entry['recorded-as'] = label;
    participants.set(name, entry);
  }

  const data: Record<string, unknown> = { id: options.id };
  for (const [key, value] of options.variables) data[key] = value;
  if (transcript.date && !options.variables.some(([key]) => key === 'date')) data.date = transcript.date;
  data.source = { file: options.fileName, format: transcript.format };
  if (participants.size > 0) data.participants = Object.fromEntries(participants);
  const doc = new Document(data, { version: '1.2' });
  // Participants one per line as `Label: { pseudonym: … }`, like the README's example.
  const map = doc.get('participants', true) as { items?: Array<{ value: { flow?: boolean } }> } | undefined;
  for (const pair of map?.items ?? []) pair.value.flow = true;
  const source = doc.get('source', true) as { flow?: boolean } | undefined;
  if (source) source.flow = true;
  const header = `---\n${doc.toString({ lineWidth: 0, minContentWidth: 0 })}---\n`;

  const paragraphs: string[] = [];
  if (transcript.preamble?.trim()) {
    for (const block of transcript.preamble.trim().split(/\n[ \t]*\n+/)) {
      paragraphs.push(block.split('\n').map((line) => escapeSpeech(line.trim())).filter(Boolean).join('\n'));
    }
  }
  for (const turn of transcript.turns) paragraphs.push(turnParagraph(turn, turn.speaker === null ? undefined : nameOf.get(turn.speaker)));
  return { text: `${header}\n${paragraphs.filter(Boolean).join('\n\n')}\n`, unmapped };
}

/** Speech that opens like `Word: …` would read as a speaker label (src/core/segment.ts); its colon is escaped. */
const LOOKS_LABELLED = /^([\p{L}\p{N}][\p{L}\p{N}_.'’ -]{0,40}?\s?):(\s)/u;

function turnParagraph(turn: TranscriptTurn, name: string | undefined): string {
  const parts: string[] = [];
  if (turn.start !== null) parts.push(`[${formatTurnTime(turn.start)}]`);
  if (name) parts.push(`**${name}:**`);
  let speech = escapeSpeech(turn.text.replace(/\s+/g, ' ').trim());
  if (!name) speech = speech.replace(LOOKS_LABELLED, '$1\\:$2');
  parts.push(speech);
  return parts.join(' ');
}
