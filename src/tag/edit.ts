// `tag --add ID --at PATH:LINE [--span words]` and `--remove …` as a pure
// step: the note as read, the codebook and the request in; the edit (or the
// positioned problems in the note) out. Reading and writing stay with the caller.
import type { Codebook, Diagnostic, Note, Segment } from '../types.js';
import { hint } from '../core/did-you-mean.js';
import { lineIndex } from '../model/offsets.js';
import { addSegmentTag, addSpan, findWords, isProblem, removeSegmentTag, removeSpan, segmentAtLine, type EditProblem, type EditResult } from '../core/write-inline.js';
import { ok, problems, type Checked } from '../model/checked.js';
import type { RuleId } from '../model/rules.js';

/** A note `tag` may edit: its display path, its text read, and the coder its inline codings get. */
export interface EditableNote {
  path: string;
  note: Note;
  coder: string;
}

export interface EditRequest {
  code: string;
  adding: boolean;
  line: number;
  /** Exact words of the segment, to code (or uncode) as a span. */
  span?: string;
}

export interface PlannedEdit {
  segment: Segment;
  result: Extract<EditResult, { ok: true }>;
}

/** An edit problem at its place in the note. */
export function problemDiagnostic(file: { path: string; note: Note }, problem: EditProblem): Diagnostic {
  const at = lineIndex(file.note.text).point(problem.offset);
  return { file: file.path, line: at.line, column: at.column, severity: 'error', message: problem.message, ruleId: problem.ruleId };
}

/** The segment that holds a line of the note; a line between segments says where the next one starts. */
export function segmentAt(file: { path: string; note: Note }, line: number): Checked<Segment> {
  const segment = segmentAtLine(file.note, line);
  if (segment) return ok(segment);
  const next = file.note.segments.find((s) => s.range.start.line > line);
  const near = next ? ` (the next segment starts at line ${next.range.start.line})` : '';
  return problems(positioned(file.path, `Unexpected line ${line} outside any segment, expected a line of a paragraph, list item, quote or table row${near}`, 'no-segment', line));
}

export function planEdit(file: EditableNote, codebook: Codebook, request: EditRequest): Checked<PlannedEdit> {
  const { code, line } = request;
  if (request.adding && !codebook.byId.has(code)) {
    return problems(positioned(file.path, `Unexpected code \`${code}\`, expected a code from \`${codebook.path}\`${hint(code, codebook.byId.keys())}`, 'unknown-code', line));
  }
  const lines = file.note.text.split('\n').length;
  if (line > lines) return problems(positioned(file.path, `Unexpected line ${line}, the note has ${lines} lines`, 'no-segment', lines));
  const found = segmentAt(file, line);
  if (!found.ok) return found;
  const segment = found.value;
  const options = { coder: file.coder };
  let result: EditResult;
  if (request.span !== undefined) {
    const range = findWords(segment, request.span);
    if (isProblem(range)) return problems(problemDiagnostic(file, range));
    result = request.adding ? addSpan(file.note, segment, code, range, options) : removeSpan(file.note, segment, code, range, options);
  } else {
    result = request.adding ? addSegmentTag(file.note, segment, code, options) : removeSegmentTag(file.note, segment, code, options);
  }
  if (!result.ok) return problems(problemDiagnostic(file, result.problem));
  return ok({ segment, result });
}

function positioned(path: string, message: string, ruleId: RuleId, line: number): Diagnostic {
  return { file: path, line, column: 1, severity: 'error', message, ruleId };
}
