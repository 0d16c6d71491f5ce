// The agreement of coders whose sources are read: align their copies of the
// notes, compare them unit by unit and check the thresholds asked for. Data
// problems (a single coder, notes not shared, nothing coded, a threshold
// missed) are positioned diagnostics beside the result, never throws.
import type { Codebook, Diagnostic } from '../types.js';
import type { RuleId } from '../model/rules.js';
import { codeFamily } from '../core/select.js';
import { formatPercent, formatStat, type AgreementView } from '../reporters/agreement.js';
import { alignCoders, type Alignment, type CoderInput } from './align.js';
import { compareCoders, type AgreementReport } from './compare.js';
import type { Comparison, Gates } from './agree-spec.js';

/** The coders of one comparison and the codebook their codings are read against. */
export interface CoderSources {
  mode: 'coders' | 'folders' | 'revisions';
  inputs: CoderInput[];
  codebook: Codebook;
  diagnostics: Diagnostic[];
  /** Display path of the project or the first folder, for messages not tied to a file. */
  where: string;
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

/** Aligns, compares and checks thresholds. Never throws on data problems: they become diagnostics. (`--code` ids are checked before, against the codebook the sources give: `checkCodes`.) */
export function runAgreement(
  sources: CoderSources,
  options: Comparison & Gates,
): AgreementRun {
  const diagnostics = [...sources.diagnostics];
  const where = sources.where;
  const coders = sources.inputs.map((input) => input.coder);
  if (coders.length < 2) {
    const found = coders.length === 0 ? 'no coder has codings' : `only \`${coders[0]}\` has codings`;
    diagnostics.push(diag(where, 1, 1, 'error', `Cannot compare coders: ${found}, expected two or more coders (a \`coder\` in standoff codings or front matter, two folders, or two --rev)`, 'agree-single-coder'));
    return { diagnostics, belowThreshold: false };
  }
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
