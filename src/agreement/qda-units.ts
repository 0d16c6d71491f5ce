// QDA-level agreement: turns coders' coded spans into units (document ×
// code, segment × code, character) or compares the spans directly (segment
// overlap). Pure functions; conventions and worked examples in docs/agreement.md.
import { cohenKappa, percentAgreement, type DegenerateReason, type KappaResult, type PercentAgreementResult } from './coefficients.js';

/** A half-open character range `[start, end)` of a document (0-based UTF-16 offsets). */
export interface Span {
  start: number;
  end: number;
}

/** A span a coder coded with `code`. */
export interface CodedSpan extends Span {
  code: string;
}

/** One document and every coder's coded spans in it. */
export interface CodedDocument {
  id: string;
  /** Text length in characters; required by the character-level functions. */
  length?: number;
  /** Spans per coder. A coder missing from the record coded nothing in this document. */
  codings: Readonly<Record<string, ReadonlyArray<CodedSpan>>>;
  /** Units of analysis (e.g. paragraphs); required by {@link segmentUnits}. */
  segments?: ReadonlyArray<Span>;
}

/** Which coders and codes a QDA-level comparison covers. */
export interface QdaOptions {
  /**
   * Coders to compare. Defaults to every coder named in any document's `codings`,
   * sorted. Pass it explicitly when a coder may have coded nothing at all.
   */
  coders?: ReadonlyArray<string>;
  /** Codes to compare. Defaults to every code any compared coder used, sorted. */
  codes?: ReadonlyArray<string>;
}

/** Reliability data built from coded spans, ready for the coefficients in `coefficients.ts`. */
export interface QdaUnits<Label> {
  /** The coders, in column order. */
  coders: string[];
  /** One row per unit; 1 = the coder applied the code there, 0 = did not. */
  units: Array<Array<0 | 1>>;
  /** What each row stands for, same order as `units`. */
  labels: Label[];
}

/** A (document, code) unit of {@link codeExistenceUnits}. */
export interface DocumentCodeLabel {
  document: string;
  code: string;
}

/** A (segment, code) unit of {@link segmentUnits}. */
export interface SegmentCodeLabel {
  document: string;
  /** 0-based index into the document's `segments`. */
  segment: number;
  code: string;
}

function validateSpan(span: Span, where: string, length?: number): void {
  const { start, end } = span;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end <= start) {
    throw new RangeError(`${where}: span [${String(start)}, ${String(end)}) must have integer offsets with 0 <= start < end`);
  }
  if (length !== undefined && end > length) throw new RangeError(`${where}: span [${start}, ${end}) ends past the document length ${length}`);
}

function resolveCoders(documents: ReadonlyArray<CodedDocument>, options: QdaOptions): string[] {
  if (options.coders) return [...options.coders];
  const coders = new Set<string>();
  for (const doc of documents) for (const coder of Object.keys(doc.codings)) coders.add(coder);
  return [...coders].sort();
}

function spansOf(doc: CodedDocument, coder: string): ReadonlyArray<CodedSpan> {
  const spans = Object.prototype.hasOwnProperty.call(doc.codings, coder) ? doc.codings[coder] : [];
  spans.forEach((s, i) => validateSpan(s, `document ${doc.id}, coder ${coder}, span ${i}`, doc.length));
  return spans;
}

function resolveCodes(documents: ReadonlyArray<CodedDocument>, coders: readonly string[], options: QdaOptions): string[] {
  if (options.codes) return [...options.codes];
  const codes = new Set<string>();
  for (const doc of documents) for (const coder of coders) for (const s of spansOf(doc, coder)) codes.add(s.code);
  return [...codes].sort();
}

/**
 * Document-level units: one per (document, code) pair that at least one of the
 * coders used in that document, with 1/0 per coder for "used the code somewhere
 * in the document". Pairs nobody used are not units (MAXQDA's "code existence
 * in the document"), so agreement is not inflated by codes everyone ignored.
 *
 * @throws {RangeError} On a malformed span.
 */
export function codeExistenceUnits(documents: ReadonlyArray<CodedDocument>, options: QdaOptions = {}): QdaUnits<DocumentCodeLabel> {
  const coders = resolveCoders(documents, options);
  const wanted = options.codes ? new Set(options.codes) : undefined;
  const units: Array<Array<0 | 1>> = [];
  const labels: DocumentCodeLabel[] = [];
  for (const doc of documents) {
    const usedBy = coders.map((coder) => new Set(spansOf(doc, coder).map((s) => s.code)));
    const codes = new Set<string>();
    for (const used of usedBy) for (const code of used) if (!wanted || wanted.has(code)) codes.add(code);
    for (const code of [...codes].sort()) {
      units.push(usedBy.map((used) => (used.has(code) ? 1 : 0)));
      labels.push({ document: doc.id, code });
    }
  }
  return { coders, units, labels };
}

/**
 * Document-level code existence agreement: {@link percentAgreement} over
 * {@link codeExistenceUnits}. With two coders, the share of (document, code)
 * pairs used by at least one coder that both used.
 */
export function codeExistenceAgreement(
  documents: ReadonlyArray<CodedDocument>,
  options: QdaOptions = {},
): PercentAgreementResult & QdaUnits<DocumentCodeLabel> {
  const built = codeExistenceUnits(documents, options);
  return { ...percentAgreement(built.units), ...built };
}

/**
 * Segment-level units: one per (segment, code) pair, for every segment of every
 * document and every code, with 1 per coder whose span with that code overlaps
 * the segment by at least one character, else 0. Pairs that no coder coded are
 * kept: they are agreements on absence, and kappa or alpha needs them.
 *
 * @throws {RangeError} When a document has no `segments`, or on a malformed span.
 */
export function segmentUnits(documents: ReadonlyArray<CodedDocument>, options: QdaOptions = {}): QdaUnits<SegmentCodeLabel> {
  const coders = resolveCoders(documents, options);
  const codes = resolveCodes(documents, coders, options);
  const units: Array<Array<0 | 1>> = [];
  const labels: SegmentCodeLabel[] = [];
  for (const doc of documents) {
    if (!doc.segments) throw new RangeError(`segmentUnits: document ${doc.id} has no segments`);
    doc.segments.forEach((s, i) => validateSpan(s, `document ${doc.id}, segment ${i}`, doc.length));
    const spans = coders.map((coder) => spansOf(doc, coder));
    doc.segments.forEach((segment, index) => {
      for (const code of codes) {
        units.push(spans.map((own) => (own.some((s) => s.code === code && s.start < segment.end && segment.start < s.end) ? 1 : 0)));
        labels.push({ document: doc.id, segment: index, code });
      }
    });
  }
  return { coders, units, labels };
}

/** Options for {@link segmentOverlapAgreement}. */
export interface OverlapOptions extends QdaOptions {
  /** Minimum |A ∩ B| / |A ∪ B| for two same-code spans to match, in (0, 1]. Default 0.9. */
  minOverlap?: number;
}

/** One check of {@link segmentOverlapAgreement}: a coder's span against another coder's spans. */
export interface OverlapCheck {
  document: string;
  coder: string;
  /** The coder whose spans were searched for a match. */
  against: string;
  code: string;
  start: number;
  end: number;
  /** Highest |A ∩ B| / |A ∪ B| with any same-code span of `against` (0 if none overlaps). */
  bestOverlap: number;
  matched: boolean;
}

/** Result of {@link segmentOverlapAgreement}. */
export interface OverlapResult {
  /** matches / checks, or `null` when no coded span was checked. */
  value: number | null;
  degenerate?: DegenerateReason;
  checks: number;
  matches: number;
  details: OverlapCheck[];
}

function overlapShare(a: Span, b: Span): number {
  const intersection = Math.min(a.end, b.end) - Math.max(a.start, b.start);
  if (intersection <= 0) return 0;
  return intersection / (Math.max(a.end, b.end) - Math.min(a.start, b.start));
}

/**
 * Segment overlap agreement. Every coded span of every coder is checked
 * against every other coder: it agrees iff that coder has a span with the same
 * code in the same document whose overlap share |A ∩ B| / |A ∪ B| is at least
 * `minOverlap`. Value = matched checks / all checks. Matching is not
 * one-to-one, so one span may match several. With two coders this equals
 * Holsti's 2M / (N₁ + N₂) when matches pair up one-to-one.
 *
 * Spans of codes outside `options.codes` (when given) are ignored.
 *
 * @returns `null` with `no-pairable-units` when there is no span to check (or fewer than two coders).
 * @throws {RangeError} When `minOverlap` is outside (0, 1], or on a malformed span.
 */
export function segmentOverlapAgreement(documents: ReadonlyArray<CodedDocument>, options: OverlapOptions = {}): OverlapResult {
  const minOverlap = options.minOverlap ?? 0.9;
  if (!(minOverlap > 0 && minOverlap <= 1)) throw new RangeError(`segmentOverlapAgreement: minOverlap must be in (0, 1], got ${minOverlap}`);
  const coders = resolveCoders(documents, options);
  const wanted = options.codes ? new Set(options.codes) : undefined;
  const details: OverlapCheck[] = [];
  let matches = 0;
  for (const doc of documents) {
    const spans = coders.map((coder) => spansOf(doc, coder).filter((s) => !wanted || wanted.has(s.code)));
    coders.forEach((coder, i) => {
      coders.forEach((against, j) => {
        if (i === j) return;
        for (const span of spans[i]) {
          let bestOverlap = 0;
          for (const other of spans[j]) if (other.code === span.code) bestOverlap = Math.max(bestOverlap, overlapShare(span, other));
          const matched = bestOverlap >= minOverlap;
          if (matched) matches += 1;
          details.push({ document: doc.id, coder, against, code: span.code, start: span.start, end: span.end, bestOverlap, matched });
        }
      });
    });
  }
  if (details.length === 0) return { value: null, degenerate: 'no-pairable-units', checks: 0, matches: 0, details };
  return { value: matches / details.length, checks: details.length, matches, details };
}

/** Result of {@link segmentOverlapKappa}. */
export interface OverlapKappaResult extends OverlapResult {
  /** p_o = matches / checks, as {@link segmentOverlapAgreement}. */
  observedAgreement: number | null;
  /** p_chance = 1 / codeCount. */
  chanceAgreement: number;
  codeCount: number;
}

/**
 * MAXQDA's segment-level kappa: the overlap agreement p_o of
 * {@link segmentOverlapAgreement} corrected for chance after Brennan &
 * Prediger (1981) as MAXQDA documents it, p_chance = 1 / (number of codes in
 * the analysis): κ = (p_o − 1/q) / (1 − 1/q).
 *
 * @param codeCount q, the codes compared (MAXQDA: the codes of the result table).
 * @returns `null` with `no-pairable-units` when nothing was checked, `no-variation` when q = 1.
 * @throws {RangeError} When `codeCount` is not a positive integer, or as {@link segmentOverlapAgreement}.
 */
export function segmentOverlapKappa(documents: ReadonlyArray<CodedDocument>, codeCount: number, options: OverlapOptions = {}): OverlapKappaResult {
  if (!Number.isInteger(codeCount) || codeCount < 1) throw new RangeError(`segmentOverlapKappa: codeCount must be a positive integer, got ${codeCount}`);
  const overlap = segmentOverlapAgreement(documents, options);
  const chanceAgreement = 1 / codeCount;
  const base = { ...overlap, observedAgreement: overlap.value, chanceAgreement, codeCount };
  if (overlap.value === null) return base;
  if (codeCount === 1) return { ...base, value: null, degenerate: 'no-variation' };
  return { ...base, value: (codeCount * overlap.value - 1) / (codeCount - 1) };
}

/** Character counts and coefficients of {@link characterAgreement}. */
export interface CharacterAgreementResult {
  /** Characters both coders coded. */
  both: number;
  onlyFirst: number;
  onlySecond: number;
  /** Characters neither coded. */
  neither: number;
  /** (both + neither) / length, or `null` for an empty document. */
  percentAgreement: number | null;
  /** Cohen's kappa on the 2×2 table [[both, onlyFirst], [onlySecond, neither]]. */
  kappa: KappaResult;
}

/** Sorted, merged copy of spans, so overlapping spans of one coder count each character once. */
function mergeSpans(spans: ReadonlyArray<Span>): Span[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: Span[] = [];
  for (const s of sorted) {
    const last = merged[merged.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else merged.push({ start: s.start, end: s.end });
  }
  return merged;
}

function coveredLength(spans: ReadonlyArray<Span>): number {
  return spans.reduce((s, x) => s + (x.end - x.start), 0);
}

function intersectionLength(a: ReadonlyArray<Span>, b: ReadonlyArray<Span>): number {
  let total = 0;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    total += Math.max(0, Math.min(a[i].end, b[j].end) - Math.max(a[i].start, b[j].start));
    if (a[i].end < b[j].end) i++;
    else j++;
  }
  return total;
}

/**
 * Character-level agreement for one code in one document, NVivo style: every
 * character is a unit, coded or not coded by each of two coders. A coder's
 * overlapping spans are merged first. Percent agreement = (both + neither) / length;
 * kappa = (TA − ΣEF) / (TU − ΣEF), i.e. Cohen's kappa on the 2×2 table.
 *
 * @param length Document length in characters (TU).
 * @param first The first coder's spans for the code.
 * @param second The second coder's spans for the code.
 * @returns `kappa.value` is `null` (`no-variation`) when every character falls in one cell
 *   (e.g. nobody coded anything), and `percentAgreement` is `null` when `length` is 0.
 * @throws {RangeError} When `length` is not a non-negative integer or a span is malformed or past `length`.
 */
export function characterAgreement(length: number, first: ReadonlyArray<Span>, second: ReadonlyArray<Span>): CharacterAgreementResult {
  if (!Number.isInteger(length) || length < 0) throw new RangeError(`characterAgreement: length must be a non-negative integer, got ${length}`);
  first.forEach((s, i) => validateSpan(s, `characterAgreement: first coder span ${i}`, length));
  second.forEach((s, i) => validateSpan(s, `characterAgreement: second coder span ${i}`, length));
  const a = mergeSpans(first);
  const b = mergeSpans(second);
  const both = intersectionLength(a, b);
  const onlyFirst = coveredLength(a) - both;
  const onlySecond = coveredLength(b) - both;
  const neither = length - both - onlyFirst - onlySecond;
  return {
    both,
    onlyFirst,
    onlySecond,
    neither,
    percentAgreement: length === 0 ? null : (both + neither) / length,
    kappa: cohenKappa([
      [both, onlyFirst],
      [onlySecond, neither],
    ]),
  };
}

/** One (document, code) row of {@link characterAgreementByCode}. */
export interface CharacterAgreementRow extends CharacterAgreementResult {
  document: string;
  code: string;
}

/**
 * {@link characterAgreement} for every (document, code) pair that either of two
 * coders used, as NVivo's coding comparison reports per node × source. Pairs
 * neither coder used are omitted (every character agrees, kappa is `null`).
 *
 * @param options `coders` must name exactly two coders (or the documents must name exactly two).
 * @throws {RangeError} Unless there are exactly two coders, when a document has no `length`, or on a malformed span.
 */
export function characterAgreementByCode(documents: ReadonlyArray<CodedDocument>, options: QdaOptions = {}): CharacterAgreementRow[] {
  const coders = resolveCoders(documents, options);
  if (coders.length !== 2) throw new RangeError(`characterAgreementByCode: needs exactly two coders, got ${coders.length}`);
  const wanted = options.codes ? new Set(options.codes) : undefined;
  const rows: CharacterAgreementRow[] = [];
  for (const doc of documents) {
    if (doc.length === undefined) throw new RangeError(`characterAgreementByCode: document ${doc.id} has no length`);
    const [first, second] = coders.map((coder) => spansOf(doc, coder));
    const codes = new Set([...first, ...second].map((s) => s.code).filter((c) => !wanted || wanted.has(c)));
    for (const code of [...codes].sort()) {
      const pick = (spans: ReadonlyArray<CodedSpan>) => spans.filter((s) => s.code === code);
      rows.push({ document: doc.id, code, ...characterAgreement(doc.length, pick(first), pick(second)) });
    }
  }
  return rows;
}
