// Whisper, whisper-timestamped and WhisperX JSON.
//
// Shape:
//   { "segments": [ { "start": s, "end": s, "text": "…", "speaker"?: "SPEAKER_00",
//                     "words"?: [ { "word"|"text", "start"?, "end"?, "speaker"? } ] } ], … }
// Times are float seconds (rounded to ms). A segment without `speaker` takes
// the speaker of its first word that has one (WhisperX puts it on words
// too); segment text has a leading space, which is dropped.
import type { Node } from 'jsonc-parser';
import type { TranscriptTurn } from '../types.js';
import type { ReadOutput } from '../read-output.js';
import type { Report } from '../diagnostics.js';
import { lineCounter, parseJson, property } from '../json.js';
import { roundMs } from '../time.js';
import { squash } from '../text.js';
import { checkTimes } from '../ranges.js';

function num(node: Node | undefined): number | null {
  return node?.type === 'number' && Number.isFinite(node.value) ? roundMs(node.value as number) : null;
}

function str(node: Node | undefined): string | null {
  return node?.type === 'string' ? (node.value as string) : null;
}

export function readWhisperJson(text: string, report: Report): ReadOutput | null {
  const tree = parseJson(text, report, 'whisper JSON');
  if (!tree) return null;
  const line = lineCounter(text);
  const segments = property(tree, 'segments');
  if (!segments || segments.type !== 'array') {
    report(1, 'error', 'transcript-syntax', 'a whisper JSON file has a `segments` array');
    return null;
  }
  const turns: TranscriptTurn[] = [];
  (segments.children ?? []).forEach((segment, index) => {
    const at = line(segment.offset);
    const body = str(property(segment, 'text'));
    if (segment.type !== 'object' || body === null) {
      report(at, 'warning', 'transcript-bad-cue', `segment ${index + 1} has no \`text\`; skipped`);
      return;
    }
    let speaker = str(property(segment, 'speaker'));
    if (speaker === null) {
      const words = property(segment, 'words');
      for (const word of words?.type === 'array' ? (words.children ?? []) : []) {
        speaker = str(property(word, 'speaker'));
        if (speaker !== null) break;
      }
    }
    turns.push({ speaker: speaker?.trim() || null, start: num(property(segment, 'start')), end: num(property(segment, 'end')), text: squash(body), line: at, cue: String(index + 1) });
  });
  checkTimes(turns, report);
  return { turns };
}
