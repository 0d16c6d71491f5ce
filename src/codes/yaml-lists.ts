// Recoding code ids where YAML files other than the codebook name them: the
// `code:` of each standoff coding, and the `codes:` list of each declared
// report in fieldcode.yaml. Values are spliced at their node ranges, so the
// rest of each file keeps its bytes.
import { isMap, isScalar, isSeq, Scalar, type Node, type YAMLMap, type YAMLSeq } from 'yaml';
import { parseYamlDocument } from '../model/yaml.js';
import { yamlPlain } from './codebook-edit.js';

export interface Recoded {
  text: string;
  recoded: number;
}

type Splice = [start: number, end: number, text: string];

function apply(text: string, splices: Splice[]): string {
  let out = text;
  for (const [start, end, insert] of [...splices].sort((a, b) => b[0] - a[0])) out = out.slice(0, start) + insert + out.slice(end);
  return out;
}

function scalarText(node: Scalar, value: string): string {
  return node.type === Scalar.QUOTE_DOUBLE ? JSON.stringify(value) : node.type === Scalar.QUOTE_SINGLE ? `'${value}'` : yamlPlain(value);
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** From the start of an item's line (its `-`) to after its last line. */
function itemLines(text: string, node: Node): [number, number] {
  const start = lineStart(text, node.range![0]);
  let end = node.range![1];
  if (text[end - 1] !== '\n') {
    const nl = text.indexOf('\n', end);
    end = nl < 0 ? text.length : nl + 1;
  }
  return [start, end];
}

/**
 * A standoff file with each coding's code mapped; a coding mapped to null
 * goes, and so does one that would repeat another (same code, coder and
 * offsets) after a merge.
 */
export function recodeStandoff(text: string, mapping: ReadonlyMap<string, string | null>): Recoded {
  return recodeEntries(text, mapping, 'codings', ['start', 'end']);
}

/** A decisions file (`*.decisions.yaml`) with each rejection's code mapped; one mapped to null, or repeating another, goes. */
export function recodeDecisions(text: string, mapping: ReadonlyMap<string, string | null>): Recoded {
  return recodeEntries(text, mapping, 'rejected', ['segment']);
}

/** The entries of the list `key`, each with a `code:`; two entries are the same when code, coder and `identity` fields agree. */
function recodeEntries(text: string, mapping: ReadonlyMap<string, string | null>, key: string, identity: string[]): Recoded {
  const doc = parseYamlDocument(text);
  if (doc.errors.length > 0 || !isMap(doc.contents)) return { text, recoded: 0 };
  const list = doc.contents.get(key, true);
  if (!isSeq(list) || list.flow) return { text, recoded: 0 };
  const top = doc.contents.get('coder');
  const entries = list.items.map((item) => {
    if (!isMap(item)) return undefined;
    const codeNode = item.get('code', true);
    const code = isScalar(codeNode) ? String(codeNode.value) : undefined;
    const mapped = code !== undefined && mapping.has(code);
    const next = mapped ? mapping.get(code!) ?? null : code;
    const same = [next, item.get('coder') ?? top ?? '', ...identity.map((field) => item.get(field))].map(String).join('\u0000');
    return { item, codeNode: codeNode as Scalar, mapped, next, identity: same };
  });
  // What stays as it is comes first: a merged coding that repeats it goes.
  const seen = new Set(entries.filter((entry) => entry && !entry.mapped).map((entry) => entry!.identity));
  const splices: Splice[] = [];
  let recoded = 0;
  let kept = 0;
  for (const entry of entries) {
    if (!entry?.mapped) {
      kept++;
      continue;
    }
    recoded++;
    if (entry.next === null || seen.has(entry.identity)) {
      const [start, end] = itemLines(text, entry.item);
      splices.push([start, end, '']);
      continue;
    }
    seen.add(entry.identity);
    kept++;
    splices.push([entry.codeNode.range![0], entry.codeNode.range![1], scalarText(entry.codeNode, entry.next!)]);
  }
  if (kept === 0 && splices.length > 0) {
    // Nothing left: `codings: []`, never an empty key.
    const pair = doc.contents.items.find((p: { key: unknown }) => isScalar(p.key) && p.key.value === key)!;
    const keyEnd = (pair.key as Node).range![1];
    const colon = text.indexOf(':', keyEnd);
    const [, end] = itemLines(text, list.items[list.items.length - 1] as Node);
    return { text: `${text.slice(0, colon + 1)} []\n${text.slice(end)}`, recoded };
  }
  return { text: apply(text, splices), recoded };
}

/** The project file with the `codes:` list of each declared report mapped (a code mapped to null, or twice, is left out). */
export function recodeProjectFile(text: string, mapping: ReadonlyMap<string, string | null>): Recoded {
  const doc = parseYamlDocument(text);
  if (doc.errors.length > 0 || !isMap(doc.contents)) return { text, recoded: 0 };
  const reports = doc.contents.get('reports', true);
  if (!isSeq(reports)) return { text, recoded: 0 };
  const splices: Splice[] = [];
  let recoded = 0;
  for (const report of reports.items) {
    if (!isMap(report)) continue;
    const kind = String((report as YAMLMap).get('kind') ?? '');
    // A matrix's and a trajectory's `cols:` are codes too.
    for (const key of ['codes', ...(kind === 'matrix' || kind === 'trajectory' ? ['cols'] : [])]) recoded += recodeKey(text, report as YAMLMap, key, mapping, splices);
  }
  return { text: apply(text, splices), recoded };
}

function recodeKey(text: string, report: YAMLMap, key: string, mapping: ReadonlyMap<string, string | null>, splices: Splice[]): number {
  {
    let recoded = 0;
    const codes = report.get(key, true);
    if (isScalar(codes) && typeof codes.value === 'string' && mapping.has(codes.value)) {
      recoded++;
      const next = mapping.get(codes.value) ?? null;
      splices.push([codes.range![0], codes.range![1], next === null ? '[]' : scalarText(codes, next)]);
      return recoded;
    }
    if (!isSeq(codes)) return recoded;
    return recoded + recodeList(text, codes, mapping, splices);
  }
}

function recodeList(text: string, list: YAMLSeq, mapping: ReadonlyMap<string, string | null>, splices: Splice[]): number {
  const values = list.items.map((item) => (isScalar(item) ? String(item.value) : undefined));
  if (!values.some((value) => value !== undefined && mapping.has(value))) return 0;
  const out: string[] = [];
  const drop: boolean[] = [];
  for (const value of values) {
    const next = value !== undefined && mapping.has(value) ? mapping.get(value) ?? null : value;
    const gone = next === null || (next !== undefined && out.includes(next));
    drop.push(gone);
    if (!gone && next !== undefined) out.push(next);
  }
  const recoded = values.filter((value) => value !== undefined && mapping.has(value)).length;
  if (!drop.some(Boolean)) {
    list.items.forEach((item, i) => {
      const value = values[i];
      if (value !== undefined && mapping.has(value)) splices.push([(item as Scalar).range![0], (item as Scalar).range![1], scalarText(item as Scalar, mapping.get(value)!)]);
    });
    return recoded;
  }
  // Something leaves the list: write it again in its own style.
  const [start, end] = list.flow ? [list.range![0], list.range![1]] : [lineStart(text, list.range![0]), itemLines(text, list.items[list.items.length - 1] as Node)[1]];
  if (list.flow) {
    splices.push([start, end, `[${out.map(yamlPlain).join(', ')}]`]);
  } else {
    const dash = ' '.repeat(list.range![0] - lineStart(text, list.range![0]));
    const eol = /\r\n/.test(text) ? '\r\n' : '\n';
    splices.push([start, end, out.length === 0 ? `${dash}[]${eol}` : out.map((id) => `${dash}- ${yamlPlain(id)}${eol}`).join('')]);
  }
  return recoded;
}
