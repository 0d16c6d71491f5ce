// Builders for agreement tests: small projects written to temp dirs.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { serializeStandoff, standoffCodingFromSpan, type StandoffCoding } from '../../src/standoff/format.js';
import { tempDir } from '../helpers/cli.js';

export function write(root: string, files: Record<string, string>): string {
  for (const [path, text] of Object.entries(files)) {
    const absolute = join(root, path);
    mkdirSync(dirname(absolute), { recursive: true });
    writeFileSync(absolute, text);
  }
  return root;
}

/** A codebook with flat codes, each with a use_when and not_when rule. */
export function codebookYaml(codes: string[]): string {
  const lines = ['name: Test codes', 'version: "1"', 'codes:'];
  for (const code of codes) {
    lines.push(`  - id: ${JSON.stringify(code)}`, `    label: ${JSON.stringify(`Code ${code}`)}`, `    definition: ${JSON.stringify(`The ${code} code.`)}`, '    use_when:', `      - ${JSON.stringify(`Use ${code} when it fits.`)}`, '    not_when:', `      - ${JSON.stringify(`Not ${code} otherwise.`)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** A paragraph of exactly `length` characters: words and single spaces, no Markdown syntax. */
export function paragraph(length: number, seed = 0): string {
  const words = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel', 'india', 'juliet'];
  let text = '';
  let i = seed;
  while (text.length < length) text += `${words[i++ % words.length]} `;
  text = text.slice(0, length);
  return text.endsWith(' ') ? `${text.slice(0, -1)}x` : text;
}

export interface SpanSpec {
  code: string;
  coder: string;
  start: number;
  end: number;
}

/**
 * A project whose notes are single paragraphs of given lengths, coded in
 * standoff files by several coders: the `coded_segments` vectors' shape.
 */
export function standoffProject(codes: string[], documents: Array<{ id: string; length: number; spans: SpanSpec[] }>): string {
  const root = join(tempDir(), 'project');
  const files: Record<string, string> = {
    'fieldcode.yaml': 'name: vectors\ncodebook: codebook.yaml\nnotes: ["notes/**/*.md"]\n',
    'codebook.yaml': codebookYaml(codes),
  };
  documents.forEach((doc, d) => {
    const text = `${paragraph(doc.length, d)}\n`;
    files[`notes/${doc.id}.md`] = text;
    const codings = doc.spans.map((span) => standoffCodingFromSpan(text, span.start, span.end, { code: span.code, coder: span.coder }) as StandoffCoding);
    files[`notes/${doc.id}.codings.yaml`] = serializeStandoff({ version: 'standoff/1', note: `${doc.id}.md`, codings });
  });
  return write(root, files);
}

/**
 * One folder per coder; each note is a list of paragraphs, and a paragraph is
 * tagged `#code` for the coder when `applied[coder][paragraph]` holds the code.
 */
export function folderProject(coders: string[], notes: Array<{ id: string; paragraphs: string[]; applied: Record<string, string[][]> }>, codes: string[]): string {
  const root = tempDir();
  const files: Record<string, string> = { 'codebook.yaml': codebookYaml(codes) };
  for (const coder of coders) {
    for (const note of notes) {
      const body = note.paragraphs.map((text, p) => [text, ...(note.applied[coder]?.[p] ?? []).map((code) => `#${code}`)].join(' ')).join('\n\n');
      files[`${coder}/${note.id}.md`] = `---\nid: ${note.id}\n---\n${body}\n`;
    }
  }
  return write(root, files);
}
