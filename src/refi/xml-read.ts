// A small, position-keeping XML reader for REFI-QDA files. Well-formedness is
// first checked by fast-xml-parser's validator (clear messages with line:col);
// this reader then builds a tree whose elements know their own line and column,
// so semantic diagnostics can point into `project.qde`.
import { XMLValidator } from 'fast-xml-parser';

export interface XmlElement {
  /** Qualified name as written. */
  name: string;
  /** Local name, namespace prefix removed. */
  local: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** Character data directly inside the element (entities decoded, CDATA included). */
  text: string;
  line: number;
  column: number;
}

export interface XmlError {
  message: string;
  line: number;
  column: number;
}

class Positions {
  private readonly starts: number[] = [0];
  constructor(text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }
  at(index: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= index) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: index - this.starts[lo] + 1 };
  }
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decode(raw: string): string {
  return raw.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z][A-Za-z0-9]*);/g, (all, body: string) => {
    if (body.startsWith('#')) {
      const code = body.startsWith('#x') ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '\uFFFD';
    }
    return ENTITIES[body] ?? all;
  });
}

const NAME = /[A-Za-z_:][-A-Za-z0-9_:.\u00B7\u00C0-\uFFFF]*/y;

/** Parses an XML document; a BOM is skipped. Returns the root element or a positioned error. */
export function parseXml(input: string): { root: XmlElement } | { error: XmlError } {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const valid = XMLValidator.validate(text, { allowBooleanAttributes: false });
  // For elements still open at the end (a truncated file), the validator lists
  // their names at 1:1; the walk below says where the data ends instead.
  const unclosedAtEnd = valid !== true && valid.err.code === 'InvalidXml' && valid.err.msg.startsWith("Invalid '[");
  if (valid !== true && !unclosedAtEnd) {
    return { error: { message: valid.err.msg, line: valid.err.line, column: valid.err.col } };
  }
  const pos = new Positions(text);
  const fail = (message: string, index: number): { error: XmlError } => ({ error: { message, ...pos.at(index) } });
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let i = 0;
  while (i < text.length) {
    const lt = text.indexOf('<', i);
    const chunk = text.slice(i, lt < 0 ? text.length : lt);
    if (chunk.length > 0) {
      if (stack.length > 0) stack[stack.length - 1].text += decode(chunk);
      else if (chunk.trim() !== '') return fail('Text outside the root element', i);
    }
    if (lt < 0) break;
    i = lt;
    if (text.startsWith('<?', i)) {
      const end = text.indexOf('?>', i);
      if (end < 0) return fail('Unclosed processing instruction', i);
      i = end + 2;
    } else if (text.startsWith('<!--', i)) {
      const end = text.indexOf('-->', i);
      if (end < 0) return fail('Unclosed comment', i);
      i = end + 3;
    } else if (text.startsWith('<![CDATA[', i)) {
      const end = text.indexOf(']]>', i);
      if (end < 0) return fail('Unclosed CDATA section', i);
      if (stack.length > 0) stack[stack.length - 1].text += text.slice(i + 9, end);
      i = end + 3;
    } else if (text.startsWith('<!', i)) {
      // DOCTYPE: skip, including an internal subset.
      let depth = 0;
      let j = i + 2;
      for (; j < text.length; j++) {
        if (text[j] === '[') depth++;
        else if (text[j] === ']') depth--;
        else if (text[j] === '>' && depth <= 0) break;
      }
      i = j + 1;
    } else if (text.startsWith('</', i)) {
      NAME.lastIndex = i + 2;
      const m = NAME.exec(text);
      const end = text.indexOf('>', i);
      const open = stack.pop();
      if (!m || end < 0 || !open || open.name !== m[0]) return fail(`Unexpected closing tag ${m ? m[0] : ''}`, i);
      i = end + 1;
    } else {
      NAME.lastIndex = i + 1;
      const m = NAME.exec(text);
      if (!m) return fail('Invalid element name', i);
      const name = m[0];
      const element: XmlElement = { name, local: name.includes(':') ? name.slice(name.indexOf(':') + 1) : name, attrs: {}, children: [], text: '', ...pos.at(i) };
      let j = i + 1 + name.length;
      let selfClosing = false;
      for (;;) {
        while (j < text.length && /\s/.test(text[j])) j++;
        if (text.startsWith('/>', j)) {
          selfClosing = true;
          j += 2;
          break;
        }
        if (text[j] === '>') {
          j++;
          break;
        }
        NAME.lastIndex = j;
        const an = NAME.exec(text);
        if (!an) return fail('Invalid attribute', j);
        j += an[0].length;
        while (/\s/.test(text[j] ?? '')) j++;
        if (text[j] !== '=') return fail(`Attribute ${an[0]} has no value`, j);
        j++;
        while (/\s/.test(text[j] ?? '')) j++;
        const quote = text[j];
        if (quote !== '"' && quote !== "'") return fail('Attribute value is not quoted', j);
        const close = text.indexOf(quote, j + 1);
        if (close < 0) return fail('Unclosed attribute value', j);
        // Attribute-value normalisation: white space characters become spaces.
        element.attrs[an[0]] = decode(text.slice(j + 1, close).replace(/[\t\n\r]/g, ' '));
        j = close + 1;
      }
      if (stack.length > 0) stack[stack.length - 1].children.push(element);
      else if (!root) root = element;
      else return fail('More than one root element', i);
      if (!selfClosing) stack.push(element);
      i = j;
    }
  }
  if (stack.length > 0) {
    const open = stack[stack.length - 1];
    return fail(`Premature end of data in element ${open.name}, opened at line ${open.line}; the file may be truncated`, text.length);
  }
  if (!root) return fail('No root element', 0);
  return { root };
}

/** Direct children with a local name. */
export function kids(element: XmlElement | undefined, local: string): XmlElement[] {
  return element ? element.children.filter((child) => child.local === local) : [];
}

/** The first direct child with a local name. */
export function kid(element: XmlElement | undefined, local: string): XmlElement | undefined {
  return element?.children.find((child) => child.local === local);
}

/** Every element below `element` (depth first, document order), itself included. */
export function* walk(element: XmlElement): Generator<XmlElement> {
  yield element;
  for (const child of element.children) yield* walk(child);
}
