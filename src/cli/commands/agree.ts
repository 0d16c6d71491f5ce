import { Option, type Command } from 'commander';
import type { Codebook, Diagnostic } from '../../types.js';
import { alignCoders, type Alignment } from '../../agreement/align.js';
import { AGREEMENT_UNITS, compareCoders, type AgreementReport, type AgreementUnit } from '../../agreement/compare.js';
import { codeFamily } from '../../core/select.js';
import { formatPercent, formatStat, type AgreementView } from '../../reporters/agreement.js';
import { outputFormats, outputs, renderOutput } from '../../reporters/outputs.js';
import { toCsv } from '../../reporters/csv.js';
import { alignColumns } from '../../reporters/style.js';
import { parseStageFor } from '../parse-options.js';
import { codersFromFolders, codersFromProject, codersFromRevisions, roundsFromRevisions, type CoderSources } from '../agree-sources.js';
import { checkCodes, emit, exitCodeFor, outputOptions, projectOptions, report, reportStyle, type CliContext, type CommonOptions } from '../context.js';
import { EXIT_PROBLEMS } from '../exit-codes.js';
import { UsageError } from '../io.js';
import type { RuleId } from '../../model/rules.js';
import type { MeasurementLevel } from '../../agreement/coefficients.js';
import { BP_CONVENTIONS, MEASUREMENT_LEVELS, PERCENT_CONVENTIONS, type BpConvention, type KappaWeights, type PercentConvention } from '../../agreement/table-report.js';
import { runTableAgreement } from '../agree-table.js';

interface AgreeOptions extends CommonOptions {
  rev?: string[];
  coders?: string;
  unit: AgreementUnit;
  min?: string;
  minOverlap?: string;
  allNotes?: boolean;
  minAlpha?: string;
  minKappa?: string;
  minAgreement?: string;
  show: 'all' | 'summary' | 'disagreements';
  rounds?: string;
  table?: string;
  level?: MeasurementLevel;
  weights?: KappaWeights;
  percent?: PercentConvention;
  bp?: BpConvention;
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

function share(flag: string, text: string | undefined, { open }: { open: boolean }): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  const ok = Number.isFinite(value) && (open ? value > 0 && value <= 1 : value >= -1 && value <= 1) && text.trim() !== '';
  if (!ok) throw new UsageError(`Unexpected \`${flag} ${text}\`, expected a number ${open ? 'greater than 0 and at most 1 (e.g. 0.9)' : 'from -1 to 1 (e.g. 0.8)'}`);
  return value;
}

function percentShare(text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value <= 0 || value > 100) throw new UsageError(`Unexpected \`--min-overlap ${text}\`, expected a percentage greater than 0 and at most 100 (e.g. 90)`);
  return value / 100;
}

export function registerAgree(program: Command, ctx: CliContext): void {
  const command = program
    .command('agree')
    .summary('intercoder agreement between two or more coders')
    .description(
      'Compare the codings of two or more coders of the same notes: percent agreement, Cohen’s or Fleiss’ kappa, Brennan & Prediger’s kappa and Krippendorff’s alpha, per code and overall, and every disagreement with its quote. Units (--unit): segment (default), document, document-frequency, overlap (--min 0.9, with MAXQDA’s kappa), character. With --table, a units × coders CSV instead: also weighted kappa, Gwet’s AC1/AC2 and alpha at ordinal, interval or ratio level. See docs/agree.md.',
    )
    .argument('[dirs...]', 'the project folder, or two or more folders of coded copies (one per coder)');
  outputOptions(command, outputFormats(outputs.agreement));
  command
    .addOption(new Option('--unit <unit>', 'what counts as one unit of comparison').choices([...AGREEMENT_UNITS]).default('segment'))
    .option('--min <share>', 'with --unit overlap: the least |A ∩ B| / |A ∪ B| for two spans to match (default 0.9)')
    .option('--min-overlap <percent>', 'with --unit overlap: the same threshold as a percentage, as MAXQDA states it (e.g. 90)')
    .option('--rev <revision>', 'a git branch, tag or commit whose notes are one coder (repeat for each coder)', collect)
    .option('--coders <names>', 'in one project: compare only these coders, comma-separated (default: every coder with codings)')
    .option('--all-notes', 'in one project: also compare notes a coder has no codings in (as “coded nothing there”)')
    .option('--code <id>', 'only this code and its descendants (repeatable)', collect)
    .option('--min-alpha <x>', "exit 1 when the overall Krippendorff's alpha is below x (or undefined)")
    .option('--min-kappa <x>', "exit 1 when the overall Cohen's/Fleiss' kappa is below x (or undefined)")
    .option('--min-agreement <x>', 'exit 1 when the overall percent agreement (0–1) is below x')
    .addOption(new Option('--show <part>', 'which part of the report to print').choices(['all', 'summary', 'disagreements']).default('all'))
    .option('--rounds <revisions>', 'coding rounds kept as git tags (or commits), comma-separated: the project’s coders compared at each, one row per round')
    .option('--by <variable>', 'agreement per value of a front-matter variable of the notes, e.g. `round` (one row per round, in order)')
    .option('--table <file.csv>', 'instead of coded notes: a units × coders CSV (one column per coder, empty cell = missing, optional first `unit` column); reports every statistic that applies')
    .addOption(new Option('--level <level>', 'with --table: level of measurement of the values (default nominal)').choices([...MEASUREMENT_LEVELS]))
    .addOption(new Option('--weights <scheme>', 'with --table at an ordered level: weights of weighted kappa and AC2 (default quadratic)').choices(['linear', 'quadratic']))
    .addOption(new Option('--percent <convention>', 'with --table: percent agreement as agreeing pairs per unit (default), mean over coder pairs, or units where all coders agree').choices([...PERCENT_CONVENTIONS]))
    .addOption(new Option('--bp <convention>', "with --table: Brennan & Prediger over coder pairs (default) or von Eye's all-coder form").choices([...BP_CONVENTIONS]));
  projectOptions(command);
  command.addHelpText(
    'after',
    '\nCoders come from one of:\n  fieldcode agree [DIR]                  one project: each `coder` of its codings (standoff, front matter)\n  fieldcode agree DIR1 DIR2 [DIR3…]      folders of coded copies, one per coder (notes matched by `id`, else path)\n  fieldcode agree [DIR] --rev A --rev B  the project at git revisions, read without a checkout\n  fieldcode agree --table FILE.csv       a units × coders table of values (no notes)\n' +
      '\nExamples:\n  $ fieldcode agree                                  # coders of the standoff codings in this project\n  $ fieldcode agree --table ratings.csv --level ordinal --weights linear\n  $ fieldcode agree coder-a coder-b --unit document\n  $ fieldcode agree --rev anna --rev ben --min-kappa 0.7\n  $ fieldcode agree --unit overlap --min 0.8 --format markdown --out reports/agreement.md\n  $ fieldcode agree --format csv --show disagreements',
  );
  command.action((dirs: string[], options: AgreeOptions) => {
    if (options.table !== undefined) {
      if (dirs.length > 0 || options.rev || options.coders || options.allNotes || options.code || options.unit !== 'segment' || options.min || options.minOverlap || options.by) {
        throw new UsageError('Unexpected folders, --rev, --coders, --all-notes, --code, --unit or --min with --table, expected the table alone (its columns are the coders, its rows the units)');
      }
      runTableAgreement(ctx, options.table, { ...options, level: options.level ?? 'nominal', percent: options.percent ?? 'pairs', bp: options.bp ?? 'pairwise' });
      return;
    }
    if (options.by !== undefined && (options.minAlpha || options.minKappa || options.minAgreement)) throw new UsageError('Unexpected --min-alpha/--min-kappa/--min-agreement with --by, expected thresholds only for one overall comparison');
    if (options.level || options.weights || options.percent || options.bp) throw new UsageError('Unexpected --level, --weights, --percent or --bp without --table, expected them only with a units × coders table');
    if (options.min !== undefined && options.minOverlap !== undefined) throw new UsageError('Unexpected both `--min` and `--min-overlap`, expected one of them (a share, or a percentage)');
    const minOverlap = options.minOverlap !== undefined ? percentShare(options.minOverlap) : share('--min', options.min, { open: true });
    if (minOverlap !== undefined && options.unit !== 'overlap') throw new UsageError(`Unexpected \`${options.minOverlap !== undefined ? '--min-overlap' : '--min'}\` without \`--unit overlap\`, expected it only with the overlap unit`);
    const minAlpha = share('--min-alpha', options.minAlpha, { open: false });
    const minKappa = share('--min-kappa', options.minKappa, { open: false });
    const minAgreement = share('--min-agreement', options.minAgreement, { open: false });
    if (options.unit === 'overlap' && (minAlpha !== undefined || minKappa !== undefined)) {
      throw new UsageError('Unexpected `--min-alpha`/`--min-kappa` with `--unit overlap`: only percent agreement is defined there; use `--min-agreement`, or another unit');
    }
    if (options.format === 'csv' && options.show === 'all') options.show = 'summary';

    const cwd = ctx.io.cwd;
    if (options.rounds !== undefined) {
      if (options.by !== undefined || options.rev || dirs.length > 1) throw new UsageError('Unexpected --by, --rev or folders with --rounds, expected the project and its rounds alone');
      const revs = options.rounds.split(',').map((r) => r.trim()).filter(Boolean);
      if (revs.length === 0) throw new UsageError('Missing revisions in --rounds, expected e.g. --rounds round-1,round-2');
      const coders = options.coders?.split(',').map((c) => c.trim()).filter(Boolean);
      const rounds = roundsFromRevisions(cwd, dirs[0], revs, { ...options, coders, allNotes: options.allNotes });
      reportRounds(ctx, 'round', rounds.map((r) => ({ value: r.round, sources: r.sources })), { unit: options.unit, minOverlap: minOverlap ?? 0.9, codes: options.code }, options, 0);
      return;
    }
    let sources: CoderSources;
    const revs = options.rev ?? [];
    if (revs.length > 0) {
      if (dirs.length > 1) throw new UsageError('Unexpected folders with --rev, expected at most one project folder');
      if (revs.length < 2) throw new UsageError('Unexpected single --rev, expected two or more revisions to compare (e.g. --rev main --rev coder-b)');
      sources = codersFromRevisions(cwd, dirs[0], revs, options);
    } else if (dirs.length >= 2) {
      if (options.coders || options.allNotes) throw new UsageError('Unexpected --coders/--all-notes with folders: each folder is one coder');
      sources = codersFromFolders(cwd, dirs, options);
    } else {
      const coders = options.coders?.split(',').map((c) => c.trim()).filter(Boolean);
      sources = codersFromProject(cwd, dirs[0], { ...options, coders, allNotes: options.allNotes, parsing: (root) => parseStageFor(ctx.io, root, options) });
    }
    if (options.by !== undefined) {
      runRounds(ctx, sources, options.by, { unit: options.unit, minOverlap: minOverlap ?? 0.9, codes: options.code }, options);
      return;
    }
    const result = runAgreement(sources, {
      argv: ctx.io.argv,
      unit: options.unit,
      minOverlap: minOverlap ?? 0.9,
      codes: options.code,
      minAlpha,
      minKappa,
      minAgreement,
    });
    report(ctx, result.diagnostics, options);
    if (result.view) {
      const view = { ...result.view, show: options.show };
      const format = options.format ?? 'table';
      const text = renderOutput(outputs.agreement, format, view, { style: reportStyle(ctx, options) });
      emit(ctx, text, options.out, options.format);
    }
    ctx.exitCode = Math.max(exitCodeFor(result.diagnostics, options.strict), result.belowThreshold ? EXIT_PROBLEMS : 0);
  });
}

export interface AgreementRun {
  view?: Omit<AgreementView, 'show'>;
  report?: AgreementReport;
  alignment?: Alignment;
  diagnostics: Diagnostic[];
  belowThreshold: boolean;
}

function diag(file: string, line: number, column: number, severity: Diagnostic['severity'], message: string, ruleId: RuleId): Diagnostic {
  return { file, line, column, severity, message, ruleId };
}

/** Codes to compare: those any coder used (or, when nobody coded anything, the whole codebook), in codebook order. */
export function codesToCompare(alignment: Alignment, codebook: Codebook, only: string[] | undefined): string[] {
  const allowed = only && only.length > 0 ? new Set(only.flatMap((id) => [...codeFamily(codebook, id)])) : undefined;
  const used = new Set(alignment.notes.flatMap((note) => note.spans.flat().map((span) => span.code)));
  // A code asked for with --code is compared even when nobody used it (its units all agree on absence).
  for (const id of only ?? []) used.add(id);
  const pick = used.size > 0 ? used : new Set(codebook.codes.map((code) => code.id));
  const ordered = codebook.codes.map((code) => code.id).filter((id) => pick.has(id));
  const unknown = [...pick].filter((id) => !codebook.byId.has(id)).sort();
  return [...ordered, ...unknown].filter((id) => !allowed || allowed.has(id));
}

/** Aligns, compares and checks thresholds; shared with tests. Never throws on data problems: they become diagnostics. */
export function runAgreement(
  sources: CoderSources,
  options: { argv?: readonly string[]; unit: AgreementUnit; minOverlap: number; codes?: string[]; minAlpha?: number; minKappa?: number; minAgreement?: number },
): AgreementRun {
  const diagnostics = [...sources.diagnostics];
  const where = sources.where;
  const coders = sources.inputs.map((input) => input.coder);
  if (coders.length < 2) {
    const found = coders.length === 0 ? 'no coder has codings' : `only \`${coders[0]}\` has codings`;
    diagnostics.push(diag(where, 1, 1, 'error', `Cannot compare coders: ${found}, expected two or more coders (a \`coder\` in standoff codings or front matter, two folders, or two --rev)`, 'agree-single-coder'));
    return { diagnostics, belowThreshold: false };
  }
  const unknownCodes = checkCodes(options.argv ?? [], options.codes, new Set(sources.codebook.byId.keys()));
  if (unknownCodes.length > 0) return { diagnostics: [...diagnostics, ...unknownCodes], belowThreshold: false };
  const alignment = alignCoders(sources.inputs);
  const lenient = sources.mode === 'coders';
  for (const missing of alignment.missingNotes) {
    const first = missing.presentFor[0];
    const only = missing.presentFor.map((p) => `\`${p.coder}\``).join(', ');
    diagnostics.push(
      lenient
        ? diag(first.path, 1, 1, 'warning', `Note \`${missing.key}\` has codings by ${only} only; left out of the comparison (pass --all-notes if ${missing.missingFor.join(', ')} coded it and found nothing)`, 'agree-note-not-shared')
        : diag(first.path, 1, 1, 'error', `Unexpected note \`${missing.key}\` for ${only} only, expected a copy for every coder (missing for ${missing.missingFor.map((c) => `\`${c}\``).join(', ')}); coders must code the same notes`, 'agree-note-not-shared'),
    );
  }
  for (const u of alignment.unalignedSegments) {
    const codings = u.codings.length > 0 ? ` ${u.codings.length} ${u.codings.length === 1 ? 'coding' : 'codings'} on it ${u.codings.length === 1 ? 'is' : 'are'} not compared.` : '';
    diagnostics.push(diag(u.note.path, u.segment.range.start.line, u.segment.range.start.column, 'warning', `Segment not found in the copy of ${u.missingFor.map((c) => `\`${c}\``).join(', ')}; left out of the comparison.${codings}`, 'agree-unaligned-segment'));
  }
  for (const p of alignment.unplacedCodings) {
    diagnostics.push(diag(p.coding.note, p.coding.range.start.line, p.coding.range.start.column, 'warning', `Coding \`${p.coding.code}\` of \`${p.coder}\` covers no compared segment text (a heading or front matter?); not compared`, 'agree-unplaced-coding'));
  }
  if (alignment.notes.length === 0) {
    diagnostics.push(diag(where, 1, 1, 'error', `Cannot compare coders: no note is shared by ${coders.map((c) => `\`${c}\``).join(' and ')}`, 'agree-no-shared-notes'));
    return { diagnostics, belowThreshold: false, alignment };
  }
  const codes = codesToCompare(alignment, sources.codebook, options.codes);
  const nothingCoded = alignment.notes.every((note) => note.spans.every((own) => own.length === 0));
  if (nothingCoded) {
    diagnostics.push(
      diag(where, 1, 1, 'error', `No coder applied any code in the ${alignment.notes.length} compared ${alignment.notes.length === 1 ? 'note' : 'notes'}: nothing to agree or disagree on. Percent agreement is trivially 100%, kappa is undefined (n/a) and alpha is 1 only by convention (docs/agree.md, zero variance)`, 'agree-nothing-coded'),
    );
  }
  const comparison = compareCoders(alignment, { unit: options.unit, codes, minOverlap: options.minOverlap });
  const warnings: string[] = [];
  const { overall } = comparison;
  if (!nothingCoded && overall.uncodedShare !== null && overall.uncodedShare >= 0.5 && overall.percent.value !== null && overall.percentCoded.value !== null && overall.percent.value - overall.percentCoded.value >= 0.1) {
    const message = `${(overall.uncodedShare * 100).toFixed(1)}% of the ${options.unit === 'character' ? 'characters' : 'units'} were coded by nobody, which lifts percent agreement to ${formatPercent(overall.percent)}; over coded units it is ${formatPercent(overall.percentCoded)}. Read kappa or alpha rather than percent agreement.`;
    warnings.push(message);
    diagnostics.push(diag(where, 1, 1, 'warning', `Agreement inflated by uncoded text: ${message}`, 'agreement-inflated'));
  }
  let belowThreshold = false;
  const gate = (name: string, flag: string, value: number | null, min: number | undefined, formatted: string) => {
    if (min === undefined) return;
    if (value === null || value < min) {
      belowThreshold = true;
      diagnostics.push(diag(where, 1, 1, 'error', `${name} is ${formatted}${value === null ? ' (undefined for these data)' : ''}, below ${flag} ${min}`, 'agreement-below-threshold'));
    }
  };
  gate("Overall Krippendorff's alpha", '--min-alpha', overall.alpha.degenerate === 'no-variation' ? null : overall.alpha.value, options.minAlpha, formatStat(overall.alpha));
  gate(`Overall ${coders.length === 2 ? "Cohen's" : "Fleiss'"} kappa`, '--min-kappa', overall.kappa.value, options.minKappa, formatStat(overall.kappa));
  gate('Overall percent agreement', '--min-agreement', overall.percent.value, options.minAgreement, formatPercent(overall.percent));
  const view: Omit<AgreementView, 'show'> = {
    report: comparison,
    sources: sources.inputs.map((input) => input.source),
    codebook: sources.codebook,
    skipped: { missingNotes: alignment.missingNotes, unalignedSegments: alignment.unalignedSegments, unplacedCodings: alignment.unplacedCodings },
    warnings,
  };
  return { view, report: comparison, alignment, diagnostics, belowThreshold };
}

/** `agree --by round`: the overall row of each round, in the variable's order (numbers numerically). */
function runRounds(ctx: CliContext, sources: CoderSources, by: string, compare: { unit: AgreementUnit; minOverlap: number; codes?: string[] }, options: AgreeOptions): void {
  const valueOf = (note: { data: Record<string, unknown> }): string | undefined => {
    const v = note.data[by];
    return typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;
  };
  const values = [...new Set(sources.inputs.flatMap((input) => input.notes.map((n) => valueOf(n.note)).filter((v): v is string => v !== undefined)))];
  if (values.length === 0) throw new UsageError(`Unexpected \`--by ${by}\`: no compared note has \`${by}:\` in its front matter, expected a variable such as \`round: 1\` on the notes`);
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
  const untagged = sources.inputs[0].notes.filter((n) => valueOf(n.note) === undefined).length;
  reportRounds(ctx, by, groups, compare, options, untagged, sources.diagnostics);
}

function reportRounds(ctx: CliContext, by: string, groups: Array<{ value: string; sources: CoderSources }>, compare: { unit: AgreementUnit; minOverlap: number; codes?: string[] }, options: AgreeOptions, untagged: number, shared: Diagnostic[] = []): void {
  const diagnostics: Diagnostic[] = [...shared];
  const rows: RoundRow[] = [];
  for (const { value, sources } of groups) {
    const run = runAgreement(sources, compare);
    diagnostics.push(...run.diagnostics.filter((d) => d.severity === 'error' || d.severity === 'fatal'));
    if (run.report) rows.push({ value, notes: run.report.notes, row: run.report.overall });
  }
  report(ctx, diagnostics, options);
  const format = options.format ?? 'table';
  emit(ctx, roundsText(by, rows, compare.unit, format, untagged), options.out, options.format);
  ctx.exitCode = exitCodeFor(diagnostics, options.strict);
}

interface RoundRow {
  value: string;
  notes: number;
  row: AgreementReport['overall'];
}

function roundsText(by: string, rows: RoundRow[], unit: AgreementUnit, format: string, untagged: number): string {
  const header = [by, 'notes', 'units', 'agree', 'PA', 'κ', 'κ BP', 'α'];
  const cellsOf = (r: RoundRow) => [r.value, String(r.notes), String(r.row.units), String(r.row.agreements), formatPercent(r.row.percent), formatStat(r.row.kappa), formatStat(r.row.brennanPrediger), formatStat(r.row.alpha)];
  if (format === 'json') return `${JSON.stringify({ version: 'agreement-rounds/1', by, unit, rounds: rows.map((r) => ({ [by]: r.value, notes: r.notes, ...r.row, code: undefined })), untagged }, null, 2)}\n`;
  if (format === 'csv') return toCsv(['value', 'notes', 'units', 'agreements', 'percent', 'kappa', 'brennan_prediger', 'alpha'], rows.map((r) => [r.value, r.notes, r.row.units, r.row.agreements, r.row.percent.value ?? '', r.row.kappa.value ?? '', r.row.brennanPrediger.value ?? '', r.row.alpha.value ?? '']));
  const note = untagged > 0 ? [`${untagged} ${untagged === 1 ? 'note has' : 'notes have'} no \`${by}\` and ${untagged === 1 ? 'is' : 'are'} left out.`] : [];
  if (format === 'markdown') return [`**Agreement by ${by}** (${unit} unit, all codes)`, '', `| ${header.join(' | ')} |`, `|${header.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`, ...rows.map((r) => `| ${cellsOf(r).join(' | ')} |`), '', ...note, ''].join('\n');
  return `${[`Agreement by ${by} (${unit} unit, all codes)`, '', alignColumns([header, ...rows.map(cellsOf)], header.map((_, i) => i > 0)), ...(note.length ? ['', ...note] : [])].join('\n')}\n`;
}
