// Each code's share per phase, per group, with Saldaña's change categories.
import type { Corpus } from '../../types.js';
import { CHANGE_DEFAULTS, phaseChange, type ChangeThresholds, type PhaseChange } from '../../core/phase-change.js';
import { requirePhase } from '../phase.js';
import type { ReportSpec } from '../spec.js';

export function analyse(corpus: Corpus, spec: ReportSpec): PhaseChange {
  return phaseChange(corpus, requirePhase(corpus, spec.phase), spec.by, spec.filters, spec.change ?? CHANGE_DEFAULTS);
}

/**
 * The thresholds of the change categories, from a declaration or the command
 * line: `constant` (percentage points, ≥ 0) and `present` (coded segments, ≥ 1).
 */
export function parseSpec(values: { constant?: unknown; present?: unknown }, fail: (key: string, value: unknown, expected: string) => never): ChangeThresholds {
  const number = (raw: unknown): unknown => (typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw);
  const constant = values.constant === undefined ? CHANGE_DEFAULTS.constant : number(values.constant);
  if (typeof constant !== 'number' || !Number.isFinite(constant) || constant < 0 || constant > 100) return fail('constant', values.constant, 'percentage points from 0 to 100 (e.g. 5)');
  const present = values.present === undefined ? CHANGE_DEFAULTS.present : number(values.present);
  if (typeof present !== 'number' || !Number.isInteger(present) || present < 1) return fail('present', values.present, 'a whole number of coded segments, at least 1');
  return { constant, present };
}
