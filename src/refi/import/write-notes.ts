// Step 7a of a .qdpx import: a note per source (front matter with its
// variable values, the text as Markdown or plain text) and, when it has
// codings, a standoff file beside it.
import { Document } from 'yaml';
import type { FrontMatterValue, ImportedFile } from '../../types.js';
import { codePointLength, OffsetIndex } from '../../model/offsets.js';
import { serializeStandoff, standoffCodingFromSpan, type StandoffCoding } from '../../standoff/format.js';
import { normalizeGuid } from '../guid.js';
import { diag, type QdeContext, type SourceInfo, type Value } from './context.js';
import { escapeTags, survivesAsMarkdown } from './markdown.js';
import { ownStem, safeFileName } from './names.js';

export interface NoteFiles {
  files: ImportedFile[];
  /** Source guid → the path of its note, for memos about it. */
  notePaths: Map<string, string>;
  /** Every coder of a coding, for the project's `coder`. */
  coders: Set<string>;
}

/**
 * Source names are display names; in fieldcode's own exports the note's
 * folders are joined to its name with `--`, and its path is in the description.
 */
export function writeNotes(sources: SourceInfo[], variableNames: string[], notesDir: string, ownExport: boolean, ctx: QdeContext): NoteFiles {
  const files: ImportedFile[] = [];
  const usedNames = new Set<string>();
  const coders = new Set<string>();
  const notePaths = new Map<string, string>();
  for (const source of sources) {
    const display = source.name.replace(/\.(txt|md|docx?|rtf)$/i, '');
    let stem = (ownExport && ownStem(display, source.path)) || safeFileName(display);
    if (usedNames.has(stem.toLowerCase())) {
      let n = 2;
      while (usedNames.has(`${stem}-${n}`.toLowerCase())) n++;
      stem = `${stem}-${n}`;
    }
    usedNames.add(stem.toLowerCase());
    const note = noteText(source, variableNames);
    const notePath = `${notesDir}/${stem}.md`;
    notePaths.set(normalizeGuid(source.guid), notePath);
    files.push({ path: notePath, content: note.content });
    if (source.text.trim() === '') ctx.diagnostics.push(diag(ctx.file, source.element.line, source.element.column, 'warning', `Source "${source.name}" has no text`, 'refi-empty-source'));
    if (source.codings.length > 0) {
      for (const c of source.codings) coders.add(c.coder);
      files.push({ path: `${notesDir}/${stem}.codings.yaml`, content: standoffText(source, stem, note) });
    }
  }
  return { files, notePaths, coders };
}

interface NoteText {
  content: string;
  /** Code points of the front matter, before the text. */
  shift: number;
  /** A code point offset of the source's text to the escaped text. */
  map: (cp: number) => number;
}

/**
 * Markdown when the text is Markdown (fieldcode's own export says so) or reads
 * the same as Markdown; plain text otherwise. In Markdown, whatever would now
 * read as a tag is escaped (`\#`), and offsets move with the inserted backslashes.
 */
function noteText(source: SourceInfo, variableNames: string[]): NoteText {
  const data: Array<[string, Value | FrontMatterValue]> = [];
  for (const name of variableNames) if (source.values.has(name)) data.push([name, source.values.get(name)!]);
  if (source.participants !== undefined) data.push(['participants', source.participants]);
  const markdown = source.format ? source.format === 'markdown' : survivesAsMarkdown(source.text);
  if (!markdown) data.push(['format', 'text']);
  const escaped = markdown ? escapeTags(source.text) : { text: source.text, map: (cp: number) => cp };
  const header = frontMatter(data);
  return { content: header + escaped.text, shift: codePointLength(header), map: escaped.map };
}

/** The standoff file of a source's codings; `coder` once at the top when one coder made them all. */
function standoffText(source: SourceInfo, stem: string, note: NoteText): string {
  const docCoders = [...new Set(source.codings.map((c) => c.coder))];
  const single = docCoders.length === 1 ? docCoders[0] : undefined;
  const codings: StandoffCoding[] = [];
  const index = new OffsetIndex(note.content);
  for (const c of source.codings) {
    const coding = standoffCodingFromSpan(index, note.map(c.start) + note.shift, note.map(c.end) + note.shift, { code: c.code, ...(single ? {} : { coder: c.coder }), ...(c.memo ? { memo: c.memo } : {}) });
    if (coding) codings.push(coding);
  }
  return serializeStandoff({ version: 'standoff/1', note: `${stem.split('/').pop()}.md`, ...(single ? { coder: single } : {}), codings });
}

function frontMatter(data: Array<[string, Value | FrontMatterValue]>): string {
  if (data.length === 0) return '';
  const doc = new Document(Object.fromEntries(data), { version: '1.2' });
  return `---\n${doc.toString({ lineWidth: 0, minContentWidth: 0 })}---\n`;
}
