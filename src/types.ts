// The one data model every stage and surface of fieldcode shares.
// Positions follow unist: `line` and `column` are 1-based, `offset` is a
// 0-based UTF-16 index into `Note.text` (the file's text without its BOM).
import type { RuleId } from './model/rules.js';
import type { OffsetMap } from './model/offset-map.js';

export type { RuleId } from './model/rules.js';

export interface Point {
  line: number;
  column: number;
  offset: number;
}

export interface Range {
  start: Point;
  end: Point;
}

/** `fatal`: the tool cannot run on this input (exit 2); `error`: a problem in the data (exit 1). */
export type Severity = 'fatal' | 'error' | 'warning' | 'info';

/** A problem found in user data or configuration, never thrown. */
export interface Diagnostic {
  /** Project-relative POSIX path (or the path as given, for files outside it). */
  file: string;
  line: number;
  column: number;
  severity: Severity;
  message: string;
  /** Kebab-case id of the rule that found the problem, e.g. `unknown-code`; see docs/rules.md. */
  ruleId: RuleId;
  /** Optional end of the offending range. */
  endLine?: number;
  endColumn?: number;
}

/** Where a coding came from. Every surface maps onto `Coding` with one of these. */
export type Origin =
  | 'inline-tag' // `#code` anywhere in a paragraph: the whole segment
  | 'inline-span' // `[words]{#code}`
  | 'standoff' // a codings file kept beside the note
  | 'suggestion' // a codebook keyword or pattern match, never counted
  | 'import'; // converted from another tool (REFI-QDA, CSV)

export type SegmentKind = 'paragraph' | 'list-item' | 'blockquote' | 'table-cell';

/**
 * A unit of analysis: one paragraph, wherever it stands.
 * `text` is the readable text with all tag markup and Markdown syntax removed,
 * and with the speaker label taken off; `offsets[i]` is the file offset of
 * `text[i]`, so any clean-text range maps back to the file.
 */
export interface Segment {
  /** Stable across edits elsewhere in the note: derived from the note path and the text. */
  id: string;
  note: string;
  /** 0-based position among the note's segments. */
  index: number;
  kind: SegmentKind;
  range: Range;
  headings: string[];
  speaker?: string;
  /** Who the speaker is (see core/speakers.ts): one key per participant of a note, unchanged by --pseudonymize. */
  speakerId?: string;
  /** Start of the turn in the recording, in seconds, from a `[hh:mm:ss]` stamp; null without one. */
  time: number | null;
  text: string;
  /** The file offset of each character of `text`, compactly (src/model/offset-map.ts: `offsetAt`). */
  offsets: OffsetMap;
}

/** A span of a note with a code, a coder and an origin. */
export interface Coding {
  code: string;
  note: string;
  /** File offsets, end exclusive. A segment tag spans its whole segment. */
  start: number;
  end: number;
  coder: string;
  origin: Origin;
  /** Ids of the segments this span overlaps, in note order. */
  segments: string[];
  /** Position of the span in the file, for `path:line:col`. */
  range: Range;
  /** The coded words as a reader sees them (markup removed). */
  text: string;
  memo?: string;
  /** In a practice key (standoff `why:`): why the key codes the passage so. */
  why?: string;
  /** For suggestions: the words that matched. */
  matched?: string;
  /** For suggestions: a researcher reviewed and rejected it (a decisions file beside the note). */
  rejected?: boolean;
}

export type FrontMatterValue = string | number | boolean | null | FrontMatterValue[] | { [key: string]: FrontMatterValue };

export interface Participant {
  label: string;
  pseudonym?: string;
  role?: string;
  [key: string]: unknown;
}

/** A parsed Markdown note. The syntax tree is not kept: notes are streamed. */
export interface Note {
  path: string;
  text: string;
  /** True when the file started with a UTF-8 byte order mark. */
  bom: boolean;
  /** The dominant line ending, kept when fieldcode writes the file back. */
  eol: '\n' | '\r\n';
  data: Record<string, FrontMatterValue>;
  /** Where each top-level front matter key is written, for positioned messages. */
  fieldPositions: Record<string, { line: number; column: number }>;
  /** Range of the front matter block (including its fences), when present. */
  frontMatter?: Range;
  participants: Participant[];
  segments: Segment[];
  /** Codings written in the note itself (inline tags and spans). */
  codings: Coding[];
  /** True when the note could not be parsed (e.g. broken front matter): later checks skip it. */
  broken?: boolean;
}

export interface CodeExample {
  text: string;
  note?: string;
}

export interface Code {
  id: string;
  label: string;
  definition?: string;
  useWhen: string[];
  notWhen: string[];
  examples: string[];
  keywords: string[];
  patterns: string[];
  color?: string;
  parent?: string;
  /** Ids of direct children, in file order. */
  children: string[];
  depth: number;
  /** Where the code is declared in the codebook file. */
  position: { line: number; column: number };
  /** Former ids this code was renamed from (`renamed_from:`), oldest first. */
  renamedFrom?: LineageEvent[];
  /** Codes merged into this one (`merged_from:`). */
  mergedFrom?: LineageEvent[];
  /** The code this one was split off from (`split_from:`). */
  splitFrom?: LineageEvent;
  /** Set when the code is retired (`retired:`); a retired code is kept in the file for the record but is not in `codes`. */
  retired?: { date: string; replacedBy?: string };
}

/** One step of a code's lineage: the other code's id and the day it happened (`YYYY-MM-DD`). */
export interface LineageEvent {
  id: string;
  date: string;
}

export interface Codebook {
  path: string;
  name: string;
  version: string;
  languages: string[];
  /** Every code, parents before children, in file order. */
  codes: Code[];
  byId: Map<string, Code>;
  /** First 12 hex digits of the SHA-256 of the codebook file: the version reports state. */
  hash?: string;
  /** The commit the codebook was read at, when it came from a git revision. */
  commit?: string;
  /** Retired codes (`retired:`), kept for lineage: not in `codes` or `byId`. */
  retired?: Code[];
}

export interface VariableSpec {
  name: string;
  values?: string[];
  ordered: boolean;
  required: boolean;
}

export interface ReportDeclaration {
  name: string;
  out: string;
  kind: string;
  format: string;
  by?: string[];
  where?: Record<string, string>;
  codes?: string[];
  coder?: string;
  unit?: string;
  [key: string]: unknown;
}

export interface ProjectConfig {
  /** Project-relative POSIX path of `fieldcode.yaml`, or undefined without one. */
  path?: string;
  name?: string;
  notes: string[];
  /** Where each `notes` glob is written in the project file. */
  notesAt?: Array<{ line: number; column: number }>;
  codebook?: string;
  variables: VariableSpec[];
  coder?: string;
  reports: ReportDeclaration[];
  /** Folder of the memos, relative to the project file (`memos:`, default `memos`). */
  memos?: string;
  /** Where `memos:` is written in the project file. */
  memosAt?: { line: number; column: number };
  /** Measures tables (`measures:`): CSV files joined to the notes' variables. */
  measures?: MeasureSource[];
}

/** Everything the pipeline knows about a project after loading. */
export interface Corpus {
  config: ProjectConfig;
  codebook: Codebook;
  notes: Note[];
  /** All codings, from every source, through one model. */
  codings: Coding[];
  variables: VariableSpec[];
  diagnostics: Diagnostic[];
  /** The matrix summaries files (`summaries/*.md`, see core/summaries.ts): project-relative `path`, `shown` in messages. */
  summaries?: Array<{ path: string; shown: string; text: string }>;
  /** The project's memos (see src/memos/): writing about the data, never counted. */
  memos?: Memo[];
  /** The measures tables, read and checked (see src/measures/). */
  measures?: MeasureTable[];
  /** `reconcile-log.txt` beside the project file, when there is one (summarised by the methods appendix). */
  reconcileLog?: { file: string; text: string };
}

/**
 * What a memo is about. `segment` and `note` ids are project-relative
 * (`notes/a.md#1a2b3c4d`, a note's front-matter `id` or its path); a `cell`
 * names one value of each of some variables (`{group: de-brug, phase: II}`);
 * `phase:II` is a cell of one variable.
 */
export type MemoTarget =
  | { kind: 'code'; id: string }
  /** `note`: the matching `Note.path` once resolved against the corpus. */
  | { kind: 'note'; id: string; note?: string }
  /** `segment`: the matching `Segment.id` once resolved against the corpus. */
  | { kind: 'segment'; id: string; segment?: string }
  | { kind: 'cell'; values: Record<string, string> };

/** A Markdown file under `memos/`: analytic writing about codes, notes, segments or cells. */
export interface Memo {
  /** Shown path of the memo file. */
  path: string;
  /** Path relative to the project root (stable whatever the working directory). */
  projectPath: string;
  /** The front matter `title`, else the first heading, else the file name. */
  title: string;
  about: MemoTarget[];
  /** Where each `about` entry is written, for positioned messages. */
  aboutAt: Array<{ line: number; column: number }>;
  author?: string;
  /** `YYYY-MM-DD` as written; memos without one sort last in a trail. */
  date?: string;
  tags: string[];
  /** The Markdown after the front matter. */
  body: string;
  /** Line of the body's first character in the file. */
  bodyLine: number;
}

/** Filters shared by every analysis. */
export interface Selection {
  where: Record<string, string[]>;
  codes: string[];
  coder?: string;
}

/** A file an importer would write, before anything touches the disk. */
export interface ImportedFile {
  /** POSIX path relative to the target folder. */
  path: string;
  content: string;
}

/** What every importer returns; `files` is empty whenever `diagnostics` holds an error, so nothing is written then. */
export interface ImportResult {
  files: ImportedFile[];
  diagnostics: Diagnostic[];
}

/** A `measures:` entry of fieldcode.yaml: a CSV file and how its columns join the notes. */
export interface MeasureSource {
  /** Path relative to the project file. */
  file: string;
  /** CSV column → the variable it joins on (`participant` joins on a note's participants). */
  join: Record<string, string>;
  /** Where the entry is written in the project file. */
  at: { line: number; column: number };
}

/** One row of a measures table: its join values and its numbers (null for an empty cell). */
export interface MeasureRow {
  /** Variable (or `participant`) → value. */
  keys: Record<string, string>;
  values: Record<string, number | null>;
  line: number;
}

/** A measures CSV, read and checked against the notes. */
export interface MeasureTable {
  /** The file as shown in messages. */
  file: string;
  join: Record<string, string>;
  /** The numeric columns, in file order. */
  columns: string[];
  rows: MeasureRow[];
}
