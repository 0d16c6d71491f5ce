// The whole project as a REFI-QDA `.qdpx`: `project.qde` plus `sources/<GUID>.txt`.
// Pure: takes a loaded Corpus, returns bytes. Deterministic: GUIDs are UUIDv5 of
// stable names, dates come from the notes, and the zip has fixed order and times.
import type { Corpus, Diagnostic } from '../types.js';
import { writeZip, type ZipEntry } from './zip.js';
import { exportableCodings } from './export/codings.js';
import { planDates } from './export/dates.js';
import { planProjectMemos } from './export/project-memos.js';
import { writeProjectQde } from './export/project-qde.js';
import { exportScope } from './export/scope.js';
import { planPlainTexts, planSelections } from './export/selections.js';
import { sourceNames } from './export/source-names.js';
import { planUsers } from './export/users.js';
import { planCases, planSets, planVariables } from './export/variables.js';

export { MEMO_PREFIX, PARTICIPANTS_PREFIX, sourceDescription, variableDescription } from './export/descriptions.js';
export { DEFAULT_DATE, toDateTime } from './export/dates.js';

export interface QdpxOptions {
  /** Producing software, written as `origin`. Default `fieldcode`. */
  origin?: string;
  /** The user who exports (the project's `creatingUserGUID`). Default: the configured coder, else the first coder. */
  user?: string;
  /** Fallback `creationDateTime` when no note has a `date`. Default `2000-01-01T00:00:00Z`. */
  date?: string;
  /**
   * The variable whose values become named `<Case>`s (one case per value, with a
   * `SourceRef` to each note that has it). Default `group` when that variable
   * exists; `null` for no cases.
   */
  caseVariable?: string | null;
  /**
   * Also write ATLAS.ti-style document groups: one `<Set name="variable: value">`
   * per variable value, with a `MemberSource` per note (NOTES.md §3.5 item 4).
   * Off by default: QualCoder turns every source set into a variable.
   */
  sets?: boolean;
  /** Export only the codings of this coder. */
  coder?: string;
  /**
   * The stable name of a note for GUIDs and source names, e.g. its path relative
   * to the project root (note paths in a Corpus are relative to the working
   * directory). Default: `Note.path` as is.
   */
  notePath?: (path: string) => string;
  /**
   * Unit of `startPosition`/`endPosition`: Unicode code points (the standard,
   * default) or UTF-16 code units (what NVivo counts). They differ only in texts
   * with characters outside the Basic Multilingual Plane, such as emoji.
   */
  offsets?: 'codepoints' | 'utf16';
}

export interface QdpxBuild {
  /** Zip entries in write order: `project.qde`, then `sources/*.txt` by name. */
  entries: ZipEntry[];
  projectXml: string;
  /** Source texts by internal file name (`<GUID>.txt`). */
  sources: Map<string, string>;
  /** What could not be exported, and what other tools may read differently. */
  diagnostics: Diagnostic[];
}

/** Builds the `.qdpx` entries and the `project.qde` text: the steps of an export, in order. */
export function buildQdpx(corpus: Corpus, options: QdpxOptions = {}): QdpxBuild {
  const scope = exportScope(corpus, options);
  const codings = exportableCodings(scope);
  const users = planUsers(scope, codings);
  const dates = planDates(scope.notes, options.date);
  const projectMemos = planProjectMemos(scope, users, dates);
  const variables = planVariables(scope);
  const cases = planCases(scope, variables);
  const names = sourceNames(scope.notes, scope.stable);
  const plain = planPlainTexts(scope);
  const selections = planSelections(scope, { codings, plain, names, users, dates });
  const sets = options.sets ? planSets(scope, variables) : undefined;
  const { projectXml, sources } = writeProjectQde(scope, { users, dates, projectMemos, variables, cases, names, plain, selections, sets });
  const encoder = new TextEncoder();
  const entries: ZipEntry[] = [{ name: 'project.qde', data: encoder.encode(projectXml) }];
  for (const name of [...sources.keys()].sort()) entries.push({ name: `sources/${name}`, data: encoder.encode(sources.get(name)!) });
  return { entries, projectXml, sources, diagnostics: scope.diagnostics };
}

/** The project as `.qdpx` bytes. Two calls on the same corpus give identical bytes. */
export function exportQdpx(corpus: Corpus, options: QdpxOptions = {}): Uint8Array {
  return writeZip(buildQdpx(corpus, options).entries);
}
