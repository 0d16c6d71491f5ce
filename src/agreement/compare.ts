// `fieldcode agree` as a pure function: aligned coders in, per-code and
// overall coefficients plus the list of disagreements out. The units and the
// coefficients come from qda-units.ts and coefficients.ts; this module only
// decides which units each `--unit` compares. Conventions: docs/agree.md.
import { brennanPrediger, cohenKappa, contingencyTable, fleissKappa, krippendorffAlpha, percentAgreement } from './coefficients.js';
import { characterAgreementByCode, codeExistenceUnits, segmentOverlapAgreement, segmentOverlapKappa, segmentUnits, type CharacterAgreementRow, type CodedDocument } from './qda-units.js';
import { codedDocuments, type AlignedNote, type Alignment } from './align.js';
import { binaryPatternCoefficients, type BinaryPattern } from './weighted.js';
import { lineIndex, type LineIndex } from '../model/offsets.js';
import { offsetAt } from '../model/offset-map.js';

export const AGREEMENT_UNITS = ['segment', 'document', 'document-frequency', 'overlap', 'character'] as const;
export type AgreementUnit = (typeof AGREEMENT_UNITS)[number];

/** A coefficient as reported: `null` when undefined for the data, with the reason. */
export interface Stat {
  value: number | null;
  /** `no-pairable-units`, `no-variation` (see docs/agreement.md), or `not-defined` for this unit. */
  degenerate?: 'no-pairable-units' | 'no-variation' | 'not-defined';
}

export interface AgreementRow {
  /** The code, or `*` for the overall row. */
  code: string;
  /** Units compared: segments, documents, characters, or span checks (overlap). */
  units: number;
  /** Units at least one coder coded (overlap: the spans checked). */
  coded: number;
  /** Units on which every coder gave the same value (overlap: matched checks). */
  agreements: number;
  percent: Stat;
  /** Percent agreement over the coded units only (document: MAXQDA's code existence). */
  percentCoded: Stat;
  kappa: Stat & { kind: 'cohen' | 'fleiss' };
  brennanPrediger: Stat;
  alpha: Stat;
  /** Krippendorff's alpha on the interval metric: `document-frequency` only. */
  alphaInterval?: Stat;
  /** Share of units nobody coded, or null when there are no units. */
  uncodedShare: number | null;
  /** Per coder, in coder order: units they coded (document-frequency: codings; overlap: spans). */
  perCoder: number[];
}

export interface Disagreement {
  code: string;
  /** Note key (id or path). */
  note: string;
  /** Where to look: path of the first coder's copy (or of the coder who coded it), 1-based line and column. */
  path: string;
  line: number;
  column: number;
  quote: string;
  /** Per coder, what they did, in words. */
  verdicts: string[];
  /** Per coder, the number behind the verdict (1/0, a count, an overlap share). */
  values: number[];
}

export interface AgreementReport {
  unit: AgreementUnit;
  minOverlap?: number;
  coders: string[];
  notes: number;
  segments: number;
  characters: number;
  rows: AgreementRow[];
  overall: AgreementRow;
  disagreements: Disagreement[];
  /** NVivo-style rows per (note, code), two coders and `character` only. */
  characterRows?: CharacterAgreementRow[];
}

export interface CompareOptions {
  unit: AgreementUnit;
  /** Codes to compare, in report order. */
  codes: string[];
  /** For `overlap`: minimum |A ∩ B| / |A ∪ B|. */
  minOverlap?: number;
}

const QUOTE_LIMIT = 240;

function stat(result: { value: number | null; degenerate?: Stat['degenerate'] }): Stat {
  return result.degenerate ? { value: result.value, degenerate: result.degenerate } : { value: result.value };
}

const NOT_DEFINED: Stat = { value: null, degenerate: 'not-defined' };

/** Percent agreement, kappa (Cohen or Fleiss), Brennan–Prediger and nominal alpha over units with no missing value. */
function coefficients(units: number[][], coders: number, binary: boolean): Pick<AgreementRow, 'percent' | 'kappa' | 'brennanPrediger' | 'alpha'> {
  const kind = coders === 2 ? 'cohen' : 'fleiss';
  let kappa: Stat;
  if (coders === 2) kappa = stat(cohenKappa(contingencyTable(units).table));
  else {
    const categories = [...new Set(units.flat())].sort((a, b) => a - b);
    const index = new Map(categories.map((c, i) => [c, i]));
    kappa = stat(
      fleissKappa(
        units.map((unit) => {
          const row = new Array<number>(categories.length).fill(0);
          for (const v of unit) row[index.get(v)!] += 1;
          return row;
        }),
      ),
    );
  }
  return {
    percent: stat(percentAgreement(units)),
    kappa: { ...kappa, kind },
    // Binary units: two categories (applied or not), whatever was observed.
    brennanPrediger: stat(binary ? brennanPrediger(units, 2) : brennanPrediger(units)),
    alpha: stat(krippendorffAlpha(units, 'nominal')),
  };
}

function agreeing(unit: readonly number[]): boolean {
  return unit.every((v) => v === unit[0]);
}

function rowFromUnits(code: string, units: number[][], coders: number, binary: boolean, extra: Partial<AgreementRow> = {}): AgreementRow {
  const coded = units.filter((unit) => unit.some((v) => v !== 0));
  return {
    code,
    units: units.length,
    coded: coded.length,
    agreements: units.filter(agreeing).length,
    ...coefficients(units, coders, binary),
    percentCoded: stat(percentAgreement(coded)),
    uncodedShare: units.length === 0 ? null : (units.length - coded.length) / units.length,
    perCoder: Array.from({ length: coders }, (_, c) => units.reduce((s, unit) => s + unit[c], 0)),
    ...extra,
  };
}

/** Locates clean offsets in each coder's file and quotes the clean text. */
class Locator {
  private lines = new Map<string, LineIndex>();
  private inverse = new Map<string, number[]>();

  location(note: AlignedNote, coder: number, offset: number): { path: string; line: number; column: number } {
    const file = note.notes[coder];
    const segment = note.segments.find((s) => offset >= s.start && offset < s.end) ?? note.segments[note.segments.length - 1];
    if (!segment) return { path: file.path, line: 1, column: 1 };
    const part = segment.parts[coder];
    const key = `${file.path}\u0000${part.id}\u0000${part.index}`;
    let inverse = this.inverse.get(key);
    if (!inverse) this.inverse.set(key, (inverse = inverseIndex(part.text)));
    const raw = inverse[Math.min(Math.max(offset - segment.start, 0), inverse.length - 1)] ?? 0;
    const fileOffset = offsetAt(part.offsets, raw) ?? part.range.start.offset;
    let lines = this.lines.get(file.path);
    if (!lines) this.lines.set(file.path, (lines = lineIndex(file.text)));
    const point = lines.point(fileOffset);
    return { path: file.path, line: point.line, column: point.column };
  }

  quote(note: AlignedNote, start: number, end: number): string {
    const parts: string[] = [];
    for (const segment of note.segments) {
      if (segment.end <= start || segment.start >= end) continue;
      parts.push(segment.text.slice(Math.max(start, segment.start) - segment.start, Math.min(end, segment.end) - segment.start));
    }
    const text = parts.join(' ¶ ');
    return text.length > QUOTE_LIMIT ? `${text.slice(0, QUOTE_LIMIT - 1).trimEnd()}…` : text;
  }
}

/** For each index of the normalised text, the index of the same character in `text`. */
function inverseIndex(text: string): number[] {
  const inverse: number[] = [];
  let pendingSpace = -1;
  let started = false;
  for (let i = 0; i < text.length; i++) {
    if (/\s/u.test(text[i])) {
      if (started && pendingSpace < 0) pendingSpace = i;
      continue;
    }
    if (pendingSpace >= 0) {
      inverse.push(pendingSpace);
      pendingSpace = -1;
    }
    started = true;
    inverse.push(i);
  }
  return inverse;
}

/** Computes the report for one unit. `alignment` must have at least two coders. */
export function compareCoders(alignment: Alignment, options: CompareOptions): AgreementReport {
  const { coders } = alignment;
  if (coders.length < 2) throw new RangeError(`compareCoders: needs at least two coders, got ${coders.length}`);
  const codes = options.codes;
  const wanted = new Set(codes);
  const documents = codedDocuments(alignment, wanted);
  const locator = new Locator();
  const base = {
    unit: options.unit,
    coders,
    notes: alignment.notes.length,
    segments: alignment.notes.reduce((s, n) => s + n.segments.length, 0),
    characters: alignment.notes.reduce((s, n) => s + n.length, 0),
  };
  switch (options.unit) {
    case 'segment':
      return { ...base, ...segmentReport(alignment, documents, codes, locator) };
    case 'document':
    case 'document-frequency':
      return { ...base, ...documentReport(alignment, documents, codes, locator, options.unit === 'document-frequency') };
    case 'overlap':
      return { ...base, minOverlap: options.minOverlap ?? 0.9, ...overlapReport(alignment, documents, codes, locator, options.minOverlap ?? 0.9) };
    case 'character':
      return { ...base, ...characterReport(alignment, documents, codes, locator) };
  }
}

type Parts = Pick<AgreementReport, 'rows' | 'overall' | 'disagreements' | 'characterRows'>;

function segmentReport(alignment: Alignment, documents: CodedDocument[], codes: string[], locator: Locator): Parts {
  const m = alignment.coders.length;
  const built = segmentUnits(documents, { coders: alignment.coders, codes });
  const byCode = new Map(codes.map((code) => [code, [] as number[][]]));
  const disagreements: Disagreement[] = [];
  built.units.forEach((unit, u) => {
    const label = built.labels[u];
    byCode.get(label.code)!.push(unit);
    if (agreeing(unit)) return;
    const note = alignment.notes.find((n) => n.key === label.document)!;
    const segment = note.segments[label.segment];
    const first = unit.findIndex((v) => v === 1);
    const part = segment.parts[first];
    disagreements.push({
      code: label.code,
      note: note.key,
      path: note.notes[first].path,
      line: part.range.start.line,
      column: part.range.start.column,
      quote: locator.quote(note, segment.start, segment.end),
      verdicts: unit.map((v) => (v ? 'applied' : 'not applied')),
      values: [...unit],
    });
  });
  const rows = codes.map((code) => rowFromUnits(code, byCode.get(code)!, m, true));
  return { rows, overall: rowFromUnits('*', built.units, m, true), disagreements: sortDisagreements(disagreements, codes) };
}

function documentReport(alignment: Alignment, documents: CodedDocument[], codes: string[], locator: Locator, frequency: boolean): Parts {
  const m = alignment.coders.length;
  const all: number[][] = [];
  const rows: AgreementRow[] = [];
  const disagreements: Disagreement[] = [];
  for (const code of codes) {
    const units: number[][] = [];
    alignment.notes.forEach((note) => {
      const spans = note.spans.map((own) => own.filter((span) => span.code === code));
      const unit = spans.map((own) => (frequency ? own.length : own.length > 0 ? 1 : 0));
      units.push(unit);
      if (agreeing(unit)) return;
      const c = unit.findIndex((v) => v > 0);
      const span = spans[c][0];
      const at = locator.location(note, c, span.start);
      disagreements.push({
        code,
        note: note.key,
        ...at,
        quote: locator.quote(note, span.start, span.end),
        verdicts: unit.map((v, i) => (frequency ? `${v}×` : v ? `used (${spans[i].length}×)` : 'not used')),
        values: unit,
      });
    });
    all.push(...units);
    const row = rowFromUnits(code, units, m, !frequency, frequency ? { alphaInterval: stat(krippendorffAlpha(units, 'interval')) } : {});
    if (!frequency) row.percentCoded = stat(percentAgreement(codeExistenceUnits(documents, { coders: alignment.coders, codes: [code] }).units));
    rows.push(row);
  }
  const overall = rowFromUnits('*', all, m, !frequency, frequency ? { alphaInterval: stat(krippendorffAlpha(all, 'interval')) } : {});
  if (!frequency) overall.percentCoded = stat(percentAgreement(codeExistenceUnits(documents, { coders: alignment.coders, codes }).units));
  return { rows, overall, disagreements: sortDisagreements(disagreements, codes) };
}

function overlapReport(alignment: Alignment, documents: CodedDocument[], codes: string[], locator: Locator, minOverlap: number): Parts {
  const { coders } = alignment;
  const rowFor = (code: string, selected: string[]): AgreementRow => {
    // MAXQDA's kappa: chance 1/q with q the codes in the analysis, the same q for every row.
    const result = segmentOverlapKappa(documents, Math.max(1, codes.length), { coders, codes: selected, minOverlap });
    return {
      code,
      units: result.checks,
      coded: result.checks,
      agreements: result.matches,
      percent: stat({ value: result.observedAgreement, degenerate: result.observedAgreement === null ? result.degenerate : undefined }),
      percentCoded: stat({ value: result.observedAgreement, degenerate: result.observedAgreement === null ? result.degenerate : undefined }),
      kappa: { ...NOT_DEFINED, kind: coders.length === 2 ? 'cohen' : 'fleiss' },
      brennanPrediger: stat(result),
      alpha: NOT_DEFINED,
      uncodedShare: null,
      perCoder: coders.map((coder) => documents.reduce((s, d) => s + (d.codings[coder] ?? []).filter((span) => selected.includes(span.code)).length, 0)),
    };
  };
  const rows = codes.map((code) => rowFor(code, [code]));
  const overall = rowFor('*', codes);
  // One disagreement per span that failed to match at least one other coder.
  const details = segmentOverlapAgreement(documents, { coders, codes, minOverlap }).details;
  const grouped = new Map<string, typeof details>();
  for (const check of details) {
    const key = `${check.document}\u0000${check.coder}\u0000${check.code}\u0000${check.start}\u0000${check.end}`;
    (grouped.get(key) ?? grouped.set(key, []).get(key)!).push(check);
  }
  const disagreements: Disagreement[] = [];
  for (const checks of grouped.values()) {
    if (checks.every((check) => check.matched)) continue;
    const { document, coder, code, start, end } = checks[0];
    const note = alignment.notes.find((n) => n.key === document)!;
    const c = coders.indexOf(coder);
    const values = coders.map((other) => (other === coder ? 1 : (checks.find((check) => check.against === other)?.bestOverlap ?? 0)));
    disagreements.push({
      code,
      note: document,
      ...locator.location(note, c, start),
      quote: locator.quote(note, start, end),
      verdicts: coders.map((other, i) =>
        other === coder ? 'coded this span' : values[i] >= minOverlap ? `matched (${share(values[i])})` : values[i] > 0 ? `overlaps only ${share(values[i])}` : 'did not code it',
      ),
      values,
    });
  }
  return { rows, overall, disagreements: sortDisagreements(disagreements, codes) };
}

function share(x: number): string {
  return `${Math.floor(x * 1000) / 10}%`;
}

/** Elementary intervals of a note for one code: each with the coders who coded it. */
function intervals(note: AlignedNote, code: string, coders: number): Array<{ start: number; end: number; values: Array<0 | 1> }> {
  const spans = note.spans.map((own) => own.filter((span) => span.code === code));
  const cuts = new Set<number>([0, note.length]);
  for (const own of spans) for (const span of own) cuts.add(span.start).add(span.end);
  const points = [...cuts].sort((a, b) => a - b);
  const out: Array<{ start: number; end: number; values: Array<0 | 1> }> = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i];
    const end = points[i + 1];
    if (end <= start) continue;
    const values = Array.from({ length: coders }, (_, c) => (spans[c].some((span) => span.start <= start && end <= span.end) ? 1 : 0) as 0 | 1);
    const last = out[out.length - 1];
    if (last && last.end === start && last.values.every((v, c) => v === values[c])) last.end = end;
    else out.push({ start, end, values });
  }
  return out;
}

function characterReport(alignment: Alignment, documents: CodedDocument[], codes: string[], locator: Locator): Parts {
  const m = alignment.coders.length;
  const all: BinaryPattern[] = [];
  const rows: AgreementRow[] = [];
  const disagreements: Disagreement[] = [];
  for (const code of codes) {
    const patterns: BinaryPattern[] = [];
    const perCoder = new Array<number>(m).fill(0);
    let coded = 0;
    let agreements = 0;
    for (const note of alignment.notes) {
      for (const piece of intervals(note, code, m)) {
        const weight = piece.end - piece.start;
        patterns.push({ values: piece.values, weight });
        piece.values.forEach((v, c) => (perCoder[c] += v * weight));
        const any = piece.values.some((v) => v === 1);
        if (any) coded += weight;
        if (agreeing(piece.values)) {
          agreements += weight;
          continue;
        }
        const c = piece.values.indexOf(1);
        disagreements.push({
          code,
          note: note.key,
          ...locator.location(note, c, piece.start),
          quote: locator.quote(note, piece.start, piece.end),
          verdicts: piece.values.map((v) => (v ? 'coded' : 'not coded')),
          values: [...piece.values],
        });
      }
    }
    all.push(...patterns);
    rows.push(characterRow(code, patterns, m, coded, agreements, perCoder));
  }
  const total = rows.reduce((s, r) => s + r.units, 0);
  const overall = characterRow(
    '*',
    all,
    m,
    rows.reduce((s, r) => s + r.coded, 0),
    rows.reduce((s, r) => s + r.agreements, 0),
    alignment.coders.map((_, c) => rows.reduce((s, r) => s + r.perCoder[c], 0)),
  );
  overall.units = total;
  const characterRows = m === 2 ? characterAgreementByCode(documents, { coders: alignment.coders, codes }) : undefined;
  return { rows, overall, disagreements: sortDisagreements(disagreements, codes), ...(characterRows ? { characterRows } : {}) };
}

function characterRow(code: string, patterns: BinaryPattern[], m: number, coded: number, agreements: number, perCoder: number[]): AgreementRow {
  const units = patterns.reduce((s, p) => s + p.weight, 0);
  const result = binaryPatternCoefficients(patterns, m);
  const codedPatterns = patterns.filter((p) => p.values.some((v) => v === 1));
  return {
    code,
    units,
    coded,
    agreements,
    percent: stat(result.percent),
    percentCoded: stat(binaryPatternCoefficients(codedPatterns, m).percent),
    kappa: { ...stat(result.kappa), kind: m === 2 ? 'cohen' : 'fleiss' },
    brennanPrediger: stat(result.brennanPrediger),
    alpha: stat(result.alpha),
    uncodedShare: units === 0 ? null : (units - coded) / units,
    perCoder,
  };
}

function sortDisagreements(list: Disagreement[], codes: string[]): Disagreement[] {
  const order = new Map(codes.map((code, i) => [code, i]));
  return list
    .map((d, i) => ({ d, i }))
    .sort((a, b) => order.get(a.d.code)! - order.get(b.d.code)! || (a.d.note < b.d.note ? -1 : a.d.note > b.d.note ? 1 : 0) || a.i - b.i)
    .map(({ d }) => d);
}
