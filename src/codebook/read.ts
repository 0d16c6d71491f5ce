// Reads a YAML codebook into the data model without throwing: every problem
// becomes a diagnostic that points into the YAML (`codebook.yaml:line:col`).
import { isMap, isSeq, isScalar, type LineCounter, type Node, type YAMLMap } from 'yaml';
import { readPositionedYaml, type At } from '../model/positioned-yaml.js';
import type { Code, Codebook, Diagnostic } from '../types.js';
import { hint } from '../core/did-you-mean.js';
import { compilePattern, foldForMatching } from './match.js';
import { STEMMED_LANGUAGES, stemLanguage } from './stem.js';
import { contentHash } from './hash.js';
import { CODE_ID } from '../model/grammar.js';
import { LINEAGE_FIELDS, checkLineage, readLineageFields } from './lineage.js';

const ROOT_FIELDS = ['name', 'version', 'languages', 'description', 'codes'];
const CODE_FIELDS = ['id', 'label', 'definition', 'use_when', 'not_when', 'examples', 'keywords', 'patterns', 'color', 'codes', ...LINEAGE_FIELDS];

export interface ReadCodebookResult {
  codebook: Codebook;
  diagnostics: Diagnostic[];
}

export function readCodebook(path: string, text: string): ReadCodebookResult {
  const { doc, counter, diagnostics, at } = readPositionedYaml(path, text, 'Cannot parse codebook YAML', 'codebook-yaml');
  const codebook: Codebook = { path, name: '', version: '', languages: [], codes: [], byId: new Map(), hash: contentHash(text) };
  if (doc.errors.length > 0) return { codebook, diagnostics };
  if (!isMap(doc.contents)) {
    at(doc.contents, 'error', 'Unexpected codebook that is not a mapping, expected `name`, `version` and `codes` keys', 'codebook-shape');
    return { codebook, diagnostics };
  }

  const root = doc.contents;
  checkFields(root, ROOT_FIELDS, 'codebook', at);
  codebook.name = scalarString(root.get('name', true)) ?? '';
  codebook.version = scalarString(root.get('version', true)) ?? '';
  codebook.languages = stringList(root.get('languages', true) as Node | undefined, 'languages', at);
  checkLanguages(root.get('languages', true) as Node | undefined, codebook.languages, at);

  const codesNode = root.get('codes', true) as Node | undefined;
  if (!isSeq(codesNode)) {
    at(codesNode ?? root, 'error', 'Unexpected codebook without a `codes` list, expected `codes:` with at least one code', 'codebook-shape');
    return { codebook, diagnostics };
  }

  const firstSeen = new Map<string, Node>();
  const codeNodes = new Map<string, YAMLMap>();
  const visit = (list: Node, parent: Code | undefined, depth: number): void => {
    if (!isSeq(list)) {
      at(list, 'error', 'Unexpected `codes` value, expected a list of codes', 'codebook-shape');
      return;
    }
    for (const item of list.items as Node[]) {
      if (!isMap(item)) {
        at(item, 'error', 'Unexpected code that is not a mapping, expected `- id: …`', 'codebook-shape');
        continue;
      }
      checkFields(item, CODE_FIELDS, 'code', at);
      const idNode = item.get('id', true) as Node | undefined;
      const id = scalarString(idNode)?.trim() ?? '';
      if (!id) {
        at(idNode ?? item, 'error', 'Unexpected code without an `id`, expected a non-empty id', 'empty-code-id');
        continue;
      }
      if (!CODE_ID.test(id)) {
        at(idNode, 'error', `Unexpected code id \`${id}\`, expected a lowercase letter followed by lowercase letters, digits, \`-\`, \`_\` or \`.\``, 'invalid-code-id');
      }
      if (firstSeen.has(id)) {
        const first = counter.linePos(firstSeen.get(id)!.range?.[0] ?? 0);
        at(idNode, 'error', `Unexpected duplicate code id \`${id}\`, first declared at line ${first.line}`, 'duplicate-code-id');
        continue;
      }
      firstSeen.set(id, idNode!);
      const pos = counter.linePos(idNode?.range?.[0] ?? 0);
      const code: Code = {
        id,
        label: scalarString(item.get('label', true)) ?? id,
        definition: scalarString(item.get('definition', true))?.trim(),
        useWhen: stringList(item.get('use_when', true) as Node | undefined, 'use_when', at),
        notWhen: stringList(item.get('not_when', true) as Node | undefined, 'not_when', at),
        examples: stringList(item.get('examples', true) as Node | undefined, 'examples', at),
        keywords: stringList(item.get('keywords', true) as Node | undefined, 'keywords', at),
        patterns: stringList(item.get('patterns', true) as Node | undefined, 'patterns', at),
        color: scalarString(item.get('color', true)),
        parent: parent?.id,
        children: [],
        depth,
        position: { line: pos.line, column: pos.col },
      };
      if (code.definition === undefined) delete code.definition;
      if (code.color === undefined) delete code.color;
      if (code.parent === undefined) delete code.parent;
      checkPatterns(item, code, at);
      checkColor(item, code, at);
      readLineageFields(item, code, at);
      codeNodes.set(id, item);
      if (code.retired) {
        // Kept for the record only: no report, picker or suggestion sees a retired code.
        (codebook.retired ??= []).push(code);
      } else {
        codebook.codes.push(code);
        codebook.byId.set(id, code);
        parent?.children.push(id);
      }
      const children = item.get('codes', true) as Node | undefined;
      if (children) visit(children, code, depth + 1);
    }
  };
  visit(codesNode, undefined, 0);
  checkLineage(codebook, codeNodes, at);
  checkKeywordClaims(root, codebook, at, counter);
  return { codebook, diagnostics };
}


function checkFields(map: YAMLMap, allowed: string[], what: string, at: At): void {
  for (const pair of map.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    if (!allowed.includes(key)) {
      at(pair.key as Node, 'warning', `Unexpected field \`${key}\` in ${what}${hint(key, allowed)}`, 'unknown-field');
    }
  }
}

/** A language without a stemmer still works: its keywords match as written, which the researcher should know. */
function checkLanguages(node: Node | undefined, languages: string[], at: At): void {
  const nodes = isSeq(node) ? (node.items as Node[]) : [];
  const known = Object.keys(STEMMED_LANGUAGES);
  languages.forEach((language, index) => {
    if (stemLanguage(language)) return;
    at(nodes[index] ?? node, 'warning', `Unexpected language \`${language}\` in \`languages\`, expected one of ${known.map((l) => `\`${l}\``).join(', ')} (ISO 639-1; keywords in other languages match as written, without stemming)`, 'unknown-language');
  });
}

function checkPatterns(item: YAMLMap, code: Code, at: At): void {
  const node = item.get('patterns', true);
  const nodes = isSeq(node) ? (node.items as Node[]) : [];
  code.patterns.forEach((pattern, index) => {
    try {
      compilePattern(pattern);
    } catch (error) {
      const reason = (error as Error).message.replace(/^error parsing regexp: /, '').replace('`(?i)', '`');
      at(nodes[index] ?? node, 'error', `Cannot compile pattern of \`${code.id}\`: ${reason} (patterns are RE2: no lookaround or backreferences)`, 'invalid-pattern');
    }
  });
}

function checkColor(item: YAMLMap, code: Code, at: At): void {
  if (code.color !== undefined && !/^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/.test(code.color)) {
    at(item.get('color', true) as Node, 'warning', `Unexpected colour \`${code.color}\` of \`${code.id}\`, expected \`#RRGGBB\``, 'invalid-color');
    delete code.color;
  }
}

function checkKeywordClaims(root: YAMLMap, codebook: Codebook, at: At, counter: LineCounter): void {
  const owners = new Map<string, string>();
  const nodes = new Map<string, Node[]>();
  collectKeywordNodes(root.get('codes', true) as Node, nodes);
  for (const code of codebook.codes) {
    code.keywords.forEach((keyword, index) => {
      const key = foldForMatching(keyword).text.trim();
      const owner = owners.get(key);
      if (owner && owner !== code.id) {
        const node = nodes.get(code.id)?.[index];
        at(node, 'warning', `Unexpected keyword \`${keyword}\` in \`${code.id}\`, already claimed by \`${owner}\``, 'duplicate-keyword');
      } else {
        owners.set(key, code.id);
      }
    });
  }
  void counter;
}

function collectKeywordNodes(list: Node | undefined, out: Map<string, Node[]>): void {
  if (!isSeq(list)) return;
  for (const item of list.items as Node[]) {
    if (!isMap(item)) continue;
    const id = scalarString(item.get('id', true))?.trim();
    const keywords = item.get('keywords', true);
    if (id && isSeq(keywords) && !out.has(id)) out.set(id, keywords.items as Node[]);
    collectKeywordNodes(item.get('codes', true) as Node | undefined, out);
  }
}

function scalarString(node: unknown): string | undefined {
  if (!isScalar(node) || node.value === null || node.value === undefined) return undefined;
  return String(node.value);
}

function stringList(node: Node | undefined, field: string, at: At): string[] {
  if (node === undefined || (isScalar(node) && node.value === null)) return [];
  if (isScalar(node)) return [String(node.value)];
  if (!isSeq(node)) {
    at(node, 'error', `Unexpected \`${field}\` value, expected a list of strings`, 'codebook-shape');
    return [];
  }
  const values: string[] = [];
  for (const item of node.items as Node[]) {
    if (isScalar(item) && item.value !== null) values.push(String(item.value));
    else at(item, 'error', `Unexpected item in \`${field}\`, expected a string`, 'codebook-shape');
  }
  return values;
}

/** All ids of a code and its descendants. */
export function descendantsAndSelf(codebook: Codebook, id: string): string[] {
  const out: string[] = [];
  const walk = (current: string): void => {
    out.push(current);
    for (const child of codebook.byId.get(current)?.children ?? []) walk(child);
  };
  walk(id);
  return out;
}
