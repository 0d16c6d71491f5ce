// Whisper TSV: `start⇥end⇥text` header, then one segment per line with
// integer milliseconds. Whisper writes no speaker column, even when diarized.
//
// Grammar:
//   file    = "start\tend\ttext" NL ( segment NL? )*
//   segment = ms "\t" ms "\t" text     ; ms = digits (integer milliseconds)
import type { TranscriptTurn } from '../types.js';
import type { ReadOutput } from '../read-output.js';
import type { Report } from '../diagnostics.js';
import { squash } from '../text.js';
import { checkTimes } from '../ranges.js';

const ROW = /^(\d{1,10})\t(\d{1,10})\t(.*)$/;

export function readWhisperTsv(text: string, report: Report): ReadOutput | null {
  const lines = text.split('\n');
  if (!/^start\tend\ttext\s*$/.test(lines[0])) {
    report(1, 'error', 'transcript-syntax', 'a whisper TSV file starts with the header `start⇥end⇥text`');
    return null;
  }
  const turns: TranscriptTurn[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === '') continue;
    const m = ROW.exec(line);
    if (!m) {
      const last = i === lines.length - 1 && !text.endsWith('\n');
      if (last && /^\d*(?:\t\d*)?$/.test(line)) {
        report(i + 1, 'error', 'transcript-truncated', `the file ends inside a segment: \`${line}\``);
        return null;
      }
      report(i + 1, 'warning', 'transcript-bad-timing', `segment ${i}: expected \`start⇥end⇥text\` in integer milliseconds; line skipped`);
      continue;
    }
    turns.push({ speaker: null, start: Number(m[1]) / 1000, end: Number(m[2]) / 1000, text: squash(m[3]), line: i + 1, cue: String(i) });
  }
  checkTimes(turns, report);
  return { turns };
}
