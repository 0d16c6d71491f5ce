// The parse stage of the pipeline: every note's text to its Note, through the
// cache when there is one, and on worker threads when enough text is left to
// parse to repay starting them. Whatever path a note takes, its result is the
// same bytes (the workers and the cache both carry v8-serialized results), so
// reports do not depend on --jobs or on what the cache held.
import { availableParallelism } from 'node:os';
import type { ReadNoteOptions, ReadNoteResult } from '../core/note.js';
import { deserializeParse, serializeParse } from './cache/entry.js';
import { cacheKey } from './cache/key.js';
import type { ParseCache } from './cache/store.js';
import { crashedNote, parseNoteSafely, type ParseTask } from './parse-note.js';
import { parseInWorkers, workersAvailable } from './workers/pool.js';
import { shareStrings } from './share-strings.js';

/** Below this much text left to parse, the notes are parsed in this thread: workers take longer to start. */
export const DEFAULT_WORKER_THRESHOLD = 4 * 1024 * 1024;

export interface ParseStageOptions {
  cache?: ParseCache;
  /** Threads to parse on (`--jobs`); default the machine's available parallelism. 1 parses in this thread. */
  jobs?: number;
  /** Characters of text left to parse from which workers are used (FIELDCODE_WORKER_THRESHOLD); default DEFAULT_WORKER_THRESHOLD. */
  workerThreshold?: number;
}

export interface ReadText {
  shown: string;
  text: string;
  bom: boolean;
}

export function parseNotes(files: ReadText[], options: ReadNoteOptions, stage: ParseStageOptions = {}, progress?: (done: number) => void): ReadNoteResult[] {
  const { cache } = stage;
  const results: Array<ReadNoteResult | undefined> = new Array(files.length);
  const keys = cache ? files.map((file) => cacheKey({ ...file, options })) : [];
  const cold: Array<ParseTask & { index: number }> = [];
  let done = 0;
  files.forEach((file, index) => {
    const payload = cache?.get(keys[index]);
    const cached = payload ? deserializeParse(payload, file.text, file.shown) : undefined;
    if (payload && !cached) cache!.reject(keys[index]);
    if (cached) {
      shareStrings(cached.note);
      results[index] = cached;
      progress?.((done += 1));
    } else cold.push({ ...file, options, index });
  });

  const store = (index: number, result: ReadNoteResult, payload?: Uint8Array): void => {
    shareStrings(result.note);
    results[index] = result;
    // A failed parse is not remembered: the next run tries again.
    if (cache && !result.diagnostics.some((d) => d.ruleId === 'parse-crashed')) cache.put(keys[index], payload ?? serializeParse(result));
    progress?.((done += 1));
  };
  const jobs = stage.jobs ?? availableParallelism();
  const size = cold.reduce((sum, task) => sum + task.text.length, 0);
  if (jobs > 1 && cold.length > 1 && size >= (stage.workerThreshold ?? DEFAULT_WORKER_THRESHOLD) && workersAvailable()) {
    parseInWorkers(cold, jobs, (index, outcome) => {
      const file = files[index];
      const result = 'crash' in outcome ? crashedNote(file, outcome.crash) : deserializeParse(outcome.payload, file.text, file.shown);
      store(index, result ?? crashedNote(file, 'the parser worker sent back an unreadable result'), 'payload' in outcome ? outcome.payload : undefined);
    });
  } else {
    for (const task of cold) store(task.index, parseNoteSafely(task));
  }
  cache?.finish();
  return results as ReadNoteResult[];
}
