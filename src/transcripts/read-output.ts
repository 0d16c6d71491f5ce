import type { TranscriptTurn } from './types.js';

/** What a format reader hands back before merging: turns in file order plus header facts. */
export interface ReadOutput {
  turns: TranscriptTurn[];
  date?: string;
  preamble?: string;
}
