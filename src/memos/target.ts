// What a memo is about, as written: `code:feedback`, `note:brug-I-fg`,
// `segment:notes/a.md#1a2b3c4d`, `cell:{group: de-brug, phase: II}` (or
// `cell:group=de-brug,phase=II` on a command line), `phase:II` for a cell of
// one variable, or the same as a YAML mapping (`- cell: {group: de-brug}`).
// One parser for front matter and `--about`, and one printer, so `memo new`
// writes what `check` reads back.
import type { FrontMatterValue, MemoTarget } from '../types.js';
import { parseYamlValue } from '../model/yaml.js';

const KINDS = ['code', 'note', 'segment'] as const;

export type TargetParse = { target: MemoTarget } | { error: string };

const EXPECTED = 'expected `code:<id>`, `note:<id>`, `segment:<id>`, `cell:{<variable>: <value>, …}` or `<variable>:<value>`';

/** A target written as one string, e.g. `code:feedback` or `cell:{group: de-brug, phase: II}`. */
export function parseTargetString(text: string): TargetParse {
  const colon = text.indexOf(':');
  const kind = colon > 0 ? text.slice(0, colon).trim() : '';
  const rest = colon > 0 ? text.slice(colon + 1).trim() : '';
  if (!kind || !rest) return { error: `Unexpected memo target \`${text}\`, ${EXPECTED}` };
  if ((KINDS as readonly string[]).includes(kind)) return { target: { kind: kind as (typeof KINDS)[number], id: rest } };
  if (kind === 'cell') return cellFrom(rest.startsWith('{') ? flowMapping(rest) : pairs(rest), text);
  return { target: { kind: 'cell', values: { [kind]: rest } } };
}

/** A target as YAML gave it: a string, or a one-key mapping such as `{cell: {group: de-brug}}` or `{code: feedback}`. */
export function parseTargetValue(value: FrontMatterValue): TargetParse {
  if (typeof value === 'string') return parseTargetString(value);
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const entries = Object.entries(value);
    if (entries.length === 1) {
      const [kind, inner] = entries[0];
      if ((KINDS as readonly string[]).includes(kind) && (typeof inner === 'string' || typeof inner === 'number')) return { target: { kind: kind as (typeof KINDS)[number], id: String(inner) } };
      if (kind === 'cell') return cellFrom(inner, `cell: ${JSON.stringify(inner)}`);
      if (typeof inner === 'string' || typeof inner === 'number') return { target: { kind: 'cell', values: { [kind]: String(inner) } } };
    }
  }
  return { error: `Unexpected memo target ${JSON.stringify(value)}, ${EXPECTED}` };
}

/** The target as `memo new` writes it and `memo list` shows it. */
export function formatTarget(target: MemoTarget): string {
  if (target.kind !== 'cell') return `${target.kind}:${target.id}`;
  const entries = Object.entries(target.values);
  if (entries.length === 1) return `${entries[0][0]}:${entries[0][1]}`;
  return `cell:{${entries.map(([name, value]) => `${name}: ${value}`).join(', ')}}`;
}

/** Whether two targets name the same thing (a cell's variables in any order). */
export function sameTarget(a: MemoTarget, b: MemoTarget): boolean {
  if (a.kind === 'cell' && b.kind === 'cell') {
    const keys = Object.keys(a.values);
    return keys.length === Object.keys(b.values).length && keys.every((key) => a.values[key] === b.values[key]);
  }
  return a.kind === b.kind && a.kind !== 'cell' && b.kind !== 'cell' && a.id === b.id;
}

function flowMapping(text: string): unknown {
  try {
    return parseYamlValue(text);
  } catch {
    return undefined;
  }
}

function pairs(text: string): unknown {
  const values: Record<string, string> = {};
  for (const part of text.split(',')) {
    const eq = part.indexOf('=');
    if (eq <= 0) return undefined;
    values[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  return values;
}

function cellFrom(value: unknown, written: string): TargetParse {
  if (!value || typeof value !== 'object' || Array.isArray(value) || Object.keys(value).length === 0) {
    return { error: `Unexpected cell \`${written}\`, expected one value per variable such as \`cell:{group: de-brug, phase: II}\`` };
  }
  const values: Record<string, string> = {};
  for (const [name, inner] of Object.entries(value as Record<string, unknown>)) {
    if (typeof inner !== 'string' && typeof inner !== 'number') return { error: `Unexpected value of \`${name}\` in cell \`${written}\`, expected one value such as \`II\`` };
    values[name] = String(inner);
  }
  return { target: { kind: 'cell', values } };
}
