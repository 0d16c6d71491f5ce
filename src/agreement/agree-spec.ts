// What `fieldcode agree` is asked to do, read from its flags once: where the
// coders come from (a table, rounds at git revisions, revisions, folders, or
// one project), how units are compared and which thresholds gate the exit
// code. A flag that cannot be used is a fatal diagnostic at that flag on the
// command line, never a throw; nothing is read before the flags are sound.
import type { Diagnostic } from '../types.js';
import { ok, problems, type Checked } from '../model/checked.js';
import { usageProblem } from '../model/command-line.js';
import type { MeasurementLevel } from './coefficients.js';
import type { AgreementUnit } from './compare.js';
import type { BpConvention, KappaWeights, PercentConvention, TableOptions } from './table-report.js';

/** The flags as commander hands them over. */
export interface AgreeFlags {
  format?: string;
  rev?: string[];
  coders?: string;
  unit: AgreementUnit;
  min?: string;
  minOverlap?: string;
  allNotes?: boolean;
  code?: string[];
  minAlpha?: string;
  minKappa?: string;
  minAgreement?: string;
  show: 'all' | 'summary' | 'disagreements';
  rounds?: string;
  by?: string;
  table?: string;
  level?: MeasurementLevel;
  weights?: KappaWeights;
  percent?: PercentConvention;
  bp?: BpConvention;
}

export interface Comparison {
  unit: AgreementUnit;
  minOverlap: number;
  codes?: string[];
}

/** Least overall values; below one, agree exits 1. */
export interface Gates {
  minAlpha?: number;
  minKappa?: number;
  minAgreement?: number;
}

export type AgreeSpec =
  | { source: 'table'; file: string; table: TableOptions; gates: Gates }
  | { source: 'rounds'; dir?: string; revs: string[]; coders?: string[]; allNotes?: boolean; compare: Comparison }
  | { source: 'revisions'; dir?: string; revs: string[]; compare: Comparison; gates: Gates; by?: string; show: AgreeFlags['show'] }
  | { source: 'folders'; dirs: string[]; compare: Comparison; gates: Gates; by?: string; show: AgreeFlags['show'] }
  | { source: 'project'; dir?: string; coders?: string[]; allNotes?: boolean; compare: Comparison; gates: Gates; by?: string; show: AgreeFlags['show'] };

const DEFAULT_MIN_OVERLAP = 0.9;

export function agreeSpec(argv: readonly string[], dirs: string[], flags: AgreeFlags): Checked<AgreeSpec> {
  const fail = (message: string, at?: string) => problems(usageProblem(argv, message, at));
  const diagnostics: Diagnostic[] = [];
  const gates: Gates = {
    minAlpha: share(argv, '--min-alpha', flags.minAlpha, false, diagnostics),
    minKappa: share(argv, '--min-kappa', flags.minKappa, false, diagnostics),
    minAgreement: share(argv, '--min-agreement', flags.minAgreement, false, diagnostics),
  };
  if (flags.table !== undefined) {
    if (dirs.length > 0 || flags.rev || flags.coders || flags.allNotes || flags.code || flags.unit !== 'segment' || flags.min || flags.minOverlap || flags.by) {
      return fail('Unexpected folders, --rev, --coders, --all-notes, --code, --unit or --min with --table, expected the table alone (its columns are the coders, its rows the units)', '--table');
    }
    const level = flags.level ?? 'nominal';
    if (level === 'nominal' && flags.weights) return fail('Unexpected `--weights` at the nominal level, expected an ordered level (--level ordinal, interval or ratio): nominal categories have no order to weigh', '--weights');
    if (diagnostics.length > 0) return problems(...diagnostics);
    const table: TableOptions = { level, percent: flags.percent ?? 'pairs', bp: flags.bp ?? 'pairwise', ...(flags.weights ? { weights: flags.weights } : {}) };
    return ok({ source: 'table', file: flags.table, table, gates });
  }
  if (flags.by !== undefined && (flags.minAlpha || flags.minKappa || flags.minAgreement)) return fail('Unexpected --min-alpha/--min-kappa/--min-agreement with --by, expected thresholds only for one overall comparison', '--by');
  const tableOnly = (['--level', '--weights', '--percent', '--bp'] as const).find((flag) => flags[camel(flag)] !== undefined);
  if (tableOnly) return fail('Unexpected --level, --weights, --percent or --bp without --table, expected them only with a units × coders table', tableOnly);
  if (flags.min !== undefined && flags.minOverlap !== undefined) return fail('Unexpected both `--min` and `--min-overlap`, expected one of them (a share, or a percentage)', '--min-overlap');
  const minOverlap = flags.minOverlap !== undefined ? percentShare(argv, flags.minOverlap, diagnostics) : share(argv, '--min', flags.min, true, diagnostics);
  if (diagnostics.length > 0) return problems(...diagnostics);
  if (minOverlap !== undefined && flags.unit !== 'overlap') {
    const flag = flags.minOverlap !== undefined ? '--min-overlap' : '--min';
    return fail(`Unexpected \`${flag}\` without \`--unit overlap\`, expected it only with the overlap unit`, flag);
  }
  if (flags.unit === 'overlap' && (gates.minAlpha !== undefined || gates.minKappa !== undefined)) {
    return fail('Unexpected `--min-alpha`/`--min-kappa` with `--unit overlap`: only percent agreement is defined there; use `--min-agreement`, or another unit', gates.minAlpha !== undefined ? '--min-alpha' : '--min-kappa');
  }
  const compare: Comparison = { unit: flags.unit, minOverlap: minOverlap ?? DEFAULT_MIN_OVERLAP, ...(flags.code ? { codes: flags.code } : {}) };
  const coders = flags.coders?.split(',').map((c) => c.trim()).filter(Boolean);
  // A CSV holds one table: the summary, unless another part is asked for.
  const show = flags.format === 'csv' && flags.show === 'all' ? 'summary' : flags.show;
  if (flags.rounds !== undefined) {
    if (flags.by !== undefined || flags.rev || dirs.length > 1) return fail('Unexpected --by, --rev or folders with --rounds, expected the project and its rounds alone', '--rounds');
    const revs = flags.rounds.split(',').map((r) => r.trim()).filter(Boolean);
    if (revs.length === 0) return fail('Missing revisions in --rounds, expected e.g. --rounds round-1,round-2', '--rounds');
    return ok({ source: 'rounds', dir: dirs[0], revs, coders, allNotes: flags.allNotes, compare });
  }
  const revs = flags.rev ?? [];
  if (revs.length > 0) {
    if (dirs.length > 1) return fail('Unexpected folders with --rev, expected at most one project folder', dirs[1]);
    if (revs.length < 2) return fail('Unexpected single --rev, expected two or more revisions to compare (e.g. --rev main --rev coder-b)', '--rev');
    return ok({ source: 'revisions', dir: dirs[0], revs, compare, gates, by: flags.by, show });
  }
  if (dirs.length >= 2) {
    if (flags.coders || flags.allNotes) return fail('Unexpected --coders/--all-notes with folders: each folder is one coder', flags.coders ? '--coders' : '--all-notes');
    return ok({ source: 'folders', dirs, compare, gates, by: flags.by, show });
  }
  return ok({ source: 'project', dir: dirs[0], coders, allNotes: flags.allNotes, compare, gates, by: flags.by, show });
}

function camel(flag: '--level' | '--weights' | '--percent' | '--bp'): 'level' | 'weights' | 'percent' | 'bp' {
  return flag.slice(2) as 'level' | 'weights' | 'percent' | 'bp';
}

/** A share in (0, 1] (`open`, an overlap threshold) or in [-1, 1] (a coefficient). */
function share(argv: readonly string[], flag: string, text: string | undefined, open: boolean, diagnostics: Diagnostic[]): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (text.trim() !== '' && Number.isFinite(value) && (open ? value > 0 && value <= 1 : value >= -1 && value <= 1)) return value;
  diagnostics.push(usageProblem(argv, `Unexpected \`${flag} ${text}\`, expected a number ${open ? 'greater than 0 and at most 1 (e.g. 0.9)' : 'from -1 to 1 (e.g. 0.8)'}`, flag));
  return undefined;
}

function percentShare(argv: readonly string[], text: string, diagnostics: Diagnostic[]): number | undefined {
  const value = Number(text);
  if (text.trim() !== '' && Number.isFinite(value) && value > 0 && value <= 100) return value / 100;
  diagnostics.push(usageProblem(argv, `Unexpected \`--min-overlap ${text}\`, expected a percentage greater than 0 and at most 100 (e.g. 90)`, '--min-overlap'));
  return undefined;
}
