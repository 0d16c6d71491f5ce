// The plain text a note is exported as, and the map from file offsets to it.
//
// Choice (docs/refi-qda.md): the exported text is the note body — the file text
// after the front matter block — with fieldcode's tag markup removed and line
// ends normalised to LF. Markdown syntax stays visible (NOTES.md §3.7 rule 5),
// so headings, speaker labels and paragraphs read as in the source. Tag markup
// is only removed inside segments, and only characters the parser left out of
// the segment's clean text (`Segment.offsets`) are removed, so the export agrees
// with the parser on what is markup.
import type { Note, Segment } from '../types.js';
import { isHighSurrogate, isLowSurrogate } from '../model/offsets.js';
import { CODE_ID_CHAR, CODE_ID_START, SPAN_CLOSE, TAG_BLOCKER } from '../model/grammar.js';
import { expandOffsets } from '../model/offset-map.js';

export interface PlainText {
  /** The exported text: LF line ends, no BOM, no tag markup. */
  text: string;
  /** Its length in Unicode code points. */
  length: number;
  /** Code-point index in `text` of a UTF-16 offset into `Note.text` (end-exclusive friendly). */
  toCodePoint(fileOffset: number): number;
  /** The text between two code-point indexes. */
  slice(start: number, end?: number): string;
  /** UTF-16 index in `text` of a code-point index (for NVivo-style offsets). */
  unitOf(codePoint: number): number;
}

/** UTF-16 offset where the note body starts (after the front matter and its line end). */
export function bodyStart(note: Note): number {
  if (!note.frontMatter) return 0;
  let at = note.frontMatter.end.offset;
  const fence = note.text.slice(Math.max(0, at - 3), at);
  if (fence === '---' || fence === '...') {
    if (note.text.startsWith('\r\n', at)) at += 2;
    else if (note.text[at] === '\n') at += 1;
  }
  return at;
}

/**
 * Marks the tag markup of one segment in `removed`, following the parser's
 * rules (src/core/inline.ts): `[words]{#a #b}` keeps `words`; a `#code-id` tag
 * is removed when no letter, digit or `_&/\\:#` stands before it, with trailing
 * `._-` left as punctuation; `\\#` is a literal hash. A `#` the parser kept in
 * the segment's clean text is never removed.
 */
function markSegment(text: string, segment: Segment, removed: Uint8Array): void {
  const start = segment.range.start.offset;
  const end = Math.min(segment.range.end.offset, text.length);
  const offsets = expandOffsets(segment.offsets);
  const inText = new Set(offsets);
  // What the clean text shows at a file offset (a folded space borrows the offset
  // before the next character, so membership alone cannot tell a literal `\`).
  const shown = new Map<number, string>();
  offsets.forEach((offset, k) => shown.set(offset, segment.text[k]));

  // Spans: `[words]{#a #b}` keeps `words`.
  const open: number[] = [];
  for (let i = start; i < end; i++) {
    const ch = text[i];
    if (ch === '\\') {
      i++;
      continue;
    }
    if (ch === '[') open.push(i);
    else if (ch === ']' && text[i + 1] === '{') {
      const close = SPAN_CLOSE.exec(text.slice(i, Math.min(end, i + 1000)));
      const hash = close ? text.indexOf('#', i) : -1;
      if (close && !inText.has(hash)) {
        const o = open.pop();
        if (o !== undefined) removed[o] = 1;
        removed.fill(1, i, i + close[0].length);
        i += close[0].length - 1;
        continue;
      }
    }
    if (ch === ']') open.pop();
  }

  for (let i = start; i < end; i++) {
    if (removed[i]) continue;
    const ch = text[i];
    // `\#` is a literal hash: the backslash is escape syntax.
    if (ch === '\\' && text[i + 1] === '#' && shown.get(i + 1) === '#' && shown.get(i) !== '\\') {
      removed[i] = 1;
      i++;
      continue;
    }
    if (ch !== '#' || inText.has(i) || i + 1 >= end || !CODE_ID_START.test(text[i + 1])) continue;
    if (i > start && TAG_BLOCKER.test(text[i - 1])) continue;
    let j = i + 1;
    while (j < end && CODE_ID_CHAR.test(text[j])) j++;
    while (j > i + 1 && /[._-]/.test(text[j - 1])) j--;
    if (/[A-Z]/.test(text.slice(i + 1, j))) continue;
    removed.fill(1, i, j);
    // Take one run of blanks with the tag, so "hard #tag." reads "hard.".
    let k = i - 1;
    while (k >= start && (text[k] === ' ' || text[k] === '\t') && !removed[k]) k--;
    if (k < i - 1) removed.fill(1, k + 1, i);
    else if (k < start || text[k] === '\n') {
      let m = j;
      while (m < end && (text[m] === ' ' || text[m] === '\t')) m++;
      removed.fill(1, j, m);
    }
    i = j - 1;
  }
}

/** The exported plain text of a note, with its offset map. */
export function notePlainText(note: Note): PlainText {
  const text = note.text;
  const from = bodyStart(note);
  const removed = new Uint8Array(text.length);
  removed.fill(1, 0, from);
  for (const segment of note.segments) markSegment(text, segment, removed);

  const parts: string[] = [];
  // cpBefore[i]: code points written for file positions < i.
  const cpBefore = new Uint32Array(text.length + 1);
  const cpToUnit: number[] = [];
  let cp = 0;
  let units = 0;
  for (let i = 0; i < text.length; i++) {
    cpBefore[i] = cp;
    if (removed[i]) continue;
    const code = text.charCodeAt(i);
    if (code === 0x0d) {
      if (text.charCodeAt(i + 1) === 0x0a) continue; // CRLF: the LF stands for the pair
      parts.push('\n');
    } else if (isLowSurrogate(code) && i > 0 && !removed[i - 1] && isHighSurrogate(text.charCodeAt(i - 1))) {
      parts.push(text[i]);
      units++;
      continue; // second half of a pair: same code point
    } else {
      parts.push(text[i]);
    }
    cpToUnit.push(units);
    units++;
    cp++;
  }
  cpBefore[text.length] = cp;
  cpToUnit.push(units);
  const out = parts.join('');
  return {
    text: out,
    length: cp,
    toCodePoint(fileOffset: number): number {
      if (fileOffset <= 0) return 0;
      if (fileOffset >= text.length) return cp;
      return cpBefore[fileOffset];
    },
    unitOf(codePoint: number): number {
      return cpToUnit[Math.max(0, Math.min(codePoint, cp))];
    },
    slice(start: number, end: number = cp): string {
      const s = Math.max(0, Math.min(start, cp));
      const e = Math.max(s, Math.min(end, cp));
      return out.slice(cpToUnit[s], cpToUnit[e]);
    },
  };
}
