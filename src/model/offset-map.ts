// Where each character of a segment's clean text stands in the note's file.
// Clean text is mostly runs of consecutive file offsets, broken only where
// markup was removed or whitespace folded, so the map keeps one pair per run
// instead of 4 bytes per character (which was about 45% of the data a corpus
// kept). Plain data, no class: the parse cache and the worker threads pass
// segments through v8.serialize, which keeps fields but not prototypes.

export interface OffsetMap {
  /** Characters mapped: the clean text's length. */
  readonly length: number;
  /** File offset of character 0; its run lasts until the first entry of `runs`. */
  readonly first: number;
  /** Every later run as a pair: the text index it starts at, and that character's file offset. Absent for a single run. */
  readonly runs?: readonly number[];
}

const EMPTY: OffsetMap = { length: 0, first: 0 };

/** The compact map of `offsets[from..to)` (a file offset per clean-text character). */
export function offsetMap(offsets: ArrayLike<number>, from = 0, to = offsets.length): OffsetMap {
  const length = to - from;
  if (length <= 0) return EMPTY;
  const first = offsets[from];
  const runs: number[] = [];
  for (let i = from + 1; i < to; i++) {
    if (offsets[i] !== offsets[i - 1] + 1) runs.push(i - from, offsets[i]);
  }
  return runs.length > 0 ? { length, first, runs } : { length, first };
}

/** File offset of clean-text character `index`, or undefined outside the text (as an array index would be). */
export function offsetAt(map: OffsetMap, index: number): number | undefined {
  if (!(index >= 0 && index < map.length) || !Number.isInteger(index)) return undefined;
  const runs = map.runs;
  if (runs === undefined || index < runs[0]) return map.first + index;
  // The last run starting at or before `index`.
  let low = 0;
  let high = runs.length / 2 - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (runs[mid * 2] <= index) low = mid;
    else high = mid - 1;
  }
  return runs[low * 2 + 1] + (index - runs[low * 2]);
}

/** Every file offset in text order, for code that walks them all. */
export function expandOffsets(map: OffsetMap): Int32Array {
  const out = new Int32Array(map.length);
  const runs = map.runs ?? [];
  let run = -1;
  let start = 0;
  let base = map.first;
  for (let i = 0; i < map.length; i++) {
    if (run + 1 < runs.length / 2 && runs[(run + 1) * 2] === i) {
      run++;
      start = i;
      base = runs[run * 2 + 1];
    }
    out[i] = base + (i - start);
  }
  return out;
}
