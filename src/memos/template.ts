// The text `memo new` (and the tagger's memo key) writes: front matter that
// `readMemo` reads back to the same targets, and a heading to start from.
import { Document, isMap, isPair, isScalar, visit } from 'yaml';
import type { MemoTarget } from '../types.js';
import { fold } from '../core/did-you-mean.js';
import { formatTarget } from './target.js';

export interface MemoDraft {
  about: MemoTarget[];
  title: string;
  date: string;
  author?: string;
  tags?: string[];
}

/** A cell of several variables is written as a mapping; every other target as its one-line form. */
function aboutValue(target: MemoTarget): unknown {
  return target.kind === 'cell' && Object.keys(target.values).length > 1 ? { cell: target.values } : formatTarget(target);
}

export function memoTemplate(draft: MemoDraft): string {
  const doc = new Document({ about: draft.about.map(aboutValue), ...(draft.author ? { author: draft.author } : {}), date: draft.date, tags: draft.tags ?? [] });
  // `- cell: {group: de-brug, phase: II}` reads as one target, as people write it.
  visit(doc, {
    Pair(_key, pair) {
      if (isPair(pair) && isScalar(pair.key) && pair.key.value === 'cell' && isMap(pair.value)) pair.value.flow = true;
    },
  });
  const front = doc.toString({ lineWidth: 0, flowCollectionPadding: false });
  return `---\n${front}---\n\n# ${draft.title.replace(/\r\n?|\n/g, ' ')}\n\n`;
}

/** The file name of a new memo: its date and a slug of its title, ASCII only, e.g. `2024-05-02-feedback-in-phase-ii.md`. */
export function memoFileName(draft: Pick<MemoDraft, 'title' | 'date'>, attempt = 1): string {
  const slug = fold(draft.title).replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60).replace(/-+$/, '') || 'memo';
  return `${draft.date}-${slug}${attempt > 1 ? `-${attempt}` : ''}.md`;
}

/** Today as `YYYY-MM-DD` in local time: the default date of a new memo. */
export function todayDate(now = new Date()): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The title a memo gets when none is given: what it is about. */
export function defaultTitle(about: MemoTarget[]): string {
  return `Memo on ${about.map(formatTarget).join(', ')}`;
}
