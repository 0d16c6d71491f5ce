// Step 7b of a .qdpx import: the files beside the notes: memos, the YAML
// codebook and `fieldcode.yaml` with the variables and the coder.
import { Document } from 'yaml';
import type { ImportedFile } from '../../types.js';
import { serializeCodebook } from '../../import/codebook.js';
import { importMemos } from './memo-files.js';
import { kid, kids, type XmlElement } from '../xml-read.js';
import type { CodeTree } from './codes.js';
import { baseName, diag, type QdeContext, type SourceInfo } from './context.js';
import type { NoteFiles } from './write-notes.js';
import type { Variables } from './variables.js';

export interface ProjectPlan {
  root: XmlElement;
  /** The archive's path as given, for names and comments. */
  archive: string;
  tree: CodeTree;
  sources: SourceInfo[];
  notes: NoteFiles;
  users: Map<string, string>;
  projectUser: string | undefined;
  variables: Variables;
  /** Every variable name: the declared ones in order, then those only sources name. */
  variableNames: string[];
  notesDir: string;
  codebookPath: string;
  /** Project name when the project.qde names none. */
  name?: string;
}

/** Memo files for the project's Notes that are about a code or a source, or are fieldcode memos. */
export function writeMemos(plan: ProjectPlan, ctx: QdeContext): ImportedFile[] {
  const { root, tree, sources } = plan;
  const memoFiles = importMemos({
    notes: kids(kid(root, 'Notes'), 'Note'),
    codeIds: new Map([...tree.byGuid].map(([guid, entry]) => [guid, entry.code.id])),
    notePaths: plan.notes.notePaths,
    codeElements: [...tree.byGuid].map(([guid, entry]) => ({ guid, element: entry.element })),
    sourceElements: sources.map((source) => ({ guid: source.guid, element: source.element })),
    users: plan.users,
    diag: (line, column, message) => diag(ctx.file, line, column, 'warning', message, 'refi-not-imported'),
  });
  ctx.diagnostics.push(...memoFiles.diagnostics);
  return memoFiles.files;
}

/** The codebook (when the project has codes) and `fieldcode.yaml`. */
export function writeProject(plan: ProjectPlan): ImportedFile[] {
  const { root, archive, tree, codebookPath } = plan;
  const files: ImportedFile[] = [];
  const projectName = (root.attrs.name ?? '').trim() || plan.name || baseName(archive);
  if (tree.roots.length > 0) {
    const origin = root.attrs.origin ? ` (origin: ${root.attrs.origin.replace(/\s+/g, ' ')})` : '';
    files.push({ path: codebookPath, content: serializeCodebook({ name: projectName, codes: tree.roots }, `Imported from ${baseName(archive)}.qdpx${origin} by fieldcode`) });
  }
  const config: Record<string, unknown> = { name: projectName };
  if (tree.roots.length > 0) config.codebook = codebookPath;
  config.notes = [`${plan.notesDir}/**/*.md`];
  if (plan.variableNames.length > 0) config.variables = variableDeclarations(plan);
  const coders = plan.notes.coders;
  const coder = plan.projectUser ?? (coders.size === 1 ? [...coders][0] : undefined);
  if (coder) config.coder = coder;
  const configDoc = new Document(config, { version: '1.2' });
  configDoc.commentBefore = ` Imported from ${baseName(archive)}.qdpx by fieldcode`;
  files.push({ path: 'fieldcode.yaml', content: configDoc.toString({ lineWidth: 0, minContentWidth: 0 }) });
  return files;
}

function variableDeclarations(plan: ProjectPlan): Record<string, unknown> {
  const vars: Record<string, unknown> = {};
  for (const name of plan.variableNames) {
    const seen = plan.sources.map((s) => s.values.get(name)).filter((v) => v !== undefined).map(String);
    const distinct = [...new Set(seen)].sort();
    const spec = plan.variables.specs.get(name);
    const entry: Record<string, unknown> = {};
    // Declared values (fieldcode's own export) keep their order; otherwise list
    // the values only when some repeat, i.e. the variable groups sources.
    if (spec?.values) entry.values = [...spec.values, ...distinct.filter((v) => !spec.values!.includes(v))];
    else if (distinct.length < seen.length) entry.values = distinct;
    if (spec?.ordered) entry.ordered = true;
    if (spec?.required) entry.required = true;
    vars[name] = entry;
  }
  return vars;
}
