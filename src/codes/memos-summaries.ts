// Memos and matrix summaries that name a code (src/memos/, src/core/summaries.ts):
// a memo's `about: code:<id>` targets in its front matter, and the
// `## row × code × phase` headings of `summaries/<matrix>.md`. Only those
// values change; every other byte stays.
import { isMap, isScalar, isSeq, Scalar, type Node } from 'yaml';
import { splitFrontMatter } from '../model/front-matter.js';
import { parseYamlDocument } from '../model/yaml.js';
import { parseSummaries, renameCodeInSummaries } from '../core/summaries.js';
import { yamlPlain } from './codebook-edit.js';
import type { Recoded } from './yaml-lists.js';
import { refuse, type Refused } from './change.js';

/** A memo with each `code:<id>` it is about mapped (a code mapped to null is left for `check` to report). */
export function recodeMemo(text: string, mapping: ReadonlyMap<string, string | null>): Recoded {
  const bom = text.startsWith('\uFEFF') ? 1 : 0;
  const fm = splitFrontMatter(text.slice(bom));
  if (!fm) return { text, recoded: 0 };
  const doc = parseYamlDocument(fm.yaml);
  if (doc.errors.length > 0 || !isMap(doc.contents)) return { text, recoded: 0 };
  const about = doc.contents.get('about', true) as Node | undefined;
  const items = isSeq(about) ? (about.items as Node[]) : about ? [about] : [];
  const splices: Array<[number, number, string]> = [];
  const base = bom + fm.yamlStart;
  for (const item of items) {
    if (isScalar(item) && typeof item.value === 'string') {
      const match = /^code:\s*(.+?)\s*$/.exec(item.value);
      const next = match && mapping.has(match[1]) ? mapping.get(match[1]) : undefined;
      if (next) splices.push([base + item.range![0], base + item.range![1], quoted(item, `code:${next}`)]);
    } else if (isMap(item)) {
      const inner = item.get('code', true);
      const next = isScalar(inner) && mapping.has(String(inner.value)) ? mapping.get(String(inner.value)) : undefined;
      if (next && isScalar(inner)) splices.push([base + inner.range![0], base + inner.range![1], quoted(inner, next)]);
    }
  }
  let out = text;
  for (const [start, end, insert] of splices.sort((a, b) => b[0] - a[0])) out = out.slice(0, start) + insert + out.slice(end);
  return { text: out, recoded: splices.length };
}

/** A summaries file with its headings naming each mapped code named by its new id; two sections ending up in one cell is an error. */
export function recodeSummaries(path: string, text: string, mapping: ReadonlyMap<string, string | null>): Recoded | Refused {
  let out = text;
  let recoded = 0;
  for (const [from, to] of mapping) {
    if (to === null) continue;
    const result = renameCodeInSummaries(parseSummaries(path, out), from, to);
    out = result.text;
    recoded += result.renamed;
  }
  if (recoded === 0) return { text, recoded: 0 };
  const seen = new Map<string, number>();
  for (const section of parseSummaries(path, out).sections) {
    const first = seen.get(section.heading);
    if (first !== undefined) return refuse(`Cannot make this change: \`${path}\` would have two summaries of the cell \`${section.heading}\` (lines ${first} and ${section.line}); merge those two sections by hand first. Nothing was written`);
    seen.set(section.heading, section.line);
  }
  return { text: out, recoded };
}

function quoted(node: Scalar, value: string): string {
  return node.type === Scalar.QUOTE_DOUBLE ? JSON.stringify(value) : node.type === Scalar.QUOTE_SINGLE ? `'${value}'` : value.startsWith('code:') ? value : yamlPlain(value);
}
