// Whisper / WhisperX TXT with diarization: one segment per line,
// `[SPEAKER_00]: text`, no timestamps; consecutive lines of one speaker are
// merged into a turn afterwards.
//
// Grammar:
//   file = ( line NL )*
//   line = "[" label "]: " text | text     ; a line without label has no speaker
import type { TranscriptTurn } from '../types.js';
import type { ReadOutput } from '../read-output.js';
import type { Report } from '../diagnostics.js';
import { squash } from '../text.js';

const LINE = /^\[([^\]\n]{1,60})\]:[ \t]?(.*)$/;

export function readWhisperTxt(text: string, _report: Report): ReadOutput | null {
  const turns: TranscriptTurn[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    const m = LINE.exec(line);
    turns.push({ speaker: m ? m[1].trim() : null, start: null, end: null, text: squash(m ? m[2] : line), line: i + 1 });
  });
  return { turns };
}
