// Every rule id a diagnostic can carry, with its usual severity and what it
// means. `Diagnostic.ruleId` is typed from this table, so a new rule cannot be
// emitted without an entry here; test/model/rules.test.ts keeps docs/rules.md
// (one heading per rule, the anchor every report links to) in step with it.
import type { Severity } from '../types.js';

export interface Rule {
  /** The severity the rule usually reports at; a few rules use a milder one in some cases. */
  severity: Severity;
  /** One line: what the rule finds. */
  summary: string;
}

const rules = {
  // Project file and codebook
  'config-yaml': { severity: 'error', summary: 'The project file is not valid YAML.' },
  'config-shape': { severity: 'error', summary: 'A key of the project file has a value of the wrong kind.' },
  'codebook-yaml': { severity: 'error', summary: 'The codebook is not valid YAML.' },
  'codebook-shape': { severity: 'error', summary: 'The codebook, or one of its codes, has the wrong structure.' },
  'unknown-field': { severity: 'warning', summary: 'A key in the project file or codebook that fieldcode does not know (often a typo).' },
  'empty-code-id': { severity: 'error', summary: 'A code in the codebook has no `id`.' },
  'invalid-code-id': { severity: 'error', summary: 'A code id is not a lowercase letter followed by letters, digits, `-`, `_` or `.`.' },
  'duplicate-code-id': { severity: 'error', summary: 'Two codes in the codebook share one id.' },
  'duplicate-keyword': { severity: 'warning', summary: 'Two codes claim the same suggestion keyword.' },
  'invalid-pattern': { severity: 'error', summary: 'A suggestion pattern of a code is not a valid regular expression.' },
  'invalid-color': { severity: 'warning', summary: 'A code colour is not `#RGB` or `#RRGGBB`.' },
  'mixed-coders': { severity: 'warning', summary: 'Counts add up the codings of several coders of one note, because no coder was chosen.' },
  'report-declaration': { severity: 'error', summary: 'A report declared under `reports:` in the project file cannot be built as written.' },
  'missing-file': { severity: 'fatal', summary: 'The project file or codebook named on the command line or in the project file does not exist.' },
  'unreadable-folder': { severity: 'fatal', summary: 'A folder the notes are read from cannot be read (for example no permission).' },
  'no-matching-notes': { severity: 'fatal', summary: 'A glob under `notes:` in the project file matches no note.' },
  // Notes
  'unreadable-file': { severity: 'error', summary: 'A file cannot be read, or is not UTF-8 text.' },
  'front-matter-invalid': { severity: 'error', summary: 'The front matter of a note is not closed or is not a YAML mapping.' },
  'file-too-large': { severity: 'error', summary: 'A note is larger than `--max-note-size` (or another file larger than fieldcode reads); it is not read.' },
  'too-many-blocks': { severity: 'error', summary: 'A note has more paragraphs, list items and table cells than fieldcode reads; it is not read.' },
  'nul-character': { severity: 'warning', summary: 'A note holds NUL bytes, which read as U+FFFD in quotes and reports.' },
  'nesting-too-deep': { severity: 'error', summary: 'A note nests blockquotes and lists deeper than fieldcode reads; it is not read.' },
  'empty-note': { severity: 'error', summary: 'A note has no text after its front matter.' },
  'unbalanced-span': { severity: 'error', summary: 'A `[words]{#code}` span is not closed, or a `]{` has no opening `[`.' },
  'malformed-span': { severity: 'warning', summary: 'A `]{#…` or `{#…` that is not a closed block of lowercase `#code` tags, so its words are not a span.' },
  'capitalised-tag': { severity: 'warning', summary: 'A `#Tag` with capitals, which is not a tag because code ids are lowercase.' },
  'unlisted-speaker': { severity: 'warning', summary: 'Paragraphs open with a plain label such as `Interviewer:` that is not in the note\'s `participants`, so they have no speaker.' },
  'crossing-span': { severity: 'error', summary: 'A span crosses Markdown markup such as emphasis or a link.' },
  'unknown-code': { severity: 'error', summary: 'A coding uses a code that is not in the codebook.' },
  'missing-variable': { severity: 'error', summary: 'A note lacks a variable the project file marks `required`.' },
  'invalid-variable-value': { severity: 'error', summary: 'A note gives a variable a value the project file does not list.' },
  'duplicate-note-id': { severity: 'error', summary: 'Two notes share one front matter `id`.' },
  'unpseudonymized-name': { severity: 'warning', summary: 'A report that is not pseudonymized would publish a participant or speaker name that has no pseudonym.' },
  'pseudonym-leak': { severity: 'error', summary: 'A pseudonymized report would still show a real name (in a file name, title, code label or value), so it is not written.' },
  // Standoff codings
  'standoff-syntax': { severity: 'error', summary: 'A standoff codings file is not valid YAML.' },
  'standoff-version': { severity: 'error', summary: 'A standoff codings file lacks the `fieldcode:` version line, or has an unknown version.' },
  'standoff-missing-field': { severity: 'error', summary: 'A standoff coding lacks a required field.' },
  'standoff-invalid-field': { severity: 'error', summary: 'A field of a standoff coding has a value of the wrong kind.' },
  'standoff-unknown-field': { severity: 'warning', summary: 'A standoff codings file has a field fieldcode does not know.' },
  'standoff-bad-offsets': { severity: 'error', summary: 'A standoff coding has offsets that are not whole numbers in order.' },
  'standoff-note-missing': { severity: 'error', summary: 'The note a standoff codings file annotates is not among the project’s notes.' },
  'orphaned-coding': { severity: 'error', summary: 'A standoff coding’s text is no longer in its note.' },
  'standoff-outside-segment': { severity: 'warning', summary: 'A standoff coding lies on a heading or elsewhere outside every segment, so it counts as a coding and a document but in no segment.' },
  'reanchored-coding': { severity: 'warning', summary: 'A standoff coding’s text moved in its note; it was found again by its words.' },
  // Tagging (writing codes into notes)
  'words-not-found': { severity: 'error', summary: 'The words given to `--span` are not in the segment.' },
  'ambiguous-words': { severity: 'error', summary: 'The words given to `--span` occur more than once in the segment.' },
  'code-not-applied': { severity: 'error', summary: 'The code to remove is not applied the way the command asks.' },
  'span-not-found': { severity: 'error', summary: 'The `{#…}` block of an existing span cannot be found.' },
  'span-crosses-markup': { severity: 'error', summary: 'The words of a new span cross Markdown markup.' },
  'plain-text-note': { severity: 'error', summary: 'Inline codes cannot be written into a plain-text note.' },
  'edit-not-verified': { severity: 'error', summary: 'An edit would change more than the codes asked for, so it was not written.' },
  'no-segment': { severity: 'error', summary: 'The line named for tagging is not part of any segment.' },
  'file-changed': { severity: 'error', summary: 'A note changed on disk while it was being tagged.' },
  'write-failed': { severity: 'error', summary: 'A file could not be written.' },
  // Agreement and practice
  'agree-single-coder': { severity: 'error', summary: 'Fewer than two coders to compare.' },
  'agree-no-shared-notes': { severity: 'error', summary: 'The coders share no note.' },
  'agree-nothing-coded': { severity: 'error', summary: 'No coder applied any code in the compared notes.' },
  'agree-note-not-shared': { severity: 'warning', summary: 'A note is coded by some coders only and is left out of the comparison.' },
  'agree-unaligned-segment': { severity: 'warning', summary: 'A segment has no counterpart in another coder’s copy of the note.' },
  'agree-unplaced-coding': { severity: 'warning', summary: 'A coding covers no compared segment text.' },
  'agreement-inflated': { severity: 'warning', summary: 'Agreement is inflated by text that no coder coded.' },
  'agreement-below-threshold': { severity: 'error', summary: 'An agreement statistic is below the minimum asked for.' },
  'practice-strip': { severity: 'error', summary: 'The tags of a key note cannot be removed cleanly for a practice copy.' },
  'practice-note-missing': { severity: 'error', summary: 'A practice folder and its key do not hold the same notes.' },
  'practice-text-changed': { severity: 'warning', summary: 'A practice paragraph differs from the exercise text and cannot be scored.' },
  // Import (CSV, code lists)
  'csv-syntax': { severity: 'error', summary: 'A CSV file is malformed (for example an unterminated quoted field).' },
  'csv-missing-column': { severity: 'error', summary: 'A codings CSV lacks a required column.' },
  'csv-empty-code': { severity: 'error', summary: 'A code list row has no code name.' },
  'csv-bad-depth': { severity: 'error', summary: 'A code list row has a depth that does not follow the previous row.' },
  'duplicate-code': { severity: 'error', summary: 'A code list names one code twice.' },
  'empty-codebook': { severity: 'error', summary: 'A code list has no codes.' },
  'list-indentation': { severity: 'error', summary: 'An indented code list is indented inconsistently.' },
  'bad-color': { severity: 'warning', summary: 'An imported code colour is not `#RRGGBB`; it is left out.' },
  'unknown-document': { severity: 'error', summary: 'A codings CSV row names a document that is not among the notes.' },
  'ambiguous-document': { severity: 'error', summary: 'A codings CSV row names a document that matches more than one note.' },
  'bad-offsets': { severity: 'error', summary: 'A codings CSV row has offsets that are not whole numbers in order.' },
  'missing-offsets': { severity: 'error', summary: 'A codings CSV row has neither offsets nor text to locate it by.' },
  'quote-not-found': { severity: 'error', summary: 'The text of a codings CSV row is not in its note.' },
  'text-mismatch': { severity: 'error', summary: 'The text of a codings CSV row differs from the note at its offsets.' },
  'located-by-text': { severity: 'info', summary: 'A codings CSV row was placed by its text rather than its offsets.' },
  'empty-code': { severity: 'warning', summary: 'Codings CSV rows with an empty code were left out.' },
  'unsafe-path': { severity: 'error', summary: 'An import would write outside the target folder.' },
  'outside-project': { severity: 'error', summary: 'A note or standoff file is a link to a file outside the project; it is not read.' },
  'name-too-long': { severity: 'error', summary: 'An import would write a folder or file name longer than 200 bytes.' },
  'would-overwrite': { severity: 'error', summary: 'An import would overwrite a file that differs from the imported one.' },
  // REFI-QDA (import and export)
  'qdpx-not-zip': { severity: 'error', summary: 'A .qdpx file is not a readable zip archive.' },
  'qdpx-no-project': { severity: 'error', summary: 'A .qdpx archive holds no project.qde.' },
  'zip-slip': { severity: 'error', summary: 'An archive entry would be written outside the target folder.' },
  'zip-entry-too-large': { severity: 'error', summary: 'An archive entry is larger than fieldcode will unpack.' },
  'xml-not-well-formed': { severity: 'error', summary: 'A REFI-QDA XML file is not well-formed.' },
  'qdc-not-codebook': { severity: 'error', summary: 'A .qdc file is not a REFI-QDA codebook.' },
  'qdc-no-codes': { severity: 'error', summary: 'A REFI-QDA codebook has no codes.' },
  'refi-bad-color': { severity: 'warning', summary: 'A REFI-QDA code colour cannot be read; it is left out.' },
  'refi-missing-guid': { severity: 'warning', summary: 'A REFI-QDA element lacks its guid.' },
  'refi-duplicate-guid': { severity: 'warning', summary: 'A REFI-QDA guid is used twice.' },
  'refi-namespace': { severity: 'warning', summary: 'A REFI-QDA file does not use the REFI-QDA namespace.' },
  'refi-not-imported': { severity: 'info', summary: 'A REFI-QDA feature fieldcode has no equivalent for was not imported.' },
  'refi-dangling-reference': { severity: 'warning', summary: 'A REFI-QDA reference points at nothing; it is left out.' },
  'refi-missing-source': { severity: 'error', summary: 'A REFI-QDA source is an external file the archive does not hold.' },
  'refi-not-utf8': { severity: 'error', summary: 'A REFI-QDA file is not valid UTF-8.' },
  'refi-offset-model': { severity: 'info', summary: 'How the selection offsets of a REFI-QDA source were read.' },
  'refi-offset-out-of-range': { severity: 'error', summary: 'A REFI-QDA selection lies outside its source text.' },
  'refi-unknown-code': { severity: 'error', summary: 'A REFI-QDA coding points at no code.' },
  'refi-empty-selection': { severity: 'warning', summary: 'A REFI-QDA selection is empty and is not imported.' },
  'refi-empty-source': { severity: 'warning', summary: 'A REFI-QDA source has no text.' },
  'refi-no-sources': { severity: 'warning', summary: 'A REFI-QDA project has no text sources.' },
  'refi-import-failed': { severity: 'error', summary: 'A REFI-QDA file could not be imported.' },
  'refi-export-skipped': { severity: 'warning', summary: 'Something could not be exported to REFI-QDA and was left out.' },
  'refi-astral': { severity: 'info', summary: 'A note has characters outside the Basic Multilingual Plane; how its offsets are written.' },
  'refi-bom': { severity: 'error', summary: 'An exported REFI-QDA file starts with a byte order mark.' },
  'refi-coding-coderef': { severity: 'error', summary: 'An exported REFI-QDA coding does not have exactly one CodeRef.' },
  'refi-crlf': { severity: 'error', summary: 'An exported REFI-QDA source has CR line ends.' },
  'refi-empty-container': { severity: 'error', summary: 'An exported REFI-QDA container element is empty.' },
  'refi-extra-entry': { severity: 'error', summary: 'An exported .qdpx archive holds an unexpected entry.' },
  'refi-not-codable': { severity: 'error', summary: 'An exported REFI-QDA coding points at a code that is not codable.' },
  'refi-selection-name': { severity: 'error', summary: 'An exported REFI-QDA selection name differs from its text.' },
  'refi-text-location': { severity: 'error', summary: 'An exported REFI-QDA source does not have exactly one text location.' },
  // Transcripts
  'transcript-unknown-format': { severity: 'error', summary: 'A file is not in any transcript format fieldcode reads; the message lists the known formats.' },
  'transcript-syntax': { severity: 'error', summary: 'A transcript file breaks the grammar of its format so that it cannot be read.' },
  'transcript-truncated': { severity: 'error', summary: 'A transcript file ends in the middle of a cue, a JSON value or a zip archive.' },
  'transcript-encoding': { severity: 'error', summary: 'A transcript file is not UTF-8 and its encoding cannot be told with certainty.' },
  'transcript-empty': { severity: 'error', summary: 'A transcript file holds no speech turns.' },
  'transcript-binary': { severity: 'error', summary: 'A transcript file is a zip, media or other binary file, not text.' },
  'transcript-docx-not-zip': { severity: 'error', summary: 'A `.docx` file is not a zip archive, so it is not a Word document.' },
  'transcript-too-large': { severity: 'error', summary: 'A transcript file is larger than fieldcode reads.' },
  'transcript-time-range': { severity: 'warning', summary: 'A cue ends before it starts, or starts before the previous cue of the same speaker ends; the turn is kept.' },
  'transcript-bad-timing': { severity: 'warning', summary: 'A cue timing line cannot be read; the cue is skipped.' },
  'transcript-bad-cue': { severity: 'warning', summary: 'A block of a subtitle file is not a cue, or a voice tag is not closed; it is skipped or read leniently.' },
  'speaker-map-syntax': { severity: 'error', summary: 'A speaker map given with `--speakers` is not `LABEL: { name, pseudonym, role }` YAML.' },
  'speaker-map-unknown-label': { severity: 'error', summary: 'A speaker map names a label that none of the imported transcripts uses.' },
  'unmapped-speakers': { severity: 'warning', summary: 'Transcript speaker labels were kept as written, each with a placeholder pseudonym.' },
  'note-has-codings': { severity: 'error', summary: 'An import would replace a note that has codings, which would be lost; refused even with `--force`.' },
} as const satisfies Record<string, Rule>;

export type RuleId = keyof typeof rules;

export const RULES: Readonly<Record<RuleId, Rule>> = rules;

/** Where a rule is explained, relative to the repository root: the heading of docs/rules.md. */
export function ruleDocs(id: RuleId): string {
  return `docs/rules.md#${id}`;
}
