// The one front-matter splitter: a YAML block fenced by `---` lines at the very
// start of a note, closed by `---` or `...`. Every reader of notes (the
// parser, the practice stripper, the CSV importer) splits with this, so they
// agree on where the body starts. gray-matter is not used: it would re-parse
// the YAML without positions, and the notes' diagnostics need line numbers.

const FRONT_MATTER = /^---[ \t]*\r?\n([\s\S]*?\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/;
const OPENING_FENCE = /^---[ \t]*\r?\n/;

export interface FrontMatterBlock {
  /** The whole block, both fences included. */
  block: string;
  /** The YAML between the fences ('' when empty). */
  yaml: string;
  /** Offset of the YAML's first character (just after the opening fence line). */
  yamlStart: number;
  /** Offset of the body: the first character after the closing fence line. */
  bodyStart: number;
}

/** The front matter at the start of `text`, or undefined when there is none (or it is never closed). */
export function splitFrontMatter(text: string): FrontMatterBlock | undefined {
  const match = FRONT_MATTER.exec(text);
  if (!match) return undefined;
  return { block: match[0], yaml: match[1] ?? '', yamlStart: match[0].indexOf('\n') + 1, bodyStart: match[0].length };
}

/** True when `text` opens a front-matter fence, closed or not. */
export function opensFrontMatter(text: string): boolean {
  return OPENING_FENCE.test(text);
}
