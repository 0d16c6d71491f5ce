// Small, strict XML writing helpers. Element order is decided by the callers,
// which follow the xsd:sequence of the REFI-QDA schemas, never object-key order.

// Characters XML 1.0 forbids (NOTES.md §6.1 item 7), including lone surrogates.
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Removes characters that may not appear in an XML 1.0 document. */
export function stripForbidden(text: string): string {
  return text.replace(FORBIDDEN, '');
}

/** Escapes element text. Line ends are normalised to LF; `\r` would be lost by parsers anyway. */
export function escapeText(text: string): string {
  return stripForbidden(text.replace(/\r\n?/g, '\n'))
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/** Escapes an attribute value. Newlines and tabs become spaces: attributes never hold line breaks. */
export function escapeAttr(value: string): string {
  return stripForbidden(value.replace(/[\r\n\t]+/g, ' '))
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

export type Attrs = Array<[string, string | number | boolean | undefined]>;

/** Renders attributes in the given order, skipping undefined values. */
export function attrs(list: Attrs): string {
  let out = '';
  for (const [name, value] of list) {
    if (value === undefined) continue;
    out += ` ${name}="${escapeAttr(String(value))}"`;
  }
  return out;
}

/** Builds indented XML line by line. */
export class XmlWriter {
  private readonly lines: string[] = ['<?xml version="1.0" encoding="utf-8"?>'];
  private depth = 0;

  open(name: string, list: Attrs = []): void {
    this.lines.push(`${'  '.repeat(this.depth)}<${name}${attrs(list)}>`);
    this.depth++;
  }

  close(name: string): void {
    this.depth--;
    this.lines.push(`${'  '.repeat(this.depth)}</${name}>`);
  }

  empty(name: string, list: Attrs = []): void {
    this.lines.push(`${'  '.repeat(this.depth)}<${name}${attrs(list)}/>`);
  }

  /** An element with text content; the text is written verbatim (escaped), newlines included. */
  text(name: string, value: string, list: Attrs = []): void {
    this.lines.push(`${'  '.repeat(this.depth)}<${name}${attrs(list)}>${escapeText(value)}</${name}>`);
  }

  toString(): string {
    return `${this.lines.join('\n')}\n`;
  }
}
