// The project read again with the planned changes laid over the files on
// disk: to check the change adds no problem, and to regenerate the declared
// reports that were up to date, in the same all-or-nothing plan (a report
// names the codes too, and `build --check` in CI would fail on a stale one).
import { readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Corpus, Diagnostic } from '../types.js';
import type { LoadedProject } from '../cli/project.js';
import type { Source } from '../pipeline/source.js';
import { runPipeline } from '../pipeline/run.js';
import { buildReports } from '../core/build.js';
import { declaredInputKind } from '../cli/inputs.js';
import { BINARY_FORMATS } from '../reporters/xlsx.js';
import { refuse, type FileChange, type Refused } from './change.js';

/** The corpus as it will be after the change. */
export function corpusAfter(loaded: LoadedProject, changes: FileChange[]): Corpus {
  const over = new Map(changes.map((change) => [change.path, change.after]));
  const base = loaded.source;
  const source: Source = {
    ...base,
    list: (globs, ignore) => base.list(globs, ignore),
    read: (path, limit) => {
      const text = over.get(path);
      if (text === undefined) return base.read(path, limit);
      const bom = text.charCodeAt(0) === 0xfeff;
      return { text: bom ? text.slice(1) : text, bom };
    },
    exists: (path) => over.has(path) || base.exists(path),
  };
  const config = loaded.configPath ? relative(loaded.root, loaded.configPath).split(sep).join('/') : undefined;
  // Through the same cache: only the notes the change rewrites are parsed again.
  return runPipeline(source, { config, checkVariables: true, ...(loaded.parsing ? { parsing: loaded.parsing } : {}) }).corpus;
}

/** Refuses a change after which the project would have an error it does not have now. */
export function refuseNewProblems(before: Corpus, after: Corpus): Refused | undefined {
  const count = (diagnostics: Diagnostic[]): Map<string, number> => {
    const out = new Map<string, number>();
    for (const d of diagnostics) if (d.severity === 'error' || d.severity === 'fatal') out.set(`${d.file}\u0000${d.ruleId}`, (out.get(`${d.file}\u0000${d.ruleId}`) ?? 0) + 1);
    return out;
  };
  const old = count(before.diagnostics);
  const now = count(after.diagnostics);
  for (const d of after.diagnostics) {
    const key = `${d.file}\u0000${d.ruleId}`;
    if ((now.get(key) ?? 0) > (old.get(key) ?? 0)) {
      return refuse(`Cannot make this change: afterwards ${d.file}:${d.line}:${d.column} would have a new problem (${d.message} [${d.ruleId}]); nothing was written`);
    }
  }
  return undefined;
}

/**
 * The declared reports that are up to date now and would change: their new
 * content, as planned changes. Binary reports that would change are named in
 * `binaryLeft`, for `fieldcode build`.
 */
export function reportChanges(loaded: LoadedProject, after: Corpus, binaryLeft: string[] = []): FileChange[] | Refused {
  const declarations = loaded.corpus.config.reports;
  if (declarations.length === 0 || !loaded.configPath) return [];
  const configPath = relative(loaded.root, loaded.configPath).split(sep).join('/');
  const reads = declaredInputKind(loaded);
  const old = buildReports(loaded.corpus, declarations, configPath, reads);
  // A declaration that cannot be built now is `check`'s to report; its files are left alone.
  if (old.problems.length > 0) return [];
  const next = buildReports(after, after.config.reports, configPath, reads);
  const [d] = next.problems;
  if (d) return refuse(`Cannot make this change: afterwards ${d.file}:${d.line}:${d.column} would have a new problem (${d.message} [${d.ruleId}]); nothing was written`);
  const was = new Map(old.outputs.map((output) => [output.path, output.content]));
  const changes: FileChange[] = [];
  for (const output of next.outputs) {
    // A binary report (xlsx) is made asynchronously from its model by `build`; the plan holds text only.
    if (BINARY_FORMATS[output.format ?? '']) {
      if (was.get(output.path) !== output.content) binaryLeft.push(output.path);
      continue;
    }
    let current: string | undefined;
    try {
      current = readFileSync(join(loaded.root, output.path), 'utf8');
    } catch {
      current = undefined;
    }
    // Only a report that was up to date: a stale or missing one is `build`'s business.
    if (current === undefined || current !== was.get(output.path) || current === output.content) continue;
    changes.push({ path: output.path, role: 'report', before: current, after: output.content, recoded: 0 });
  }
  return changes;
}
