// Which of the three offset models a source's selections count in: the
// vendor's, unless the selection names say otherwise.
import { codePointToUnitTable, type CleanTextOffsets, type OffsetModel } from '../../model/offsets.js';

function defaultModel(origin: string): OffsetModel {
  if (/nvivo/i.test(origin)) return 'utf16';
  if (/atlas/i.test(origin)) return 'code-points-crlf-as-one';
  return 'code-points';
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function nameMatches(name: string, slice: string): boolean {
  const n = collapse(name);
  const s = collapse(slice);
  if (n === '') return false;
  if (n.endsWith('…') || n.endsWith('...')) return s.startsWith(n.replace(/(…|\.\.\.)$/, '').trimEnd());
  return s === n;
}

/** Picks the offset model: the one under which most selection names equal their text; ties go to the vendor's model. */
export function chooseModel(tables: CleanTextOffsets, selections: Array<{ start: number; end: number; name?: string }>, origin: string): OffsetModel {
  const preferred = defaultModel(origin);
  if (!tables.ambiguous) return preferred;
  const models: OffsetModel[] = [preferred, ...(['code-points', 'utf16', 'code-points-crlf-as-one'] as OffsetModel[]).filter((m) => m !== preferred)];
  const units = codePointToUnitTable(tables.normalized);
  let best = preferred;
  let bestScore = -1;
  for (const model of models) {
    let score = 0;
    for (const s of selections) {
      if (!s.name) continue;
      const a = tables.toNormalized(model, s.start);
      const b = tables.toNormalized(model, s.end);
      if (a === undefined || b === undefined || b < a) {
        score -= 1;
        continue;
      }
      if (nameMatches(s.name, tables.normalized.slice(units[a], units[b]))) score += 2;
    }
    if (score > bestScore) {
      best = model;
      bestScore = score;
    }
  }
  return best;
}
