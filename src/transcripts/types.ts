// The shape every transcript reader returns. Readers (one per format in
// ./formats) only parse; turning a transcript into a note is the importer's job.
import type { Diagnostic } from '../types.js';

export type TranscriptFormat =
  | 'webvtt'
  | 'srt'
  | 'otter'
  | 'whisper-json'
  | 'whisper-txt'
  | 'whisper-tsv'
  | 'amberscript'
  | 'f4'
  | 'otr'
  | 'docx'
  | 'plain';

export interface TranscriptTurn {
  /** Label as in the file (e.g. 'SPEAKER_00', 'Spreker 1', 'Anna'), null when none. */
  speaker: string | null;
  /** Seconds from the start of the recording. */
  start: number | null;
  end: number | null;
  /** One paragraph: cue line breaks joined with a space, markup removed. */
  text: string;
  /** 1-based line in the source file where the turn starts (docx: paragraph index). */
  line: number;
  /** Cue number or id for VTT/SRT, used in diagnostics. */
  cue?: string;
}

export interface Transcript {
  format: TranscriptFormat;
  /** Consecutive cues of one speaker already merged into one turn. */
  turns: TranscriptTurn[];
  /** Distinct labels in order of first appearance. */
  speakers: string[];
  /** ISO date when the file carries one. */
  date?: string;
  /** Header text before the first turn (docx, plain), kept verbatim-ish. */
  preamble?: string;
  /** Seconds, last end (or start) time. */
  duration: number | null;
}

export interface TranscriptResult {
  transcript: Transcript | null;
  diagnostics: Diagnostic[];
}
