// Display names of the exported sources.
import type { Note } from '../../types.js';

/** A source name that is a file name on every system: no `/ \\ : * ? " < > |` or control characters. */
function safeSourceName(name: string): string {
  return name.replace(/[/\\:*?"<>|\u0000-\u001f]+/g, '-');
}

/**
 * Display names of the sources: the file name without extension, or, when two
 * notes share one, the path below the folder all notes share, joined with `--` (`de-brug--I-observation`).
 */
export function sourceNames(notes: Note[], stable: (path: string) => string): Map<string, string> {
  const strip = (path: string): string => path.replace(/\.(md|markdown|txt)$/i, '');
  const base = (path: string): string => strip(path.split('/').pop() ?? path);
  const paths = notes.map((note) => stable(note.path));
  let common = paths.length > 0 ? paths[0].split('/').slice(0, -1) : [];
  for (const path of paths) {
    const dirs = path.split('/').slice(0, -1);
    let n = 0;
    while (n < common.length && n < dirs.length && common[n] === dirs[n]) n++;
    common = common.slice(0, n);
  }
  const counts = new Map<string, number>();
  for (const path of paths) counts.set(base(path), (counts.get(base(path)) ?? 0) + 1);
  const names = new Map<string, string>();
  for (const note of notes) {
    const path = stable(note.path);
    // `--` rather than `/`: QualCoder and qc copy a source to a file named after it.
    names.set(note.path, safeSourceName(counts.get(base(path)) === 1 ? base(path) : strip(path.split('/').slice(common.length).join('--'))));
  }
  return names;
}
