// `check` for memos: each `about` target must name something the project has
// (a code of the codebook, a note, a segment, a declared variable and one of
// its values). Resolving a note or segment target also records which note or
// segment of the corpus it is, so reports can find a memo from a segment.
import type { Codebook, Diagnostic, Memo, MemoTarget, Note, VariableSpec } from '../types.js';
import { hint } from '../core/did-you-mean.js';
import { noteValue } from '../core/variables.js';
import { formatTarget } from './target.js';

export interface MemoScope {
  codebook: Codebook;
  notes: Note[];
  variables: VariableSpec[];
  /** A note's project-relative path, from its shown `Note.path`. */
  projectPath: (note: Note) => string;
}

/** The id a memo uses for a segment: the note's project-relative path and the segment's hash, whatever the working directory. */
export function projectSegmentId(segmentId: string, note: Note, projectPath: string): string {
  return segmentId.startsWith(note.path) ? projectPath + segmentId.slice(note.path.length) : segmentId;
}

/** Resolves note and segment targets in place and returns a diagnostic for each target that names nothing. */
export function validateMemos(memos: Memo[], scope: MemoScope): Diagnostic[] {
  // Without memos there is nothing to resolve, and the segment table costs a pass over every segment.
  if (memos.length === 0) return [];
  const notes = new Map<string, Note>();
  for (const note of scope.notes) {
    notes.set(scope.projectPath(note), note);
    const id = note.data.id;
    if (typeof id === 'string' || typeof id === 'number') notes.set(String(id), note);
  }
  const segments = new Map<string, string>();
  for (const note of scope.notes) for (const segment of note.segments) segments.set(projectSegmentId(segment.id, note, scope.projectPath(note)), segment.id);
  const variables = new Map(scope.variables.map((v) => [v.name, v]));
  const diagnostics: Diagnostic[] = [];
  for (const memo of memos) {
    memo.about.forEach((target, index) => {
      const problem = unknownTarget(target, scope, notes, segments, variables);
      if (problem) diagnostics.push({ file: memo.path, ...memo.aboutAt[index], severity: 'error', message: problem, ruleId: 'memo-unknown-target' });
    });
  }
  return diagnostics;
}

function unknownTarget(target: MemoTarget, scope: MemoScope, notes: Map<string, Note>, segments: Map<string, string>, variables: Map<string, VariableSpec>): string | undefined {
  const shown = formatTarget(target);
  switch (target.kind) {
    case 'code':
      return scope.codebook.byId.has(target.id) ? undefined : `Unexpected memo target \`${shown}\`: no code \`${target.id}\` in the codebook${hint(target.id, scope.codebook.byId.keys())}`;
    case 'note': {
      const note = notes.get(target.id);
      if (note) target.note = note.path;
      return note ? undefined : `Unexpected memo target \`${shown}\`: no note has the id or project path \`${target.id}\`${hint(target.id, notes.keys())}`;
    }
    case 'segment': {
      const segment = segments.get(target.id);
      if (segment) target.segment = segment;
      if (segment) return undefined;
      const path = target.id.replace(/#.*$/, '');
      const where = notes.has(path) ? `note \`${path}\` has no segment with that id (it changes when the segment's words change; \`fieldcode search\` or \`quotes --format json\` shows the current id)` : `no note \`${path}\``;
      return `Unexpected memo target \`${shown}\`: ${where}`;
    }
    case 'cell':
      for (const [name, value] of Object.entries(target.values)) {
        const spec = variables.get(name);
        if (!spec) return `Unexpected memo target \`${shown}\`: no variable \`${name}\`${hint(name, variables.keys())}, expected one of ${[...variables.keys()].map((v) => `\`${v}\``).join(', ') || '(no variables)'}`;
        const values = spec.values ?? [...new Set(scope.notes.map((note) => noteValue(note, name)))];
        if (!values.includes(value)) return `Unexpected memo target \`${shown}\`: \`${name}\` has no value \`${value}\`${hint(value, values)}, expected one of ${values.map((v) => `\`${v}\``).join(', ')}`;
      }
      return undefined;
  }
}
