// Every YAML file fieldcode reads (front matter, codebook, project file,
// standoff codings, practice files) is parsed with the same options, and
// turned into values with an explicit alias limit, so a "billion laughs" file
// is one positioned error instead of an out-of-memory crash.
import { isAlias, parse, parseDocument, visit, type Document, type LineCounter, type Node } from 'yaml';

/** Alias uses a file may expand to (the yaml package's `maxAliasCount`). */
export const MAX_YAML_ALIASES = 1000;

export function parseYamlDocument(text: string, lineCounter?: LineCounter): Document {
  return parseDocument(text, { ...(lineCounter ? { lineCounter } : {}), prettyErrors: false, uniqueKeys: true });
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
