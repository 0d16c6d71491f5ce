// Edits of a codebook's YAML text for `fieldcode codes`. The yaml Document
// API finds the nodes; the change is spliced into the text at their ranges,
// so every comment, blank line, quote and indent outside the edited lines
// stays byte for byte (re-serialising the document would not promise that).
// Each step re-parses the text, so steps never have to agree on offsets.
import { isMap, isScalar, isSeq, Scalar, type Node, type YAMLMap, type YAMLSeq } from 'yaml';
import { parseYamlDocument } from '../model/yaml.js';


interface Found {
  item: YAMLMap;
  /** The `codes` list the item is in. */
  list: YAMLSeq;
  /** The code whose `codes` list it is; undefined at the top. */
  parent?: YAMLMap;
}

/**
 * The codebook's text under edit. An edit that cannot be made (a code written
 * in flow style, the only code cut...) is recorded in `refused`, the first one
 * only, and every later edit is skipped: the caller checks `refused` once after
 * its steps, and the text is then not to be used.
 */
export class CodebookText {
  /** Why an edit could not be made; the message is for the user. */
  refused: string | undefined;

  constructor(public text: string) {}

  private fail(message: string): undefined {
    this.refused ??= message;
    return undefined;
  }

  get eol(): string {
    return /\r\n/.test(this.text) ? '\r\n' : '\n';
  }

  /** Renames the code `from` to `to` (its `id` scalar, keeping its quotes). */
  renameId(from: string, to: string): void {
    const found = this.find(from);
    if (!found) return;
    const { item } = found;
    const node = item.get('id', true) as Scalar;
    this.replaceScalar(node, to);
  }

  /** Replaces `` `from` `` with `` `to` `` inside the codebook's strings (definitions, criteria that name a code). */
  renameMentions(from: string, to: string): void {
    const doc = this.parse();
    if (!doc) return;
    const splices: Array<[number, number, string]> = [];
    const walk = (node: unknown): void => {
      if (isScalar(node) && typeof node.value === 'string' && node.range && node.value.includes(`\`${from}\``)) {
        const raw = this.text.slice(node.range[0], node.range[1]);
        const replaced = raw.split(`\`${from}\``).join(`\`${to}\``);
        splices.push([node.range[0], node.range[1], replaced]);
      } else if (isMap(node) || isSeq(node)) {
        for (const entry of node.items as unknown[]) {
          if (isMap(node)) walk((entry as { value: unknown }).value);
          else walk(entry);
        }
      }
    };
    walk(doc.contents);
    for (const [start, end, text] of splices.sort((a, b) => b[0] - a[0])) this.text = this.text.slice(0, start) + text + this.text.slice(end);
  }

  /** Appends `{ id, date }` to the code's `field` list (`renamed_from`, `merged_from`), creating the list after its `id` line. */
  addEvent(code: string, field: 'renamed_from' | 'merged_from', id: string, date: string): void {
    const found = this.find(code);
    if (!found) return;
    const { item } = found;
    const indent = this.keyIndent(item);
    const eol = this.eol;
    const existing = item.get(field, true) as Node | undefined;
    if (existing === undefined) {
      const at = this.lineEndAfter(item.get('id', true) as Node);
      this.insert(at, `${eol}${indent}${field}:${eol}${indent}  - id: ${yamlPlain(id)}${eol}${indent}    date: ${date}`);
      return;
    }
    if (!isSeq(existing) || existing.flow || existing.items.length === 0) {
      this.fail(`Cannot add to \`${field}\` of \`${code}\`: write it as a block list (\`- id: …\` lines) first`);
      return;
    }
    const last = existing.items[existing.items.length - 1] as Node;
    const dash = ' '.repeat(this.column(last) - 2);
    const at = this.lineEndAfter(last);
    this.insert(at, `${eol}${dash}- id: ${yamlPlain(id)}${eol}${dash}  date: ${date}`);
  }

  /** Adds `split_from: { id, date }` to a code. */
  addSplitFrom(code: string, from: string, date: string): void {
    const found = this.find(code);
    if (!found) return;
    const { item } = found;
    const indent = this.keyIndent(item);
    this.insert(this.lineEndAfter(item.get('id', true) as Node), `${this.eol}${indent}split_from: { id: ${yamlPlain(from)}, date: ${date} }`);
  }

  /** Marks a code retired (`retired: { date, replaced_by }`). */
  retire(code: string, date: string, replacedBy: string | undefined): void {
    const found = this.find(code);
    if (!found) return;
    const { item } = found;
    if (item.get('retired', true) !== undefined) return void this.fail(`Cannot retire \`${code}\`: it is retired already`);
    const indent = this.keyIndent(item);
    const eol = this.eol;
    const lines = [`${indent}retired:`, `${indent}  date: ${date}`, ...(replacedBy ? [`${indent}  replaced_by: ${yamlPlain(replacedBy)}`] : [])];
    this.insert(this.lineEndAfter(item.get('id', true) as Node), eol + lines.join(eol));
  }

  /** Takes a code (with its children) out of the file and returns its lines and the column of its `-`; undefined when it cannot. */
  cut(code: string): { lines: string; dash: number } | undefined {
    const found = this.find(code);
    if (!found) return undefined;
    const { item, list, parent } = found;
    const [start, end] = this.itemLines(item);
    const lines = this.text.slice(start, end);
    const dash = this.column(item) - 2;
    if (list.items.length === 1) {
      if (!parent) return this.fail(`Cannot remove \`${code}\`: it is the codebook's only code`);
      // The list would be empty, which is not a list of codes: its `codes:` key goes too.
      const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === 'codes')!;
      const keyStart = this.lineStart((pair.key as Node).range![0]);
      this.remove(this.withBlankBefore(keyStart), end);
    } else {
      const first = list.items[0] === item;
      this.remove(first ? start : this.withBlankBefore(start), first ? this.withBlankAfter(end) : end);
    }
    return { lines, dash };
  }

  /** Puts lines cut from elsewhere (see `cut`) at the end of `parent`'s `codes` (the top list when undefined), re-indented. */
  paste(parent: string | undefined, cut: { lines: string; dash: number } | undefined): void {
    if (!cut) return;
    const doc = this.parse();
    if (!doc) return;
    const eol = this.eol;
    let list: YAMLSeq | undefined;
    let owner: YAMLMap | undefined;
    if (parent === undefined) {
      list = (doc.contents as YAMLMap).get('codes', true) as unknown as YAMLSeq;
    } else {
      const found = this.find(parent);
      if (!found) return;
      owner = found.item;
      const codes = owner.get('codes', true);
      if (isSeq(codes) && !codes.flow && codes.items.length > 0) list = codes;
      else if (codes !== undefined) return void this.fail(`Cannot add codes under \`${parent}\`: write its \`codes\` as a block list first`);
    }
    if (list) {
      if (list.flow) return void this.fail('Cannot add codes to a flow-style `codes` list: write it as a block list first');
      const last = list.items[list.items.length - 1] as YAMLMap;
      const dash = this.column(last) - 2;
      const [, end] = this.itemLines(last);
      this.insert(end, ensureEol(reindent(cut.lines, dash - cut.dash), eol), end === this.text.length && !this.text.endsWith('\n'));
      return;
    }
    const indent = this.keyIndent(owner!);
    const [, end] = this.itemLines(owner!);
    const dash = indent.length + 2;
    this.insert(end, `${indent}codes:${eol}` + ensureEol(reindent(cut.lines, dash - cut.dash), eol), end === this.text.length && !this.text.endsWith('\n'));
  }

  /** Adds a new child code `- id: x` (with a label) at the end of `parent`'s codes. */
  addChild(parent: string, id: string, lineage: string[]): void {
    const eol = this.eol;
    const lines = [`- id: ${yamlPlain(id)}`, ...lineage.map((line) => `  ${line}`)].join(eol) + eol;
    this.paste(parent, { lines, dash: 0 });
  }

  private parse() {
    if (this.refused !== undefined) return undefined;
    const doc = parseYamlDocument(this.text);
    if (doc.errors.length > 0) return this.fail(`Cannot edit the codebook: ${doc.errors[0].message.split('\n')[0]}`);
    return doc;
  }

  private find(code: string): Found | undefined {
    const doc = this.parse();
    if (!doc) return undefined;
    let found: Found | undefined;
    const visit = (list: unknown, parent: YAMLMap | undefined): void => {
      if (!isSeq(list) || found) return;
      for (const item of list.items) {
        if (!isMap(item)) continue;
        const id = item.get('id', true);
        if (isScalar(id) && String(id.value).trim() === code) {
          found = { item, list, parent };
          return;
        }
        visit(item.get('codes', true), item);
      }
    };
    visit(isMap(doc.contents) ? doc.contents.get('codes', true) : undefined, undefined);
    if (!found) return this.fail(`Cannot find code \`${code}\` in the codebook`);
    if (found.item.flow) return this.fail(`Cannot edit \`${code}\`: it is written in flow style (\`{ id: … }\`); write it as a block mapping first`);
    return found;
  }

  private replaceScalar(node: Scalar, value: string): void {
    const [start, end] = node.range!;
    const quoted = node.type === Scalar.QUOTE_DOUBLE ? JSON.stringify(value) : node.type === Scalar.QUOTE_SINGLE ? `'${value}'` : yamlPlain(value);
    this.text = this.text.slice(0, start) + quoted + this.text.slice(end);
  }

  /** Spaces before the keys of a block mapping. */
  private keyIndent(item: YAMLMap): string {
    return ' '.repeat(this.column(item));
  }

  /** 0-based column of a node's first character. */
  private column(node: Node): number {
    const start = node.range![0];
    return start - this.lineStart(start);
  }

  private lineStart(offset: number): number {
    return this.text.lastIndexOf('\n', offset - 1) + 1;
  }

  /** The offset of the line end (before `\r\n`/`\n`) of the line where `node`'s value ends. */
  private lineEndAfter(node: Node): number {
    let end = node.range![1];
    if (end > 0 && this.text[end - 1] === '\n') end--;
    const nl = this.text.indexOf('\n', end);
    const at = nl < 0 ? this.text.length : nl;
    return this.text[at - 1] === '\r' ? at - 1 : at;
  }

  /** From the line of the item's `-` to after its last line's line end. */
  private itemLines(item: YAMLMap): [number, number] {
    const start = this.lineStart(item.range![0]);
    let end = item.range![1];
    if (this.text[end - 1] !== '\n') {
      const nl = this.text.indexOf('\n', end);
      end = nl < 0 ? this.text.length : nl + 1;
    }
    return [start, end];
  }

  private withBlankBefore(start: number): number {
    let at = start;
    while (at > 0) {
      const prev = this.lineStart(at - 1);
      if (this.text.slice(prev, at).trim() !== '') break;
      at = prev;
    }
    return at;
  }

  private withBlankAfter(end: number): number {
    let at = end;
    while (at < this.text.length) {
      const nl = this.text.indexOf('\n', at);
      const next = nl < 0 ? this.text.length : nl + 1;
      if (this.text.slice(at, next).trim() !== '') break;
      at = next;
    }
    return at;
  }

  private insert(at: number, text: string, needsEolFirst = false): void {
    this.text = this.text.slice(0, at) + (needsEolFirst ? this.eol : '') + text + this.text.slice(at);
  }

  private remove(start: number, end: number): void {
    this.text = this.text.slice(0, start) + this.text.slice(end);
  }
}

/** An id as a YAML plain scalar, quoted when plain would read as something else (`true`, `null`). */
export function yamlPlain(id: string): string {
  return /^(?:true|false|null|yes|no|on|off|y|n)$/i.test(id) ? `"${id}"` : id;
}

function reindent(lines: string, by: number): string {
  if (by === 0) return lines;
  return lines
    .split('\n')
    .map((line) => {
      if (line.trim() === '') return line;
      if (by > 0) return ' '.repeat(by) + line;
      const strip = Math.min(-by, line.length - line.trimStart().length);
      return line.slice(strip);
    })
    .join('\n');
}

function ensureEol(text: string, eol: string): string {
  return text.endsWith('\n') ? text : text + eol;
}
