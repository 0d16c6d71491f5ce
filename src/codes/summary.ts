// What `fieldcode codes` prints after a change (or a dry run of one).
import type { FileChange } from './change.js';

/** One line per file (what it is, how many codings changed) and a total. */
export function changeSummary(changes: FileChange[], dryRun: boolean): string {
  const width = Math.max(0, ...changes.map((change) => change.path.length));
  const roleWidth = Math.max(0, ...changes.map((change) => change.role.length));
  const lines = changes.map((change) => {
    const unit = change.role === 'codebook' || change.role === 'report' ? '' : change.role === 'review list' ? `${change.recoded} passage${change.recoded === 1 ? '' : 's'} to review` : change.role === 'decisions' ? `${change.recoded} rejected suggestion${change.recoded === 1 ? '' : 's'}` : change.role === 'project file' ? `${change.recoded} list entr${change.recoded === 1 ? 'y' : 'ies'}` : change.role === 'memo' || change.role === 'matrix summaries' ? `${change.recoded} mention${change.recoded === 1 ? '' : 's'}` : `${change.recoded} coding${change.recoded === 1 ? '' : 's'}`;
    return `${change.path.padEnd(width)}  ${change.role.padEnd(roleWidth)}  ${unit}`.trimEnd();
  });
  const codings = changes.filter((change) => change.role === 'note' || change.role === 'standoff codings' || change.role === 'practice key').reduce((sum, change) => sum + change.recoded, 0);
  lines.push(`${dryRun ? 'Would change' : 'Changed'} ${changes.length} file${changes.length === 1 ? '' : 's'}, ${codings} coding${codings === 1 ? '' : 's'}${dryRun ? ' (dry run: nothing written)' : ''}.`);
  return `${lines.join('\n')}\n`;
}
