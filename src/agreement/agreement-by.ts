// Agreement in rounds: the overall row of each value of a front-matter
// variable (`agree --by round`), or of each git revision (`agree --rounds`).
import type { Diagnostic } from '../types.js';
import { ok, problems, type Checked } from '../model/checked.js';
import { usageProblem } from '../model/command-line.js';
import type { Comparison } from './agree-spec.js';
import { runAgreement, type CoderSources } from './coder-agreement.js';
import type { AgreementReport } from './compare.js';

export interface RoundGroup {
  value: string;
  sources: CoderSources;
}

export interface RoundRow {
  value: string;
  notes: number;
  row: AgreementReport['overall'];
}

/** The coders' notes split by the values of `by`, in the variable's order (numbers numerically). */
export function splitByVariable(argv: readonly string[], sources: CoderSources, by: string): Checked<{ groups: RoundGroup[]; untagged: number }> {
  const valueOf = (note: { data: Record<string, unknown> }): string | undefined => {
    const v = note.data[by];
    return typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;
  };
  const values = [...new Set(sources.inputs.flatMap((input) => input.notes.map((n) => valueOf(n.note)).filter((v): v is string => v !== undefined)))];
  if (values.length === 0) return problems(usageProblem(argv, `Unexpected \`--by ${by}\`: no compared note has \`${by}:\` in its front matter, expected a variable such as \`round: 1\` on the notes`, '--by'));
  values.sort((a, b) => (Number.isFinite(Number(a)) && Number.isFinite(Number(b)) ? Number(a) - Number(b) : a < b ? -1 : a > b ? 1 : 0));
  const groups = values.map((value) => ({
    value,
    sources: {
      ...sources,
      diagnostics: [],
      inputs: sources.inputs.map((input) => {
        const notes = input.notes.filter((n) => valueOf(n.note) === value);
        const paths = new Set(notes.map((n) => n.note.path));
        return { ...input, notes, codings: input.codings.filter((c) => paths.has(c.note)) };
      }),
    },
  }));
  const untagged = sources.inputs[0]?.notes.filter((n) => valueOf(n.note) === undefined).length ?? 0;
  return ok({ groups, untagged });
}

/** One overall row per group; only errors of a group are kept (its warnings would repeat per round). */
export function agreementRounds(groups: RoundGroup[], compare: Comparison): { rows: RoundRow[]; diagnostics: Diagnostic[] } {
  const rows: RoundRow[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const { value, sources } of groups) {
    const run = runAgreement(sources, compare);
    diagnostics.push(...run.diagnostics.filter((d) => d.severity === 'error' || d.severity === 'fatal'));
    if (run.report) rows.push({ value, notes: run.report.notes, row: run.report.overall });
  }
  return { rows, diagnostics };
}
