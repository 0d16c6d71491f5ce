// Each code's share per phase, per group, with Saldaña's change categories.
import type { Corpus } from '../../types.js';
import { CHANGE_DEFAULTS, phaseChange, type ChangeThresholds, type PhaseChange } from '../../core/phase-change.js';
import { caseDimensions } from '../../core/cases.js';
import type { Checked } from '../../model/checked.js';
import { SpecReader } from '../parse.js';
import { checkPhase, phaseOf } from '../phase.js';
import type { PhaseChangeSpec, RawSpec, SpecContext } from '../spec.js';

export function parseSpec(raw: RawSpec, context: SpecContext): Checked<PhaseChangeSpec> {
  const reader = new SpecReader(raw, context);
  const by = reader.by(['group'].filter((name) => reader.variables.includes(name)), caseDimensions(context.corpus));
  const spec: PhaseChangeSpec = { ...reader.base('phase-change'), by, change: parseThresholds(reader) };
  const phase = reader.variable('phase');
  if (phase !== undefined) spec.phase = phase;
  checkPhase(reader, 'phase', phase);
  return reader.done(spec);
}

export function analyse(corpus: Corpus, spec: PhaseChangeSpec): PhaseChange {
  return phaseChange(corpus, phaseOf(corpus, spec.phase), spec.by, spec.filters, spec.change ?? CHANGE_DEFAULTS);
}

/**
 * The thresholds of the change categories (phase-change, phase-report):
 * `constant` (percentage points, 0–100) and `present` (coded segments, ≥ 1).
 */
export function parseThresholds(reader: SpecReader): ChangeThresholds {
  const { constant: rawConstant, present: rawPresent } = reader.raw;
  const number = (raw: unknown): unknown => (typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw);
  let constant = rawConstant === undefined ? CHANGE_DEFAULTS.constant : number(rawConstant);
  if (typeof constant !== 'number' || !Number.isFinite(constant) || constant < 0 || constant > 100) {
    reader.unexpected('constant', rawConstant, 'percentage points from 0 to 100 (e.g. 5)');
    constant = CHANGE_DEFAULTS.constant;
  }
  let present = rawPresent === undefined ? CHANGE_DEFAULTS.present : number(rawPresent);
  if (typeof present !== 'number' || !Number.isInteger(present) || present < 1) {
    reader.unexpected('present', rawPresent, 'a whole number of coded segments, at least 1');
    present = CHANGE_DEFAULTS.present;
  }
  return { constant: constant as number, present: present as number };
}
