// Every YAML file fieldcode reads (front matter, codebook, project file,
// standoff codings, practice files) is parsed with the same options, and
// turned into values with an explicit alias limit, so a "billion laughs" file
// is one positioned error instead of an out-of-memory crash.
import { isAlias, isScalar, parse, parseDocument, visit, YAMLParseError, type Document, type LineCounter, type Node } from 'yaml';

/** Alias uses a file may expand to (the yaml package's `maxAliasCount`). */
export const MAX_YAML_ALIASES = 1000;

/**
 * Duplicate keys are an error, found here with one set per mapping: the
 * yaml package's own `uniqueKeys` check compares each key with every earlier
 * one, which made front matter with 50,000 participants take half a minute.
 */
export function parseYamlDocument(text: string, lineCounter?: LineCounter): Document {
  const doc = parseDocument(text, { ...(lineCounter ? { lineCounter } : {}), prettyErrors: false, uniqueKeys: false });
  if (doc.errors.length === 0) {
    const duplicate = firstDuplicateKey(doc);
    if (duplicate !== undefined) doc.errors.push(new YAMLParseError([duplicate, duplicate + 1], 'DUPLICATE_KEY', 'Map keys must be unique'));
  }
  return doc;
}

function firstDuplicateKey(doc: Document): number | undefined {
  let found: number | undefined;
  visit(doc, {
    Map(_key, map) {
      const seen = new Set<unknown>();
      for (const pair of map.items) {
        const key = isScalar(pair.key) ? pair.key.value : pair.key;
        if (seen.has(key)) {
          found = (pair.key as Node | null)?.range?.[0] ?? map.range?.[0] ?? 0;
          return visit.BREAK;
        }
        seen.add(key);
      }
      return undefined;
    },
  });
  return found;
}

export interface YamlValueError {
  message: string;
  /** Offset in the YAML text of the first alias (or 0). */
  offset: number;
}

/** The value of a document, or of one node in it; a failure (too many aliases) as a message and offset, never a throw. */
export function yamlValue(doc: Document, node?: Node): { value: unknown } | { error: YamlValueError } {
  try {
    const value = node ? node.toJS(doc, { maxAliasCount: MAX_YAML_ALIASES }) : doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
    return { value: value as unknown };
  } catch (error) {
    let offset = 0;
    visit(node ?? doc, {
      Alias(_key, alias) {
        if (isAlias(alias)) offset = alias.range?.[0] ?? 0;
        return visit.BREAK;
      },
    });
    const tooMany = /alias/i.test((error as Error).message) || error instanceof RangeError;
    const message = tooMany
      ? `Unexpected YAML aliases that expand to more than ${MAX_YAML_ALIASES} copies, expected the values written out`
      : `Cannot read YAML: ${(error as Error).message.split('\n')[0]}`;
    return { error: { message, offset } };
  }
}

/** Parses a small YAML file straight to a value, throwing a plain `Error` with a one-line message on failure. */
export function parseYamlValue(text: string): unknown {
  return parse(text, { prettyErrors: false, maxAliasCount: MAX_YAML_ALIASES });
}
